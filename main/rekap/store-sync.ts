/**
 * The rekap engine fed from the SQLite store: the region tree from `region` + `tps`, the races from
 * `election` + `paslon`, each TPS's state from `tps_status` (verified → included, withheld → withheld,
 * anything else or no row → missing) and its values from `tally_value`.
 *
 * Load once at start (`loadRekapFromStore`), then after every committed transaction that touched a TPS's
 * status or values call `syncTpsFromStore` for that TPS and race (before committing, `engine.canChange`
 * says whether a locked pleno refuses it).
 *
 * Values whose field is not on the race's form (say `IV.5` in a three-paslon race) are left out and
 * counted, never guessed into another column.
 */
import type { Store } from '../store/open.ts';
import { listElections } from '../store/queries/elections.ts';
import { RekapEngine, type RekapEngineOptions } from './engine.ts';
import { fail, ok, type RekapResult } from './errors.ts';
import { RegionTreeBuilder, type RegionTree } from './region-tree.ts';
import type { LockInfo, RekapChange, TpsInput } from './types.ts';

export type StoreLoad = {
  engine: RekapEngine;
  /** Races the rekap could not take (no paslon yet): nothing to add up. */
  skipped: { electionId: number; reason: string }[];
  /** Per race: values of verified TPS stored under a field that is not on the race's form (left out). */
  ignoredValues: Record<number, number>;
  /** Locks restored (from `options.locks`) that no longer fit (unknown race or region). */
  lockErrors: string[];
};

/** The region tree of everything the store holds. */
export function treeFromStore(store: Store): RegionTree {
  const builder = new RegionTreeBuilder();
  for (const row of store.db.prepare('SELECT code, name FROM region ORDER BY code').raw().iterate() as Iterable<[string, string]>) {
    builder.addRegion(row[0], row[1]);
  }
  for (const row of store.db.prepare('SELECT code, dpt_l, dpt_p FROM tps ORDER BY code').raw().iterate() as Iterable<[string, number, number]>) {
    builder.addTps(row[0], row[1], row[2]);
  }
  return builder.build();
}

/**
 * Builds the engine from the store: tree, every race with paslon, every TPS's state and verified values,
 * and the locks given (persisted by whoever owns pleno sessions).
 */
export function loadRekapFromStore(store: Store, options: RekapEngineOptions & { locks?: readonly LockInfo[] } = {}): StoreLoad {
  const engine = new RekapEngine(treeFromStore(store), options);
  const skipped: StoreLoad['skipped'] = [];
  const ignoredValues: Record<number, number> = {};
  for (const e of listElections(store)) {
    if (e.paslon.length === 0) {
      skipped.push({ electionId: e.id, reason: 'belum ada paslon' });
      continue;
    }
    const added = engine.addElection({ id: e.id, regionCode: e.regionCode, nomorUrut: e.paslon.map((p) => p.nomorUrut) });
    if (!added.ok) {
      skipped.push({ electionId: e.id, reason: added.error.message });
      continue;
    }
    ignoredValues[e.id] = loadElection(store, engine, e.id);
  }
  const lockErrors: string[] = [];
  for (const lock of options.locks ?? []) {
    const locked = engine.lock(lock.regionCode, lock.electionId, { reference: lock.reference });
    if (!locked.ok) lockErrors.push(locked.error.message);
  }
  return { engine, skipped, ignoredValues, lockErrors };
}

/**
 * Loads one race's states and values; returns the ignored value count. SQLite packs each TPS's values into
 * one string (`I.A.L=120,I.A.P=131,…`, a range scan of the primary key), so JavaScript handles one row per
 * TPS instead of one per value: per-row crossings dominate a load otherwise (~3× slower).
 */
function loadElection(store: Store, engine: RekapEngine, electionId: number): number {
  const fields = engine.fieldIds(electionId);
  if (!fields.ok) throw new Error(fields.error.message);
  const col = new Map(fields.value.map((id, i) => [id, i]));
  const row = new Int16Array(fields.value.length);
  let ignored = 0;
  const rows = store.db.prepare(`
    SELECT s.tps_code, s.status,
      (SELECT group_concat(v.field_id || '=' || v.value) FROM tally_value v
       WHERE v.election_id = s.election_id AND v.tps_code = s.tps_code) AS packed
    FROM tps_status s
    WHERE s.election_id = ? AND s.status IN ('verified', 'withheld') ORDER BY s.tps_code`)
    .raw().iterate(electionId) as IterableIterator<[string, string, string | null]>;
  const loaded = engine.bulkLoadRows(electionId, (put) => {
    for (const [tpsCode, status, packed] of rows) {
      const verified = status === 'verified';
      row.fill(-1);
      if (verified && packed !== null) {
        for (const pair of packed.split(',')) {
          const eq = pair.indexOf('=');
          const c = col.get(pair.slice(0, eq));
          if (c === undefined) ignored++;
          else row[c] = Number(pair.slice(eq + 1));
        }
      }
      const result = put(tpsCode, verified ? 'verified' : 'withheld', verified ? row : null);
      // the store's triggers keep tps_status inside the race's region, so a refusal is a bug
      if (!result.ok) throw new Error(`loadRekapFromStore: ${result.error.message}`);
    }
  });
  if (!loaded.ok) throw new Error(loaded.error.message);
  return ignored;
}

/** What the store says about one TPS for one race now, in the engine's terms. */
export function readTpsInput(store: Store, tpsCode: string, electionId: number, fieldIds: readonly string[]): TpsInput {
  const status = store.db.prepare('SELECT status FROM tps_status WHERE tps_code = ? AND election_id = ?')
    .get(tpsCode, electionId) as { status: string } | undefined;
  if (status?.status === 'withheld') return { state: 'withheld' };
  if (status?.status !== 'verified') return { state: 'missing' };
  const known = new Set(fieldIds);
  const values: Record<string, number> = {};
  for (const r of store.db.prepare('SELECT field_id, value FROM tally_value WHERE election_id = ? AND tps_code = ?')
    .all(electionId, tpsCode) as { field_id: string; value: number }[]) {
    if (known.has(r.field_id)) values[r.field_id] = r.value;
  }
  return { state: 'verified', values };
}

/**
 * Brings the engine in line with the store for one TPS and race: call after the transaction that changed
 * it has committed. A `locked` error here means the writer did not ask `engine.canChange` first.
 */
export function syncTpsFromStore(engine: RekapEngine, store: Store, tpsCode: string, electionId: number): RekapResult<RekapChange> {
  const fields = engine.fieldIds(electionId);
  if (!fields.ok) return fail(fields.error);
  const applied = engine.applyTpsChange(tpsCode, electionId, readTpsInput(store, tpsCode, electionId, fields.value));
  return applied.ok ? ok(applied.value) : applied;
}
