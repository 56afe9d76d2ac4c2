/** One problem in an input file: where it is (file, 1-based line, column name) and what is wrong (Bahasa Indonesia). */
export type ImportError = { file: string; line: number; field: string; message: string };

export type ImportResult =
  | { ok: true; rows: number; inserted: number; updated: number }
  | { ok: false; errors: ImportError[] };

/** A data row of an input file, values by (lower-case) column name, with the line it starts on. */
export type InputRecord = { line: number; values: Record<string, string> };

/** Stop listing after this many problems: a wholly wrong file should not produce a million messages. */
export const MAX_ERRORS = 100;
