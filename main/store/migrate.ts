import type Database from 'better-sqlite3';
import type { Migration } from './migrations/migration.ts';

/** The highest version in a list of migrations, after checking that they are numbered 1..n in order. */
export function latestVersion(list: readonly Migration[]): number {
  list.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration #${i + 1} has version ${m.version}: versions must be 1..n in order`);
  });
  return list.length;
}

/**
 * Applies the migrations above the file's `user_version`, each in its own IMMEDIATE transaction that also
 * records the step (`user_version` and a `schema_migration` row), so a crash leaves the file at a whole
 * version. The version is read again inside the transaction: two processes opening the same new file at
 * once cannot both apply a step. Returns the version the file is at afterwards.
 */
export function applyMigrations(db: Database.Database, list: readonly Migration[]): number {
  latestVersion(list);
  for (const m of list) {
    const step = db.transaction(() => {
      const current = userVersion(db);
      if (current >= m.version) return;
      if (current !== m.version - 1) throw new Error(`schema at v${current} cannot take migration v${m.version}`);
      m.up(db);
      const broken = db.pragma('foreign_key_check') as unknown[];
      if (broken.length > 0) throw new Error(`migration v${m.version} left ${broken.length} broken foreign keys`);
      db.prepare('INSERT INTO schema_migration (version, name, applied_at) VALUES (?, ?, ?)')
        .run(m.version, m.name, new Date().toISOString());
      db.pragma(`user_version = ${m.version}`);
    });
    step.immediate();
  }
  return userVersion(db);
}

export function userVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}
