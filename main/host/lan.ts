/** The addresses other machines on the LAN can use to reach a host bound to `bindHost`. */
import net from 'node:net';
import os from 'node:os';
import { isLoopbackAddress } from './access.ts';

export function isWildcardHost(bindHost: string): boolean {
  return bindHost === '0.0.0.0' || bindHost === '::' || bindHost === '';
}

export function lanAddresses(bindHost: string, interfaces = os.networkInterfaces()): string[] {
  if (isLoopbackAddress(bindHost) || bindHost === 'localhost') return [];
  if (!isWildcardHost(bindHost)) return [bindHost];
  const found: string[] = [];
  for (const list of Object.values(interfaces)) {
    for (const info of list ?? []) {
      // IPv4 only: what people type on a projector laptop, and what every LAN here routes.
      if (info.family === 'IPv4' && !info.internal) found.push(info.address);
    }
  }
  return [...new Set(found)];
}

export function urlFor(address: string, port: number): string {
  return net.isIPv6(address) ? `http://[${address}]:${port}/` : `http://${address}:${port}/`;
}

/** The URL this machine's own browser should open. */
export function localUrl(bindHost: string, port: number): string {
  if (isWildcardHost(bindHost) || bindHost === 'localhost') return urlFor('127.0.0.1', port);
  return urlFor(bindHost, port);
}
