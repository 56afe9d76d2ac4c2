/**
 * The single door into the API, used by every face (IPC, HTTP, CLI): finds the method, checks the
 * caller may use it, validates the input with the contract's schema, runs the handler, and turns
 * every failure into an ApiError the caller can act on. Nothing a caller sends can crash the process.
 */
import { z } from 'zod';
import { ApiError, methods, type ApiErrorBody, type MethodName, type MethodOutput } from '../../shared/api/contract.ts';
import type { Access, Api, Face, Handler } from './types.ts';

/** Validation messages in Bahasa Indonesia, per parse (not a process-wide zod setting). */
const indonesian = { error: z.locales.id().localeError };

export function isMethodName(name: unknown): name is MethodName {
  // Own properties only: "constructor" or "__proto__" must not reach the prototype.
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(methods, name);
}

export function callMethod<M extends MethodName>(
  api: Api,
  name: M,
  rawInput: unknown,
  access: Access,
  options?: { face?: Face },
): Promise<MethodOutput<M>>;
export function callMethod(api: Api, name: string, rawInput: unknown, access: Access, options?: { face?: Face }): Promise<unknown>;
export async function callMethod(
  api: Api,
  name: string,
  rawInput: unknown,
  access: Access,
  options: { face?: Face } = {},
): Promise<unknown> {
  if (!isMethodName(name)) {
    throw new ApiError('not_found', `metode tidak dikenal: ${String(name).slice(0, 80)}`);
  }
  const spec = methods[name];
  // Access before validation: a viewer learns nothing about an operator method's input shape.
  if (spec.access === 'operator' && access !== 'operator') {
    throw new ApiError('forbidden', `hanya operator di komputer ini yang boleh memakai ${name}`);
  }
  // A call without a payload (IPC `invoke(name)`, an empty HTTP body) means "no input": {}.
  const parsed = (spec.input as z.ZodType).safeParse(rawInput === undefined ? {} : rawInput, indonesian);
  if (!parsed.success) {
    throw new ApiError('invalid_input', `masukan tidak sah untuk ${name}`, issuesOf(parsed.error));
  }
  const handler = api.handlers[name] as Handler<MethodName>;
  let output: unknown;
  try {
    output = await handler(parsed.data as never, { access, face: options.face ?? api.face });
  } catch (error) {
    if (error instanceof ApiError) throw error;
    api.onInternalError(error, name);
    throw new ApiError('internal', 'terjadi kesalahan internal; lihat log aplikasi');
  }
  if (api.validateOutputs) {
    const checked = (spec.output as z.ZodType).safeParse(output);
    if (!checked.success) {
      const error = new Error(`keluaran ${name} tidak sesuai kontrak: ${JSON.stringify(issuesOf(checked.error))}`);
      api.onInternalError(error, name);
      throw new ApiError('internal', `keluaran ${name} tidak sesuai kontrak`, issuesOf(checked.error));
    }
    return checked.data;
  }
  return output;
}

/** zod issues flattened to what ApiErrorBody carries: a dotted path and a message. */
export function issuesOf(error: z.ZodError): NonNullable<ApiErrorBody['issues']> {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}
