/**
 * `GET /api/events` upgraded to a WebSocket: every API event is pushed to every connected screen as
 * `{"event": name, "payload": …}`. The channel is one-way; what clients send is ignored. Dead
 * connections (a projector laptop that slept) are found by ping and dropped, and a client too slow to
 * keep up is cut off rather than letting its backlog grow without bound.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import type { Api } from '../api/types.ts';

const MAX_BACKLOG_BYTES = 4 * 1024 * 1024;

export type EventsSocket = {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  clientCount(): number;
  close(): void;
};

export function createEventsSocket(api: Api, heartbeatMs = 30_000): EventsSocket {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024, perMessageDeflate: false });
  const alive = new WeakMap<WebSocket, boolean>();

  wss.on('connection', (ws) => {
    alive.set(ws, true);
    ws.on('pong', () => alive.set(ws, true));
    ws.on('message', () => {
      /* one-way channel: nothing a client says changes anything */
    });
    ws.on('error', () => ws.terminate());
  });

  const unsubscribe = api.events.onAny((event, payload) => {
    const message = JSON.stringify({ event, payload });
    for (const ws of wss.clients) {
      if (ws.readyState !== WebSocket.OPEN) continue;
      if (ws.bufferedAmount > MAX_BACKLOG_BYTES) {
        ws.terminate();
        continue;
      }
      ws.send(message);
    }
  });

  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (alive.get(ws) === false) {
        ws.terminate();
        continue;
      }
      alive.set(ws, false);
      ws.ping();
    }
  }, heartbeatMs);
  heartbeat.unref();

  return {
    handleUpgrade(req, socket, head) {
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
    },
    clientCount: () => wss.clients.size,
    close() {
      clearInterval(heartbeat);
      unsubscribe();
      for (const ws of wss.clients) ws.terminate();
      wss.close();
    },
  };
}
