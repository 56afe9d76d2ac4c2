/**
 * The Content-Security-Policy sent with every HTML page of the desktop UI. Only our own bundled files
 * run; no inline script, no eval, no remote hosts, no frames, no plugins. Images may be data:/blob:
 * because photos of C.Hasil sheets are shown from memory.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "media-src 'none'",
  "object-src 'none'",
  "frame-src 'none'",
  "worker-src 'self' blob:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
