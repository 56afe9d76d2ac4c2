/**
 * The one origin the desktop UI is served from. Everything the shell trusts (IPC senders, navigation,
 * the CSP's 'self') is keyed to this origin, so it lives in one place.
 *
 * Deliberately free of Electron and zod imports: the sandboxed preload bundles this file too.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'pleno';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

export type WindowRole = 'console' | 'projector';

/** Hash routes of the renderer: `#/` the operator console, `#/projector` the projector view. */
export function appUrl(role: WindowRole): string {
  return `${APP_ORIGIN}/index.html#/${role === 'projector' ? 'projector' : ''}`;
}

/**
 * True only for URLs on our app:// origin. `new URL().origin` is the string "null" for non-special
 * schemes under WHATWG rules, so compare protocol and host instead.
 */
export function isAppUrl(url: string | undefined | null): boolean {
  if (!url) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.password === '';
}
