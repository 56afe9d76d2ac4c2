/**
 * The application menu, in Bahasa Indonesia. Rebuilt whenever the projector opens or closes so the
 * checkbox tells the truth.
 */
import type { MenuItemConstructorOptions } from 'electron';
import { PROJECTOR_ACCELERATOR } from './shortcuts.ts';

export type MenuState = {
  projectorOpen: boolean;
  /** Developer tools only in an unpackaged (development) run. */
  developer: boolean;
  onToggleProjector: () => void;
  onAbout: () => void;
};

export const PROJECTOR_MENU_LABEL = 'Tampilkan Proyektor';

export function buildMenuTemplate(state: MenuState): MenuItemConstructorOptions[] {
  const view: MenuItemConstructorOptions[] = [
    {
      id: 'toggle-projector',
      label: PROJECTOR_MENU_LABEL,
      type: 'checkbox',
      checked: state.projectorOpen,
      accelerator: PROJECTOR_ACCELERATOR,
      click: () => state.onToggleProjector(),
    },
    { type: 'separator' },
    { role: 'reload', label: 'Muat Ulang' },
    { role: 'resetZoom', label: 'Ukuran Asli' },
    { role: 'zoomIn', label: 'Perbesar' },
    { role: 'zoomOut', label: 'Perkecil' },
    { type: 'separator' },
    { role: 'togglefullscreen', label: 'Layar Penuh' },
  ];
  if (state.developer) view.push({ type: 'separator' }, { role: 'toggleDevTools', label: 'Alat Pengembang' });

  return [
    { label: 'Berkas', submenu: [{ role: 'quit', label: 'Keluar' }] },
    {
      label: 'Sunting',
      submenu: [
        { role: 'undo', label: 'Urungkan' },
        { role: 'redo', label: 'Ulangi' },
        { type: 'separator' },
        { role: 'cut', label: 'Potong' },
        { role: 'copy', label: 'Salin' },
        { role: 'paste', label: 'Tempel' },
        { role: 'selectAll', label: 'Pilih Semua' },
      ],
    },
    { label: 'Tampilan', submenu: view },
    { label: 'Bantuan', submenu: [{ label: 'Tentang Pleno', click: () => state.onAbout() }] },
  ];
}
