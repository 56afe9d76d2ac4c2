/**
 * `npm run bench:import`: N synthetic phone photos of filled C.Hasil-KWK pages (two per TPS, Kediri demo,
 * bupati race, named `<tps>_hal<p>.jpg`) imported the way the app does it — the import API (`importPaths`)
 * of a real core behind the real HTTP host, the queue running in the background, read by the real recognition
 * engine — with 1 and 2 workers. Reports files/s, time to the first reviewable TPS (both its pages read: status
 * needs_review), peak memory (the whole process, reader threads included: VmHWM, and RSS polled every 100 ms)
 * and the UI's responsiveness: the latency of a trivial API call (getAppInfo over HTTP, from another process)
 * polled every 50 ms during the import, as p50/p99/max — plus the main thread's event-loop delay.
 *
 * Each page is printed for its own TPS (header and QR code), so the QR code places every page and the file
 * names agree with it; the import runs without a file-name pattern (`--pattern POLA` to use one as well).
 *
 *   node --import tsx scripts/bench-import.ts [--n 1000] [--workers 1,2] [--seed 1] [--min-mp 3] [--max-mp 12]
 *        [--gen-workers 2] [--cache DIR] [--model PATH] [--pattern POLA]
 *
 * Photos are generated once per (n, seed, MP range) into the cache (default: <tmp>/pleno-bench-import) and
 * reused. Each worker count runs in its own child process against a fresh database, so its peak memory is its
 * own.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { PrintedTps } from '../test/support/synth/blank-pages.ts';

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '1000' },
    workers: { type: 'string', default: '1,2' },
    seed: { type: 'string', default: '1' },
    'min-mp': { type: 'string', default: '3' },
    'max-mp': { type: 'string', default: '12' },
    'gen-workers': { type: 'string', default: String(Math.max(1, Math.min(2, os.availableParallelism()))) },
    cache: { type: 'string' },
    model: { type: 'string' },
    pattern: { type: 'string' },
    // internal
    shard: { type: 'string' },
    run: { type: 'string' },
    dir: { type: 'string' },
  },
});

const script = fileURLToPath(import.meta.url);
const fail = (message: string): never => {
  console.error(`bench-import: ${message}`);
  process.exit(2);
};
const n = Number(values.n);
if (!Number.isInteger(n) || n < 2 || n > 20_000) fail(`--n tidak sah: ${values.n}`);
const pairs = Math.floor(n / 2);
const minMp = Number(values['min-mp']);
const maxMp = Number(values['max-mp']);
const cacheRoot = values.cache ?? path.join(os.tmpdir(), 'pleno-bench-import');
// `-tps`: pages printed for their own TPS (older caches printed one TPS on every page)
const photoDir = values.dir ?? path.join(cacheRoot, `n${pairs * 2}-s${values.seed}-mp${minMp}-${maxMp}-tps`);
const NPASLON = 3;

/** The first `pairs` TPS of the Kediri demo, in code order, with what their forms print (from a throwaway seeded store). */
async function demoTps(count: number): Promise<PrintedTps[]> {
  const { openStore } = await import('../main/store/index.ts');
  const { seedDemo } = await import('../main/seed/demo.ts');
  const store = openStore(':memory:');
  const { printedTpsRows } = await import('../test/support/printed-tps.ts');
  seedDemo(store, 'kediri');
  const rows = printedTpsRows(store, '3506', count);
  store.close();
  if (rows.length < count) fail(`demo Kediri hanya punya ${rows.length} TPS`);
  return rows;
}

/** Writes the photos of TPS i ≡ k (mod N): both pages of one TPS share the seed, so their values agree. */
async function generateShard(k: number, N: number, tps: PrintedTps[]): Promise<void> {
  const { generateSample } = await import('../test/support/synth/generate-sample.ts');
  for (let i = k; i < tps.length; i += N) {
    const code = tps[i]!.code;
    for (const page of [1, 2]) {
      const file = path.join(photoDir, `${code}_hal${page}.jpg`);
      if (fs.existsSync(file)) continue;
      const { jpeg } = await generateSample({
        kwk: { nPaslon: NPASLON, page, tps: tps[i] },
        seed: `${values.seed}/${code}`,
        options: { photo: { minMegapixels: minMp, maxMegapixels: maxMp } },
      });
      fs.writeFileSync(`${file}.part`, jpeg);
      fs.renameSync(`${file}.part`, file);
    }
  }
}

async function ensurePhotos(): Promise<string[]> {
  fs.mkdirSync(photoDir, { recursive: true });
  const codes = (await demoTps(pairs)).map((t) => t.code);
  const missing = codes.filter((c) => !fs.existsSync(path.join(photoDir, `${c}_hal2.jpg`)) || !fs.existsSync(path.join(photoDir, `${c}_hal1.jpg`)));
  if (missing.length > 0) {
    const workers = Math.max(1, Number(values['gen-workers']));
    const started = performance.now();
    console.error(`bench-import: membuat ${missing.length * 2} foto (${minMp}–${maxMp} MP) di ${photoDir} dengan ${workers} proses…`);
    const args = ['--n', String(pairs * 2), '--seed', values.seed!, '--min-mp', String(minMp), '--max-mp', String(maxMp), '--dir', photoDir];
    await Promise.all(Array.from({ length: workers }, (_, k) => runChild([...args, '--shard', `${k}/${workers}`], 'inherit')));
    console.error(`bench-import: foto siap dalam ${Math.round((performance.now() - started) / 1000)} dtk`);
  }
  return codes;
}

function runChild(args: string[], stdout: 'inherit' | 'pipe', onStart?: (pid: number, url: Promise<string>, importDone: Promise<void>) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { stdio: ['ignore', stdout, onStart ? 'pipe' : 'inherit'] });
    let out = '';
    child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    if (onStart) {
      let gotUrl!: (url: string) => void;
      const url = new Promise<string>((r) => (gotUrl = r));
      let gotDone!: () => void;
      const importDone = new Promise<void>((r) => (gotDone = r));
      let err = '';
      child.stderr!.on('data', (d: Buffer) => {
        err += d.toString();
        for (let i = err.indexOf('\n'); i >= 0; i = err.indexOf('\n')) {
          const line = err.slice(0, i);
          err = err.slice(i + 1);
          const m = /^BENCH-URL (\S+)/.exec(line);
          if (m) gotUrl(m[1]!);
          else if (line.startsWith('BENCH-DONE')) gotDone();
          else process.stderr.write(`${line}\n`);
        }
      });
      onStart(child.pid!, url, importDone);
    }
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`proses anak keluar dengan kode ${code}`))));
  });
}

interface RunResult {
  workers: number;
  files: number;
  pages: number;
  enqueueMs: number;
  runMs: number;
  filesPerSecond: number;
  /** Until the first file is settled: mostly the readers' start (threads, opencv, digit model). */
  firstFileMs: number | null;
  firstReviewableMs: number | null;
  peakRssMb: number;
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
  counts: Record<string, number>;
  verdicts: Record<string, number>;
  tpsStatus: Record<string, number>;
  problems: Record<string, number>;
  /** getAppInfo over HTTP every 50 ms during the import (from the parent process). */
  api?: { samples: number; p50: number; p99: number; max: number; over100: number; worst: { atS: number; ms: number }[] };
}

/** One measured import (in a child process: its own peak memory), through the API behind the HTTP host. */
async function measure(workers: number): Promise<RunResult> {
  process.env.PLENO_IMPORT_WORKERS = String(workers);
  const { startCore } = await import('../main/bootstrap.ts');
  const { startHost } = await import('../main/host/start-host.ts');
  const { callMethod } = await import('../main/api/call-method.ts');
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pleno-bench-import-run-'));
  try {
    const core = startCore({ dbPath: path.join(work, 'pleno.db'), seedDemo: true, face: 'browser', dataDir: work });
    await core.ready; // as `pleno serve` and the desktop app do before they answer
    const host = await startHost({ api: core.api, port: 0, host: '127.0.0.1', rendererDir: work });
    // the parent polls this host while we import
    process.stderr.write(`BENCH-URL ${host.url}\n`);
    const loop = monitorEventLoopDelay({ resolution: 10 });
    let firstReviewableMs: number | null = null;
    let firstFileMs: number | null = null;
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
    let lastPrint = 0;
    let settle!: () => void;
    const finished = new Promise<void>((resolve) => (settle = resolve));
    const t0 = performance.now();
    let t1 = t0;
    core.api.events.on('importProgress', (e) => {
      // from the first settled file on: the readers' one-off start (threads, opencv, models) is not "during import"
      if (e.kind === 'item') {
        loop.enable();
        firstFileMs ??= performance.now() - t1;
      }
      if (e.kind === 'tps' && e.status === 'needs_review' && firstReviewableMs === null) firstReviewableMs = performance.now() - t1;
      if (e.kind === 'progress' && performance.now() - lastPrint > 15_000) {
        lastPrint = performance.now();
        const c = e.progress.counts;
        console.error(`bench-import [${workers} worker]: ${c.done + c.failed + c.duplicate}/${c.total} · ${e.progress.filesPerSecond.toFixed(2)} berkas/dtk`);
      }
      if (e.kind === 'queue' && !e.running) settle();
    });
    const started = (await callMethod(core.api, 'importPaths', {
      paths: [photoDir], electionId: 2, pattern: values.pattern ?? null,
    }, 'operator')) as { batchId: number };
    const enqueueMs = performance.now() - t0;
    t1 = performance.now();
    await finished;
    const runMs = performance.now() - t1;
    process.stderr.write('BENCH-DONE\n');
    loop.disable();
    clearInterval(sampler);
    const maxRss = process.resourceUsage().maxRSS * 1024;
    const { store } = core;
    const listed = (await callMethod(core.api, 'listImportItems', { batchId: started.batchId, limit: 1 }, 'operator')) as { batch: { counts: Record<string, number> } };
    const counts = listed.batch.counts;
    const pages = store.db.prepare('SELECT count(*) FROM sheet').pluck().get() as number;
    const group = (sql: string) => Object.fromEntries((store.db.prepare(sql).all() as { k: string; n: number }[]).map((r) => [r.k, r.n]));
    const result: RunResult = {
      workers,
      files: counts.total!,
      pages,
      enqueueMs,
      runMs,
      filesPerSecond: (counts.done! + counts.failed! + counts.duplicate!) / (runMs / 1000),
      firstFileMs,
      firstReviewableMs,
      peakRssMb: Math.max(peakRss, maxRss) / (1024 * 1024),
      loopDelayP99Ms: loop.percentile(99) / 1e6,
      loopDelayMaxMs: loop.max / 1e6,
      counts,
      verdicts: group('SELECT verdict AS k, count(*) AS n FROM sheet GROUP BY verdict'),
      tpsStatus: group('SELECT status AS k, count(*) AS n FROM tps_status GROUP BY status'),
      problems: group("SELECT coalesce(problem, '(melekat)') AS k, count(*) AS n FROM sheet_intake GROUP BY problem"),
    };
    await host.close();
    core.close();
    return result;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/**
 * The UI's view of the import: from the moment the child's host is up until it reports, a getAppInfo over
 * HTTP every 50 ms (from this process, as the browser would), and the child's memory from /proc.
 */
function watchChild(pid: number, urlOf: Promise<string>) {
  const latencies: number[] = [];
  /** When each slow answer came, in seconds since the host was up: tells start-up stalls from import ones. */
  const slow: { atS: number; ms: number }[] = [];
  let stopped = false;
  let hwmKb = 0;
  let rssPeakKb = 0;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const ask = (url: string) =>
    new Promise<void>((resolve) => {
      const req = http.request(`${url}api/getAppInfo`, { method: 'POST', agent, headers: { 'Content-Type': 'application/json' } }, (res) => {
        res.resume();
        res.on('end', () => resolve());
      });
      req.on('error', () => resolve());
      req.end('{}');
    });
  const memory = () => {
    try {
      const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
      hwmKb = Math.max(hwmKb, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0));
      rssPeakKb = Math.max(rssPeakKb, Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0));
    } catch {
      // the child has ended
    }
  };
  const memTimer = setInterval(memory, 100);
  const done = (async () => {
    // unref: a child that never reports must not keep this process alive for the whole wait
    const url = await Promise.race([urlOf, new Promise<null>((r) => setTimeout(() => r(null), 600_000).unref())]);
    // The screen has talked to the host before an import starts: the first request on a fresh connection
    // (socket, the method's first run) is not an input the operator waits on during the import.
    if (url) await ask(url);
    const up = performance.now();
    while (url && !stopped) {
      const t = performance.now();
      await ask(url);
      latencies.push(performance.now() - t);
      if (latencies.at(-1)! >= 50) slow.push({ atS: (t - up) / 1000, ms: latencies.at(-1)! });
      const wait = 50 - (performance.now() - t);
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
  })();
  return {
    pause() {
      stopped = true;
    },
    async stop() {
      stopped = true;
      clearInterval(memTimer);
      memory();
      await done;
      agent.destroy();
      const sorted = [...latencies].sort((a, b) => a - b);
      const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
      const worst = slow.sort((a, b) => b.ms - a.ms).slice(0, 5);
      return { samples: sorted.length, p50: at(0.5), p99: at(0.99), max: sorted.at(-1) ?? 0, over100: slow.filter((s) => s.ms >= 100).length, worst, peakMb: Math.max(hwmKb, rssPeakKb) / 1024 };
    },
  };
}

const num = (x: number, digits = 1) => new Intl.NumberFormat('id-ID', { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(x);
const secs = (ms: number | null) => (ms === null ? '—' : `${num(ms / 1000)} dtk`);

if (values.shard) {
  const [k, N] = values.shard.split('/').map(Number) as [number, number];
  await generateShard(k, N, await demoTps(pairs));
} else if (values.run) {
  process.stdout.write(`${JSON.stringify(await measure(Number(values.run)))}\n`);
} else {
  const model = values.model ?? fileURLToPath(new URL('../resources/models/digits-v1.json', import.meta.url));
  if (!fs.existsSync(model)) fail(`model angka tidak ada: ${model} (latih dengan npm run train:digits, atau --model PATH)`);
  await ensurePhotos();
  const results: RunResult[] = [];
  for (const w of values.workers!.split(',').map(Number)) {
    console.error(`bench-import: impor ${pairs * 2} foto dengan ${w} worker…`);
    let watcher: ReturnType<typeof watchChild> | null = null;
    const out = await runChild(
      ['--run', String(w), '--n', String(pairs * 2), '--dir', photoDir, ...(values.model ? ['--model', values.model] : []), ...(values.pattern ? ['--pattern', values.pattern] : [])],
      'pipe',
      (pid, url, importDone) => {
        const w = watchChild(pid, url);
        watcher = w;
        // only while importing: the child's start and shutdown are not what the operator waits through
        void importDone.then(() => w.pause());
      },
    );
    const watched = await watcher!.stop();
    const result = JSON.parse(out.trim().split('\n').at(-1)!) as RunResult;
    result.api = watched;
    result.peakRssMb = Math.max(result.peakRssMb, watched.peakMb);
    results.push(result);
  }
  console.log(`\nbench:import — ${pairs * 2} foto sintetis C.Hasil-KWK (${minMp}–${maxMp} MP, ${pairs} TPS × 2 halaman), ${os.availableParallelism()} inti, Node ${process.versions.node}`);
  console.log(`foto: ${photoDir}${values.model ? `; model angka: ${values.model}` : ''}\n`);
  const header = ['worker', 'berkas', 'antre', 'baca', 'berkas/dtk', 'berkas pertama', 'TPS pertama siap periksa', 'memori puncak', 'API p50/p99/maks', 'jeda loop p99/maks'];
  const rows = results.map((r) => [
    String(r.workers), String(r.files), secs(r.enqueueMs), secs(r.runMs), num(r.filesPerSecond, 2), secs(r.firstFileMs), secs(r.firstReviewableMs),
    `${num(r.peakRssMb, 0)} MB`, r.api ? `${num(r.api.p50, 0)}/${num(r.api.p99, 0)}/${num(r.api.max, 0)} ms (${r.api.samples})` : '—',
    `${num(r.loopDelayP99Ms, 0)}/${num(r.loopDelayMaxMs, 0)} ms`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  for (const row of [header, ...rows]) console.log(row.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  '));
  if (results.length >= 2) console.log(`\npercepatan ${results.at(-1)!.workers} vs ${results[0]!.workers} worker: ${num(results.at(-1)!.filesPerSecond / results[0]!.filesPerSecond, 2)}×`);
  for (const r of results) {
    console.log(`\n${r.workers} worker — berkas: ${JSON.stringify(r.counts)}; halaman per putusan: ${JSON.stringify(r.verdicts)}; status TPS: ${JSON.stringify(r.tpsStatus)}; penempatan: ${JSON.stringify(r.problems)}`);
    if (r.api) {
      console.log(`  respons UI (getAppInfo tiap 50 ms): p50 ${num(r.api.p50)} ms, p99 ${num(r.api.p99)} ms, maks ${num(r.api.max)} ms — target < 100 ms: ${r.api.max < 100 ? 'TERCAPAI' : 'TIDAK'}`);
      const worst = r.api.worst.map((w) => `${num(w.ms, 0)} ms @ ${num(w.atS)} dtk`).join(', ');
      console.log(`  ≥ 100 ms: ${r.api.over100} dari ${r.api.samples} jawaban; paling lambat (detik sejak host siap; berkas pertama selesai @ ${secs(r.firstFileMs)} setelah antre): ${worst || '—'}`);
    }
  }
}
