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
import { judgePage } from '../main/recognition/read/read-page.ts';
import type { PageEvidence } from '../main/recognition/read/read-file.ts';
import type { ReadTask } from '../main/recognition/read/pool-worker.ts';
import { DEFAULT_DIGIT_MODEL_PATH } from '../main/recognition/digits/index.ts';
import { getTemplate } from '../main/recognition/templates/loader.ts';
import type { SampleTruth } from '../test/support/synth/generate-sample.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Evidence depends on the reader code and the model: both are part of the cache key. */
function readerHash(model: string): string {
  const h = createHash('sha256');
  for (const dir of ['main/recognition/read', 'main/recognition/digits', 'main/recognition/register']) {
    for (const f of (readdirSync(join(root, dir), { recursive: true }) as string[]).sort()) {
      if (f.endsWith('.ts')) h.update(f).update(readFileSync(join(root, dir, f)));
    }
  }
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

function evaluate(files: string[], truths: Record<string, SampleTruth>, evidence: (PageEvidence | null)[], options: JointOptions): Outcome {
  let acceptedWrong = 0, acceptedConsistent = 0, consistent = 0, allRight = 0, fields = 0, right = 0;
  const wrongFiles: string[] = [];
  files.forEach((f, i) => {
    const truth = truths[f];
    const ids = Object.keys(truth.fields);
    fields += ids.length;
    if (truth.consistent) consistent++;
    const ev = evidence[i];
    if (!ev || ev.templateId !== truth.templateId) return;
    const j = judgePage(getTemplate(ev.templateId)!, ev.evidence, options);
    let ok = 0;
    for (const id of ids) if (j.fields[id]?.value === truth.fields[id]) ok++;
    right += ok;
    if (ok === ids.length) allRight++;
    if (j.verdict === 'accepted') {
      if (ok !== ids.length) {
        acceptedWrong++;
        wrongFiles.push(f);
      }
      if (truth.consistent) acceptedConsistent++;
    }
  });
  return {
    acceptedWrong,
    acceptedWrongFiles: wrongFiles,
    acceptConsistent: acceptedConsistent / Math.max(consistent, 1),
    allRight: allRight / files.length,
    fieldAcc: right / Math.max(fields, 1),
  };
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
  const grid: JointOptions[] = [];
  for (const inconsistencyPrior of [0.001, 0.01, 0.05])
    for (const minConfidence of [0.9, 0.97, 0.99, 0.995, 0.999])
      for (const minOwnConfidence of [0.05, 0.2, 0.5, 0.8])
        grid.push({ ...DEFAULT_JOINT_OPTIONS, inconsistencyPrior, minConfidence, minOwnConfidence });
  const results = grid.map((o) => ({ o, r: evaluate(files, truths, evidence, o) }));
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  console.log('prior   minConf  minOwn  acc-wrong  accept(consistent)  all-right  field-acc');
  for (const { o, r } of results) {
    console.log(
      `${String(o.inconsistencyPrior).padEnd(7)} ${String(o.minConfidence).padEnd(8)} ${String(o.minOwnConfidence).padEnd(7)} ${String(r.acceptedWrong).padStart(9)}  ${pct(r.acceptConsistent).padStart(18)}  ${pct(r.allRight).padStart(9)}  ${pct(r.fieldAcc).padStart(9)}`,
    );
  }
  const safe = results.filter(({ r }) => r.acceptedWrong === 0).sort((a, b) => b.r.acceptConsistent - a.r.acceptConsistent || b.r.allRight - a.r.allRight);
  const current = evaluate(files, truths, evidence, DEFAULT_JOINT_OPTIONS);
  console.log(`\ncurrent DEFAULT_JOINT_OPTIONS: ${JSON.stringify(DEFAULT_JOINT_OPTIONS)} → accepted-wrong ${current.acceptedWrong} ${current.acceptedWrongFiles.slice(0, 8).join(' ')}, accept(consistent) ${pct(current.acceptConsistent)}, all-right ${pct(current.allRight)}`);
  if (safe.length) console.log(`best with zero accepted-wrong: ${JSON.stringify(safe[0].o)} → accept(consistent) ${pct(safe[0].r.acceptConsistent)}, all-right ${pct(safe[0].r.allRight)}`);
  else console.log('no option in the grid accepts nothing wrong');
}
