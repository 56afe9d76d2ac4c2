/**
 * The shapes inside main/api: one handler per contract method, receiving the input already validated
 * by the contract's schema, and the caller (who asks, through which face).
 */
import type { z } from 'zod';
import type { MethodName, MethodOutput, Methods } from '../../shared/api/contract.ts';
import type { EventBus } from './events.ts';

export type Access = 'operator' | 'viewer';
export type Face = 'electron' | 'browser';

export type Caller = { access: Access; face: Face };

/** A method's input after the contract's schema parsed it (defaults filled in). */
export type ParsedInput<M extends MethodName> = z.output<Methods[M]['input']>;

export type Handler<M extends MethodName> = (
  input: ParsedInput<M>,
  caller: Caller,
) => MethodOutput<M> | Promise<MethodOutput<M>>;

export type Handlers = { [M in MethodName]: Handler<M> };

export type Api = {
  readonly handlers: Handlers;
  readonly events: EventBus;
  /** The face callers use when they do not say (Electron main passes 'electron', `pleno serve` 'browser'). */
  readonly face: Face;
  /** Check every output against the contract (tests and development: a wrong shape is a bug, caught loudly). */
  readonly validateOutputs: boolean;
  /** Unexpected failures are reported here before the caller gets a generic `internal` error. */
  readonly onInternalError: (error: unknown, method: MethodName) => void;
};
