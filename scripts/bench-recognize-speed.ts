/**
 * Recognition speed and memory on 12 MP photos, measured in the worker pool the app uses:
 * - median ms per photo per worker (time inside the worker, each worker's first photo excluded) and per stage;
 * - photos/s with 1 and with 2 workers, and the speed-up;
 * - peak RSS per worker: each configuration runs in a fresh child process whose resident set (all threads:
 *   the workers' wasm heaps, libvips, decoded pages) is polled from /proc/self/status every 20 ms and
 *   compared with the same process before the pool started;
 * - CPU ms per photo (every thread of the process);
 * - photos of something else (`not_a_form`): time inside the worker.
 *
 *   node --import tsx scripts/bench-recognize-speed.ts [--n 12] [--dir DIR] [--workers 1,2] [--nonform 4]
 *
 * `--cpu` instead measures CPU time, not wall time: one fresh process reads the photos one after another in
 * its own thread (libvips limited to one thread, as in a worker) with the stage clock (performance.now, which
 * every stage's timing uses) replaced by the process's CPU clock — so each stage's number is the CPU it cost,
 * whatever else the shared machine is doing. `--limit N` reads only the first N photos; `--save F` writes the
 * readings (without timings) to F and `--compare F` reports every difference from such a file: the check
 * that a speed change leaves what is read identical. It also prints each template family's median CPU per
 * photo and per stage (KPU, KWK and NETGRIT pages spend their time very differently).
 *
 *   node --import tsx scripts/bench-recognize-speed.ts --cpu [--dir DIR] [--limit 40] [--save F | --compare F]
 *
 * Photos are generated once (seeded, test/support/synth) into a cache folder under the OS temp dir unless
 * --dir names a folder of JPEGs. On a machine shared with other jobs, wall-clock numbers are pessimistic;
 * the CPU column is the steadier one.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { PageReading } from '../shared/recognition/reading.ts';
import { warmWorkers } from './bench-warm-workers.ts';

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '12' },
    dir: { type: 'string' },
    workers: { type: 'string', default: '1,2' },
    nonform: { type: 'string', default: '4' },
    seed: { type: 'string', default: 'speed-1' },
    cpu: { type: 'boolean', default: false },
    limit: { type: 'string' },
    save: { type: 'string' },
    compare: { type: 'string' },
    child: { type: 'string' }, // internal: measure one pool size (or 'cpu') in this process
    'child-dir': { type: 'string' },
  },
});

const nf = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0 });
const nf2 = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 2, minimumFractionDigits: 2 });

interface ChildReport {
  workers: number;
  photos: number;
  wallMs: number;
  cpuMs: number;
  /** Per photo, time inside the worker (reading.timings.total), in input order, and which worker-slot read it. */
  inWorker: number[];
  stages: Record<string, number[]>;
  verdicts: Record<string, number>;
  baseRssMb: number;
  peakRssMb: number;
  nonForm: { ms: number; verdict: string }[];
}

function rssMb(field: 'VmRSS' | 'VmHWM'): number {
  const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

function median(xs: number[]): number {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN;
}

async function child(dir: string, workers: number): Promise<void> {
  const { createReader } = await import('../main/recognition/index.ts');
  const files = readdirSync(dir).filter((f) => /^\d+\.jpg$/.test(f)).sort().map((f) => join(dir, f));
  const nonForms = readdirSync(dir).filter((f) => f.startsWith('nonform-')).sort().map((f) => join(dir, f));
  const baseRssMb = rssMb('VmRSS');
  let peak = baseRssMb;
  const poll = setInterval(() => (peak = Math.max(peak, rssMb('VmRSS'))), 20);
  const reader = await createReader({ workers });
  try {
    // Warm-up, untimed (bench-warm-workers.ts).
    await warmWorkers(reader, files, workers);
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const readings: PageReading[] = new Array(files.length);
    let next = 0;
    const lane = async () => {
      while (next < files.length) {
        const i = next++;
        [readings[i]] = await reader.read(files[i]);
      }
    };
    await Promise.all(Array.from({ length: workers }, lane));
    const wallMs = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const stages: Record<string, number[]> = {};
    const verdicts: Record<string, number> = {};
    for (const r of readings) {
      verdicts[r.verdict] = (verdicts[r.verdict] ?? 0) + 1;
      for (const [k, v] of Object.entries(r.timings ?? {})) (stages[k] ??= []).push(v);
    }
    const nonForm: ChildReport['nonForm'] = [];
    if (workers === 1) {
      for (const f of nonForms) {
        const [r] = await reader.read(f);
        nonForm.push({ ms: r.timings?.total ?? NaN, verdict: r.verdict });
      }
    }
    peak = Math.max(peak, rssMb('VmHWM'));
    const report: ChildReport = {
      workers,
      photos: files.length,
      wallMs,
      cpuMs: (cpu.user + cpu.system) / 1000,
      inWorker: readings.map((r) => r.timings?.total ?? NaN),
      stages,
      verdicts,
      baseRssMb,
      peakRssMb: peak,
      nonForm,
    };
    process.stdout.write(JSON.stringify(report));
  } finally {
    clearInterval(poll);
    await reader.close();
  }
}

async function photoSet(n: number, seed: string, nonForms: number): Promise<string> {
  if (values.dir) return values.dir;
  const dir = join(tmpdir(), 'pleno-bench-speed', `${seed}-n${n}-nf${nonForms}`);
  const done = join(dir, 'done');
  if (existsSync(done)) return dir;
  mkdirSync(dir, { recursive: true });
  const { generateSample } = await import('../test/support/synth/generate-sample.ts');
  const { generateNonFormPhoto } = await import('../test/support/synth/non-form-photo.ts');
  // Every family in turn, the way a kecamatan's photos mix them.
  const mix: ({ templateId: string } | { kwk: { nPaslon: number; page: number } })[] = [
    { kwk: { nPaslon: 3, page: 1 } },
    { kwk: { nPaslon: 4, page: 2 } },
    { templateId: 'kpu-ppwp-2024-hal1' },
    { templateId: 'kpu-ppwp-2024-hal2' },
    { templateId: 'netgrit-ppwp-hal1' },
    { kwk: { nPaslon: 6, page: 1 } },
    { templateId: 'kpu-ppwp-2024-hal3' },
    { templateId: 'netgrit-ppwp-hal2' },
  ];
  for (let i = 0; i < n; i++) {
    const { jpeg } = await generateSample({ ...mix[i % mix.length], seed: `${seed}-${i}`, options: { inconsistent: false, photo: { minMegapixels: 12, maxMegapixels: 12 } } });
    writeFileSync(join(dir, `${String(i).padStart(4, '0')}.jpg`), jpeg);
  }
  for (let i = 0; i < nonForms; i++) {
    const p = await generateNonFormPhoto({ seed: `${seed}-nf-${i}`, kind: i % 2 ? 'indoor' : 'landscape', megapixels: 12 });
    writeFileSync(join(dir, `nonform-${i}.jpg`), p.jpeg);
  }
  writeFileSync(done, '');
  return dir;
}

function runChild(dir: string, workers: number | 'cpu', extra: string[] = []): ChildReport {
  // The CPU child reads in its main thread: give it the old space a pool worker gets (pool-reader.ts), or it
  // runs a full collection about once per photo and measures GC and recompiles a worker does not pay.
  const heap = workers === 'cpu' ? ['--initial-old-space-size=128'] : [];
  const out = execFileSync(process.execPath, [...heap, '--import', 'tsx', fileURLToPath(import.meta.url), '--child', String(workers), '--child-dir', dir, ...extra], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(out) as ChildReport;
}

/** Milliseconds of CPU this process has used (all threads): the stage clock in `--cpu` mode. */
function cpuNowMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

interface CpuReport {
  photos: number;
  /** Per photo, CPU ms of the whole reading and of each stage. */
  total: number[];
  stages: Record<string, number[]>;
  /** The same per template family (see familyOf): CPU ms per photo under 'photo', then each stage. */
  families: Record<string, Record<string, number[]>>;
  verdicts: Record<string, number>;
  nonForm: { ms: number; verdict: string }[];
  readings: PageReading[];
}

/** A template's family (kpu-ppwp-2024, pleno-kwk, netgrit-ppwp): its id without the page and paslon count; '—' when unread. */
function familyOf(template: string | null): string {
  return template === null ? '—' : template.replace(/-\d+paslon/, '').replace(/-hal\d+$/, '');
}

/** `--cpu` child: reads every photo in this thread, timing each stage by CPU. */
async function cpuChild(dir: string, limit: number): Promise<void> {
  const sharp = (await import('sharp')).default;
  // As in a pool worker (pool-worker.ts).
  sharp.concurrency(1);
  sharp.cache(false);
  const { readFileInThread } = await import('../main/recognition/read/read-file.ts');
  const files = readdirSync(dir).filter((f) => /^\d+\.jpg$/.test(f)).sort().slice(0, limit).map((f) => join(dir, f));
  const nonForms = readdirSync(dir).filter((f) => f.startsWith('nonform-')).sort().map((f) => join(dir, f));
  // Warm-up (opencv.js, the digit model, templates, JIT) on the wall clock, then every timing is CPU.
  await readFileInThread(files[0], files[0]);
  Object.defineProperty(performance, 'now', { value: cpuNowMs, configurable: true });
  const report: CpuReport = { photos: files.length, total: [], stages: {}, families: {}, verdicts: {}, nonForm: [], readings: [] };
  for (const f of files) {
    const c0 = cpuNowMs();
    const readings = await readFileInThread(f, f);
    const cpuMs = cpuNowMs() - c0;
    report.total.push(cpuMs);
    const family = (report.families[familyOf(readings[0]?.template ?? null)] ??= {});
    (family.photo ??= []).push(cpuMs);
    for (const r of readings) for (const [k, v] of Object.entries(r.timings ?? {})) (family[k] ??= []).push(v);
    for (const r of readings) {
      report.verdicts[r.verdict] = (report.verdicts[r.verdict] ?? 0) + 1;
      for (const [k, v] of Object.entries(r.timings ?? {})) (report.stages[k] ??= []).push(v);
      const { timings: _t, ...kept } = r;
      report.readings.push({ ...kept, file: f.split('/').pop()! });
    }
  }
  for (const f of nonForms) {
    const c0 = cpuNowMs();
    const [r] = await readFileInThread(f, f);
    report.nonForm.push({ ms: cpuNowMs() - c0, verdict: r.verdict });
  }
  process.stdout.write(JSON.stringify(report));
}

/** Every difference between two runs' readings, one line each (values, confidences, verdicts, registration). */
function readingDiffs(before: PageReading[], after: PageReading[]): string[] {
  const out: string[] = [];
  const byFile = new Map(before.map((r) => [`${r.file}#${r.page ?? 1}`, r]));
  for (const a of after) {
    const key = `${a.file}#${a.page ?? 1}`;
    const b = byFile.get(key);
    if (!b) {
      out.push(`${key}: not in the saved run`);
      continue;
    }
    if (b.verdict !== a.verdict || b.template !== a.template) out.push(`${key}: ${b.template}/${b.verdict} → ${a.template}/${a.verdict}`);
    if (JSON.stringify(b.registration) !== JSON.stringify(a.registration)) out.push(`${key}: registration ${JSON.stringify(b.registration)} → ${JSON.stringify(a.registration)}`);
    if (b.qr !== a.qr) out.push(`${key}: qr ${b.qr} → ${a.qr}`);
    for (const [id, fa] of Object.entries(a.fields)) {
      const fb = b.fields[id];
      if (!fb) out.push(`${key} ${id}: new field`);
      else if (fb.value !== fa.value || fb.confidence !== fa.confidence || fb.needsReview !== fa.needsReview) {
        out.push(`${key} ${id}: ${fb.value} p=${fb.confidence}${fb.needsReview ? ' review' : ''} → ${fa.value} p=${fa.confidence}${fa.needsReview ? ' review' : ''}`);
      } else if (JSON.stringify(fb.candidates) !== JSON.stringify(fa.candidates)) out.push(`${key} ${id}: candidates differ`);
    }
  }
  return out;
}

if (values.child === 'cpu') {
  await cpuChild(values['child-dir']!, Number(values.limit ?? Infinity));
} else if (values.child) {
  await child(values['child-dir']!, Number(values.child));
} else if (values.cpu) {
  const dir = await photoSet(Number(values.n), values.seed!, Number(values.nonform));
  const r = runChild(dir, 'cpu', values.limit ? ['--limit', values.limit] : []) as unknown as CpuReport;
  const nf1 = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 1 });
  const stages = Object.entries(r.stages)
    .filter(([k]) => k !== 'total' && k !== 'opencvLoad')
    .map(([k, v]) => `${k} ${nf1.format(median(v))}`)
    .join(', ');
  console.log(
    [
      `Waktu CPU pengenalan, ${r.photos} foto (${dir}), satu thread, libvips 1 thread:`,
      `  median per foto ${nf.format(median(r.total))} ms CPU (min ${nf.format(Math.min(...r.total))}, maks ${nf.format(Math.max(...r.total))})`,
      `  tahap (median ms CPU): ${stages}`,
      `  putusan: ${JSON.stringify(r.verdicts)}`,
      ...(r.nonForm.length ? [`  bukan formulir: ${r.nonForm.map((x) => `${x.verdict} ${nf.format(x.ms)} ms CPU`).join('; ')}`] : []),
      // Per family: where each kind of page spends its time (a stage only some pages run shows how many with /n).
      ...Object.entries(r.families)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([family, st]) => {
          const n = st.photo.length;
          const parts = Object.entries(st)
            .filter(([k]) => k !== 'photo' && k !== 'total' && k !== 'opencvLoad')
            .map(([k, v]) => `${k} ${nf1.format(median(v))}${v.length < n ? `/${v.length}` : ''}`);
          return `  ${family} (${n} foto): median ${nf.format(median(st.photo))} ms CPU per foto; ${parts.join(', ')}`;
        }),
    ].join('\n'),
  );
  if (values.save) writeFileSync(values.save, JSON.stringify(r.readings, null, 1));
  if (values.compare) {
    const diffs = readingDiffs(JSON.parse(readFileSync(values.compare, 'utf8')) as PageReading[], r.readings);
    console.log(diffs.length ? `  ${diffs.length} beda dari ${values.compare}:\n    ${diffs.join('\n    ')}` : `  bacaan identik dengan ${values.compare}`);
  }
} else {
  const n = Number(values.n);
  const dir = await photoSet(n, values.seed!, Number(values.nonform));
  const sizes = values.workers!.split(',').map(Number);
  const reports = sizes.map((w) => runChild(dir, w));
  const lines = [`Kecepatan pengenalan, ${n} foto 12 MP (${dir}); beban mesin saat ini: ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`];
  for (const r of reports) {
    const stages = Object.entries(r.stages)
      .filter(([k]) => k !== 'total' && k !== 'opencvLoad')
      .map(([k, v]) => `${k} ${nf.format(median(v))}`)
      .join(', ');
    lines.push(
      `  ${r.workers} worker: ${nf2.format(r.photos / (r.wallMs / 1000))} foto/s; median per foto di dalam worker ${nf.format(median(r.inWorker))} ms ` +
        `(target ≤ 300); CPU ${nf.format(r.cpuMs / r.photos)} ms/foto; RSS dasar ${nf.format(r.baseRssMb)} MB, puncak ${nf.format(r.peakRssMb)} MB → ` +
        `${nf.format((r.peakRssMb - r.baseRssMb) / r.workers)} MB/worker (target ≤ 400)`,
      `    tahap (median ms): ${stages}`,
      `    putusan: ${JSON.stringify(r.verdicts)}`,
    );
    if (r.nonForm.length) lines.push(`    bukan formulir: ${r.nonForm.map((x) => `${x.verdict} ${nf.format(x.ms)} ms`).join('; ')} (target not_a_form < 150 ms)`);
  }
  const one = reports.find((r) => r.workers === 1);
  const two = reports.find((r) => r.workers === 2);
  if (one && two) lines.push(`  percepatan 2 worker / 1 worker: ${nf2.format(one.wallMs / two.wallMs)}× (target ≥ 1,8×)`);
  console.log(lines.join('\n'));
}
