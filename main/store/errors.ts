/**
 * Why a database file could not be opened. The message is for the user (Bahasa Indonesia);
 * the code is for the program: the UI and the CLI decide what to offer from it.
 *
 * - `newer_schema`: the file was written by a newer Pleno; this version must not touch it.
 * - `corrupt`: not a SQLite file, damaged, or a SQLite file that is not Pleno's.
 * - `io`: the file or its folder cannot be created, read or written.
 */
export type StoreErrorCode = 'newer_schema' | 'corrupt' | 'io';

export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StoreError';
  }
}
