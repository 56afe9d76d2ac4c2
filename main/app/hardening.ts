/**
 * The security posture of every window, following Electron's security checklist: the page gets no
 * Node, runs sandboxed and isolated from the preload, may not navigate away from app://, open windows,
 * embed webviews, or obtain any permission (camera, notifications, geolocation...).
 */
import type { Session, WebContents, WebPreferences } from 'electron';
import { isAppUrl } from './app-origin.ts';

/** `devTools` only in development: a packaged app on an election laptop has no use for a console. */
export function hardenedWebPreferences(preloadPath: string, options: { devTools?: boolean } = {}): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    devTools: options.devTools ?? false,
  };
}

export type SecurityLog = (message: string) => void;

/**
 * Applied to every WebContents the app creates (wired from `app.on('web-contents-created')`), so a
 * window added later cannot forget it. Hash-route changes inside the SPA are same-document and never
 * reach these handlers; anything that would load a different document is refused.
 */
export function hardenWebContents(contents: WebContents, log: SecurityLog): void {
  contents.on('will-navigate', (details) => {
    details.preventDefault();
    log(`navigasi ditolak: ${details.url}`);
  });
  // Sub-frames cannot exist under the CSP (frame-src 'none'); refuse their navigation all the same.
  contents.on('will-frame-navigate', (details) => {
    if (!details.isMainFrame) {
      details.preventDefault();
      log(`navigasi bingkai ditolak: ${details.url}`);
    }
  });
  contents.on('will-redirect', (details) => {
    if (!isAppUrl(details.url)) {
      details.preventDefault();
      log(`pengalihan ditolak: ${details.url}`);
    }
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('webview ditolak');
  });
  contents.setWindowOpenHandler(({ url }) => {
    log(`jendela baru ditolak: ${url}`);
    return { action: 'deny' };
  });
}

/** Every permission request and check on the session answers no. */
export function denyAllPermissions(session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>, log: SecurityLog): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    log(`izin ditolak: ${permission}`);
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
}
