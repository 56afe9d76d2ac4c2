/**
 * The projector window's lifecycle: opened and closed from the menu or shortcut, placed full-screen on
 * a display of its own when one exists, and following displays as they are plugged in or pulled out
 * (a projector cable is often connected after the app has started).
 */
import type { BrowserWindow, Display, Screen } from 'electron';
import { centredIn, pickProjectorDisplay } from './displays.ts';
import { loadRole, projectorWindowOptions, type WindowSetup } from './windows.ts';

export type ProjectorDeps = WindowSetup & {
  screen: Pick<Screen, 'getAllDisplays' | 'getPrimaryDisplay' | 'getDisplayMatching' | 'on' | 'removeListener'>;
  /** The console, whose display the projector avoids. */
  consoleWindow: () => BrowserWindow | null;
  /** Called for every new projector window (IPC role, shortcuts). */
  onCreated: (win: BrowserWindow) => void;
  /** Open/closed changed: the menu's checkbox follows. */
  onChange: (open: boolean) => void;
  log: (message: string) => void;
};

export type ProjectorPlacement = { displayId: number | null; fullscreen: boolean; bounds: Display['bounds'] };

const WINDOWED = { width: 1280, height: 720 };

export class ProjectorController {
  private win: BrowserWindow | null = null;
  private placement: ProjectorPlacement | null = null;

  constructor(private readonly deps: ProjectorDeps) {}

  isOpen(): boolean {
    return this.win !== null && !this.win.isDestroyed();
  }

  /** Where the projector is (or would be) shown; null when closed. */
  current(): ProjectorPlacement | null {
    return this.isOpen() ? this.placement : null;
  }

  toggle(): void {
    if (this.isOpen()) this.close();
    else this.open();
  }

  open(): void {
    if (this.isOpen()) {
      this.win!.focus();
      return;
    }
    const placement = this.choosePlacement();
    const win = this.deps.create(projectorWindowOptions(this.deps, placement));
    this.win = win;
    this.placement = placement;
    win.on('closed', () => {
      if (this.win !== win) return;
      this.win = null;
      this.placement = null;
      this.deps.onChange(false);
    });
    this.deps.onCreated(win);
    loadRole(win, 'projector');
    this.deps.log(placement.fullscreen ? `proyektor dibuka layar penuh di layar ${placement.displayId}` : 'proyektor dibuka sebagai jendela biasa');
    this.deps.onChange(true);
  }

  close(): void {
    const win = this.win;
    if (!win) return;
    // Forget it first: its 'closed' event (sync or not) then knows it was us and stays quiet.
    this.win = null;
    this.placement = null;
    if (!win.isDestroyed()) win.close();
    this.deps.onChange(false);
  }

  /** Start following display changes; returns the unsubscribe. */
  followDisplays(): () => void {
    const added = (_event: unknown, display: Display) => this.displayAdded(display);
    const removed = (_event: unknown, display: Display) => this.displayRemoved(display);
    this.deps.screen.on('display-added', added);
    this.deps.screen.on('display-removed', removed);
    return () => {
      this.deps.screen.removeListener('display-added', added);
      this.deps.screen.removeListener('display-removed', removed);
    };
  }

  displayAdded(display: Display): void {
    // A windowed projector moves to the newly attached screen; a closed one stays closed.
    if (this.isOpen() && this.placement?.displayId === null) {
      this.deps.log(`layar baru ${display.id}: proyektor dipindahkan`);
      this.reopen();
    }
  }

  displayRemoved(display: Display): void {
    // Its screen is gone: bring it back as a window rather than leave it on a ghost display.
    if (this.isOpen() && this.placement?.displayId === display.id) {
      this.deps.log(`layar ${display.id} dilepas: proyektor kembali menjadi jendela`);
      this.reopen();
    }
  }

  private reopen(): void {
    const win = this.win;
    this.win = null;
    this.placement = null;
    if (win && !win.isDestroyed()) win.close();
    this.open();
  }

  choosePlacement(): ProjectorPlacement {
    const { screen } = this.deps;
    const displays = screen.getAllDisplays();
    const primary = screen.getPrimaryDisplay();
    const consoleWin = this.deps.consoleWindow();
    const consoleDisplayId = consoleWin && !consoleWin.isDestroyed() ? screen.getDisplayMatching(consoleWin.getBounds()).id : null;
    const target = pickProjectorDisplay(displays, consoleDisplayId, primary.id);
    if (target) return { displayId: target.id, fullscreen: true, bounds: { ...target.bounds } };
    return { displayId: null, fullscreen: false, bounds: centredIn(primary.workArea, WINDOWED.width, WINDOWED.height) };
  }
}
