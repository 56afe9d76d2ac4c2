/** Building blocks for the API contract's method groups (shared/api/methods/*.ts). */
import { z } from 'zod';

export const Empty = z.object({}).strict();

/**
 * One API method: who may call it (`read`: anyone allowed to view, including LAN projector screens;
 * `operator`: only the local operator) and the schemas of its input and output.
 */
export function method<I extends z.ZodType, O extends z.ZodType>(access: 'read' | 'operator', input: I, output: O) {
  return { access, input, output };
}
