/**
 * The API contract: the one list of what the UI, the CLI and remote viewers may ask of Pleno.
 * main/api implements it once; Electron IPC (preload) and the HTTP/WebSocket host both expose exactly
 * these methods, validating every input with the schema here before the implementation sees it.
 *
 * `access: 'read'`     — anyone allowed to view (projector screens on the LAN, read-only viewers).
 * `access: 'operator'` — only the local operator (the Electron window, or a browser on this machine
 *                        holding the operator token).
 */
import { z } from 'zod';
import { RegionCode } from '../domain/types.ts';
import { coreMethods, ProjectorState } from './methods/core.ts';
import { plenoMethods } from './methods/pleno.ts';
import { rekapMethods } from './methods/rekap.ts';
import { accountMethods } from './methods/accounts.ts';
import { statusMethods } from './methods/status.ts';
import { reviewMethods } from './methods/review.ts';
import { withheldMethods } from './methods/withheld.ts';
import { documentMethods } from './methods/documents.ts';
import { intakeMethods, ImportEvent } from './methods/intake.ts';

export * from './methods/core.ts';
export * from './methods/rekap.ts';
export * from './methods/pleno.ts';
export * from './methods/accounts.ts';
export * from './methods/status.ts';
export * from './methods/documents.ts';

/**
 * Every method, composed from one group per area. A new area adds its own file under methods/ and one
 * spread line here; method names must stay unique across groups.
 */
export const methods = {
  ...coreMethods,
  ...rekapMethods,
  ...plenoMethods,
  ...accountMethods,
  ...statusMethods,
  ...reviewMethods,
  ...withheldMethods,
  ...documentMethods,
  ...intakeMethods,
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Methods[M]['output']>;
export const methodNames = Object.keys(methods) as MethodName[];

/** Push events: the projector and every open console follow these live. */
export const events = {
  projectorChanged: ProjectorState,
  dataChanged: z.object({ scope: z.string(), regionCode: RegionCode.nullable() }),
  importProgress: ImportEvent,
} as const;
export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;
export const eventNames = Object.keys(events) as EventName[];

/** The client-side shape: what the preload exposes as `window.pleno` and what the browser client implements. */
export type PlenoApi = {
  [M in MethodName]: (input: MethodInput<M>) => Promise<MethodOutput<M>>;
} & {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};

/** Expected failures crossing the API boundary: a code the UI can act on and a message in Bahasa Indonesia. */
export const ApiErrorCode = z.enum(['invalid_input', 'not_found', 'forbidden', 'conflict', 'internal']);
export type ApiErrorCode = z.infer<typeof ApiErrorCode>;
export const ApiErrorBody = z.object({
  code: ApiErrorCode,
  message: z.string(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type ApiErrorBody = z.infer<typeof ApiErrorBody>;

export class ApiError extends Error {
  constructor(readonly code: ApiErrorCode, message: string, readonly issues?: ApiErrorBody['issues']) {
    super(message);
    this.name = 'ApiError';
  }
  toBody(): ApiErrorBody {
    return { code: this.code, message: this.message, ...(this.issues ? { issues: this.issues } : {}) };
  }
}
