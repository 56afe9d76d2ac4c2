/**
 * Who is asking, decided from the connection itself. A request from this machine's loopback is the
 * local operator; anything from the network is a read-only viewer (a projector screen on the LAN).
 *
 * Loopback alone is not enough in a browser: a web page on some other site can make the user's
 * browser talk to 127.0.0.1 (DNS rebinding, cross-site form posts). So a request must also name an
 * expected Host, and a request a browser marks as coming from another origin is refused.
 */
import { timingSafeEqual } from 'node:crypto';
import net from 'node:net';
import os from 'node:os';
import type { Access } from '../api/types.ts';

export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const plain = address.startsWith('::ffff:') ? address.slice(7) : address;
  if (net.isIPv4(plain)) return plain.startsWith('127.');
  return plain === '::1';
}

export function accessForRemote(address: string | undefined): Access {
  return isLoopbackAddress(address) ? 'operator' : 'viewer';
}

/**
 * The access of one request. With an operator token configured, loopback is necessary but not enough:
 * the request must also carry `Authorization: Bearer <token>` (what the browser client sends once it
 * was opened through the operator URL). Without a token, loopback alone decides.
 */
export function decideAccess(
  request: { remoteAddress: string | undefined; authorization?: string | undefined },
  operatorToken?: string,
): Access {
  if (accessForRemote(request.remoteAddress) !== 'operator') return 'viewer';
  if (operatorToken === undefined) return 'operator';
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.authorization ?? '');
  return match && sameSecret(match[1]!, operatorToken) ? 'operator' : 'viewer';
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The hostname part of a Host header (`[::1]:8417` → `::1`), lower-cased; null when malformed. */
export function hostnameOfHostHeader(host: string | undefined): string | null {
  if (!host) return null;
  const value = host.trim().toLowerCase();
  if (value.startsWith('[')) {
    const end = value.indexOf(']');
    if (end < 0) return null;
    const rest = value.slice(end + 1);
    if (rest !== '' && !/^:\d{1,5}$/.test(rest)) return null;
    const inside = value.slice(1, end);
    return net.isIPv6(inside) ? inside : null;
  }
  const match = /^([a-z0-9.-]+)(?::\d{1,5})?$/.exec(value);
  return match ? match[1]! : null;
}

/**
 * Names a browser may legitimately use to reach this host: IP literals (a rebinding attack needs a
 * domain name), `localhost`, this machine's own name, and whatever the caller adds.
 */
export function makeHostAllowList(extra: readonly string[] = []): (hostHeader: string | undefined) => boolean {
  const names = new Set<string>(['localhost', ...extra.map((h) => h.toLowerCase())]);
  const machine = os.hostname().toLowerCase();
  if (machine) {
    names.add(machine);
    names.add(`${machine}.local`);
  }
  return (hostHeader) => {
    const hostname = hostnameOfHostHeader(hostHeader);
    if (hostname === null) return false;
    if (net.isIP(hostname) !== 0) return true;
    return names.has(hostname) || hostname.endsWith('.localhost');
  };
}

/**
 * Whether a state-changing request may come from where the browser says it comes from.
 * Non-browser clients (the CLI, tests, curl) send no Origin and no Sec-Fetch-Site: allowed, since
 * the Host and loopback checks already apply to them. A browser always sends Origin on a POST.
 */
export function isSameOriginRequest(headers: {
  origin?: string | undefined;
  host?: string | undefined;
  'sec-fetch-site'?: string | undefined;
}): boolean {
  const site = headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return false;
  const origin = headers.origin;
  if (origin === undefined) return true;
  if (origin === 'null' || !headers.host) return false;
  try {
    const url = new URL(origin);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.host === new URL(`http://${headers.host}`).host;
  } catch {
    return false;
  }
}
