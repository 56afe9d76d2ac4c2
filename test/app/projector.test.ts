// The projector window: full-screen on the display the console is not on, a plain window when there
// is only one display, toggled from the menu and the keys, and following displays as they come and go.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { BrowserWindow, BrowserWindowConstructorOptions, Screen } from 'electron';
import { pickProjectorDisplay } from '../../main/app/displays.ts';
import { buildMenuTemplate, PROJECTOR_MENU_LABEL } from '../../main/app/menu.ts';
import { ProjectorController } from '../../main/app/projector.ts';
import { isProjectorShortcut } from '../../main/app/shortcuts.ts';
import { createFakeElectron, display, type FakeDisplay } from './support/fake-electron.ts';

function setup(displays: FakeDisplay[], consoleAt = { x: 100, y: 100 }) {
  const fake = createFakeElectron({ displays });
  const consoleWin = new fake.BrowserWindow({ ...consoleAt, width: 1366, height: 820 });
  const changes: boolean[] = [];
  const created: unknown[] = [];
  const projector = new ProjectorController({
    create: (o: BrowserWindowConstructorOptions) => new fake.BrowserWindow(o as Record<string, unknown>) as unknown as BrowserWindow,
    preloadPath: '/p/preload.cjs',
    screen: fake.screen as unknown as Screen,
    consoleWindow: () => consoleWin as unknown as BrowserWindow,
    onCreated: (w) => created.push(w),
    onChange: (open) => changes.push(open),
    log: () => {},
  });
  const projectorWindows = () => fake.windows.filter((w) => w !== consoleWin);
  const live = () => projectorWindows().filter((w) => !w.destroyed);
  return { fake, projector, changes, created, projectorWindows, live };
}

describe('projector window', () => {
  test('with two displays it opens full-screen and frameless on the second one', async () => {
    const { projector, live, created } = setup([display(1, 0), display(2, 1920, 1280, 720)]);
    projector.open();
    const [win] = live();
    assert.ok(win);
    assert.equal(win.options.fullscreen, true);
    assert.equal(win.options.frame, false);
    assert.deepEqual(win.bounds, { x: 1920, y: 0, width: 1280, height: 720 });
    assert.equal(win.webContents.mainFrame.url, 'app://pleno/index.html#/projector');
    assert.equal(win.options.webPreferences.sandbox, true);
    assert.equal(created.length, 1);
    await new Promise((r) => setImmediate(r));
    assert.equal(win.shown, true, 'shown once ready-to-show');
  });

  test('it avoids the console display even when the console sits on the secondary screen', () => {
    const { projector, live } = setup([display(1, 0), display(2, 1920)], { x: 2000, y: 100 });
    projector.open();
    assert.equal(live()[0]!.bounds.x, 0);
    assert.equal(projector.current()?.displayId, 1);
  });

  test('with one display it is an ordinary framed window', () => {
    const { projector, live } = setup([display(1, 0)]);
    projector.open();
    const [win] = live();
    assert.equal(win!.options.fullscreen, false);
    assert.equal(win!.options.frame, true);
    assert.deepEqual(win!.bounds, { x: 320, y: 160, width: 1280, height: 720 });
  });

  test('toggle opens and closes, reporting each change', () => {
    const { projector, live, changes } = setup([display(1, 0)]);
    projector.toggle();
    assert.equal(projector.isOpen(), true);
    projector.toggle();
    assert.equal(projector.isOpen(), false);
    assert.equal(live().length, 0);
    assert.deepEqual(changes, [true, false]);
  });

  test('closing the projector window by hand updates the state', () => {
    const { projector, live, changes } = setup([display(1, 0)]);
    projector.open();
    live()[0]!.close();
    assert.equal(projector.isOpen(), false);
    assert.deepEqual(changes, [true, false]);
  });

  test('a display plugged in later receives the windowed projector; unplugging brings it back', () => {
    const { fake, projector, live } = setup([display(1, 0)]);
    const stop = projector.followDisplays();
    projector.open();
    assert.equal(projector.current()?.fullscreen, false);

    fake.screen.attach(display(7, 1920));
    assert.equal(live().length, 1, 'the old window was replaced, not duplicated');
    assert.equal(projector.current()?.displayId, 7);
    assert.equal(live()[0]!.options.fullscreen, true);
    assert.equal(live()[0]!.bounds.x, 1920);

    fake.screen.detach(7);
    assert.equal(live().length, 1);
    assert.equal(projector.current()?.displayId, null);
    assert.equal(live()[0]!.options.fullscreen, false);
    stop();
    assert.equal(fake.screen.listenerCount('display-added'), 0);
  });

  test('a closed projector stays closed when a display appears; other removals leave it alone', () => {
    const { fake, projector, live } = setup([display(1, 0), display(2, 1920)]);
    projector.followDisplays();
    fake.screen.attach(display(3, 3840));
    assert.equal(live().length, 0);
    projector.open();
    const first = live()[0];
    fake.screen.detach(3);
    assert.equal(live()[0], first);
  });

  test('pickProjectorDisplay prefers a non-primary display other than the console one', () => {
    const d = [display(1, 0), display(2, 1920), display(3, 3840)];
    assert.equal(pickProjectorDisplay(d, 1, 1)?.id, 2);
    assert.equal(pickProjectorDisplay(d, 2, 1)?.id, 3);
    assert.equal(pickProjectorDisplay(d, null, 1)?.id, 2);
    assert.equal(pickProjectorDisplay([display(1, 0)], 1, 1), null);
  });
});

describe('projector menu and keys', () => {
  test('the Tampilan menu has a checkbox "Tampilkan Proyektor" on F5 that toggles', () => {
    let toggled = 0;
    const template = buildMenuTemplate({ projectorOpen: true, developer: false, onToggleProjector: () => toggled++, onAbout: () => {} });
    const view = template.find((m) => m.label === 'Tampilan')!;
    const item = (view.submenu as Electron.MenuItemConstructorOptions[]).find((i) => i.label === PROJECTOR_MENU_LABEL)!;
    assert.equal(PROJECTOR_MENU_LABEL, 'Tampilkan Proyektor');
    assert.equal(item.type, 'checkbox');
    assert.equal(item.checked, true);
    assert.equal(item.accelerator, 'F5');
    (item.click as () => void)();
    assert.equal(toggled, 1);
    const labels = template.map((m) => m.label);
    assert.deepEqual(labels, ['Berkas', 'Sunting', 'Tampilan', 'Bantuan']);
    const devTools = JSON.stringify(template).includes('toggleDevTools');
    assert.equal(devTools, false, 'no developer tools in a packaged app');
  });

  test('F5 and Ctrl/Cmd+P toggle; other keys and key-ups do not', () => {
    const key = (key: string, mods: Partial<{ control: boolean; meta: boolean; alt: boolean; shift: boolean }> = {}, type = 'keyDown') => ({
      type, key, control: false, meta: false, alt: false, shift: false, ...mods,
    });
    assert.equal(isProjectorShortcut(key('F5')), true);
    assert.equal(isProjectorShortcut(key('p', { control: true })), true);
    assert.equal(isProjectorShortcut(key('P', { meta: true })), true);
    assert.equal(isProjectorShortcut(key('F5', {}, 'keyUp')), false);
    assert.equal(isProjectorShortcut(key('p')), false);
    assert.equal(isProjectorShortcut(key('p', { control: true, shift: true })), false);
    assert.equal(isProjectorShortcut(key('F5', { control: true })), false);
  });
});
