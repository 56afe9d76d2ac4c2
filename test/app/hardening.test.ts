// The security posture every window gets: hardened preferences, and navigation, window.open,
// webviews and permission requests all refused.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Session, WebContents } from 'electron';
import { appUrl, isAppUrl } from '../../main/app/app-origin.ts';
import { denyAllPermissions, hardenedWebPreferences, hardenWebContents } from '../../main/app/hardening.ts';
import { consoleWindowOptions, projectorWindowOptions } from '../../main/app/windows.ts';
import { FakeWebContents, preventable } from './support/fake-electron.ts';

function hardened() {
  const contents = new FakeWebContents();
  const logs: string[] = [];
  hardenWebContents(contents as unknown as WebContents, (m) => logs.push(m));
  return { contents, logs };
}

describe('window hardening', () => {
  test('both windows get isolated, sandboxed, Node-free preferences', () => {
    const setup = { preloadPath: '/app/dist/main/preload.cjs' };
    const windowed = projectorWindowOptions(setup, { bounds: { x: 0, y: 0, width: 1280, height: 720 }, fullscreen: false });
    for (const prefs of [consoleWindowOptions(setup).webPreferences!, windowed.webPreferences!, hardenedWebPreferences(setup.preloadPath)]) {
      assert.equal(prefs.contextIsolation, true);
      assert.equal(prefs.sandbox, true);
      assert.equal(prefs.nodeIntegration, false);
      assert.equal(prefs.nodeIntegrationInWorker, false);
      assert.equal(prefs.nodeIntegrationInSubFrames, false);
      assert.equal(prefs.webSecurity, true);
      assert.equal(prefs.allowRunningInsecureContent, false);
      assert.equal(prefs.webviewTag, false);
      assert.equal(prefs.preload, '/app/dist/main/preload.cjs');
      assert.equal(prefs.devTools, false, 'developer tools off unless asked for');
    }
  });

  test('navigation away from the page is refused, whatever the target', () => {
    const { contents, logs } = hardened();
    for (const url of ['https://example.com/', 'file:///etc/passwd', appUrl('projector'), 'app://pleno/other.html']) {
      const event = preventable({ url, isMainFrame: true });
      contents.emit('will-navigate', event, url);
      assert.equal(event.defaultPrevented, true, url);
    }
    assert.equal(logs.length, 4);
  });

  test('sub-frame navigation and redirects off app:// are refused', () => {
    const { contents } = hardened();
    const frame = preventable({ url: 'https://example.com/', isMainFrame: false });
    contents.emit('will-frame-navigate', frame);
    assert.equal(frame.defaultPrevented, true);
    const redirect = preventable({ url: 'https://evil.example/' });
    contents.emit('will-redirect', redirect);
    assert.equal(redirect.defaultPrevented, true);
    const internal = preventable({ url: appUrl('console') });
    contents.emit('will-redirect', internal);
    assert.equal(internal.defaultPrevented, false);
  });

  test('window.open is denied and webviews cannot attach', () => {
    const { contents } = hardened();
    assert.deepEqual(contents.windowOpenHandler!({ url: 'https://example.com/' }), { action: 'deny' });
    assert.deepEqual(contents.windowOpenHandler!({ url: appUrl('console') }), { action: 'deny' });
    const webview = preventable({});
    contents.emit('will-attach-webview', webview, {}, { src: 'https://example.com/' });
    assert.equal(webview.defaultPrevented, true);
  });

  test('every permission request and check is answered no', () => {
    let request: ((wc: unknown, permission: string, cb: (granted: boolean) => void) => void) | null = null;
    let check: ((...args: unknown[]) => boolean) | null = null;
    const session = {
      setPermissionRequestHandler: (fn: typeof request) => (request = fn),
      setPermissionCheckHandler: (fn: typeof check) => (check = fn),
    };
    denyAllPermissions(session as unknown as Session, () => {});
    for (const permission of ['media', 'geolocation', 'notifications', 'fullscreen', 'openExternal', 'clipboard-read']) {
      let granted: boolean | undefined;
      request!(null, permission, (g) => (granted = g));
      assert.equal(granted, false, permission);
      assert.equal(check!(null, permission, appUrl('console'), {}), false, permission);
    }
  });

  test('isAppUrl accepts only our own origin', () => {
    assert.equal(isAppUrl('app://pleno/index.html#/'), true);
    for (const url of ['app://evil/index.html', 'https://pleno/', 'file:///index.html', 'app://user:pw@pleno/', 'app:pleno', '', null, undefined, 'not a url']) {
      assert.equal(isAppUrl(url), false, String(url));
    }
  });
});
