/**
 * How the renderer is connected to Pleno's core, for the header's indicator and for views that must
 * re-read their state after a gap (events sent while the socket was down are lost, not replayed).
 */
export type ConnectionState =
  | 'desktop'     // Electron IPC: always connected to the local core
  | 'connecting'  // browser mode, first attempt
  | 'online'      // browser mode, event socket open
  | 'offline';    // browser mode, socket lost; retrying with backoff

export interface ConnectionMonitor {
  get(): ConnectionState;
  /** Called on every change of state. Returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  /** Increases each time the connection comes back after a loss, so views know to re-read. */
  reconnects(): number;
}

export class ConnectionStore implements ConnectionMonitor {
  #state: ConnectionState;
  #reconnects = 0;
  #wasConnected = false;
  readonly #listeners = new Set<() => void>();

  constructor(initial: ConnectionState) {
    this.#state = initial;
  }

  get(): ConnectionState {
    return this.#state;
  }

  reconnects(): number {
    return this.#reconnects;
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  set(next: ConnectionState): void {
    if (next === this.#state) return;
    if (next === 'online') {
      if (this.#wasConnected) this.#reconnects += 1;
      this.#wasConnected = true;
    }
    this.#state = next;
    for (const listener of [...this.#listeners]) listener();
  }
}
