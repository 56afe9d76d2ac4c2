import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import {
  openStore, listElections, listRegionChildren, getHomeRegion, getStatusSummary, isDemo, isEmpty,
  listAudit, regionStatsDrift, getTps, type Store,
} from '../../main/store/index.ts';
import { demoDpt } from '../../main/seed/demo-dpt.ts';
import { seedDemo } from '../../main/seed/demo.ts';
import { readWilayahText } from '../../main/seed/wilayah-source.ts';
import { tempDbPath } from '../store/temp-dir.ts';

type Wilayah = { id2name: Record<string, string>; tps: Record<string, number[]> };
const wilayah = JSON.parse(readWilayahText()) as Wilayah;

/** What Kabupaten Kediri holds according to the data itself. */
function expectedKediri() {
  const codes = Object.keys(wilayah.id2name).filter((c) => c.startsWith('3506'));
  let tps = 0;
  let special = 0;
  for (const [desa, v] of Object.entries(wilayah.tps)) {
    if (!desa.startsWith('3506')) continue;
    tps += v[0]!;
    if (v.length === 3) special += v[2]! - v[1]! + 1;
  }
  return {
    kecamatan: codes.filter((c) => c.length === 6).length,
    desa: codes.filter((c) => c.length === 10).length,
    tps: tps + special,
    regular: tps,
    special,
  };
}

describe('demo seed: Kabupaten Kediri', () => {
  // one seeded file shared by the read-only checks; tests that write use their own
  const file = tempDbPath();
  let store: Store;
  let counts: ReturnType<typeof seedDemo>;
  before(() => {
    store = openStore(file);
    assert.equal(isEmpty(store), true);
    counts = seedDemo(store, 'kediri');
  });
  after(() => store.close());

  test("the app's own copy of the wilayah data equals the reference file", (t) => {
    const reference = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/data/wilayah-2024.json');
    if (!fs.existsSync(reference)) return t.skip('reference data not beside the project');
    assert.deepEqual(wilayah, JSON.parse(fs.readFileSync(reference, 'utf8')));
  });

  test('seeds 26 kecamatan, 344 desa and every TPS, regular and special', () => {
    const expected = expectedKediri();
    assert.deepEqual({ kecamatan: expected.kecamatan, desa: expected.desa, regular: expected.regular }, { kecamatan: 26, desa: 344, regular: 4795 });
    assert.deepEqual(counts, { kecamatan: 26, desa: 344, tps: expected.tps });
    assert.equal(expected.tps, 4821);
    assert.equal(isEmpty(store), false);
    // the province is the tree's root, Kediri its only child here
    assert.deepEqual(listRegionChildren(store, null).map((r) => [r.code, r.name, r.tpsCount]), [['35', 'JAWA TIMUR', 4821]]);
    assert.deepEqual(listRegionChildren(store, '35').map((r) => r.code), ['3506']);
    assert.equal(listRegionChildren(store, '3506').length, 26);
    assert.equal(getHomeRegion(store)?.code, '3506');
    // special TPS 901–917 of desa 3506022011 (which has 10 regular ones)
    assert.ok(getTps(store, '3506022011917'));
    assert.ok(getTps(store, '3506022011010'));
    assert.equal(getTps(store, '3506022011918'), null);
    assert.equal(getTps(store, '3506022011011'), null);
    assert.deepEqual(regionStatsDrift(store.db), []);
  });

  test('DPT per TPS is plausible (1–600, both sexes present) and equals the reference generator', () => {
    const rows = store.db.prepare('SELECT code, dpt_l, dpt_p FROM tps ORDER BY code').all() as { code: string; dpt_l: number; dpt_p: number }[];
    for (const r of rows) {
      const total = r.dpt_l + r.dpt_p;
      assert.ok(total >= 1 && total <= 600, `${r.code}: ${total}`);
      assert.ok(r.dpt_l > 0 && r.dpt_p > 0, r.code);
      assert.deepEqual(demoDpt(r.code), { l: r.dpt_l, p: r.dpt_p }, r.code);
    }
    const totals = rows.map((r) => r.dpt_l + r.dpt_p);
    const mean = totals.reduce((x, y) => x + y, 0) / totals.length;
    assert.ok(mean > 200 && mean < 300, `mean DPT ${mean}`);
    assert.ok(new Set(totals).size > 60, 'DPT varies between TPS');
    assert.equal(getStatusSummary(store, '3506')!.dpt, totals.reduce((x, y) => x + y, 0));
  });

  test('the races: bupati Kediri and gubernur Jawa Timur, 3 invented paslon each, marked demo', () => {
    const elections = listElections(store);
    assert.deepEqual(elections.map((e) => [e.jenis, e.regionCode, e.year, e.demo, e.paslon.length]), [
      ['gubernur', '35', 2024, true, 3],
      ['bupati', '3506', 2024, true, 3],
    ]);
    for (const e of elections) {
      assert.deepEqual(e.paslon.map((p) => p.nomorUrut), [1, 2, 3]);
      assert.ok(e.paslon.every((p) => !p.kotakKosong && p.kepala !== '' && p.wakil !== ''));
    }
    assert.equal(isDemo(store), true);
  });

  test('is idempotent: seeding again changes nothing, logs nothing, keeps edited DPT', () => {
    const snapshotSql = 'SELECT count(*) AS regions, (SELECT count(*) FROM tps) AS tps, (SELECT count(*) FROM paslon) AS paslon FROM region';
    const snapshot = store.db.prepare(snapshotSql).get();
    store.db.prepare('UPDATE tps SET dpt_l = 1, dpt_p = 2 WHERE code = ?').run('3506012001001');
    store.close();
    store = openStore(file);
    assert.deepEqual(seedDemo(store, 'kediri'), counts);
    assert.deepEqual(store.db.prepare(snapshotSql).get(), snapshot);
    assert.deepEqual(listAudit(store).map((e) => e.action), ['seed.demo']);
    assert.deepEqual([getTps(store, '3506012001001')?.dptL, getTps(store, '3506012001001')?.dptP], [1, 2]);
    assert.deepEqual(regionStatsDrift(store.db), []);
  });
});
