// The shell as a whole, with Electron faked at its boundary and the real API over a real SQLite store:
// start-up order, windows, permissions, IPC sender checks and validation, events, projector, updater.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { methodNames } from '../../shared/api/contract.ts';
import type { IpcResult } from '../../main/app/ipc-channels.ts';
import { display, FakeWebContents, preventable } from './support/fake-electron.ts';
import { cleanupShellTemps, startHarness, type Harness } from './support/shell-harness.ts';

after(cleanupShellTemps);

const invoke = (h: Harness, contents: FakeWebContents, method: string, payload: unknown, frame?: { url: string; parent: null | object } | null) =>
  h.fake.ipcMain.invokeFrom(contents, `pleno:${method}`, payload, frame as never) as Promise<IpcResult>;

describe('shell start-up', () => {
  test('privileged scheme and single-instance lock come before ready; protocol and windows after', async () => {
    const h = await startHarness();
    const c = h.fake.calls;
    const at = (entry: string) => c.indexOf(entry);
    assert.ok(at('protocol.registerSchemesAsPrivileged') >= 0 && at('protocol.registerSchemesAsPrivileged') < at('app.whenReady'));
    assert.ok(at('app.requestSingleInstanceLock') < at('app.whenReady'));
    assert.ok(at('protocol.handle:app') > at('app.whenReady'));
    assert.ok(at('new BrowserWindow') > at('protocol.handle:app'));
    assert.deepEqual(h.fake.protocol.privileged.map((s) => s.scheme), ['app']);
    h.quit();
    assert.equal(h.closedCount(), 1, 'the database is closed at quit');
  });

  test('a second instance hands over and quits without opening anything', async () => {
    const h = await startHarness({ singleInstance: false });
    assert.equal(h.started.kind, 'second_instance');
    assert.equal(h.fake.app.quitCalled, 1);
    assert.equal(h.fake.windows.length, 0);
    assert.equal(h.fake.protocol.handlers.size, 0);
  });

  test('a database that cannot open is shown in a dialog and the app exits 1', async () => {
    const h = await startHarness({ failOpen: new Error('basis data lebih baru dari aplikasi ini') });
    assert.equal(h.shell, null);
    assert.deepEqual(h.fake.dialog.errors, [{ title: 'Pleno tidak dapat dibuka', content: 'basis data lebih baru dari aplikasi ini' }]);
    assert.equal(h.fake.app.exitCode, 1);
    assert.equal(h.fake.windows.length, 0);
    assert.equal(h.fake.ipcMain.handlers.size, 0, 'no IPC without a core');
  });

  test('the console is hardened, loads app://pleno and is shown when ready', async () => {
    const h = await startHarness();
    const win = h.consoleWin();
    assert.equal(win.options.webPreferences.contextIsolation, true);
    assert.equal(win.options.webPreferences.sandbox, true);
    assert.equal(win.options.webPreferences.nodeIntegration, false);
    assert.equal(win.options.webPreferences.devTools, true, 'development run: developer tools allowed');
    assert.equal(win.webContents.mainFrame.url, 'app://pleno/index.html#/');
    await new Promise((r) => setImmediate(r));
    assert.equal(win.shown, true);
    // Hardening reached this window through app 'web-contents-created'.
    const nav = preventable({ url: 'https://example.com/', isMainFrame: true });
    win.webContents.emit('will-navigate', nav);
    assert.equal(nav.defaultPrevented, true);
    assert.deepEqual(win.webContents.windowOpenHandler!({ url: 'https://example.com/' }), { action: 'deny' });
    let granted: boolean | undefined;
    h.fake.session.defaultSession.permissionRequestHandler!(win.webContents, 'media', (g) => (granted = g));
    assert.equal(granted, false);
    // The registered protocol serves the renderer folder and refuses traversal.
    const handler = h.fake.protocol.handlers.get('app')!;
    assert.equal((await handler(new Request('app://pleno/index.html'))).status, 200);
    assert.equal((await handler(new Request('app://pleno/..%2fpleno.db'))).status, 400);
    h.quit();
  });
});

describe('IPC', () => {
  test('one handler per contract method, and nothing else', async () => {
    const h = await startHarness();
    assert.deepEqual([...h.fake.ipcMain.handlers.keys()].sort(), methodNames.map((n) => `pleno:${n}`).sort());
    h.quit();
  });

  test('the console is the operator; results cross as {ok, value}', async () => {
    const h = await startHarness();
    const info = await invoke(h, h.consoleWin().webContents, 'getAppInfo', {});
    assert.equal(info.ok, true);
    const value = (info as { value: { access: string; face: string; homeRegion: { code: string } | null } }).value;
    assert.equal(value.access, 'operator');
    assert.equal(value.face, 'electron');
    assert.equal(value.homeRegion?.code, '3506');
    const kecamatan = await invoke(h, h.consoleWin().webContents, 'listRegionChildren', { parentCode: '3506' });
    assert.equal(kecamatan.ok && (kecamatan.value as unknown[]).length, 26);
    h.quit();
  });

  test('a sender that is not one of our app:// top frames is refused before the API runs', async () => {
    const h = await startHarness();
    const own = h.consoleWin().webContents;
    const stranger = new FakeWebContents();
    stranger.mainFrame.url = 'app://pleno/index.html#/';
    const refusals: Array<[FakeWebContents, { url: string; parent: null | object } | null]> = [
      [stranger, stranger.mainFrame],
      [own, { url: 'https://evil.example/', parent: null }],
      [own, { url: 'file:///home/x/index.html', parent: null }],
      [own, { url: 'app://pleno/index.html', parent: own.mainFrame }],
      [own, null],
    ];
    for (const [contents, frame] of refusals) {
      const result = await invoke(h, contents, 'updateSettings', { deviceName: 'diretas' }, frame);
      assert.deepEqual(result, { ok: false, error: { code: 'forbidden', message: 'Permintaan ditolak: pengirim tidak dikenal.' } }, JSON.stringify(frame));
    }
    const settings = await invoke(h, own, 'getSettings', {});
    assert.notEqual(settings.ok && (settings.value as { deviceName: string }).deviceName, 'diretas');
    assert.equal(h.logs.filter((l) => l.startsWith('error IPC updateSettings ditolak')).length, 5);
    h.quit();
  });

  test('invalid payloads come back as typed invalid_input errors', async () => {
    const h = await startHarness();
    const own = h.consoleWin().webContents;
    for (const [method, payload] of [
      ['getRegion', { code: '35.06' }],
      ['getRegion', null],
      ['listTps', { regionCode: '3506', limit: 100000 }],
      ['getAppInfo', { extra: true }],
      ['updateSettings', { updateUrl: 'javascript:alert(1)' }],
      ['getRegion', 'toString'],
    ] as const) {
      const result = await invoke(h, own, method, payload);
      assert.equal(result.ok, false, `${method} ${JSON.stringify(payload)}`);
      assert.equal(!result.ok && result.error.code, 'invalid_input', `${method} ${JSON.stringify(payload)}`);
    }
    const missing = await invoke(h, own, 'getRegion', { code: '9999' });
    assert.equal(!missing.ok && missing.error.code, 'not_found');
    h.quit();
  });

  test('the projector window is a viewer: it reads, but operator methods are forbidden', async () => {
    const h = await startHarness({ displays: [display(1, 0), display(2, 1920)] });
    const projector = h.projectorWin()!;
    assert.ok(projector, 'opened at start on the second display');
    const info = await invoke(h, projector.webContents, 'getAppInfo', {});
    assert.equal(info.ok && (info.value as { access: string }).access, 'viewer');
    const set = await invoke(h, projector.webContents, 'setProjectorFocus', { electionId: null, regionCode: null });
    assert.equal(!set.ok && set.error.code, 'forbidden');
    h.quit();
  });

  test('API events reach every open window on pleno:event', async () => {
    const h = await startHarness({ displays: [display(1, 0), display(2, 1920)] });
    const result = await invoke(h, h.consoleWin().webContents, 'updateSettings', { deviceName: 'Laptop PPK Pare' });
    assert.equal(result.ok, true);
    for (const win of [h.consoleWin(), h.projectorWin()!]) {
      assert.deepEqual(win.webContents.sent.filter((s) => s.channel === 'pleno:event'), [
        { channel: 'pleno:event', message: { event: 'dataChanged', payload: { scope: 'settings', regionCode: null } } },
      ]);
    }
    h.quit();
  });
});

describe('projector and menu in the running shell', () => {
  test('one display: no projector at start; F5 in the console opens it, the menu follows, F5 closes it', async () => {
    const h = await startHarness();
    assert.equal(h.projectorWin(), undefined);
    const item = () => h.fake.Menu.current!.template.find((m) => m.label === 'Tampilan').submenu.find((i: { label: string }) => i.label === 'Tampilkan Proyektor');
    assert.equal(item().checked, false);
    const f5 = preventable({});
    h.consoleWin().webContents.emit('before-input-event', f5, { type: 'keyDown', key: 'F5', control: false, meta: false, alt: false, shift: false });
    assert.equal(f5.defaultPrevented, true);
    const projector = h.projectorWin()!;
    assert.equal(projector.options.fullscreen, false);
    assert.equal(projector.menuRemoved, true);
    assert.equal(item().checked, true);
    // The same key from the projector window itself closes it.
    projector.webContents.emit('before-input-event', preventable({}), { type: 'keyDown', key: 'F5', control: false, meta: false, alt: false, shift: false });
    assert.equal(h.projectorWin(), undefined);
    assert.equal(item().checked, false);
    item().click();
    assert.ok(h.projectorWin());
    h.quit();
  });

  test('closing the console closes the projector and quits', async () => {
    const h = await startHarness({ displays: [display(1, 0), display(2, 1920)] });
    assert.ok(h.projectorWin());
    h.consoleWin().close();
    assert.equal(h.projectorWin(), undefined);
    assert.ok(h.fake.app.quitCalled >= 1);
    h.quit();
  });
});

describe('updater in the running shell', () => {
  test('no update URL in settings: the updater is never even loaded', async () => {
    const h = await startHarness({ isPackaged: true });
    assert.equal(h.consoleWin().options.webPreferences.devTools, false, 'packaged: no developer tools');
    assert.deepEqual(await h.shell!.updater.check(), { kind: 'skipped', reason: 'no_url' });
    assert.equal(h.updaterLoads(), 0);
    h.quit();
  });

  test('setting an update URL triggers a check against it; offline nothing happens', async () => {
    const h = await startHarness({ isPackaged: true, online: false });
    const own = h.consoleWin().webContents;
    await invoke(h, own, 'updateSettings', { updateUrl: 'https://kpu-kediri.example/pleno/' });
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(h.updaterLoads(), 0, 'offline: not loaded');
    h.fake.net.setOnline(true);
    await invoke(h, own, 'updateSettings', { updateUrl: 'https://kpu-kediri.example/pleno/v2/' });
    await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(h.updater.feeds, [{ provider: 'generic', url: 'https://kpu-kediri.example/pleno/v2/' }]);
    assert.equal(h.updater.checks, 1);
    h.quit();
  });

  test('an updater failure is logged; the app keeps running', async () => {
    const h = await startHarness({ isPackaged: true, updaterFail: new Error('getaddrinfo ENOTFOUND') });
    const own = h.consoleWin().webContents;
    await invoke(h, own, 'updateSettings', { updateUrl: 'https://kpu-kediri.example/pleno/' });
    await new Promise((r) => setTimeout(r, 20));
    assert.ok(h.logs.some((l) => l.includes('ENOTFOUND')));
    const info = await invoke(h, own, 'getAppInfo', {});
    assert.equal(info.ok, true);
    h.quit();
  });
});
