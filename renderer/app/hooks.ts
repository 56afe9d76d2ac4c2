/** Small React glue around the API: loading state, live events, connection state. */
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { ApiError, ApiErrorBody, type EventName, type EventPayload } from '../../shared/api/contract.ts';
import { getApi, getConnection } from '../api/client.ts';
import type { ConnectionState } from '../api/connection.ts';

export type Loadable<T> =
  | { state: 'loading'; data?: T }
  | { state: 'ready'; data: T }
  | { state: 'error'; error: ApiError; data?: T };

/**
 * Runs `load` whenever `deps` change or the connection comes back, keeping the last data visible while
 * reloading (no flicker) and ignoring answers to questions no longer asked.
 */
export function useApiQuery<T>(load: () => Promise<T>, deps: readonly unknown[]): Loadable<T> & { reload(): void } {
  const [result, setResult] = useState<Loadable<T>>({ state: 'loading' });
  const [nonce, setNonce] = useState(0);
  const reconnects = useReconnects();
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    let current = true;
    setResult((previous) => ({ state: 'loading', data: previous.data }));
    loadRef.current().then(
      (data) => current && setResult({ state: 'ready', data }),
      (error: unknown) => current && setResult((previous) => ({ state: 'error', error: asApiError(error), data: previous.data })),
    );
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, nonce, reconnects]);

  return { ...result, reload: () => setNonce((n) => n + 1) };
}

export function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  // The preload rejects with a plain { code, message, issues } (contextBridge strips Error subclasses).
  if (typeof error === 'object' && error !== null && 'message' in error) {
    const body = ApiErrorBody.safeParse(error);
    if (body.success) return new ApiError(body.data.code, body.data.message, body.data.issues);
    return new ApiError('internal', String((error as { message: unknown }).message));
  }
  return new ApiError('internal', 'Terjadi galat yang tidak terduga.');
}

export function useApiEvent<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): void {
  const listenerRef = useRef(listener);
  listenerRef.current = listener;
  useEffect(() => getApi().on(event, (payload) => listenerRef.current(payload)), [event]);
}

export function useConnectionState(): ConnectionState {
  const connection = getConnection();
  return useSyncExternalStore((fn) => connection.subscribe(fn), () => connection.get());
}

export function useReconnects(): number {
  const connection = getConnection();
  return useSyncExternalStore((fn) => connection.subscribe(fn), () => connection.reconnects());
}
