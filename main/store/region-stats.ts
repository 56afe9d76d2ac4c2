import type Database from 'better-sqlite3';
import { subtreeRange } from './subtree.ts';

/**
 * `region_stats` is kept exact row by row by the `*_stats_on_*` triggers (migration 1). Bulk loads instead
 * drop those triggers for their transaction and recount the touched subtree in one pass: per-row trigger
 * work would add a quarter to the time to seed the whole country.
 */

const COLUMNS = [
  'child_count', 'kabkota_count', 'kecamatan_count', 'desa_count', 'tps_count', 'dpt_l', 'dpt_p',
  'no_chasil', 'received', 'needs_review', 'verified', 'withheld',
] as const;

const CHILD_LEVEL: Record<number, { length: number; level: string }> = {
  2: { length: 4, level: 'kabkota' },
  4: { length: 6, level: 'kecamatan' },
  6: { length: 10, level: 'desa' },
};

/**
 * Runs `load` with the per-row stats triggers dropped, then recounts the stats of `scope` (the region
 * whose subtree the load touched, with its ancestors; '' = everything) and recreates the triggers from
 * their stored SQL. Must run inside the caller's transaction; it takes a savepoint of its own, so if the
 * load throws, the half load and the dropped triggers are undone even if the caller carries on, and a
 * crash rolls everything back with the transaction (DDL is transactional in SQLite).
 */
export function withDeferredStats<T>(db: Database.Database, scope: string, load: () => T): T {
  if (!db.inTransaction) throw new Error('withDeferredStats must run inside a transaction');
  return db.transaction(() => {
    const triggers = db.prepare(STATS_TRIGGERS).all() as { name: string; sql: string }[];
    for (const t of triggers) db.exec(`DROP TRIGGER "${t.name}"`);
    const result = load();
    rebuildRegionStats(db, scope);
    for (const t of triggers) db.exec(t.sql);
    return result;
  })();
}

const STATS_TRIGGERS = "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND name GLOB '*_stats_on_*' ORDER BY name";

/** Recomputes the stats of `scope`'s subtree from the TPS up, then of its ancestors. */
export function rebuildRegionStats(db: Database.Database, scope: string): void {
  const { lo, hi } = subtreeRange(scope);
  const inScope = `((code >= @lo AND code < @hi) OR code IN (substr(@scope, 1, 2), substr(@scope, 1, 4), substr(@scope, 1, 6)))`;
  const params = { lo, hi, scope };
  db.prepare(`INSERT OR IGNORE INTO region_stats (code) SELECT code FROM region WHERE ${inScope}`).run(params);
  db.prepare(`DELETE FROM region_stats WHERE ${inScope} AND NOT EXISTS (SELECT 1 FROM region r WHERE r.code = region_stats.code)`).run(params);

  // desa: from their TPS
  db.prepare(`
    UPDATE region_stats SET (${COLUMNS.join(', ')}) = (
      SELECT 0, 0, 0, 0, count(*), coalesce(sum(t.dpt_l), 0), coalesce(sum(t.dpt_p), 0),
        coalesce(sum(t.status = 'no_chasil'), 0), coalesce(sum(t.status = 'received'), 0),
        coalesce(sum(t.status = 'needs_review'), 0), coalesce(sum(t.status = 'verified'), 0),
        coalesce(sum(t.status = 'withheld'), 0)
      FROM tps t WHERE t.code >= region_stats.code AND t.code < region_stats.code || ':')
    WHERE length(code) = 10 AND ${inScope}`).run(params);

  // kecamatan, kab/kota, provinsi: from their children, bottom up
  for (const length of [6, 4, 2]) {
    const child = CHILD_LEVEL[length]!;
    const own = (level: string) => (child.level === level ? ' + count(*)' : '');
    const sum = (column: string) => `coalesce(sum(c.${column}), 0)`;
    db.prepare(`
      UPDATE region_stats SET (${COLUMNS.join(', ')}) = (
        SELECT count(*),
          ${sum('kabkota_count')}${own('kabkota')}, ${sum('kecamatan_count')}${own('kecamatan')},
          ${sum('desa_count')}${own('desa')},
          ${COLUMNS.slice(4).map(sum).join(', ')}
        FROM region_stats c
        WHERE c.code > region_stats.code AND c.code < region_stats.code || ':' AND length(c.code) = ${child.length})
      WHERE length(code) = ${length} AND ${inScope}`).run(params);
  }
}

export type StatsRow = { code: string } & Record<(typeof COLUMNS)[number], number>;

/**
 * Rows of `region_stats` that differ from a full recomputation (empty = exact). For tests and diagnostics;
 * it rebuilds inside a savepoint and rolls back, so the database is unchanged.
 */
export function regionStatsDrift(db: Database.Database): { code: string; stored: StatsRow | null; expected: StatsRow | null }[] {
  const read = () => new Map((db.prepare('SELECT * FROM region_stats').all() as StatsRow[]).map((r) => [r.code, r]));
  const stored = read();
  let expected: Map<string, StatsRow>;
  db.exec('SAVEPOINT stats_drift');
  try {
    rebuildRegionStats(db, '');
    expected = read();
  } finally {
    db.exec('ROLLBACK TO stats_drift; RELEASE stats_drift');
  }
  const drift: { code: string; stored: StatsRow | null; expected: StatsRow | null }[] = [];
  for (const code of new Set([...stored.keys(), ...expected.keys()])) {
    const s = stored.get(code) ?? null;
    const e = expected.get(code) ?? null;
    if (JSON.stringify(s) !== JSON.stringify(e)) drift.push({ code, stored: s, expected: e });
  }
  return drift;
}
