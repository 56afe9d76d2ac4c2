/**
 * A fake of the parts of the `electron` module Pleno's shell uses, recording what the shell asks of
 * it. The same object serves unit tests (passed to startShell) and the built-bundle test (returned
 * from require('electron') by a module hook), so both exercise the boundary the same way.
 */
import { EventEmitter } from 'node:events';

export type Rect = { x: number; y: number; width: number; height: number };
export type FakeDisplay = { id: number; bounds: Rect; workArea: Rect };

export function display(id: number, x: number, width = 1920, height = 1080): FakeDisplay {
  return { id, bounds: { x, y: 0, width, height }, workArea: { x, y: 0, width, height: height - 40 } };
}

/** An event object like Electron's: records whether a handler called preventDefault(). */
export function preventable<T extends object>(fields: T): T & { defaultPrevented: boolean; preventDefault(): void } {
  const event = {
    ...fields,
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
  };
  return event;
}

export type FakeFrame = { url: string; parent: FakeFrame | null };

let nextContentsId = 1;

export class FakeWebContents extends EventEmitter {
  readonly id = nextContentsId++;
  readonly mainFrame: FakeFrame = { url: '', parent: null };
  readonly sent: Array<{ channel: string; message: unknown }> = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  destroyed = false;

  send(channel: string, message: unknown): void {
    if (this.destroyed) throw new Error('WebContents destroyed');
    this.sent.push({ channel, message });
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  getURL(): string {
    return this.mainFrame.url;
  }
  destroy(): void {
    this.destroyed = true;
    this.emit('destroyed');
  }
}

export type FakeElectronOptions = {
  displays?: FakeDisplay[];
  primaryId?: number;
  singleInstance?: boolean;
  online?: boolean;
  isPackaged?: boolean;
};

export function createFakeElectron(options: FakeElectronOptions = {}) {
  const calls: string[] = [];
  const log = (entry: string) => calls.push(entry);

  let displays = [...(options.displays ?? [display(1, 0)])];
  const primaryId = options.primaryId ?? displays[0]!.id;
  let online = options.online ?? true;
  let resolveReady!: () => void;
  const readyPromise = new Promise<void>((resolve) => (resolveReady = resolve));

  const app = Object.assign(new EventEmitter(), {
    isPackaged: options.isPackaged ?? false,
    quitCalled: 0,
    exitCode: null as number | null,
    paths: {} as Record<string, string>,
    requestSingleInstanceLock() {
      log('app.requestSingleInstanceLock');
      return options.singleInstance ?? true;
    },
    quit() {
      log('app.quit');
      app.quitCalled++;
    },
    exit(code = 0) {
      log(`app.exit:${code}`);
      app.exitCode = code;
    },
    whenReady() {
      log('app.whenReady');
      return readyPromise;
    },
    getVersion: () => '0.1.0',
    getName: () => 'Pleno',
    setPath(name: string, value: string) {
      log(`app.setPath:${name}`);
      app.paths[name] = value;
    },
    getPath(name: string) {
      return app.paths[name] ?? `/tmp/fake-electron/${name}`;
    },
    getAppPath: () => process.cwd(),
    setAppUserModelId(id: string) {
      log(`app.setAppUserModelId:${id}`);
    },
  });

  const windows: FakeBrowserWindow[] = [];

  class FakeBrowserWindow extends EventEmitter {
    readonly webContents = new FakeWebContents();
    bounds: Rect;
    fullscreen: boolean;
    shown = false;
    destroyed = false;
    menuRemoved = false;
    focused = 0;
    constructor(readonly options: Record<string, any>) {
      super();
      log('new BrowserWindow');
      this.bounds = {
        x: options.x ?? 0,
        y: options.y ?? 0,
        width: options.width ?? 800,
        height: options.height ?? 600,
      };
      this.fullscreen = options.fullscreen ?? false;
      windows.push(this);
      app.emit('web-contents-created', {}, this.webContents);
    }
    static getAllWindows() {
      return windows.filter((w) => !w.destroyed);
    }
    loadURL(url: string) {
      this.webContents.mainFrame.url = url;
      queueMicrotask(() => this.emit('ready-to-show'));
      return Promise.resolve();
    }
    show() {
      this.shown = true;
    }
    focus() {
      this.focused++;
    }
    close() {
      if (this.destroyed) return;
      this.destroyed = true;
      this.webContents.destroy();
      this.emit('closed');
      if (FakeBrowserWindow.getAllWindows().length === 0) app.emit('window-all-closed');
    }
    isDestroyed() {
      return this.destroyed;
    }
    isMinimized() {
      return false;
    }
    restore() {}
    getBounds() {
      return { ...this.bounds };
    }
    removeMenu() {
      this.menuRemoved = true;
    }
  }

  const handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  const ipcMain = {
    handle(channel: string, fn: (event: unknown, ...args: unknown[]) => unknown) {
      if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      handlers.set(channel, fn);
    },
    removeHandler(channel: string) {
      handlers.delete(channel);
    },
    handlers,
    /** What the renderer's ipcRenderer.invoke would get, sent from `contents`'s given frame. */
    async invokeFrom(contents: FakeWebContents, channel: string, payload: unknown, frame: FakeFrame | null = contents.mainFrame) {
      const fn = handlers.get(channel);
      if (!fn) throw new Error(`No handler registered for '${channel}'`);
      return fn({ sender: contents, senderFrame: frame }, payload);
    },
  };

  const protocol = {
    privileged: [] as Array<{ scheme: string; privileges?: Record<string, boolean> }>,
    handlers: new Map<string, (request: Request) => Response | Promise<Response>>(),
    registerSchemesAsPrivileged(schemes: Array<{ scheme: string; privileges?: Record<string, boolean> }>) {
      log('protocol.registerSchemesAsPrivileged');
      protocol.privileged.push(...schemes);
    },
    handle(scheme: string, handler: (request: Request) => Response | Promise<Response>) {
      log(`protocol.handle:${scheme}`);
      protocol.handlers.set(scheme, handler);
    },
  };

  type RequestHandler = null | ((wc: unknown, permission: string, cb: (granted: boolean) => void, details?: unknown) => void);
  type CheckHandler = null | ((wc: unknown, permission: string, origin: string, details?: unknown) => boolean);
  const defaultSession = {
    permissionRequestHandler: null as RequestHandler,
    permissionCheckHandler: null as CheckHandler,
    setPermissionRequestHandler(fn: RequestHandler) {
      defaultSession.permissionRequestHandler = fn;
    },
    setPermissionCheckHandler(fn: CheckHandler) {
      defaultSession.permissionCheckHandler = fn;
    },
  };

  const screen = Object.assign(new EventEmitter(), {
    getAllDisplays: () => displays.map((d) => ({ ...d })),
    getPrimaryDisplay: () => ({ ...displays.find((d) => d.id === primaryId)! }),
    getDisplayMatching(rect: Rect) {
      const cx = rect.x + rect.width / 2;
      const cy = rect.y + rect.height / 2;
      const hit = displays.find((d) => cx >= d.bounds.x && cx < d.bounds.x + d.bounds.width && cy >= d.bounds.y && cy < d.bounds.y + d.bounds.height);
      return { ...(hit ?? displays.find((d) => d.id === primaryId)!) };
    },
    attach(d: FakeDisplay) {
      displays.push(d);
      screen.emit('display-added', {}, d);
    },
    detach(id: number) {
      const d = displays.find((x) => x.id === id)!;
      displays = displays.filter((x) => x.id !== id);
      screen.emit('display-removed', {}, d);
    },
  });

  const Menu = {
    current: null as null | { template: any[] },
    buildFromTemplate: (template: any[]) => ({ template }),
    setApplicationMenu(menu: { template: any[] } | null) {
      Menu.current = menu;
    },
  };

  const net = {
    isOnline: () => online,
    setOnline(value: boolean) {
      online = value;
    },
  };

  const dialog = {
    errors: [] as Array<{ title: string; content: string }>,
    showErrorBox(title: string, content: string) {
      dialog.errors.push({ title, content });
    },
    showMessageBox: async () => ({ response: 0, checkboxChecked: false }),
  };

  const exposed = new Map<string, unknown>();
  const contextBridge = {
    exposeInMainWorld(key: string, api: unknown) {
      exposed.set(key, api);
    },
  };
  const ipcRenderer = Object.assign(new EventEmitter(), {
    invoked: [] as Array<{ channel: string; args: unknown[] }>,
    reply: (async () => ({ ok: true, value: null })) as (channel: string, ...args: unknown[]) => Promise<unknown>,
    invoke(channel: string, ...args: unknown[]) {
      ipcRenderer.invoked.push({ channel, args });
      return ipcRenderer.reply(channel, ...args);
    },
  });

  return {
    calls,
    windows,
    app,
    BrowserWindow: FakeBrowserWindow,
    ipcMain,
    protocol,
    session: { defaultSession },
    screen,
    Menu,
    net,
    dialog,
    contextBridge,
    ipcRenderer,
    exposed,
    /** Let `app.whenReady()` resolve, as Electron does once initialised. */
    ready: () => resolveReady(),
  };
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;

/** A stand-in for electron-updater's autoUpdater, recording configuration and checks. */
export function createFakeUpdater(options: { latest?: string; fail?: Error } = {}) {
  const updater = Object.assign(new EventEmitter(), {
    feeds: [] as unknown[],
    checks: 0,
    autoDownload: false,
    autoInstallOnAppQuit: false,
    logger: null as unknown,
    setFeedURL(feed: unknown) {
      updater.feeds.push(feed);
    },
    async checkForUpdates() {
      updater.checks++;
      if (options.fail) throw options.fail;
      return { updateInfo: { version: options.latest ?? '0.1.0' } };
    },
  });
  return updater;
}
