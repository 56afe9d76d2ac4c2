/**
 * Expected failures of pleno operations, as values: the API turns `code` into its own error codes, the
 * message (Bahasa Indonesia) goes to the operator unchanged.
 */
export type PlenoErrorCode = 'not_found' | 'invalid' | 'conflict' | 'locked';
export type PlenoError = { code: PlenoErrorCode; message: string; path?: string };
export type PlenoResult<T> = { ok: true; value: T } | { ok: false; error: PlenoError };

export const ok = <T>(value: T): PlenoResult<T> => ({ ok: true, value });
export const fail = <T = never>(code: PlenoErrorCode, message: string, path?: string): PlenoResult<T> =>
  ({ ok: false, error: path === undefined ? { code, message } : { code, message, path } });
