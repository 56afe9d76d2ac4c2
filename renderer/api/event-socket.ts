/**
 * Browser mode's push channel: one WebSocket to `/api/events` that reconnects with capped, jittered
 * exponential backoff. A projector screen on the LAN must survive Wi-Fi drops and host restarts unattended.
 */
import { eventNames, events, type EventName, type EventPayload } from '../../shared/api/contract.ts';
import type { ConnectionStore } from './connection.ts';

type AnyListener = (payload: unknown) => void;

const FIRST_RETRY_MS = 250;
const MAX_RETRY_MS = 8000;

export class EventSocket {
  readonly #url: string;
  readonly #connection: ConnectionStore;
  readonly #listeners = new Map<EventName, Set<AnyListener>>();
  #socket: WebSocket | null = null;
  #attempt = 0;
  #retryTimer: ReturnType<typeof setTimeout> | null = null;
  #closed = false;

  constructor(url: string, connection: ConnectionStore) {
    this.#url = url;
    this.#connection = connection;
    this.#open();
    // A laptop waking from sleep or a network coming back: retry now instead of waiting out the backoff.
    window.addEventListener('online', () => this.#retryNow());
  }

  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    let set = this.#listeners.get(event);
    if (!set) {
      set = new Set();
      this.#listeners.set(event, set);
    }
    const wrapped = listener as AnyListener;
    set.add(wrapped);
    return () => set.delete(wrapped);
  }

  close(): void {
    this.#closed = true;
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#socket?.close();
  }

  #open(): void {
    if (this.#closed) return;
    const socket = new WebSocket(this.#url);
    this.#socket = socket;
    socket.addEventListener('open', () => {
      this.#attempt = 0;
      this.#connection.set('online');
    });
    socket.addEventListener('message', (message) => this.#dispatch(message.data));
    socket.addEventListener('close', () => {
      if (this.#socket !== socket) return;
      this.#socket = null;
      if (this.#closed) return;
      this.#connection.set(this.#connection.get() === 'connecting' && this.#attempt === 0 ? 'connecting' : 'offline');
      this.#scheduleRetry();
    });
    // 'error' is always followed by 'close'; nothing to do here.
  }

  #scheduleRetry(): void {
    const base = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** this.#attempt);
    const delay = base * (0.8 + Math.random() * 0.4);
    this.#attempt += 1;
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = null;
      this.#open();
    }, delay);
  }

  #retryNow(): void {
    if (this.#socket || this.#closed) return;
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
    this.#attempt = 0;
    this.#open();
  }

  #dispatch(data: unknown): void {
    if (typeof data !== 'string') return;
    let message: unknown;
    try {
      message = JSON.parse(data);
    } catch {
      return;
    }
    if (typeof message !== 'object' || message === null) return;
    const { event, payload } = message as { event?: unknown; payload?: unknown };
    if (typeof event !== 'string' || !(eventNames as string[]).includes(event)) return;
    const name = event as EventName;
    // A projector on another machine may run an older or newer page than the host: drop what it cannot read.
    const parsed = events[name].safeParse(payload);
    if (!parsed.success) {
      console.warn(`Pleno: event ${name} tidak sesuai kontrak`, parsed.error.issues);
      return;
    }
    for (const listener of [...(this.#listeners.get(name) ?? [])]) {
      try {
        listener(parsed.data);
      } catch (error) {
        console.error(error);
      }
    }
  }
}
