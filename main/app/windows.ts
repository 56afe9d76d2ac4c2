/**
 * Creating the two kinds of window. Both get the hardened web preferences and the same preload; what
 * differs is size, chrome and which route of the renderer they show.
 */
import type { BrowserWindow as BrowserWindowClass, BrowserWindowConstructorOptions, Rectangle } from 'electron';
import { appUrl, type WindowRole } from './app-origin.ts';
import { hardenedWebPreferences } from './hardening.ts';

export type WindowFactory = (options: BrowserWindowConstructorOptions) => BrowserWindowClass;

export type WindowSetup = {
  create: WindowFactory;
  preloadPath: string;
  iconPath?: string;
  /** Development runs only. */
  devTools?: boolean;
};

export function consoleWindowOptions(setup: Pick<WindowSetup, 'preloadPath' | 'iconPath' | 'devTools'>): BrowserWindowConstructorOptions {
  return {
    title: 'Pleno — Konsol Operator',
    width: 1366,
    height: 820,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    backgroundColor: '#f4f5f7',
    ...(setup.iconPath ? { icon: setup.iconPath } : {}),
    webPreferences: hardenedWebPreferences(setup.preloadPath, { devTools: setup.devTools ?? false }),
  };
}

/** On its own display: borderless and full-screen over that display. Otherwise a normal window. */
export function projectorWindowOptions(
  setup: Pick<WindowSetup, 'preloadPath' | 'iconPath' | 'devTools'>,
  placement: { bounds: Rectangle; fullscreen: boolean },
): BrowserWindowConstructorOptions {
  return {
    title: 'Pleno — Proyektor',
    ...placement.bounds,
    fullscreen: placement.fullscreen,
    frame: !placement.fullscreen,
    autoHideMenuBar: true,
    show: false,
    backgroundColor: '#000000',
    ...(setup.iconPath ? { icon: setup.iconPath } : {}),
    webPreferences: hardenedWebPreferences(setup.preloadPath, { devTools: setup.devTools ?? false }),
  };
}

/** Load the role's route and show the window once its first paint is ready (no white flash). */
export function loadRole(win: BrowserWindowClass, role: WindowRole): void {
  win.once('ready-to-show', () => win.show());
  void win.loadURL(appUrl(role)).catch(() => {
    // A failed load is reported by 'did-fail-load'; the promise rejection itself carries nothing more.
  });
}
