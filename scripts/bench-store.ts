/**
 * npm run bench:store — seeds the whole country (every region and TPS in resources/data) into a fresh
 * database file and times it, then times the queries the console makes most.
 * Targets on the reference machine (2 cores): seed < 30 s, each query < 20 ms.
 *
 *   node --import tsx scripts/bench-store.ts [--runs 3] [--query-runs 50] [--keep DIR]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openStore, listTps, listRegionChildren, getStatusSummary, getRegionDetail, type Store } from '../main/store/index.ts';
import { seedCountry, type CountryCounts } from '../main/seed/country.ts';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    'query-runs': { type: 'string', default: '50' },
    keep: { type: 'string' },
  },
});
const seedRuns = Math.max(1, Number(args.runs));
const queryRuns = Math.max(1, Number(args['query-runs']));

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
const ms = (x: number) => `${x.toFixed(2)} ms`;
const fileSize = (file: string) => (fs.existsSync(file) ? fs.statSync(file).size : 0);

console.log(`Pleno store benchmark — ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? '?'}, Node ${process.version}, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);

// --- seeding -------------------------------------------------------------------------------------
const seedSeconds: number[] = [];
// CPU seconds of this process: on a machine shared with other work, wall time mostly measures the others
const seedCpuSeconds: number[] = [];
let counts: CountryCounts | null = null;
let dbFile = '';
let sizeAfterCommit = 0;
let sizeAfterClose = 0;
for (let run = 1; run <= seedRuns; run++) {
  const dir = args.keep && run === seedRuns ? args.keep : fs.mkdtempSync(path.join(os.tmpdir(), 'pleno-bench-'));
  fs.mkdirSync(dir, { recursive: true });
  dbFile = path.join(dir, 'country.db');
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(dbFile + suffix, { force: true });
  const store = openStore(dbFile);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  counts = seedCountry(store);
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  seedSeconds.push(seconds);
  seedCpuSeconds.push(cpuSeconds);
  sizeAfterCommit = fileSize(dbFile) + fileSize(`${dbFile}-wal`);
  const c0 = performance.now();
  store.close();
  const closeSeconds = (performance.now() - c0) / 1000;
  sizeAfterClose = fileSize(dbFile);
  console.log(`seed run ${run}: ${seconds.toFixed(2)} s wall, ${cpuSeconds.toFixed(2)} s CPU (+ ${closeSeconds.toFixed(2)} s checkpoint on close)`);
  if (run < seedRuns) fs.rmSync(dir, { recursive: true, force: true });
}
console.log(`seeded: ${JSON.stringify(counts)}`);

// --- queries on the last file ---------------------------------------------------------------------
const store = openStore(dbFile);

function time<T>(label: string, target: number | null, fn: () => T, describe: (result: T) => string): void {
  const first = performance.now();
  const result = fn();
  const cold = performance.now() - first;
  const samples: number[] = [];
  for (let k = 0; k < queryRuns; k++) {
    const t = performance.now();
    fn();
    samples.push(performance.now() - t);
  }
  const m = median(samples);
  const verdict = target === null ? '' : m < target ? `  (target < ${target} ms: ok)` : `  (target < ${target} ms: MISSED)`;
  rows.push([label, ms(m), ms(cold), describe(result) + verdict]);
}
const rows: string[][] = [];

const biggestKecamatan = store.db
  .prepare("SELECT code FROM region_stats WHERE length(code) = 6 ORDER BY tps_count DESC LIMIT 1").pluck().get() as string;
time(`list TPS of kecamatan 350601 (Semen, Kediri)`, 20, () => listTps(store, { regionCode: '350601', offset: 0, limit: 5000 }), (r) => `${r.items.length} TPS`);
time(`list TPS of the largest kecamatan ${biggestKecamatan}`, 20, () => listTps(store, { regionCode: biggestKecamatan, offset: 0, limit: 5000 }), (r) => `${r.items.length} TPS`);
time('TPS per kab/kota of provinsi 35 (stored counts)', 20, () => listRegionChildren(store, '35'), (r) => `${r.length} kab/kota, ${r.reduce((n, k) => n + k.tpsCount, 0)} TPS`);
time('TPS per kab/kota of provinsi 35 (range GROUP BY, for comparison)', null, () =>
  store.db.prepare("SELECT substr(code, 1, 4) AS kab, count(*) AS n FROM tps WHERE code >= '35' AND code < '35:' GROUP BY kab").all() as { n: number }[],
(r) => `${r.length} kab/kota, ${r.reduce((n, k) => n + k.n, 0)} TPS`);
time('provinces with counts (tree root)', 20, () => listRegionChildren(store, null), (r) => `${r.length} provinsi`);
time('status summary of the whole country', 20, () => getStatusSummary(store), (r) => `${r?.tps} TPS`);
time('region detail of a desa (breadcrumbs)', 20, () => getRegionDetail(store, '3506012001'), (r) => r?.path.map((p) => p.name).join(' › ') ?? '');
time('TPS page 100 of Jawa Timur (offset 49,500, limit 500)', 20, () => listTps(store, { regionCode: '35', offset: 49_500, limit: 500 }), (r) => `${r.items.length} of ${r.total}`);
store.close();

// --- report -------------------------------------------------------------------------------------
const seedMedian = median(seedSeconds);
console.log('');
console.log(`seed the whole country: median ${seedMedian.toFixed(2)} s over ${seedRuns} run(s) [${seedSeconds.map((s) => s.toFixed(2)).join(', ')}]  (target < 30 s: ${seedMedian < 30 ? 'ok' : 'MISSED'}); CPU median ${median(seedCpuSeconds).toFixed(2)} s`);
console.log(`load average now: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} (on ${os.cpus().length} cores)`);
console.log(`database size: ${mb(sizeAfterClose)} after close (${mb(sizeAfterCommit)} incl. WAL right after commit)`);
console.log('');
const widths = [0, 1, 2].map((c) => Math.max(...[['query', 'median', 'first'][c]!.length, ...rows.map((r) => r[c]!.length)]));
const line = (r: string[]) => `${r[0]!.padEnd(widths[0]!)}  ${r[1]!.padStart(widths[1]!)}  ${r[2]!.padStart(widths[2]!)}  ${r[3] ?? ''}`;
console.log(line(['query', 'median', 'first', `result (median of ${queryRuns})`]));
for (const r of rows) console.log(line(r));
if (args.keep) console.log(`\nkept: ${dbFile}`);
