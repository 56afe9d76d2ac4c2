/**
 * Times the status board's per-race (pemilihan) queries against the combined ones they sit beside.
 * Per-race counts are computed on demand from tps_status (no stored aggregate), so this checks they stay
 * fast where the board is used: a kab/kota (Kediri, ~4,000 TPS) and, with --country, a province of the
 * whole-country store (Jawa Timur, ~120,000 TPS under its governor race).
 *
 *   node --import tsx scripts/bench-status-race.ts [--country] [--query-runs 30] [--fill 0.7]
 *
 * The races' C.Hasil are planted deterministically: a share `--fill` of the TPS get a tps_status row
 * (verified, needs_review, received, withheld or an explicit no_chasil), the rest have none.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { statusCsv } from '../main/api/status-csv.ts';
import { seedCountry } from '../main/seed/country.ts';
import { seedDemo } from '../main/seed/demo.ts';
import { getRegionDetail, listRegionChildren, openStore, type Store } from '../main/store/index.ts';
import { allStatusBoardRows, listStatusBoardRows } from '../main/store/queries/status-board.ts';
import { raceBoardCounts } from '../main/store/queries/status-race.ts';

const { values: args } = parseArgs({
  options: {
    country: { type: 'boolean', default: false },
    'query-runs': { type: 'string', default: '30' },
    fill: { type: 'string', default: '0.7' },
  },
});
const runs = Math.max(1, Number(args['query-runs']));
const fill = Math.min(1, Math.max(0, Number(args.fill)));

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pleno-bench-race-'));
const store = openStore(path.join(dir, 'bench.db'));
console.log(`status board per race — ${os.cpus().length} cores, Node ${process.version}, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);

let t = performance.now();
if (args.country) seedCountry(store);
seedDemo(store, 'kediri'); // on the country store: only adds Kediri's races (governor Jawa Timur, bupati Kediri)
console.log(`seeded ${args.country ? 'the whole country + ' : ''}Kediri's races in ${((performance.now() - t) / 1000).toFixed(1)} s`);

const races = store.db.prepare('SELECT id, jenis, region_code FROM election ORDER BY id').all() as { id: number; jenis: string; region_code: string }[];
const gubernur = races.find((r) => r.jenis === 'gubernur')!;
const bupati = races.find((r) => r.jenis === 'bupati')!;

t = performance.now();
const planted = plant(store, gubernur.id, args.country ? '35' : '3506') + plant(store, bupati.id, '3506');
console.log(`planted ${planted.toLocaleString('id-ID')} tps_status rows (fill ${fill}) in ${((performance.now() - t) / 1000).toFixed(1)} s`);
console.log(`plan of a child's count: ${(store.db.prepare(`EXPLAIN QUERY PLAN SELECT sum(status = 'verified') FROM tps_status
  WHERE election_id = 1 AND tps_code >= '350601' AND tps_code < '350601:'`).all() as { detail: string }[]).map((r) => r.detail).join(' | ')}`);

/** Deterministic pseudo-random states for a share of the TPS under `scope`; returns the rows written. */
function plant(s: Store, electionId: number, scope: string): number {
  const codes = s.db.prepare('SELECT code FROM tps WHERE code >= ? AND code < ?').pluck().all(scope, `${scope}:`) as string[];
  const insert = s.db.prepare('INSERT INTO tps_status (tps_code, election_id, status, reason, updated_at) VALUES (?, ?, ?, ?, ?)');
  let n = 0;
  s.db.transaction(() => {
    codes.forEach((code, i) => {
      const r = ((i * 2654435761) >>> 0) / 2 ** 32; // Knuth's multiplicative hash: spread, repeatable
      if (r >= fill) return;
      const x = r / fill;
      const status = x < 0.57 ? 'verified' : x < 0.72 ? 'needs_review' : x < 0.93 ? 'received' : x < 0.97 ? 'withheld' : 'no_chasil';
      insert.run(code, electionId, status, status === 'withheld' ? 'Foto bukan formulir C.Hasil' : null, '2024-11-27T12:00:00Z');
      n++;
    });
  })();
  return n;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const rows: string[][] = [];
function time<T>(label: string, fn: () => T, describe: (result: T) => string): void {
  const c0 = performance.now();
  const result = fn();
  const cold = performance.now() - c0;
  const samples: number[] = [];
  const cpu0 = process.cpuUsage();
  for (let k = 0; k < runs; k++) {
    const s0 = performance.now();
    fn();
    samples.push(performance.now() - s0);
  }
  const cpu = process.cpuUsage(cpu0);
  rows.push([label, `${median(samples).toFixed(2)} ms`, `${((cpu.user + cpu.system) / 1000 / runs).toFixed(2)} ms`, `${cold.toFixed(2)} ms`, describe(result)]);
}

const counted = (r: ReturnType<typeof raceBoardCounts>) =>
  r ? `${r.region.tpsCount} TPS, ${r.children.length} children, verified ${r.region.status.verified}, withheld ${r.region.status.withheld}` : 'null';

time('combined counts 3506 (getRegion + listRegionChildren)', () => [getRegionDetail(store, '3506'), listRegionChildren(store, '3506')] as const,
  ([d, c]) => `${d?.region.tpsCount} TPS, ${c.length} children`);
time('race counts 3506, bupati', () => raceBoardCounts(store, { id: bupati.id, regionCode: bupati.region_code }, '3506'), counted);
time('race counts 3506, gubernur', () => raceBoardCounts(store, { id: gubernur.id, regionCode: gubernur.region_code }, '3506'), counted);
time('race counts 350601 (Semen), bupati', () => raceBoardCounts(store, { id: bupati.id, regionCode: bupati.region_code }, '350601'), counted);
time('race counts 35, gubernur (province board)', () => raceBoardCounts(store, { id: gubernur.id, regionCode: gubernur.region_code }, '35'), counted);
time('race counts 35, bupati (only Kediri among the kab/kota)', () => raceBoardCounts(store, { id: bupati.id, regionCode: bupati.region_code }, '35'), counted);
time('combined TPS page 1 of 3506 (50)', () => listStatusBoardRows(store, { regionCode: '3506', offset: 0, limit: 50 }), (r) => `${r.items.length} of ${r.total}`);
time('race TPS page 1 of 3506, bupati (50)', () => listStatusBoardRows(store, { regionCode: '3506', electionId: bupati.id, offset: 0, limit: 50 }), (r) => `${r.items.length} of ${r.total}`);
time('race TPS last page of 3506, bupati', () => listStatusBoardRows(store, { regionCode: '3506', electionId: bupati.id, offset: 3950, limit: 50 }), (r) => `${r.items.length} of ${r.total}`);
time('race TPS withheld of 3506, bupati (filter + total)', () => listStatusBoardRows(store, { regionCode: '3506', electionId: bupati.id, status: 'withheld', offset: 0, limit: 50 }), (r) => `${r.items.length} of ${r.total}`);
time('combined CSV of 3506', () => statusCsv(allStatusBoardRows(store, '3506')), (csv) => `${(csv.length / 1e6).toFixed(2)} MB`);
time('race CSV of 3506, bupati', () => statusCsv(allStatusBoardRows(store, '3506', undefined, bupati.id), { race: 'Pemilihan Bupati dan Wakil Bupati Kediri' }), (csv) => `${(csv.length / 1e6).toFixed(2)} MB`);
store.close();
fs.rmSync(dir, { recursive: true, force: true });

const head = ['query', 'median wall', 'CPU/run', 'first', 'result'];
const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
const line = (r: string[]) => r.map((cell, c) => (c === 0 || c === 4 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
console.log(`\n${line(head)}`);
for (const r of rows) console.log(line(r));
console.log(`\nload average now: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} (on ${os.cpus().length} cores); median of ${runs} runs`);
