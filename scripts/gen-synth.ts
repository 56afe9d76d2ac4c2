/**
 * Generates a synthetic test set of "photographed" filled C.Hasil pages:
 *
 *   node --import tsx scripts/gen-synth.ts --n 1000 --seed 1 --out DIR [--template ID] [--workers 2]
 *        [--inconsistent-rate 0.2] [--min-mp 3] [--max-mp 12]
 *
 * Writes DIR/0000.jpg … and DIR/truth.json ({ about, seed, templates, samples: { "0000.jpg": truth } }).
 * Sample i depends only on (seed, i), so any worker count gives the same files. Workers are child
 * processes (each a shard i ≡ k mod N), which keeps tsx's loader and memory per process simple.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateSample, type SampleOptions, type SampleTruth } from '../test/support/synth/generate-sample.ts';
import { defaultTemplateMix, planSample } from '../test/support/synth/sample-plan.ts';

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '100' },
    seed: { type: 'string', default: '1' },
    out: { type: 'string' },
    template: { type: 'string' },
    workers: { type: 'string', default: '1' },
    'inconsistent-rate': { type: 'string', default: '0.2' },
    'min-mp': { type: 'string', default: '3' },
    'max-mp': { type: 'string', default: '12' },
    shard: { type: 'string' }, // internal: "k/N"
  },
});

const fail = (msg: string): never => {
  console.error(`gen-synth: ${msg}`);
  process.exit(2);
};
const out = values.out ?? fail('--out DIR wajib diisi');
const n = Number(values.n);
if (!Number.isInteger(n) || n < 1 || n > 100_000) fail(`--n tidak sah: ${values.n}`);
const workers = Math.max(1, Math.min(16, Number(values.workers) || 1));
const seed = values.seed!;
const templates = values.template ? [values.template] : defaultTemplateMix();
const options: SampleOptions = {
  inconsistentRate: Number(values['inconsistent-rate']),
  photo: { minMegapixels: Number(values['min-mp']), maxMegapixels: Number(values['max-mp']) },
};
const fileName = (i: number) => `${String(i).padStart(4, '0')}.jpg`;
mkdirSync(out, { recursive: true });

/** Generates the samples i ≡ k (mod N); returns their truths and times. */
async function runShard(k: number, N: number, progress: boolean): Promise<{ truths: Record<string, SampleTruth>; ms: number[]; cpuMs: number }> {
  const truths: Record<string, SampleTruth> = {};
  const ms: number[] = [];
  const cpu0 = process.cpuUsage();
  const started = performance.now();
  for (let i = k; i < n; i += N) {
    const t0 = performance.now();
    const { jpeg, truth } = await generateSample(planSample(seed, i, templates, options));
    writeFileSync(join(out, fileName(i)), jpeg);
    truths[fileName(i)] = truth;
    ms.push(performance.now() - t0);
    if (progress && ms.length % 25 === 0) console.error(`gen-synth: ${ms.length * N}/${n} (${Math.round((performance.now() - started) / ms.length)} ms/sampel/worker)`);
  }
  const cpu = process.cpuUsage(cpu0);
  return { truths, ms, cpuMs: (cpu.user + cpu.system) / 1000 };
}

if (values.shard) {
  const [k, N] = values.shard.split('/').map(Number);
  const r = await runShard(k, N, false);
  writeFileSync(join(out, `truth.shard-${k}.json`), JSON.stringify(r));
} else {
  const started = performance.now();
  let truths: Record<string, SampleTruth> = {};
  let ms: number[] = [];
  let cpuMs = 0;
  if (workers === 1) {
    ({ truths, ms, cpuMs } = await runShard(0, 1, true));
  } else {
    const script = fileURLToPath(import.meta.url);
    const args = process.argv.slice(2).filter((a) => !a.startsWith('--shard'));
    await Promise.all(Array.from({ length: workers }, (_, k) => new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', script, ...args, '--shard', `${k}/${workers}`], { stdio: 'inherit' });
      child.on('error', reject);
      child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`worker ${k} keluar dengan kode ${code}`))));
    })));
    for (let k = 0; k < workers; k++) {
      const file = join(out, `truth.shard-${k}.json`);
      const part = JSON.parse(readFileSync(file, 'utf8')) as { truths: Record<string, SampleTruth>; ms: number[]; cpuMs: number };
      Object.assign(truths, part.truths);
      ms.push(...part.ms);
      cpuMs += part.cpuMs;
      unlinkSync(file);
    }
  }
  const samples = Object.fromEntries(Object.keys(truths).sort().map((f) => [f, truths[f]]));
  writeFileSync(join(out, 'truth.json'), JSON.stringify({
    about: 'Synthetic C.Hasil photos from test/support/synth (MNIST test-split digits). transform.homography maps canonical page px to displayed photo px (EXIF orientation applied).',
    seed,
    templates,
    samples,
  }, null, 1));
  ms.sort((a, b) => a - b);
  const wall = (performance.now() - started) / n;
  console.log(
    `gen-synth: ${n} sampel di ${out}: ${Math.round(wall)} ms/sampel (waktu dinding, ${workers} worker), ` +
      `p50 ${Math.round(ms[Math.floor(ms.length / 2)])} ms per sampel per worker, CPU ${Math.round(cpuMs / n)} ms/sampel (termasuk thread sharp)`,
  );
}
