import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { StoreError } from './errors.ts';
import { applyMigrations, latestVersion, userVersion } from './migrate.ts';
import { migrations } from './migrations/index.ts';
import { PLENO_APPLICATION_ID } from './migrations/0001_wilayah.ts';
import type { Migration } from './migrations/migration.ts';

/** The schema version this build of Pleno writes. */
export const SCHEMA_VERSION = latestVersion(migrations);

export type Store = {
  db: Database.Database;
  /** As given to openStore (':memory:' for an in-memory store). */
  path: string;
  schemaVersion: number;
  close(): void;
};

/**
 * Opens (creating if needed) a Pleno database and brings its schema up to date.
 * Refuses, with a StoreError and without changing the file, a file from a newer Pleno, a file that is not
 * Pleno's, and a damaged one. A database that holds data is never reset.
 */
export function openStore(file: string): Store {
  return openStoreWith(file, migrations);
}

/** openStore with an explicit migration list: tests use it to build files at older (or newer) versions. */
export function openStoreWith(file: string, list: readonly Migration[]): Store {
  const inMemory = file === ':memory:';
  if (!inMemory) prepareFolder(file);

  let db: Database.Database;
  try {
    db = new Database(file);
  } catch (err) {
    throw classify(err, file);
  }
  try {
    db.pragma('busy_timeout = 5000');
    // before anything writes (even the switch to WAL rewrites the header): refuse files that are not ours to change
    refuseForeignOrNewer(db, file, latestVersion(list));
    // A pleno must not lose a saved number to a power cut: FULL syncs the WAL on every commit.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('cache_size = -32768');
    db.pragma('temp_store = MEMORY');
    // after a big import the WAL shrinks back to this once checkpointed
    db.pragma('journal_size_limit = 67108864');
    const schemaVersion = applyMigrations(db, list);
    return {
      db,
      path: file,
      schemaVersion,
      close() {
        if (db.open) db.close();
      },
    };
  } catch (err) {
    db.close();
    // SQLite's own failures (unreadable, damaged, read-only, disk full) are the user's to fix; anything
    // else is a bug and is thrown as is.
    throw isSqliteError(err) ? classify(err, file) : err;
  }
}

function prepareFolder(file: string): void {
  try {
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    if (fs.existsSync(file) && !fs.statSync(file).isFile()) {
      throw new StoreError('io', `Basis data tidak dapat dibuka: ${file} bukan berkas.`);
    }
  } catch (err) {
    if (err instanceof StoreError) throw err;
    throw new StoreError('io', `Folder basis data tidak dapat dibuat untuk ${file}: ${describe(err)}.`, { cause: err });
  }
}

function refuseForeignOrNewer(db: Database.Database, file: string, latest: number): void {
  const version = userVersion(db);
  const appId = db.pragma('application_id', { simple: true }) as number;
  if (appId !== PLENO_APPLICATION_ID && appId !== 0) {
    throw new StoreError('corrupt', `Berkas ${file} adalah basis data SQLite milik aplikasi lain, bukan basis data Pleno. Berkas tidak diubah.`);
  }
  if (version === 0) {
    const objects = db.prepare('SELECT count(*) AS n FROM sqlite_schema').get() as { n: number };
    if (objects.n > 0) {
      throw new StoreError('corrupt', `Berkas ${file} berisi tabel yang bukan milik Pleno. Berkas tidak diubah; pilih berkas lain.`);
    }
    return;
  }
  if (appId !== PLENO_APPLICATION_ID) {
    throw new StoreError('corrupt', `Berkas ${file} bukan basis data Pleno. Berkas tidak diubah.`);
  }
  if (version > latest) {
    throw new StoreError(
      'newer_schema',
      `Basis data ${file} dibuat oleh versi Pleno yang lebih baru (skema v${version}; versi ini hanya mengenal sampai v${latest}). ` +
        'Perbarui Pleno untuk membukanya. Berkas tidak diubah.',
    );
  }
}

function classify(err: unknown, file: string): StoreError {
  const code = (err as { code?: unknown }).code;
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT' || (typeof code === 'string' && code.startsWith('SQLITE_CORRUPT'))) {
    return new StoreError('corrupt', `Berkas ${file} rusak atau bukan basis data Pleno (${describe(err)}). Berkas tidak diubah.`, { cause: err });
  }
  return new StoreError('io', `Basis data ${file} tidak dapat dibuka atau ditulis: ${describe(err)}.`, { cause: err });
}

function isSqliteError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_');
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
