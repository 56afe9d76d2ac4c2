/**
 * The one way views reach Pleno's core. In the desktop app the preload has put the API on `window.pleno`
 * (Electron IPC); in a browser (LAN projector, tests, `npm run serve`) we talk HTTP + WebSocket to the host
 * that served this page. Both are the same `PlenoApi`.
 */
import type { PlenoApi } from '../../shared/api/contract.ts';
import { ConnectionStore, type ConnectionMonitor } from './connection.ts';
import { createHttpApi } from './http-client.ts';
import { readOperatorToken } from './operator-token.ts';

declare global {
  interface Window {
    /** Set by the Electron preload (contextBridge); absent in a plain browser. */
    pleno?: PlenoApi;
  }
}

let instance: { api: PlenoApi; connection: ConnectionMonitor } | null = null;

function connect(): { api: PlenoApi; connection: ConnectionMonitor } {
  if (instance) return instance;
  if (window.pleno) {
    instance = { api: window.pleno, connection: new ConnectionStore('desktop') };
  } else {
    instance = createHttpApi({ origin: window.location.origin, operatorToken: readOperatorToken() });
  }
  return instance;
}

export function getApi(): PlenoApi {
  return connect().api;
}

export function getConnection(): ConnectionMonitor {
  return connect().connection;
}
