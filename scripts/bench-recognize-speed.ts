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

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '12' },
    dir: { type: 'string' },
    workers: { type: 'string', default: '1,2' },
    nonform: { type: 'string', default: '4' },
    seed: { type: 'string', default: 'speed-1' },
    child: { type: 'string' }, // internal: measure one pool size in this process
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
    // Warm-up: one photo per worker at once, so every worker has loaded opencv.js and the digit model.
    await Promise.all(Array.from({ length: workers }, () => reader.read(files[0])));
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

function runChild(dir: string, workers: number): ChildReport {
  const out = execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', String(workers), '--child-dir', dir], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(out) as ChildReport;
}

if (values.child) {
  await child(values['child-dir']!, Number(values.child));
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
