/**
 * Headers every response carries. The CSP allows only this origin: no inline scripts, no other hosts,
 * the WebSocket only back to the host the page came from, no framing by anyone.
 */
import type { ServerResponse } from 'node:http';

export function contentSecurityPolicy(hostHeader: string | undefined): string {
  // The host was checked against the allow list before we get here; the pattern is a second guard so
  // nothing but a host[:port] can ever land inside the header.
  const wsSource = hostHeader && /^[A-Za-z0-9.:[\]-]+$/.test(hostHeader) ? ` ws://${hostHeader}` : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${wsSource}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function applySecurityHeaders(res: ServerResponse, hostHeader: string | undefined): void {
  res.setHeader('Content-Security-Policy', contentSecurityPolicy(hostHeader));
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), usb=(), payment=()');
}
