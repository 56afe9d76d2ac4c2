import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, test } from 'node:test';
import { openStore, getStatusSummary, regionStatsDrift, listRegionChildren, getTps } from '../../main/store/index.ts';
import { seedCountry } from '../../main/seed/country.ts';
import { seedDemo } from '../../main/seed/demo.ts';
import { readWilayahText } from '../../main/seed/wilayah-source.ts';
import { tempDir } from '../store/temp-dir.ts';

type Wilayah = { id2name: Record<string, string>; tps: Record<string, number[]> };

/** A slice of the real data (two provinces and one overseas country), in the shipped file's shape. */
function sliceOfCountry(dir: string): { file: string; expected: Record<string, number>; overseasTps: number } {
  const all = JSON.parse(readWilayahText()) as Wilayah;
  const keep = (code: string) => code.startsWith('34') || code.startsWith('3506') || code === '35' || code.startsWith('9907') || code === '99';
  const slice: Wilayah = {
    id2name: Object.fromEntries(Object.entries(all.id2name).filter(([c]) => keep(c))),
    tps: Object.fromEntries(Object.entries(all.tps).filter(([c]) => keep(c))),
  };
  const domestic = Object.keys(slice.id2name).filter((c) => !c.startsWith('99'));
  const tpsOf = (v: number[]) => v[0]! + (v.length === 3 ? v[2]! - v[1]! + 1 : 0);
  const tpsCount = (pred: (c: string) => boolean) => Object.entries(slice.tps).filter(([c]) => pred(c)).reduce((n, [, v]) => n + tpsOf(v), 0);
  const file = path.join(dir, 'slice.json.gz');
  fs.writeFileSync(file, zlib.gzipSync(JSON.stringify(slice)));
  return {
    file,
    expected: {
      provinsi: domestic.filter((c) => c.length === 2).length,
      kabkota: domestic.filter((c) => c.length === 4).length,
      kecamatan: domestic.filter((c) => c.length === 6).length,
      desa: domestic.filter((c) => c.length === 10).length,
      tps: tpsCount((c) => !c.startsWith('99')),
    },
    overseasTps: tpsCount((c) => c.startsWith('99')),
  };
}

describe('country seed', () => {
  const dir = tempDir('pleno-country-');
  const { file, expected, overseasTps } = sliceOfCountry(dir);

  test('seeds every region and TPS of the data, with exact stats, idempotently', () => {
    const store = openStore(path.join(dir, 'a.db'));
    const counts = seedCountry(store, { wilayahPath: file });
    assert.deepEqual(counts, expected);
    assert.equal(expected.provinsi, 2);
    assert.ok(expected.tps > 10_000);
    assert.deepEqual(seedCountry(store, { wilayahPath: file }), expected);
    assert.deepEqual(regionStatsDrift(store.db), []);
    assert.deepEqual(listRegionChildren(store, null).map((r) => r.code), ['34', '35']);
    assert.equal(getStatusSummary(store)!.tps, expected.tps);
    assert.equal(getTps(store, '3506022011917')?.code, '3506022011917');
    store.close();
  });

  test('overseas only on request; a demo seeded first is kept as it is', () => {
    const store = openStore(path.join(dir, 'b.db'));
    seedDemo(store, 'kediri', { wilayahPath: file });
    store.db.prepare('UPDATE tps SET dpt_l = 7 WHERE code = ?').run('3506012001001');
    const counts = seedCountry(store, { wilayahPath: file, includeOverseas: true });
    assert.equal(counts.tps, expected.tps + overseasTps);
    assert.equal(counts.provinsi, 3);
    assert.equal(getTps(store, '3506012001001')?.dptL, 7);
    assert.deepEqual(regionStatsDrift(store.db), []);
    store.close();
  });
});
