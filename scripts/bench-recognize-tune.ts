/**
 * Threshold tuning for the joint decoder (`bench-recognize.ts --tune`): reads a TUNING set of synthetic pages
 * (seeds disjoint from the benchmark's) once, keeps each page's field evidence, then judges every page again
 * under a grid of decoder options. Reported per option: accepted-but-wrong pages, auto-accept rate on
 * consistent pages, pages with every field right. The chosen options are the ones with zero accepted-but-wrong
 * and the highest auto-accept rate, preferring a margin (the neighbours in the grid also accept nothing wrong).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Piscina from 'piscina';
import { DEFAULT_JOINT_OPTIONS, type JointOptions } from '../main/recognition/joint/index.ts';
import { decodePage, verdictOf } from '../main/recognition/read/read-page.ts';
import type { PageEvidence } from '../main/recognition/read/read-file.ts';
import type { ReadTask } from '../main/recognition/read/pool-worker.ts';
import { DEFAULT_DIGIT_MODEL_PATH } from '../main/recognition/digits/index.ts';
import { getTemplate } from '../main/recognition/templates/loader.ts';
import type { SampleTruth } from '../test/support/synth/generate-sample.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Evidence depends on the code that produces it (registration, digit preprocessing, bubbles, crops) and the
 * model: all part of the cache key. The judging code (read-page.ts, joint/) is what is being tuned: not part.
 */
export function readerHash(model: string): string {
  const h = createHash('sha256');
  const files = ['main/recognition/read/bubbles.ts', 'main/recognition/read/readers.ts', 'main/recognition/read/read-page.ts'];
  for (const dir of ['main/recognition/digits', 'main/recognition/register', 'main/recognition/decode']) {
    for (const f of (readdirSync(join(root, dir), { recursive: true }) as string[]).sort()) if (f.endsWith('.ts')) files.push(join(dir, f));
  }
  for (const f of files) h.update(f).update(readFileSync(join(root, f)));
  h.update(readFileSync(model));
  return h.digest('hex').slice(0, 12);
}

async function collect(dir: string, files: string[], model: string, workers: number): Promise<(PageEvidence | null)[]> {
  const cache = join(dir, `evidence-${readerHash(model)}.json`);
  if (existsSync(cache)) return JSON.parse(readFileSync(cache, 'utf8')) as (PageEvidence | null)[];
  const pool = new Piscina<ReadTask, (PageEvidence | null)[]>({
    filename: new URL('../main/recognition/read/pool-worker.ts', import.meta.url).href,
    name: 'evidenceTask',
    minThreads: workers,
    maxThreads: workers,
    concurrentTasksPerWorker: 1,
    execArgv: ['--import', import.meta.resolve('tsx')],
  });
  let done = 0;
  const out = await Promise.all(
    files.map(async (f) => {
      const [page] = await pool.run({ file: join(dir, f), options: { digitModelPath: model } });
      if (++done % 50 === 0) console.error(`tune: ${done}/${files.length} halaman dibaca`);
      // Typed arrays do not survive JSON: store plain arrays.
      return page ? { templateId: page.templateId, evidence: page.evidence.map((e) => ({ ...e, boxes: e.boxes.map((b) => (b ? Array.from(b) : null)), bubbles: e.bubbles?.map((b) => (b ? Array.from(b) : null)) })) } : null;
    }),
  );
  await pool.destroy();
  writeFileSync(cache, JSON.stringify(out));
  return out;
}

interface Outcome {
  acceptedWrong: number;
  acceptedWrongFiles: string[];
  acceptConsistent: number;
  allRight: number;
  fieldAcc: number;
}

type Thresholds = Pick<JointOptions, 'minConfidence' | 'minConfidenceUnpinned' | 'minOwnConfidence' | 'witnessConfident' | 'minPageConfidence'>;

/** Decodes every page once under `options` (the expensive part), then scores each threshold pair. */
function evaluate(
  files: string[],
  truths: Record<string, SampleTruth>,
  evidence: (PageEvidence | null)[],
  options: JointOptions,
  thresholds: Thresholds[],
): Outcome[] {
  const outcomes = thresholds.map(() => ({ acceptedWrong: 0, wrongFiles: [] as string[], acceptedConsistent: 0 }));
  // Only registered pages count here: registration is not what is being tuned.
  let consistent = 0, allRight = 0, fields = 0, right = 0, pages = 0;
  files.forEach((f, i) => {
    const truth = truths[f];
    const ids = Object.keys(truth.fields);
    const ev = evidence[i];
    if (!ev) return;
    pages++;
    fields += ids.length;
    if (truth.consistent) consistent++;
    if (ev.templateId !== truth.templateId) return;
    const decoded = decodePage(getTemplate(ev.templateId)!, ev.evidence, options);
    thresholds.forEach((t, k) => {
      const j = verdictOf(decoded, t);
      let ok = 0;
      for (const id of ids) if (j.fields[id]?.value === truth.fields[id]) ok++;
      if (k === 0) {
        right += ok;
        if (ok === ids.length) allRight++;
      }
      if (j.verdict === 'accepted') {
        if (ok !== ids.length) {
          outcomes[k].acceptedWrong++;
          outcomes[k].wrongFiles.push(f);
        }
        if (truth.consistent) outcomes[k].acceptedConsistent++;
      }
    });
  });
  return outcomes.map((o) => ({
    acceptedWrong: o.acceptedWrong,
    acceptedWrongFiles: o.wrongFiles,
    acceptConsistent: o.acceptedConsistent / Math.max(consistent, 1),
    allRight: allRight / Math.max(pages, 1),
    fieldAcc: right / Math.max(fields, 1),
  }));
}

export async function tune(
  dir: string,
  files: string[],
  truths: Record<string, SampleTruth>,
  opts: { model?: string; workers: number },
): Promise<void> {
  const model = opts.model ?? DEFAULT_DIGIT_MODEL_PATH;
  const evidence = await collect(dir, files, model, opts.workers);
  const registered = evidence.filter(Boolean).length;
  console.log(`tuning set: ${files.length} pages (${registered} registered), ${dir}`);
  const thresholds: Thresholds[] = [];
  for (const minConfidence of [0.99, 0.999, 0.9999])
    for (const minOwnConfidence of [0.05, 0.2, 0.5])
      for (const witnessConfident of [0.8, 0.95])
        for (const minPageConfidence of [0.99, 0.995, 0.997, 0.999])
          thresholds.push({ minConfidence, minConfidenceUnpinned: DEFAULT_JOINT_OPTIONS.minConfidenceUnpinned, minOwnConfidence, witnessConfident, minPageConfidence });
  const results: { o: JointOptions; r: Outcome }[] = [];
  for (const slipModel of ['group', 'first-order'] as const)
  // The slip prior: flat per slip (inconsistencyPrior) or per page and value (slipPrior, the default).
  for (const prior of [{ inconsistencyPrior: 0.001, slipPrior: undefined }, { inconsistencyPrior: 0.003, slipPrior: undefined }, { slipPrior: { pageRate: 0.2, farFactor: 0.1 } }, { slipPrior: { pageRate: 0.1, farFactor: 0.1 } }])
    for (const digits of [1])
      for (const digitMix of [0.001, 0.01])
        for (const bubbleMix of [0, 0.01]) {
        const base: JointOptions = { ...DEFAULT_JOINT_OPTIONS, slipModel, ...prior, weights: { digits, bubbles: 1, words: 1, digitMix, bubbleMix } };
        const outcomes = evaluate(files, truths, evidence, base, thresholds);
        thresholds.forEach((t, k) => results.push({ o: { ...base, ...t }, r: outcomes[k] }));
      }
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  const priorOf = (o: JointOptions) => (o.slipPrior ? `p${o.slipPrior.pageRate}` : String(o.inconsistencyPrior));
  console.log('slips        prior   w.digits mix.d  mix.b  minConf   minOwn  minPage  acc-wrong  accept(consistent)  all-right  field-acc');
  for (const { o, r } of results) {
    console.log(
      `${o.slipModel.padEnd(12)} ${priorOf(o).padEnd(7)} ${String(o.weights.digits).padEnd(8)} ${String(o.weights.digitMix).padEnd(6)} ${String(o.weights.bubbleMix).padEnd(6)} ${String(o.minConfidence).padEnd(9)} ${String(o.minOwnConfidence).padEnd(7)} ${String(o.minPageConfidence).padEnd(8)} ${String(r.acceptedWrong).padStart(9)}  ${pct(r.acceptConsistent).padStart(18)}  ${pct(r.allRight).padStart(9)}  ${pct(r.fieldAcc).padStart(9)}`,
    );
  }
  const safe = results.filter(({ r }) => r.acceptedWrong === 0).sort((a, b) => b.r.acceptConsistent - a.r.acceptConsistent || b.r.allRight - a.r.allRight);
  const [current] = evaluate(files, truths, evidence, DEFAULT_JOINT_OPTIONS, [DEFAULT_JOINT_OPTIONS]);
  console.log(`\ncurrent DEFAULT_JOINT_OPTIONS: ${JSON.stringify(DEFAULT_JOINT_OPTIONS)} → accepted-wrong ${current.acceptedWrong} ${current.acceptedWrongFiles.slice(0, 8).join(' ')}, accept(consistent) ${pct(current.acceptConsistent)}, all-right ${pct(current.allRight)}`);
  for (const { o, r } of safe.slice(0, 10)) console.log(`zero accepted-wrong: ${JSON.stringify({ slips: o.slipModel, prior: priorOf(o), w: o.weights, minConf: o.minConfidence, minOwn: o.minOwnConfidence, witness: o.witnessConfident, minPage: o.minPageConfidence })} → accept(consistent) ${pct(r.acceptConsistent)}, all-right ${pct(r.allRight)}`);
  if (!safe.length) console.log('no option in the grid accepts nothing wrong');
}
