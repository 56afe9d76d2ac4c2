/**
 * Training data for the digit-box classifier from synthetic PHOTOGRAPHED pages: generates pages written with
 * MNIST TRAIN digits (outside the training's calibration slice), photographs them in software, registers each
 * with the real pipeline (openInput → registerPage → cropDigitBox) and keeps every box as the net inputs the
 * reader would feed (normalizeBoxCrop at each of readers.ts's ink thresholds, with the expected box), labelled
 * from the sample's truth marks (digit / blank / cross). The benchmark and tuning sets are written with TEST
 * digits, so nothing here overlaps them.
 *
 *   node --import tsx scripts/photo-boxes.ts [--pages 880] [--seed photo-boxes-1] [--workers 2] [--out FILE]
 *
 * scripts/train-digits.ts calls ensurePhotoBoxes(): the set is cached under the OS temp folder, keyed by its
 * parameters, and made again only when missing. Page i depends only on (seed, i); shards run as child
 * processes (pages i ≡ k mod N) and are merged in page order, so any worker count gives the same file.
 * Generation + registration cost ~1–2 s per page per process.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { openInput } from '../main/recognition/decode/index.ts';
import { BLANK_INDEX, CROSS_INDEX, normalizeBoxCrop } from '../main/recognition/digits/index.ts';
import { finishBoxCrop, prepareBoxCrop, sharesPreparation } from '../main/recognition/digits/normalize-box-crop.ts';
import { loadMnist } from '../main/recognition/digits/mnist.ts';
import { readPhotoBoxSet, writePhotoBoxSet, type PhotoBoxSet } from '../main/recognition/digits/training/photo-box-set.ts';
import { DEFAULT_TRAIN_OPTIONS, trainingDigitSplit } from '../main/recognition/digits/training/train.ts';
import { cropDigitBox } from '../main/recognition/read/read-page.ts';
import { expectedBoxInCrop, INK_THRESHOLDS } from '../main/recognition/read/readers.ts';
import { registerPage } from '../main/recognition/register/register-page.ts';
import { allTemplates } from '../main/recognition/templates/loader.ts';
import type { FormTemplate } from '../main/recognition/templates/schema.ts';
import { generateSample, type SampleTruth } from '../test/support/synth/generate-sample.ts';
import { mnistTrainPool, type MnistDigitPool } from '../test/support/synth/mnist-test-digits.ts';
import { defaultTemplateMix, planSample } from '../test/support/synth/sample-plan.ts';

/**
 * Bump when the generator, registration or preprocessing changes in a way the cached sets should follow.
 * 2: normalizeBoxCrop's ink threshold fell from 45 % to 25 % of the darkest ink (the adopted model's photo
 * phase was trained on v1 inputs).
 * 3: the generator's thin pens trace the digit's skeleton instead of cutting its density high (no more
 * strokes broken into dashes).
 * 4: border bands much wider than the crop's thinnest border are trimmed to the printed line (a digit's bar
 * along the border is no longer erased with it).
 * 5: a side's border band far fainter than the other three sides' gives way to that side's darkest candidate
 * (normalize-box-crop.ts matchSideLevels).
 * 6: the generator's thin pen keeps the loops of 6, 8, 9 and 0 (version 5 pages held loopless 6s labelled 6).
 */
export const PHOTO_BOX_VERSION = 6;

export interface PhotoBoxParams {
  /** Generator seed (page i is planSample(seed, i)); never a benchmark or tuning seed. */
  seed: string;
  pages: number;
  /** The training's seed and held-out count: the calibration slice they pick is not written on any page. */
  trainSeed: number;
  heldOut: number;
}

export const DEFAULT_PHOTO_BOX_PARAMS: PhotoBoxParams = {
  seed: 'photo-boxes-1',
  pages: 880,
  trainSeed: DEFAULT_TRAIN_OPTIONS.seed,
  heldOut: DEFAULT_TRAIN_OPTIONS.heldOut,
};

/** One box of a page: its net inputs per ink threshold (null: no ink at that threshold) and its class. */
export interface PhotoBox {
  views: Array<Float32Array | null>;
  label: number;
  field: string;
  box: number;
}

/** The train-split digits a photo page may use: all but the training's calibration slice. */
export function photoDigitPool(params: Pick<PhotoBoxParams, 'trainSeed' | 'heldOut'>): MnistDigitPool {
  const { heldOut } = trainingDigitSplit(loadMnist('train').count, params.trainSeed, params.heldOut);
  return mnistTrainPool(heldOut);
}

/** Generates page `index` of a set: the same template mix and photo settings as scripts/gen-synth.ts's defaults. */
export async function generatePhotoPage(seed: string, index: number, digits: MnistDigitPool): Promise<{ jpeg: Buffer; truth: SampleTruth }> {
  const spec = planSample(seed, index, defaultTemplateMix(), {
    inconsistentRate: 0.2,
    photo: { minMegapixels: 3, maxMegapixels: 12 },
    digits,
  });
  return generateSample(spec);
}

function classOf(mark: string): number {
  if (mark === '') return BLANK_INDEX;
  if (mark === 'X') return CROSS_INDEX;
  return Number(mark);
}

/**
 * Registers one photographed page and cuts its digit boxes as the reader does. Null when the page does not
 * register to the template it was written on (its boxes would be labelled wrong).
 */
export async function photoBoxesOfPage(jpeg: Uint8Array, truth: SampleTruth, templates: readonly FormTemplate[]): Promise<PhotoBox[] | null> {
  const opened = await openInput(jpeg);
  if (!opened.ok) throw new Error(`photo page ${String(truth.seed)}: ${opened.error.message}`);
  try {
    const reg = await registerPage(opened.value.pages[0], templates);
    if (reg.kind !== 'registered' || reg.templateId !== truth.templateId) return null;
    const template = templates.find((t) => t.id === reg.templateId)!;
    const boxes: PhotoBox[] = [];
    for (const field of template.fields) {
      const marks = truth.marks[field.id];
      if (!marks) continue;
      field.digits.forEach((rect, b) => {
        const crop = cropDigitBox(reg.rectified, rect);
        const expectedBox = expectedBoxInCrop(crop);
        const options = (minContrast: number) => (expectedBox ? { minContrast, expectedBox } : { minContrast });
        // As the reader does it (classifyDigitBox): darkness and border lines once, the ink steps per threshold.
        const prepared = prepareBoxCrop(crop, options(INK_THRESHOLDS[0]));
        const views = INK_THRESHOLDS.map((minContrast) => {
          const norm = sharesPreparation(prepared, minContrast) ? finishBoxCrop(prepared, { minContrast }) : normalizeBoxCrop(crop, options(minContrast));
          return norm.empty ? null : norm.input;
        });
        boxes.push({ views, label: classOf(marks.boxes[b]), field: field.id, box: b });
      });
    }
    return boxes;
  } finally {
    await opened.value.close();
  }
}

/** Pages from + k, from + k + N, … below params.pages, as a PhotoBoxSet (pages numbered as in the whole set). */
async function runShard(params: PhotoBoxParams, from: number, k: number, N: number, log: (line: string) => void): Promise<PhotoBoxSet> {
  const started = performance.now();
  const digits = photoDigitPool(params);
  const templates = allTemplates();
  const results: Array<{ page: number; boxes: PhotoBox[] | null }> = [];
  for (let i = from + k; i < params.pages; i += N) {
    const { jpeg, truth } = await generatePhotoPage(params.seed, i, digits);
    results.push({ page: i, boxes: await photoBoxesOfPage(jpeg, truth, templates) });
    if (results.length % 20 === 0) log(`photo-boxes shard ${k}/${N}: ${results.length} pages, ${((performance.now() - started) / 1000 / results.length).toFixed(1)} s/page`);
  }
  return packPhotoBoxes(results, params, Math.round((performance.now() - started) / 1000));
}

/**
 * Packs the boxes of cut pages (null: not registered) into a PhotoBoxSet, in the given order. Boxes without
 * ink at every threshold are left out and counted: the reader calls them blank without asking the net.
 */
export function packPhotoBoxes(results: ReadonlyArray<{ page: number; boxes: PhotoBox[] | null }>, params: PhotoBoxParams, seconds: number): PhotoBoxSet {
  const views = INK_THRESHOLDS.length;
  const kept: Array<{ page: number; box: PhotoBox; present: number }> = [];
  let registered = 0, empty = 0;
  for (const { page, boxes } of results) {
    if (!boxes) continue;
    registered++;
    for (const box of boxes) {
      const present = box.views.reduce((bits, v, j) => (v ? bits | (1 << j) : bits), 0);
      if (present === 0) empty++;
      else kept.push({ page, box, present });
    }
  }
  const count = kept.length;
  const inputs = new Uint8Array(count * views * 784);
  const present = new Uint8Array(count);
  const labels = new Uint8Array(count);
  const pageOf = new Int32Array(count);
  const perClass = new Array<number>(12).fill(0);
  kept.forEach((e, n) => {
    e.box.views.forEach((v, j) => {
      if (!v) return;
      const base = (n * views + j) * 784;
      for (let p = 0; p < 784; p++) inputs[base + p] = Math.round(Math.min(1, Math.max(0, v[p])) * 255);
    });
    present[n] = e.present;
    labels[n] = e.box.label;
    pageOf[n] = e.page;
    perClass[e.box.label]++;
  });
  return {
    views,
    count,
    inputs,
    present,
    labels,
    pages: pageOf,
    meta: {
      seed: params.seed,
      pages: results.length,
      registered,
      emptyBoxes: empty,
      perClass,
      thresholds: [...INK_THRESHOLDS],
      digits: { split: 'train', excluded: params.heldOut },
      seconds,
    },
  };
}

/** Joins shards, boxes ordered by page (and by field and box within a page, as each shard cut them). */
function mergeShards(parts: PhotoBoxSet[], params: PhotoBoxParams, seconds: number): PhotoBoxSet {
  const views = parts[0].views;
  const order: Array<[number, number]> = [];
  parts.forEach((p, s) => {
    for (let i = 0; i < p.count; i++) order.push([s, i]);
  });
  order.sort((a, b) => parts[a[0]].pages[a[1]] - parts[b[0]].pages[b[1]] || a[0] - b[0] || a[1] - b[1]);
  const count = order.length;
  const inputs = new Uint8Array(count * views * 784);
  const present = new Uint8Array(count);
  const labels = new Uint8Array(count);
  const pages = new Int32Array(count);
  order.forEach(([s, i], n) => {
    const p = parts[s];
    inputs.set(p.inputs.subarray(i * views * 784, (i + 1) * views * 784), n * views * 784);
    present[n] = p.present[i];
    labels[n] = p.labels[i];
    pages[n] = p.pages[i];
  });
  const sum = (f: (p: PhotoBoxSet) => number) => parts.reduce((a, p) => a + f(p), 0);
  return {
    views,
    count,
    inputs,
    present,
    labels,
    pages,
    meta: {
      ...parts[0].meta,
      seed: params.seed,
      pages: sum((p) => p.meta.pages),
      registered: sum((p) => p.meta.registered),
      emptyBoxes: sum((p) => p.meta.emptyBoxes),
      perClass: parts[0].meta.perClass.map((_, c) => sum((p) => p.meta.perClass[c])),
      seconds,
    },
  };
}

export function photoBoxCachePath(params: PhotoBoxParams): string {
  return join(tmpdir(), 'pleno-photo-boxes', `v${PHOTO_BOX_VERSION}-${params.seed}-n${params.pages}-t${params.trainSeed}-h${params.heldOut}.bin`);
}

/**
 * Makes the set with `workers` child processes (one shard each) and writes it to `out`. `prior`: the same
 * set's first prior.meta.pages pages, made earlier — only the pages after them are generated (pages are
 * independent, so the result is the set made from scratch).
 */
export async function generatePhotoBoxes(params: PhotoBoxParams, out: string, workers: number, log: (line: string) => void, prior?: PhotoBoxSet): Promise<PhotoBoxSet> {
  const started = performance.now();
  const script = fileURLToPath(import.meta.url);
  const shardFile = (k: number) => `${out}.shard-${k}`;
  const from = prior?.meta.pages ?? 0;
  await Promise.all(Array.from({ length: workers }, (_, k) => new Promise<void>((resolve, reject) => {
    const args = ['--import', 'tsx', script, '--shard', `${k}/${workers}`, '--from', String(from), '--seed', params.seed, '--pages', String(params.pages),
      '--train-seed', String(params.trainSeed), '--held-out', String(params.heldOut), '--out', shardFile(k)];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`photo-boxes shard ${k} exited with ${code}`))));
  })));
  const parts = Array.from({ length: workers }, (_, k) => readPhotoBoxSet(shardFile(k)));
  if (prior) parts.unshift(prior);
  const set = mergeShards(parts, params, Math.round((performance.now() - started) / 1000) + (prior?.meta.seconds ?? 0));
  writePhotoBoxSet(`${out}.tmp`, set);
  renameSync(`${out}.tmp`, out);
  for (let k = 0; k < workers; k++) unlinkSync(shardFile(k));
  log(`photo-boxes: ${set.count} boxes from ${set.meta.registered} of ${set.meta.pages} registered pages (${set.meta.emptyBoxes} empty left out) in ${set.meta.seconds} s → ${out}`);
  return set;
}

/** The cached set for these parameters, made first when missing (or when `fresh`). */
export async function ensurePhotoBoxes(params: PhotoBoxParams, opts: { workers: number; fresh?: boolean; log: (line: string) => void }): Promise<PhotoBoxSet> {
  const path = photoBoxCachePath(params);
  if (existsSync(path) && !opts.fresh) {
    opts.log(`photo-boxes: using ${path}`);
    return readPhotoBoxSet(path);
  }
  mkdirSync(join(tmpdir(), 'pleno-photo-boxes'), { recursive: true });
  // A cached set of fewer pages with the same parameters holds this set's first pages: extend the largest.
  let prior: PhotoBoxSet | undefined;
  if (!opts.fresh) {
    const dir = join(tmpdir(), 'pleno-photo-boxes');
    const smaller = readdirSync(dir)
      .map((f) => ({ f, n: Number(/-n(\d+)-/.exec(f)?.[1]) }))
      .filter(({ f, n }) => n > 0 && n < params.pages && join(dir, f) === photoBoxCachePath({ ...params, pages: n }))
      .sort((a, b) => b.n - a.n);
    if (smaller.length) {
      prior = readPhotoBoxSet(join(dir, smaller[0].f));
      opts.log(`photo-boxes: extending ${smaller[0].f} (${prior.meta.pages} pages) to ${params.pages} pages`);
    }
  }
  return generatePhotoBoxes(params, path, opts.workers, opts.log, prior);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({
    options: {
      pages: { type: 'string' },
      seed: { type: 'string' },
      'train-seed': { type: 'string' },
      'held-out': { type: 'string' },
      workers: { type: 'string', default: '2' },
      out: { type: 'string' },
      fresh: { type: 'boolean', default: false },
      shard: { type: 'string' }, // internal: "k/N"
      from: { type: 'string', default: '0' }, // internal: first page of the shards
    },
  });
  const params: PhotoBoxParams = {
    seed: values.seed ?? DEFAULT_PHOTO_BOX_PARAMS.seed,
    pages: Number(values.pages ?? DEFAULT_PHOTO_BOX_PARAMS.pages),
    trainSeed: Number(values['train-seed'] ?? DEFAULT_PHOTO_BOX_PARAMS.trainSeed),
    heldOut: Number(values['held-out'] ?? DEFAULT_PHOTO_BOX_PARAMS.heldOut),
  };
  const log = (line: string) => console.error(`[photo-boxes ${new Date().toISOString().slice(11, 19)}] ${line}`);
  if (values.shard) {
    // One process per shard and one libvips thread each: the machine is shared.
    sharp.concurrency(1);
    const [k, N] = values.shard.split('/').map(Number);
    writePhotoBoxSet(values.out!, await runShard(params, Number(values.from), k, N, log));
  } else if (values.out) {
    await generatePhotoBoxes(params, values.out, Number(values.workers), log);
  } else {
    const set = await ensurePhotoBoxes(params, { workers: Number(values.workers), fresh: values.fresh, log });
    log(`per class (0–9, blank, cross): ${set.meta.perClass.join(' ')}`);
  }
}
