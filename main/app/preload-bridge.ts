/**
 * Builds `window.pleno` for the preload: exactly one function per contract method plus `on()`, and
 * nothing generic (no send/invoke of arbitrary channels). Type-only imports from the contract, so the
 * sandboxed preload bundle carries neither zod nor the schemas; validation happens in main.
 */
import type { ApiErrorBody, EventName, EventPayload, MethodName, PlenoApi } from '../../shared/api/contract.ts';
import { EVENT_CHANNEL, methodChannel, type IpcEventMessage, type IpcResult } from './ipc-channels.ts';

/** The part of Electron's ipcRenderer the bridge uses. */
export type IpcRendererPort = {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, message: unknown) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, message: unknown) => void): unknown;
};

/**
 * What a failed call rejects with. A plain object rather than an Error: contextBridge copies an Error
 * with its message only, and the UI needs the code and the per-field issues.
 */
export type BridgeError = ApiErrorBody & { name: 'ApiError' };

type MethodFunctions<N extends MethodName> = { [M in N]: PlenoApi[M] };

function isIpcResult(value: unknown): value is IpcResult {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';
}

export function createPlenoBridge(ipc: IpcRendererPort, methods: readonly MethodName[], events: readonly EventName[]): PlenoApi {
  const knownEvents = new Set<string>(events);

  async function call(name: MethodName, input: unknown): Promise<unknown> {
    // Methods without parameters may be called as `pleno.getAppInfo()`; main still validates.
    const result = await ipc.invoke(methodChannel(name), input === undefined ? {} : input);
    if (!isIpcResult(result)) {
      throw { name: 'ApiError', code: 'internal', message: 'Jawaban tidak dikenal dari proses utama.' } satisfies BridgeError;
    }
    if (result.ok) return result.value;
    throw { name: 'ApiError', ...result.error } satisfies BridgeError;
  }

  const functions: Partial<Record<MethodName, (input: unknown) => Promise<unknown>>> = {};
  for (const name of methods) functions[name] = (input: unknown) => call(name, input);

  function on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    if (!knownEvents.has(event)) throw new Error(`Peristiwa tidak dikenal: ${String(event)}`);
    if (typeof listener !== 'function') throw new Error('Pendengar harus berupa fungsi.');
    // The IpcRendererEvent is never handed to the page: it would expose ipcRenderer itself.
    const handler = (_event: unknown, message: unknown) => {
      const m = message as IpcEventMessage;
      if (m && m.event === event) listener(m.payload as EventPayload<E>);
    };
    ipc.on(EVENT_CHANNEL, handler);
    return () => {
      ipc.removeListener(EVENT_CHANNEL, handler);
    };
  }

  return Object.freeze({ ...(functions as MethodFunctions<MethodName>), on }) satisfies PlenoApi;
}
