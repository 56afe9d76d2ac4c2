/**
 * The app:// protocol: serves the built renderer (dist/renderer) to the windows, instead of file://,
 * so the UI has a real origin that CSP, IPC sender checks and navigation rules can key on.
 *
 * `handleAppRequest` is plain web-platform code (Request in, Response out) so it is tested under Node
 * against real files; only the two small register functions touch Electron.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Protocol } from 'electron';
import { APP_HOST, APP_SCHEME } from './app-origin.ts';
import { CONTENT_SECURITY_POLICY } from './content-security.ts';
import { mimeTypeFor } from './mime-types.ts';

/** Must run before `app.whenReady()`: a standard, secure scheme gets an origin, fetch() and a real CSP. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/** After ready: route every app:// request to the renderer folder. */
export function serveAppProtocol(protocol: Pick<Protocol, 'handle'>, rootDir: string): void {
  protocol.handle(APP_SCHEME, (request) => handleAppRequest(rootDir, request));
}

function plain(status: number, text: string, extra: Record<string, string> = {}): Response {
  return new Response(text, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff', ...extra },
  });
}

/**
 * Maps `app://pleno/<path>` to a file under rootDir. Refuses anything that could leave rootDir:
 * encoded separators, NUL, backslashes, dot segments that survive decoding, and symlinks pointing out.
 */
export async function handleAppRequest(rootDir: string, request: Request): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return plain(405, 'Metode tidak diizinkan', { Allow: 'GET, HEAD' });
  }
  const resolved = await resolveRequestPath(rootDir, request.url);
  if (!resolved.ok) return plain(resolved.status, resolved.status === 400 ? 'Permintaan ditolak' : 'Tidak ditemukan');

  const body = await fs.readFile(resolved.file);
  const type = mimeTypeFor(resolved.file);
  const headers: Record<string, string> = {
    'Content-Type': type,
    'Content-Length': String(body.byteLength),
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-cache',
  };
  if (type.startsWith('text/html')) {
    headers['Content-Security-Policy'] = CONTENT_SECURITY_POLICY;
    headers['Referrer-Policy'] = 'no-referrer';
  }
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
}

type Resolution = { ok: true; file: string } | { ok: false; status: 400 | 404 };

export async function resolveRequestPath(rootDir: string, rawUrl: string): Promise<Resolution> {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return { ok: false, status: 400 };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return { ok: false, status: 404 };

  // The URL parser already folds plain and %2e dot segments; what it leaves encoded we refuse outright.
  const raw = url.pathname;
  if (/%2f|%5c|%00/i.test(raw) || raw.includes('\\')) return { ok: false, status: 400 };
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return { ok: false, status: 400 };
  }
  const segments = decoded.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '.' || s === '..' || s.includes('\0'))) return { ok: false, status: 400 };

  const root = path.resolve(rootDir);
  let candidate = path.join(root, ...segments);
  if (!isInside(root, candidate)) return { ok: false, status: 400 };

  try {
    const stat = await fs.stat(candidate);
    if (stat.isDirectory()) candidate = path.join(candidate, 'index.html');
    // A symlink inside the build must not lead outside it.
    const [realRoot, realFile] = await Promise.all([fs.realpath(root), fs.realpath(candidate)]);
    if (!isInside(realRoot, realFile)) return { ok: false, status: 400 };
    const fileStat = await fs.stat(realFile);
    if (!fileStat.isFile()) return { ok: false, status: 404 };
    return { ok: true, file: realFile };
  } catch {
    return { ok: false, status: 404 };
  }
}

function isInside(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}
