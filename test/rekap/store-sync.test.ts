/**
 * The rekap engine against the real store: the demo kabupaten (Kediri, 4,821 TPS, a gubernur and a bupati
 * race) in a SQLite file, C.Hasil states and values written with SQL the way intake writes them, the engine
 * loaded from it and kept in sync TPS by TPS — always equal to what SQL itself sums over verified TPS.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { openStore, listElections, type Store } from '../../main/store/index.ts';
import { appendAudit } from '../../main/store/queries/audit.ts';
import { seedDemo } from '../../main/seed/demo.ts';
import { readWilayahText } from '../../main/seed/wilayah-source.ts';
import {
  fieldLayout, loadRekapFromStore, syncTpsFromStore, treeFromStore, treeFromWilayah, type RekapEngine, type RekapResult,
} from '../../main/rekap/index.ts';
import { consistentValues, seededRandom } from './support/consistent-values.ts';
import { tempDbPath } from '../store/temp-dir.ts';

function ok<T>(r: RekapResult<T>): T {
  if (!r.ok) assert.fail(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

type Writer = ReturnType<typeof writer>;

/** Writes a TPS's status and values for a race in one transaction, as intake/review would. */
function writer(store: Store) {
  const { db } = store;
  const now = new Date().toISOString();
  const setStatus = db.prepare(`
    INSERT INTO tps_status (tps_code, election_id, status, reason, updated_at) VALUES (@tps, @election, @status, @reason, @now)
    ON CONFLICT (tps_code, election_id) DO UPDATE SET status = excluded.status, reason = excluded.reason, updated_at = excluded.updated_at`);
  const setValue = db.prepare(`
    INSERT INTO tally_value (election_id, tps_code, field_id, value, source, audit_id, updated_at)
    VALUES (@election, @tps, @field, @value, 'operator', @audit, @now)
    ON CONFLICT (election_id, tps_code, field_id) DO UPDATE SET value = excluded.value, audit_id = excluded.audit_id`);
  return db.transaction((tps: string, election: number, status: string, values: Record<string, number>) => {
    const audit = appendAudit(store, { actor: 'uji', device: 'uji', action: 'tally.set', entity: `tps:${tps}`, after: values }).id;
    setStatus.run({ tps, election, status, reason: status === 'withheld' ? 'bukan formulir C.Hasil' : null, now });
    for (const [field, value] of Object.entries(values)) setValue.run({ election, tps, field, value, audit, now });
  });
}

/** What SQL sums for a region and race over verified TPS, field by field, and the TPS counts. */
function sqlTotals(store: Store, region: string, election: number) {
  const range = { lo: region, hi: `${region}:`, election };
  const fields = Object.fromEntries((store.db.prepare(`
    SELECT v.field_id, sum(v.value) AS total FROM tally_value v
    JOIN tps_status s ON s.tps_code = v.tps_code AND s.election_id = v.election_id AND s.status = 'verified'
    WHERE v.election_id = @election AND v.tps_code >= @lo AND v.tps_code < @hi GROUP BY v.field_id`).all(range) as { field_id: string; total: number }[])
    .map((r) => [r.field_id, r.total]));
  const count = (status: string) => (store.db.prepare(`
    SELECT count(*) AS n FROM tps_status WHERE election_id = @election AND tps_code >= @lo AND tps_code < @hi AND status = '${status}'`)
    .get(range) as { n: number }).n;
  const total = (store.db.prepare('SELECT count(*) AS n FROM tps WHERE code >= @lo AND code < @hi').get(range) as { n: number }).n;
  const included = count('verified');
  const withheld = count('withheld');
  return { fields, tps: { total, included, missing: total - included - withheld, withheld } };
}

function assertSameAsSql(engine: RekapEngine, store: Store, region: string, election: number): void {
  const want = sqlTotals(store, region, election);
  const got = ok(engine.getTotals(region, election));
  assert.deepEqual(got.tps, want.tps, `${region} counts`);
  for (const [field, total] of Object.entries(got.fields)) assert.equal(total, want.fields[field] ?? 0, `${region} ${field}`);
}

describe('rekap from the store (demo Kediri)', () => {
  let store: Store;
  let write: Writer;
  let gub: number;
  let bup: number;
  let tpsOf350601: { code: string; dpt_l: number; dpt_p: number }[];
  const random = seededRandom(2024);
  const fieldsOf = (n: number) => {
    const layout = fieldLayout(Array.from({ length: n }, (_, i) => i + 1));
    return layout.ids.slice(0, layout.formCount);
  };

  before(() => {
    store = openStore(tempDbPath());
    seedDemo(store, 'kediri');
    write = writer(store);
    const races = listElections(store);
    gub = races.find((e) => e.jenis === 'gubernur')!.id;
    bup = races.find((e) => e.jenis === 'bupati')!.id;
    tpsOf350601 = store.db.prepare("SELECT code, dpt_l, dpt_p FROM tps WHERE code >= '350601' AND code < '350601:' ORDER BY code").all() as typeof tpsOf350601;
    // kecamatan 350601: most TPS verified for both races, some withheld, some still in review (with values
    // that must not count), one verified with a value of a field its form does not have
    for (const [i, t] of tpsOf350601.entries()) {
      for (const election of [gub, bup]) {
        const values = consistentValues(fieldsOf(3), random, t.dpt_l, t.dpt_p);
        const status = i % 10 === 3 ? 'withheld' : i % 10 === 7 ? 'needs_review' : 'verified';
        write(t.code, election, status, status === 'withheld' ? {} : values);
      }
    }
    write(tpsOf350601[0]!.code, bup, 'verified', { 'IV.5': 12 });
  });

  test('the tree from the store is the tree from the wilayah data (same regions, TPS, DPT)', () => {
    const fromStore = treeFromStore(store);
    const fromFile = treeFromWilayah(JSON.parse(readWilayahText()), { scope: '3506' });
    assert.deepEqual(fromStore.codes, fromFile.codes);
    assert.equal(fromStore.tpsCount, fromFile.tpsCount);
    assert.equal(fromStore.tpsCount, 4821);
    assert.deepEqual([...fromStore.tpsDptL], [...fromFile.tpsDptL]);
    assert.deepEqual([...fromStore.tpsDptP], [...fromFile.tpsDptP]);
    assert.deepEqual([...fromStore.tpsStart], [...fromFile.tpsStart]);
    const kediri = fromStore.regionIndex('3506')!;
    assert.equal(fromStore.tpsEnd[kediri]! - fromStore.tpsStart[kediri]!, 4821);
  });

  test('loaded totals equal SQL sums over verified TPS, at every level, for both races', () => {
    const { engine, skipped, ignoredValues } = loadRekapFromStore(store);
    assert.deepEqual(skipped, []);
    assert.equal(ignoredValues[bup], 1, 'IV.5 is not on a three-paslon form');
    assert.equal(ignoredValues[gub], 0);
    for (const election of [gub, bup]) {
      for (const region of ['3506', '350601', tpsOf350601[5]!.code.slice(0, 10), '350602']) assertSameAsSql(engine, store, region, election);
    }
    const prov = ok(engine.getTotals('35', gub));
    assert.equal(prov.level, 'provinsi');
    assert.deepEqual(prov.tps, sqlTotals(store, '35', gub).tps);
    const outside = engine.getTotals('35', bup);
    assert.equal(outside.ok ? '' : outside.error.code, 'outside_election', 'a bupati race has no provinsi total');
  });

  test('after each committed change, syncing that TPS keeps the engine equal to the store', () => {
    const { engine } = loadRekapFromStore(store);
    const heard: string[] = [];
    engine.subscribe((c) => heard.push(`${c.tpsCode}:${c.state}`));
    const t = tpsOf350601[7]!; // needs_review so far
    const values = consistentValues(fieldsOf(3), random, t.dpt_l, t.dpt_p);
    write(t.code, bup, 'verified', values);
    ok(syncTpsFromStore(engine, store, t.code, bup));
    assertSameAsSql(engine, store, '350601', bup);
    // a correction in the pleno: two paslon swap a misread vote
    write(t.code, bup, 'verified', { 'IV.1': values['IV.1']! + 1, 'IV.2': values['IV.2']! - 1 });
    ok(syncTpsFromStore(engine, store, t.code, bup));
    assertSameAsSql(engine, store, '3506', bup);
    // withheld: out of the totals, counted as withheld
    write(t.code, bup, 'withheld', {});
    ok(syncTpsFromStore(engine, store, t.code, bup));
    assertSameAsSql(engine, store, '350601', bup);
    assert.deepEqual(heard, [`${t.code}:verified`, `${t.code}:verified`, `${t.code}:withheld`]);
    assert.ok(ok(engine.getChecks('350601', gub)).ok, 'consistent data, consistent checks');
  });

  test('locks given at load are restored; a locked TPS is refused before anything is written', () => {
    const { engine, lockErrors } = loadRekapFromStore(store, {
      locks: [
        { regionCode: '350601', electionId: bup, reference: 'Sesi pleno PPK #1', lockedAt: '2024-11-30T08:00:00Z' },
        { regionCode: '9999', electionId: bup, reference: 'x', lockedAt: '2024-11-30T08:00:00Z' },
      ],
    });
    assert.equal(lockErrors.length, 1);
    const t = tpsOf350601[1]!.code;
    const refused = engine.canChange(t, bup);
    assert.equal(refused.ok ? '' : refused.error.code, 'locked');
    ok(engine.canChange(t, gub));
    const synced = syncTpsFromStore(engine, store, t, bup);
    assert.equal(synced.ok ? '' : synced.error.code, 'locked');
  });
});
