/**
 * npm run bench:recognize — the recognition engine measured against the issue's targets, on this machine:
 *
 * 1. digit classifier: accuracy on the 10,000 MNIST test digits;
 * 2. N synthetic photographed pages (seeded; KWK 1–6 paslon, official PPWP, NETGRIT mixed) read by the pool:
 *    pages/s, p50/p95 ms, field accuracy, pages with every field right, accepted-but-wrong, auto-accept rate
 *    (all pages and pages whose handwriting is consistent), per template family;
 * 3. the real photos in ../shared/photos (truth.json): fields read exactly vs flagged vs wrong-unflagged;
 * 4. speed on 12 MP photos: median per photo per worker, 1 vs 2 workers, peak RSS per worker;
 * 5. a non-form photo: verdict and time.
 *
 *   node --import tsx scripts/bench-recognize.ts [--n 1000] [--seed bench-1] [--workers 2] [--speed-n 40]
 *        [--skip-speed] [--cache DIR] [--set DIR] [--model PATH]
 *   node --import tsx scripts/bench-recognize.ts --tune [--n 400] [--seed tune-1]   # sweep the joint thresholds
 *
 * Synthetic sets are generated once by scripts/gen-synth.ts into a cache folder keyed by seed, size and a
 * hash of the generator's sources and templates (a changed generator regenerates). Tuning uses its own seeds,
 * never the benchmark's.
 */
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { PageReading } from '../shared/recognition/reading.ts';
import type { SampleTruth } from '../test/support/synth/generate-sample.ts';
import { warmWorkers } from './bench-warm-workers.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: {
    n: { type: 'string' },
    seed: { type: 'string' },
    workers: { type: 'string', default: '2' },
    'speed-n': { type: 'string', default: '40' },
    'skip-speed': { type: 'boolean', default: false },
    cache: { type: 'string' },
    set: { type: 'string' }, // an already generated set folder (gen-synth output) instead of seed/n
    tune: { type: 'boolean', default: false },
    'speed-child': { type: 'string' }, // internal: read DIR in this process and report timings + RSS
    'child-workers': { type: 'string' },
    'model': { type: 'string' },
  },
});

const nf = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0 });
const nf1 = new Intl.NumberFormat('id-ID', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const pct = (x: number, digits = 2) => `${(100 * x).toFixed(digits)} %`;
const quantile = (xs: number[], q: number) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};

// ---------------------------------------------------------------- synthetic sets (generated once, cached)

interface SynthSet {
  dir: string;
  files: string[];
  truths: Record<string, SampleTruth>;
}

function generatorHash(): string {
  const h = createHash('sha256');
  const dirs = ['test/support/synth', 'resources/forms', 'main/forms'];
  for (const d of dirs) {
    const abs = join(root, d);
    if (!existsSync(abs)) continue;
    for (const f of (readdirSync(abs, { recursive: true }) as string[]).sort()) {
      const p = join(abs, f);
      if (statSync(p).isFile() && /\.(ts|json)$/.test(f)) h.update(f).update(readFileSync(p));
    }
  }
  return h.digest('hex').slice(0, 12);
}

async function synthSet(seed: string, n: number, extra: string[] = []): Promise<SynthSet> {
  if (values.set && extra.length === 0) return loadSet(resolve(values.set));
  const base = values.cache ?? join(tmpdir(), 'pleno-bench-synth');
  const dir = join(base, `${seed}-n${n}${extra.length ? `-${createHash('sha1').update(extra.join(' ')).digest('hex').slice(0, 6)}` : ''}-${generatorHash()}`);
  const truthFile = join(dir, 'truth.json');
  if (!existsSync(truthFile)) {
    mkdirSync(dir, { recursive: true });
    console.error(`bench: membuat ${n} halaman sintetis (seed ${seed}) di ${dir} …`);
    await run(process.execPath, ['--import', 'tsx', join(root, 'scripts/gen-synth.ts'), '--n', String(n), '--seed', seed, '--out', dir, '--workers', '2', ...extra]);
  }
  return loadSet(dir);
}

function loadSet(dir: string): SynthSet {
  const parsed = JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8')) as { samples: Record<string, SampleTruth> };
  const files = Object.keys(parsed.samples).sort();
  return { dir, files, truths: parsed.samples };
}

function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((ok, fail) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], cwd: root });
    child.on('error', fail);
    child.on('exit', (code) => (code === 0 ? ok() : fail(new Error(`${cmd} ${args.join(' ')} → ${code}`))));
  });
}

// ---------------------------------------------------------------- scoring

/** Template family for the per-template rows. */
function family(templateId: string): string {
  const kwk = /^pleno-kwk-(\d)paslon-hal(\d)$/.exec(templateId);
  if (kwk) return `KWK hal ${kwk[2]}`;
  if (templateId.startsWith('kpu-ppwp-2024-')) return `KPU PPWP ${templateId.slice(-4)}`;
  if (templateId.startsWith('netgrit-')) return `NETGRIT ${templateId.slice(-4)}`;
  return templateId;
}

interface PageScore {
  family: string;
  consistent: boolean;
  registered: boolean;
  wrongTemplate: boolean;
  fields: number;
  fieldsRight: number;
  allRight: boolean;
  accepted: boolean;
  acceptedWrong: boolean;
  ms: number;
}

function scorePage(truth: SampleTruth, reading: PageReading | undefined): PageScore {
  const ids = Object.keys(truth.fields);
  const registered = reading !== undefined && !reading.error && reading.verdict !== 'unregistered' && reading.verdict !== 'not_a_form';
  const wrongTemplate = registered && reading!.template !== truth.templateId;
  let fieldsRight = 0;
  if (registered && !wrongTemplate) {
    for (const id of ids) if (reading!.fields[id] && reading!.fields[id].value === truth.fields[id]) fieldsRight++;
  }
  const allRight = fieldsRight === ids.length;
  const accepted = reading?.verdict === 'accepted';
  return {
    family: family(truth.templateId),
    consistent: truth.consistent,
    registered,
    wrongTemplate,
    fields: ids.length,
    fieldsRight,
    allRight,
    accepted,
    acceptedWrong: accepted && !allRight,
    ms: reading?.timings?.total ?? NaN,
  };
}

function summaryRow(label: string, scores: PageScore[], wallMs?: number): string[] {
  const pages = scores.length;
  const fields = scores.reduce((s, p) => s + p.fields, 0);
  const right = scores.reduce((s, p) => s + p.fieldsRight, 0);
  const consistent = scores.filter((p) => p.consistent);
  const ms = scores.map((p) => p.ms).filter((x) => Number.isFinite(x));
  return [
    label,
    nf.format(pages),
    wallMs === undefined ? '' : nf1.format(pages / (wallMs / 1000)),
    nf.format(quantile(ms, 0.5)),
    nf.format(quantile(ms, 0.95)),
    pct(right / Math.max(fields, 1)),
    pct(scores.filter((p) => p.allRight).length / Math.max(pages, 1), 1),
    nf.format(scores.filter((p) => p.acceptedWrong).length),
    pct(scores.filter((p) => p.accepted).length / Math.max(pages, 1), 1),
    consistent.length ? pct(consistent.filter((p) => p.accepted).length / consistent.length, 1) : '–',
    nf.format(scores.filter((p) => !p.registered).length),
  ];
}

const SUMMARY_HEAD = ['', 'halaman', 'hal/s', 'p50 ms', 'p95 ms', 'akurasi kolom', 'hal. semua benar', 'diterima-tapi-salah', 'diterima (semua)', 'diterima (konsisten)', 'tak terdaftar'];

function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ')).join('\n');
}

// ---------------------------------------------------------------- reading

async function readAll(files: string[], workers: number): Promise<{ readings: Map<string, PageReading>; wallMs: number }> {
  const { readFiles } = await import('../main/recognition/index.ts');
  const started = performance.now();
  let done = 0;
  const list = await readFiles(files, {
    workers,
    read: values.model ? { digitModelPath: resolve(values.model) } : undefined,
    onProgress: (e) => {
      if (e.state === 'done' && ++done % 50 === 0) console.error(`bench: ${done}/${files.length} dibaca`);
    },
  });
  const wallMs = performance.now() - started;
  return { readings: new Map(list.map((r) => [r.file, r])), wallMs };
}

// ---------------------------------------------------------------- parts

async function mnistAccuracy(): Promise<string> {
  const { loadDigitModel, classifyBox, mnistToGray, DEFAULT_DIGIT_MODEL_PATH } = await import('../main/recognition/digits/index.ts');
  const { loadMnist } = await import('../main/recognition/digits/mnist.ts');
  const model = loadDigitModel(values.model ? resolve(values.model) : DEFAULT_DIGIT_MODEL_PATH);
  const test = loadMnist('test');
  let correct = 0;
  for (let n = 0; n < test.count; n++) {
    const { probs } = classifyBox(model, mnistToGray(test.images, n * 784));
    let best = 0;
    for (let k = 1; k < probs.length; k++) if (probs[k] > probs[best]) best = k;
    if (best === test.labels[n]) correct++;
  }
  return `Pengklasifikasi angka, set uji MNIST (${nf.format(test.count)} angka): ${pct(correct / test.count)} (target ≥ 99,30 %)`;
}

async function synthetic(seed: string, n: number, workers: number): Promise<string> {
  const set = await synthSet(seed, n);
  const paths = set.files.map((f) => join(set.dir, f));
  const { readings, wallMs } = await readAll(paths, workers);
  const scores = set.files.map((f) => scorePage(set.truths[f], readings.get(join(set.dir, f))));
  const families = [...new Set(scores.map((s) => s.family))].sort();
  const rows = [SUMMARY_HEAD, summaryRow('semua', scores, wallMs), ...families.map((fam) => summaryRow(fam, scores.filter((s) => s.family === fam)))];
  const wrong = set.files.filter((_, i) => scores[i].acceptedWrong);
  const allRight = scores.filter((s) => s.allRight).length / scores.length;
  const consistent = scores.filter((s) => s.consistent);
  const acceptConsistent = consistent.filter((s) => s.accepted).length / Math.max(1, consistent.length);
  return [
    `Halaman sintetis: ${nf.format(set.files.length)} (seed ${values.set ? 'dari --set' : seed}, ${workers} worker, ${nf.format(consistent.length)} konsisten), ${set.dir}`,
    table(rows),
    `Target: semua kolom benar ≥ 99 % halaman → ${pct(allRight, 1)}; diterima-tapi-salah = 0 → ${wrong.length}` +
      `${wrong.length ? ` (${wrong.slice(0, 10).join(', ')})` : ''}; diterima dari yang konsisten ≥ 95 % → ${pct(acceptConsistent, 1)}`,
  ].join('\n');
}

async function realPhotos(workers: number): Promise<string> {
  const dir = resolve(root, '../shared/photos');
  const truthFile = join(dir, 'truth.json');
  if (!existsSync(truthFile)) return 'Foto nyata: ../shared/photos/truth.json tidak ada';
  const truth = JSON.parse(readFileSync(truthFile, 'utf8')) as Record<string, { fields?: Record<string, number | null> }>;
  const files = Object.keys(truth).filter((k) => truth[k].fields);
  const { readings } = await readAll(files.map((f) => join(dir, f)), workers);
  const rows = [['foto', 'templat', 'putusan', 'kolom', 'tepat', 'salah-ditandai', 'salah-lolos', 'ms']];
  let wrongUnflagged = 0;
  for (const f of files) {
    const r = readings.get(join(dir, f));
    const expected = truth[f].fields!;
    let exact = 0, flagged = 0, missed = 0;
    for (const [id, v] of Object.entries(expected)) {
      const got = r?.fields[id];
      if (got && got.value === v) exact++;
      else if (!got || got.needsReview || r?.verdict !== 'accepted') flagged++;
      else missed++;
    }
    wrongUnflagged += missed;
    rows.push([f, r?.template ?? '–', r?.error ? `galat: ${r.error}` : r?.verdict ?? '–', String(Object.keys(expected).length), String(exact), String(flagged), String(missed), nf.format(r?.timings?.total ?? NaN)]);
  }
  return `Foto nyata (${dir}):\n${table(rows)}\nKolom salah yang tidak ditandai: ${wrongUnflagged} (target 0)`;
}

interface ChildReport {
  workers: number;
  wallMs: number;
  pages: number;
  /** Per photo, time inside the worker (warm workers). */
  totals: number[];
  /** The warm-up photo's time inside its worker: loading opencv.js and the model. */
  coldMs: number;
  maxRssMb: number;
  verdicts: Record<string, number>;
}

async function speedChild(dir: string, workers: number): Promise<void> {
  const files = readdirSync(dir).filter((f) => f.endsWith('.jpg')).sort().map((f) => join(dir, f));
  let report: ChildReport;
  if (workers === 0) {
    // Baseline: the same process with the recognition module loaded, reading nothing.
    await import('../main/recognition/index.ts');
    report = { workers, wallMs: 0, pages: 0, totals: [], coldMs: NaN, maxRssMb: process.resourceUsage().maxRSS / 1024, verdicts: {} };
  } else {
    const { createReader } = await import('../main/recognition/index.ts');
    const reader = await createReader({ workers, read: values.model ? { digitModelPath: resolve(values.model) } : undefined });
    try {
      // Warm-up, untimed (bench-warm-workers.ts).
      const cold = await warmWorkers(reader, files, workers);
      const t0 = performance.now();
      const list: PageReading[] = new Array(files.length);
      let next = 0;
      const lane = async () => {
        while (next < files.length) {
          const i = next++;
          [list[i]] = await reader.read(files[i]);
        }
      };
      await Promise.all(Array.from({ length: workers }, lane));
      const wallMs = performance.now() - t0;
      const verdicts: Record<string, number> = {};
      for (const r of list) verdicts[r.verdict] = (verdicts[r.verdict] ?? 0) + 1;
      const coldMs = cold[0][0].timings?.total ?? NaN;
      report = { workers, wallMs, pages: list.length, totals: list.map((r) => r.timings?.total ?? NaN), coldMs, maxRssMb: process.resourceUsage().maxRSS / 1024, verdicts };
    } finally {
      await reader.close();
    }
  }
  process.stdout.write(JSON.stringify(report));
}

function childReport(dir: string, workers: number): ChildReport {
  const out = execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--speed-child', dir, '--child-workers', String(workers), ...(values.model ? ['--model', values.model] : [])], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(out) as ChildReport;
}

async function speed(n: number): Promise<string> {
  const set = await synthSet('speed-12mp', n, ['--min-mp', '12', '--max-mp', '12', '--inconsistent-rate', '0']);
  const base = childReport(set.dir, 0);
  const one = childReport(set.dir, 1);
  const two = childReport(set.dir, 2);
  const median1 = quantile(one.totals, 0.5);
  const speedup = one.wallMs / two.wallMs;
  const perWorkerRss = (r: ChildReport) => (r.maxRssMb - base.maxRssMb) / r.workers;
  return [
    `Kecepatan, foto 12 MP (${n} foto sintetis, ${set.dir}):`,
    `  median per foto per worker (1 worker, worker sudah panas): ${nf.format(median1)} ms (target ≤ 300 ms); p95 ${nf.format(quantile(one.totals, 0.95))} ms; foto pemanasan (memuat opencv + model): ${nf.format(one.coldMs)} ms`,
    `  1 worker: ${nf1.format(one.pages / (one.wallMs / 1000))} foto/s; 2 worker: ${nf1.format(two.pages / (two.wallMs / 1000))} foto/s → percepatan ${speedup.toFixed(2)}× (target ≥ 1,8×)`,
    `  RSS puncak: proses dasar ${nf.format(base.maxRssMb)} MB; 1 worker ${nf.format(one.maxRssMb)} MB → ${nf.format(perWorkerRss(one))} MB/worker; ` +
      `2 worker ${nf.format(two.maxRssMb)} MB → ${nf.format(perWorkerRss(two))} MB/worker (target ≤ 400 MB)`,
    `  putusan: ${JSON.stringify(two.verdicts)}`,
  ].join('\n');
}

async function nonForm(): Promise<string> {
  const { generateNonFormPhoto } = await import('../test/support/synth/non-form-photo.ts');
  const { readFileInThread } = await import('../main/recognition/read/read-file.ts');
  const lines: string[] = [];
  // Warm-up (opencv load) on one photo, then time the others.
  const photos = await Promise.all([0, 1, 2, 3].map((seed) => generateNonFormPhoto({ seed: `nonform-${seed}`, kind: seed % 2 ? 'indoor' : 'landscape', megapixels: 12 })));
  await readFileInThread('warm', new Uint8Array(photos[0].jpeg));
  for (const [i, p] of photos.entries()) {
    const t0 = performance.now();
    const [r] = await readFileInThread(`nonform-${i}`, new Uint8Array(p.jpeg));
    lines.push(`  ${p.kind} ${p.width}×${p.height}: ${r.verdict} dalam ${nf.format(performance.now() - t0)} ms`);
  }
  return `Foto bukan formulir (target: not_a_form dalam < 150 ms):\n${lines.join('\n')}`;
}

// ---------------------------------------------------------------- main

if (values['speed-child']) {
  await speedChild(values['speed-child'], Number(values['child-workers']));
} else if (values.tune) {
  const { tune } = await import('./bench-recognize-tune.ts');
  const n = Number(values.n ?? 400);
  const set = await synthSet(values.seed ?? 'tune-1', n);
  await tune(set.dir, set.files, set.truths, { model: values.model ? resolve(values.model) : undefined, workers: Number(values.workers) });
} else {
  const workers = Number(values.workers);
  const n = Number(values.n ?? 1000);
  const sections: string[] = [];
  const t0 = performance.now();
  sections.push(await mnistAccuracy());
  sections.push(await synthetic(values.seed ?? 'bench-1', n, workers));
  sections.push(await realPhotos(workers));
  if (!values['skip-speed']) sections.push(await speed(Number(values['speed-n'])));
  sections.push(await nonForm());
  console.log(`\n${sections.join('\n\n')}\n\n(bench selesai dalam ${nf.format((performance.now() - t0) / 1000)} s)`);
}
