/**
 * The Electron shell's lifecycle, with Electron and electron-updater passed in (main.ts passes the real
 * modules; tests pass fakes). Order matters and is Electron's: privileged scheme and single-instance
 * lock before `ready`; protocol, permissions, IPC and windows after it.
 */
import type { BrowserWindow } from 'electron';
import { callMethod } from '../api/call-method.ts';
import type { Api } from '../api/types.ts';
import { registerAppScheme, serveAppProtocol } from './app-protocol.ts';
import type { WindowRole } from './app-origin.ts';
import { denyAllPermissions, hardenWebContents } from './hardening.ts';
import { createSenderRegistry, forwardEvents, registerIpcHandlers, type SenderRegistry } from './ipc-bridge.ts';
import { buildMenuTemplate } from './menu.ts';
import { ProjectorController } from './projector.ts';
import { isProjectorShortcut } from './shortcuts.ts';
import { createUpdater, type Updater, type UpdaterPort } from './updater.ts';
import { consoleWindowOptions, loadRole } from './windows.ts';

/** The parts of the `electron` module the shell uses. */
export type ElectronPort = Pick<
  typeof import('electron'),
  'app' | 'BrowserWindow' | 'ipcMain' | 'protocol' | 'session' | 'screen' | 'Menu' | 'net' | 'dialog'
>;

/** The opened core: the API over the store, and how to close it at quit. */
export type Core = { api: Api; close(): void; shutdown?(): Promise<void> };

export type ShellLog = {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
};

export type ShellDeps = {
  electron: ElectronPort;
  loadUpdater: () => UpdaterPort;
  openCore: () => Promise<Core>;
  rendererDir: string;
  preloadPath: string;
  iconPath?: string;
  log?: ShellLog;
  /** Delay before the first update check; periodic after that. */
  updateCheck?: { firstDelayMs?: number; intervalMs?: number };
};

export type RunningShell = {
  core: Core;
  registry: SenderRegistry;
  projector: ProjectorController;
  updater: Updater;
  consoleWindow(): BrowserWindow | null;
};

export type ShellStart =
  | { kind: 'second_instance' }
  | { kind: 'started'; ready: Promise<RunningShell | null> };

export const consoleLog: ShellLog = {
  info: (m) => console.log(`pleno: ${m}`),
  warn: (m) => console.warn(`pleno: ${m}`),
  error: (m, e) => console.error(`pleno: ${m}`, ...(e === undefined ? [] : [e])),
};

export function startShell(deps: ShellDeps): ShellStart {
  const { app, protocol } = deps.electron;
  const log = deps.log ?? consoleLog;

  registerAppScheme(protocol);
  if (!app.requestSingleInstanceLock()) {
    // Two processes on one SQLite file and one projector is a recipe for confusion: hand over and leave.
    log.info('Pleno sudah berjalan; jendela yang ada ditampilkan.');
    app.quit();
    return { kind: 'second_instance' };
  }

  let consoleWin: BrowserWindow | null = null;
  app.on('second-instance', () => {
    if (!consoleWin || consoleWin.isDestroyed()) return;
    if (consoleWin.isMinimized()) consoleWin.restore();
    consoleWin.focus();
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, log.warn));
  app.on('window-all-closed', () => app.quit());

  const ready = app.whenReady().then(
    () => afterReady(deps, log, { get: () => consoleWin, set: (w) => (consoleWin = w) }),
    (error: unknown) => {
      log.error('Electron gagal siap', error);
      return null;
    },
  );
  return { kind: 'started', ready };
}

async function afterReady(
  deps: ShellDeps,
  log: ShellLog,
  consoleRef: { get(): BrowserWindow | null; set(w: BrowserWindow | null): void },
): Promise<RunningShell | null> {
  const { app, BrowserWindow, ipcMain, protocol, session, screen, Menu, net, dialog } = deps.electron;

  serveAppProtocol(protocol, deps.rendererDir);
  denyAllPermissions(session.defaultSession, log.warn);

  let core: Core;
  try {
    core = await deps.openCore();
  } catch (error) {
    // A database that cannot be opened (newer than this app, unreadable) is shown, not crashed on.
    log.error('basis data tidak dapat dibuka', error);
    dialog.showErrorBox('Pleno tidak dapat dibuka', error instanceof Error ? error.message : String(error));
    app.exit(1);
    return null;
  }
  // Quitting while an import reads: the quit waits for the readers to pause (their files go back to the
  // queue), then the database closes and the app quits for real.
  let closing: Promise<void> | null = null;
  app.on('will-quit', (event?: { preventDefault(): void }) => {
    if (closing) return;
    if (!core.shutdown || !event) return core.close();
    event.preventDefault();
    closing = core.shutdown()
      .catch((error: unknown) => log.error('penutupan tidak bersih', error))
      .finally(() => app.quit());
  });

  const registry = createSenderRegistry();
  const call = (name: Parameters<typeof callMethod>[1], input: unknown, access: 'operator' | 'viewer') =>
    callMethod(core.api, name, input, access, { face: 'electron' });
  registerIpcHandlers(ipcMain, { call, registry, log: log.error });
  forwardEvents(core.api.events, registry, log.error);

  const create = (options: Electron.BrowserWindowConstructorOptions) => new BrowserWindow(options);
  const setup = { create, preloadPath: deps.preloadPath, devTools: !app.isPackaged, ...(deps.iconPath ? { iconPath: deps.iconPath } : {}) };

  let projector: ProjectorController;
  const adopt = (win: BrowserWindow, role: WindowRole) => {
    registry.add(win.webContents, role);
    win.webContents.on('before-input-event', (event, input) => {
      if (isProjectorShortcut(input)) {
        event.preventDefault();
        projector.toggle();
      }
    });
  };

  const refreshMenu = () =>
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        buildMenuTemplate({
          projectorOpen: projector.isOpen(),
          developer: !app.isPackaged,
          onToggleProjector: () => projector.toggle(),
          onAbout: () => {
            const parent = consoleRef.get();
            const options = {
              type: 'info' as const,
              title: 'Tentang Pleno',
              message: `Pleno ${app.getVersion()}`,
              detail: 'Rekapitulasi hasil penghitungan suara Pilkada tingkat kecamatan dan kabupaten/kota.',
            };
            void (parent ? dialog.showMessageBox(parent, options) : dialog.showMessageBox(options));
          },
        }),
      ),
    );

  projector = new ProjectorController({
    ...setup,
    screen,
    consoleWindow: () => consoleRef.get(),
    onCreated: (win) => {
      win.removeMenu();
      adopt(win, 'projector');
    },
    onChange: refreshMenu,
    log: log.info,
  });

  const consoleWin = create(consoleWindowOptions(setup));
  consoleRef.set(consoleWin);
  adopt(consoleWin, 'console');
  consoleWin.on('closed', () => {
    consoleRef.set(null);
    // The projector has no menu of its own; without the console it would be orphaned.
    if (projector.isOpen()) projector.close();
  });
  loadRole(consoleWin, 'console');
  refreshMenu();
  projector.followDisplays();
  // With a projector already attached at start, put the projector view on it straight away.
  if (projector.choosePlacement().fullscreen) projector.open();

  const updater = createUpdater({
    loadUpdater: deps.loadUpdater,
    isOnline: () => net.isOnline(),
    isPackaged: app.isPackaged,
    getUpdateUrl: async () => (await callMethod(core.api, 'getSettings', {}, 'operator')).updateUrl,
    log: { info: log.info, warn: log.warn, error: (m) => log.error(m) },
  });
  updater.schedule(deps.updateCheck);
  // A newly entered update URL is tried at once rather than at the next periodic check.
  core.api.events.on('dataChanged', (change) => {
    if (change.scope === 'settings') void updater.check();
  });

  return { core, registry, projector, updater, consoleWindow: () => consoleRef.get() };
}
