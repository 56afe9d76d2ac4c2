import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  openStore, getRegionDetail, listRegionChildren, listTps, getStatusSummary, getHomeRegion, isEmpty, type Store,
} from '../../main/store/index.ts';
import { seedDemo } from '../../main/seed/demo.ts';
import { LevelCounts, RegionDetail, TpsPage } from '../../shared/api/contract.ts';
import { RegionSummary } from '../../shared/domain/types.ts';
import { tempDbPath } from './temp-dir.ts';

let store: Store;
before(() => {
  store = openStore(tempDbPath());
  seedDemo(store, 'kediri');
  // one TPS through the review flow, so status filters have something to find
  store.db.prepare(`INSERT INTO tps_status (tps_code, election_id, status, updated_at)
    SELECT '3506012001002', id, 'verified', 'x' FROM election`).run();
  store.db.prepare(`INSERT INTO tps_status (tps_code, election_id, status, reason, updated_at)
    SELECT '3506012002001', id, 'withheld', 'foto bukan C.Hasil', 'x' FROM election WHERE jenis = 'bupati'`).run();
});
after(() => store.close());

describe('queries return the contract shapes', () => {
  test('an empty store', () => {
    const empty = openStore(':memory:');
    assert.equal(isEmpty(empty), true);
    assert.equal(getHomeRegion(empty), null);
    assert.deepEqual(listRegionChildren(empty, null), []);
    assert.equal(getRegionDetail(empty, '3506'), null);
    assert.equal(getStatusSummary(empty, '3506'), null);
    assert.deepEqual(LevelCounts.parse(getStatusSummary(empty)), getStatusSummary(empty));
    assert.deepEqual(listTps(empty, { regionCode: '3506', offset: 0, limit: 10 }), { items: [], total: 0 });
    empty.close();
  });

  test('region tree: children with counts that add up', () => {
    const kecamatan = listRegionChildren(store, '3506');
    assert.equal(kecamatan.length, 26);
    for (const k of kecamatan) RegionSummary.parse(k);
    assert.deepEqual(kecamatan.map((k) => k.code), [...kecamatan.map((k) => k.code)].sort());
    assert.equal(kecamatan.reduce((n, k) => n + k.tpsCount, 0), 4821);
    assert.equal(kecamatan.reduce((n, k) => n + k.desaCount, 0), 344);
    const semen = kecamatan.find((k) => k.code === '350601')!;
    assert.equal(semen.name, 'SEMEN');
    const desa = listRegionChildren(store, '350601');
    assert.equal(desa.length, semen.childCount);
    assert.equal(desa.reduce((n, d) => n + d.tpsCount, 0), semen.tpsCount);
    assert.equal(desa.reduce((n, d) => n + d.dptTotal, 0), semen.dptTotal);
    // a desa's children in the tree are its TPS
    assert.equal(desa[0]!.childCount, desa[0]!.tpsCount);
    assert.deepEqual(listRegionChildren(store, '3506012001'), []);
  });

  test('region detail: path from the province down', () => {
    const detail = RegionDetail.parse(getRegionDetail(store, '3506012001'));
    assert.deepEqual(detail.path.map((r) => [r.code, r.level]), [
      ['35', 'provinsi'], ['3506', 'kabkota'], ['350601', 'kecamatan'], ['3506012001', 'desa'],
    ]);
    assert.equal(detail.region.status.verified, 1);
  });

  test('TPS list: code order, pages, totals, status filter', () => {
    const all = TpsPage.parse(listTps(store, { regionCode: '350601', offset: 0, limit: 5000 }));
    const semen = listRegionChildren(store, '3506').find((k) => k.code === '350601')!;
    assert.equal(all.total, semen.tpsCount);
    assert.equal(all.items.length, semen.tpsCount);
    assert.ok(all.items.every((t) => t.code.startsWith('350601')));
    const page2 = listTps(store, { regionCode: '350601', offset: 10, limit: 10 });
    assert.deepEqual(page2.items, all.items.slice(10, 20));
    assert.equal(page2.total, all.total);
    const verified = listTps(store, { regionCode: '3506', status: 'verified', offset: 0, limit: 100 });
    assert.deepEqual(verified.items.map((t) => t.code), ['3506012001002']);
    assert.equal(verified.total, 1);
    const withheld = listTps(store, { regionCode: '35', status: 'withheld', offset: 0, limit: 100 });
    assert.deepEqual(withheld.items.map((t) => [t.code, t.status]), [['3506012002001', 'withheld']]);
    const one = listTps(store, { regionCode: '3506012001', offset: 0, limit: 1 });
    assert.equal(one.items[0]!.code, '3506012001001');
    assert.equal(one.items[0]!.nomor, 1);
    assert.equal(one.items[0]!.desaCode, '3506012001');
  });

  test('status summary per level', () => {
    const whole = LevelCounts.parse(getStatusSummary(store));
    assert.deepEqual({ ...whole, dpt: 0, status: null }, { provinsi: 1, kabkota: 1, kecamatan: 26, desa: 344, tps: 4821, dpt: 0, status: null });
    assert.deepEqual(whole.status, { no_chasil: 4819, received: 0, needs_review: 0, verified: 1, withheld: 1 });
    const kab = getStatusSummary(store, '3506')!;
    assert.deepEqual([kab.provinsi, kab.kabkota, kab.kecamatan, kab.desa, kab.tps, kab.dpt], [0, 1, 26, 344, 4821, whole.dpt]);
    const kec = getStatusSummary(store, '350601')!;
    assert.equal(kec.kecamatan, 1);
    assert.equal(kec.kabkota, 0);
  });
});
