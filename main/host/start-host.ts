/**
 * The browser face of the API: plain node:http for `POST /api/<method>` and the built renderer,
 * plus a WebSocket at `/api/events` for live updates. Binds 0.0.0.0 by default so projector screens
 * on the LAN can connect; they are read-only viewers, only this machine's loopback is the operator.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiError } from '../../shared/api/contract.ts';
import type { Api } from '../api/types.ts';
import { defaultRendererDir } from '../paths.ts';
import { decideAccess, isSameOriginRequest, makeHostAllowList } from './access.ts';
import { handleApiRequest, sendError } from './api-route.ts';
import { createEventsSocket } from './events-socket.ts';
import { lanAddresses, localUrl, urlFor } from './lan.ts';
import { applySecurityHeaders } from './security-headers.ts';
import { serveStatic } from './static-files.ts';

export const DEFAULT_PORT = 8417;
export const DEFAULT_BIND_HOST = '0.0.0.0';

export type HostOptions = {
  api: Api;
  /** 0 picks a free port (tests). Default 8417. */
  port?: number;
  /** Default 0.0.0.0 (LAN viewers welcome); '127.0.0.1' keeps it to this machine. */
  host?: string;
  /** The built renderer; default dist/renderer in the project. */
  rendererDir?: string;
  /** Extra host names browsers may use (beyond IP literals, localhost and this machine's name). */
  allowedHosts?: string[];
  /** Largest accepted API request body. Default 1 MiB: inputs are small. */
  maxBodyBytes?: number;
  /**
   * When set, operator methods need loopback AND `Authorization: Bearer <token>`; `operatorUrl` then
   * carries it as `?token=…` for the renderer to pick up. Unset: loopback alone makes the operator.
   */
  operatorToken?: string;
};

export type RunningHost = {
  /** For this machine's browser, e.g. http://127.0.0.1:8417/ */
  url: string;
  /** For other machines on the LAN, e.g. http://192.168.1.20:8417/ */
  lanUrls: string[];
  port: number;
  /** What the operator opens on this machine: `url`, plus `?token=…` when a token is required. */
  operatorUrl: string;
  close(): Promise<void>;
};

export async function startHost(options: HostOptions): Promise<RunningHost> {
  const { api } = options;
  const bindHost = options.host ?? DEFAULT_BIND_HOST;
  const rendererDir = options.rendererDir ?? defaultRendererDir();
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  const hostAllowed = makeHostAllowList(options.allowedHosts);
  const socket = createEventsSocket(api);

  const server = http.createServer((req, res) => {
    const hostHeader = req.headers.host;
    applySecurityHeaders(res, hostHeader);
    const pathname = pathnameOf(req.url);
    const isApi = pathname === '/api' || pathname.startsWith('/api/');

    if (!hostAllowed(hostHeader)) {
      return refuse(res, isApi, 403, 'nama host tidak dikenal; buka Pleno lewat alamat IP atau localhost');
    }
    if (!isApi) return serveStatic(req, res, rendererDir, pathname);
    if (pathname === '/api/events') {
      res.setHeader('Upgrade', 'websocket');
      return refuse(res, true, 426, '/api/events hanya untuk WebSocket');
    }
    if (!isSameOriginRequest(req.headers)) {
      return refuse(res, true, 403, 'permintaan dari situs lain ditolak');
    }
    const methodName = pathname.slice('/api/'.length);
    const access = decideAccess(
      { remoteAddress: req.socket.remoteAddress, authorization: req.headers.authorization },
      options.operatorToken,
    );
    handleApiRequest(req, res, api, methodName, access, maxBodyBytes).catch((error: unknown) => {
      console.error('pleno: permintaan API gagal:', error);
      if (!res.headersSent) sendError(res, 500, new ApiError('internal', 'terjadi kesalahan internal'));
      else res.destroy();
    });
  });
  server.requestTimeout = 30_000;
  server.headersTimeout = 20_000;

  server.on('upgrade', (req, rawSocket, head) => {
    const ok =
      pathnameOf(req.url) === '/api/events' &&
      hostAllowed(req.headers.host) &&
      // A page on another site must not be able to listen in through the user's browser.
      isSameOriginRequest(req.headers);
    if (!ok) {
      rawSocket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    socket.handleUpgrade(req, rawSocket, head);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEFAULT_PORT, bindHost, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  let closing: Promise<void> | null = null;
  const url = localUrl(bindHost, port);
  return {
    url,
    operatorUrl: options.operatorToken === undefined ? url : `${url}?token=${encodeURIComponent(options.operatorToken)}`,
    lanUrls: lanAddresses(bindHost).map((address) => urlFor(address, port)),
    port,
    close() {
      closing ??= new Promise<void>((resolve) => {
        socket.close();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

function pathnameOf(url: string | undefined): string {
  try {
    return new URL(url ?? '/', 'http://pleno.invalid').pathname;
  } catch {
    return '/';
  }
}

function refuse(res: http.ServerResponse, asJson: boolean, status: number, message: string): void {
  if (asJson) {
    return sendError(res, status, new ApiError(status === 426 ? 'invalid_input' : 'forbidden', message));
  }
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(message);
}
