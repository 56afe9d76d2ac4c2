/**
 * The IPC wire format between the preload and the main process. One channel per contract method
 * (`pleno:<method>`), one channel for pushed events. Free of Electron and zod imports: the sandboxed
 * preload bundles this file.
 */
import type { ApiErrorBody, EventName, MethodName } from '../../shared/api/contract.ts';

export const METHOD_CHANNEL_PREFIX = 'pleno:';
export const EVENT_CHANNEL = 'pleno:event';

export function methodChannel(name: MethodName): string {
  return `${METHOD_CHANNEL_PREFIX}${name}`;
}

/**
 * What every method channel answers. Errors travel as a value because Electron flattens a thrown Error
 * to its message when it crosses IPC; the UI needs the code and the per-field issues.
 */
export type IpcResult<T = unknown> = { ok: true; value: T } | { ok: false; error: ApiErrorBody };

export type IpcEventMessage = { event: EventName; payload: unknown };
