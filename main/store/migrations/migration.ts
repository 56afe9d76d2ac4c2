import type Database from 'better-sqlite3';

/**
 * One step of the schema. `version` is its number (1, 2, …, contiguous); `up` runs inside a transaction
 * that also records the version, so a step is applied completely or not at all.
 *
 * A shipped migration is never edited: a change to the schema is a new, higher-numbered file.
 * (`PRAGMA foreign_keys` cannot change inside a transaction, so a future step that rebuilds a table must
 * keep its rows consistent itself; the runner checks `foreign_key_check` before committing.)
 */
export type Migration = {
  version: number;
  name: string;
  up(db: Database.Database): void;
};
