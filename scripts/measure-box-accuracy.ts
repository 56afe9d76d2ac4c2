/**
 * Per-box accuracy of the digit-box reader on a synthetic TUNING set, split by what the box holds (digit /
 * blank / cross) and by template family, plus the same MNIST digits read raw (to tell "hard digit" from
 * "lost in preprocessing").
 *
 *   node --import tsx scripts/measure-box-accuracy.ts [--dir /tmp/pleno-bench-synth/tune-1-n300-…] [--pages 300]
 *        [--dump errors.png [--dump-kind digit|blank|cross] [--dump-min-p P]] [--save run.json] [--compare before.json] [--model digits.json]
 *
 * Registration is the slow part (seconds per page) and does not depend on the digit code, so the first run
 * registers each page once (real path: decode → registerPage → cropDigitBox) and caches every box crop, grown
 * by CACHE_MARGIN so other box cuts can be tried too; later runs only re-run readers.ts's classifyDigitBox on
 * the cached crops (~1 min for 300 pages). One process, one thread: the machine is shared.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { openInput } from '../main/recognition/decode/index.ts';
import { registerPage } from '../main/recognition/register/register-page.ts';
import { allTemplates } from '../main/recognition/templates/loader.ts';
import { cropDigitBox } from '../main/recognition/read/read-page.ts';
import { classifyDigitBox } from '../main/recognition/read/readers.ts';
import { cropGray, type GrayImage } from '../main/recognition/gray-image.ts';
import { DIGIT_CLASSES, loadDigitModel, classifyBox, mnistToGray, normalizeBoxCrop } from '../main/recognition/digits/index.ts';
import { loadMnistTestSet } from '../test/support/synth/mnist-test-digits.ts';
import type { SampleTruth } from '../test/support/synth/generate-sample.ts';

const CACHE_MARGIN = 0.25;

interface CropMeta {
  file: string;
  templateId: string;
  field: string;
  box: number;
  /** '0'..'9', '' (blank) or 'X' (cross). */
  truth: string;
  mnist: number | null;
  /** The crop as cropDigitBox cuts it, inside the cached larger crop. */
  inner: { x: number; y: number; w: number; h: number };
  width: number;
  height: number;
  offset: number;
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const dir = arg('--dir') ?? '/tmp/pleno-bench-synth/tune-1-n300-5d0d498f48ae';
if (dir.includes('/bench-')) throw new Error('measure on a tuning set, never on the benchmark');
const pages = Number(arg('--pages') ?? 300);
const cacheDir = join('/tmp/pleno-box-crops', `${dir.split('/').filter(Boolean).pop()}-n${pages}`);

async function extract(): Promise<void> {
  const truth = JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8')) as { samples: Record<string, SampleTruth> };
  const files = Object.keys(truth.samples).sort().slice(0, pages);
  const templates = allTemplates();
  const metas: CropMeta[] = [];
  const chunks: Uint8Array[] = [];
  let offset = 0;
  let unregistered = 0;
  const t0 = performance.now();
  for (const [k, file] of files.entries()) {
    const sample = truth.samples[file];
    const opened = await openInput(join(dir, file));
    if (!opened.ok) throw new Error(`${file}: ${opened.error.message}`);
    try {
      const [source] = opened.value.pages;
      const reg = await registerPage(source, templates);
      if (reg.kind !== 'registered' || reg.templateId !== sample.templateId) {
        unregistered++;
        continue;
      }
      const template = templates.find((t) => t.id === reg.templateId)!;
      for (const field of template.fields) {
        const marks = sample.marks[field.id];
        if (!marks) continue;
        let digitIdx = 0;
        field.digits.forEach((box, b) => {
          const t = marks.boxes[b];
          const mnist = /\d/.test(t) ? marks.mnist[digitIdx++] : null;
          const mx = Math.round(box.w * CACHE_MARGIN);
          const my = Math.round(box.h * CACHE_MARGIN);
          const x = Math.round(box.x) - mx;
          const y = Math.round(box.y) - my;
          const big = cropGray(reg.rectified, x, y, Math.round(box.w) + 2 * mx, Math.round(box.h) + 2 * my);
          const real = cropDigitBox(reg.rectified, box);
          // Locate the real crop inside the cached one (same rounding as cropDigitBox).
          const rmx = Math.round(box.w * 0.12), rmy = Math.round(box.h * 0.12);
          const inner = { x: Math.round(box.x) - rmx - x, y: Math.round(box.y) - rmy - y, w: real.width, h: real.height };
          metas.push({ file, templateId: template.id, field: field.id, box: b, truth: t, mnist, inner, width: big.width, height: big.height, offset });
          chunks.push(big.data);
          offset += big.data.length;
        });
      }
    } finally {
      await opened.value.close();
    }
    if ((k + 1) % 10 === 0) console.error(`extract: ${k + 1}/${files.length} pages, ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  }
  mkdirSync(cacheDir, { recursive: true });
  const all = new Uint8Array(offset);
  let o = 0;
  for (const c of chunks) { all.set(c, o); o += c.length; }
  writeFileSync(join(cacheDir, 'crops.bin'), all);
  writeFileSync(join(cacheDir, 'crops.json'), JSON.stringify({ unregistered, metas }));
}

export function family(templateId: string): string {
  if (templateId.startsWith('netgrit')) return templateId.endsWith('hal1') ? 'netgrit-hal1' : 'netgrit-hal2';
  if (templateId.startsWith('kpu')) return 'kpu';
  return 'pleno-kwk';
}

function kindOf(t: string): 'digit' | 'blank' | 'cross' {
  return t === '' ? 'blank' : t === 'X' ? 'cross' : 'digit';
}
function classIndex(t: string): number {
  return t === '' ? 10 : t === 'X' ? 11 : Number(t);
}

async function main(): Promise<void> {
  if (!existsSync(join(cacheDir, 'crops.json'))) await extract();
  const { unregistered, metas } = JSON.parse(readFileSync(join(cacheDir, 'crops.json'), 'utf8')) as { unregistered: number; metas: CropMeta[] };
  const bin = new Uint8Array(readFileSync(join(cacheDir, 'crops.bin')));
  const modelPath = arg('--model');
  const model = modelPath ? loadDigitModel(modelPath) : loadDigitModel();
  const mnist = loadMnistTestSet();
  const stats = new Map<string, { n: number; ok: number }>();
  const add = (key: string, ok: boolean) => {
    const s = stats.get(key) ?? { n: 0, ok: 0 };
    s.n++;
    if (ok) s.ok++;
    stats.set(key, s);
  };
  const confusion = new Map<string, number>();
  const errors: Array<{ m: CropMeta; crop: GrayImage; got: number; p: number; rawOk: boolean | null }> = [];
  const predictions: number[] = [];
  let nll = 0;
  let sureWrong = 0;
  const t0 = performance.now();
  const every = Number(arg('--every') ?? 1);
  for (const [mi, m] of metas.entries()) {
    if (mi % every !== 0) { predictions.push(-1); continue; }
    const big: GrayImage = { width: m.width, height: m.height, data: bin.subarray(m.offset, m.offset + m.width * m.height) };
    const crop = cropGray(big, m.inner.x, m.inner.y, m.inner.w, m.inner.h);
    const probs = classifyDigitBox(model, crop);
    let got = 0;
    for (let k = 1; k < probs.length; k++) if (probs[k] > probs[got]) got = k;
    predictions.push(got);
    const want = classIndex(m.truth);
    const ok = got === want;
    nll += -Math.log(Math.max(1e-9, probs[want]));
    if (!ok && probs[got] > 0.99) sureWrong++;
    const kind = kindOf(m.truth);
    const fam = family(m.templateId);
    add(`all`, ok);
    add(`${kind}`, ok);
    add(`${kind} ${fam}`, ok);
    add(`any ${fam}`, ok);
    let rawOk: boolean | null = null;
    if (m.mnist !== null) {
      const raw = classifyBox(model, mnistToGray(mnist.images, m.mnist * 784)).top[0].label;
      rawOk = raw === m.truth;
      add(`digit raw-MNIST`, rawOk);
      if (rawOk) add('digit | raw right', ok);
      else add('digit | raw wrong', ok);
    }
    if (!ok) {
      const key = `${m.truth || '_'}→${DIGIT_CLASSES[got]}`;
      confusion.set(key, (confusion.get(key) ?? 0) + 1);
      errors.push({ m, crop, got, p: probs[got], rawOk });
    }
  }
  const secs = (performance.now() - t0) / 1000;
  const pct = (s: { n: number; ok: number }) => `${((100 * s.ok) / s.n).toFixed(2)} % (${s.n - s.ok} wrong of ${s.n})`;
  console.log(`${dir}: ${pages} pages, ${unregistered} not registered, ${metas.length} boxes, ${secs.toFixed(0)} s`);
  for (const key of [...stats.keys()].sort()) console.log(`  ${key.padEnd(26)} ${pct(stats.get(key)!)}`);
  console.log(`  mean −log p(truth) ${(nll / metas.length).toFixed(4)}; wrong with p>0.99: ${sureWrong}`);
  console.log(`  confusions: ${[...confusion.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  const save = arg('--save');
  if (save) writeFileSync(save, JSON.stringify(predictions));
  const compare = arg('--compare');
  if (compare) {
    const before = JSON.parse(readFileSync(compare, 'utf8')) as number[];
    let fixed = 0, broke = 0;
    metas.forEach((m, i) => {
      const want = classIndex(m.truth);
      if (predictions[i] < 0 || before[i] < 0) return;
      if (before[i] !== want && predictions[i] === want) fixed++;
      if (before[i] === want && predictions[i] !== want) broke++;
    });
    console.log(`  vs ${compare}: fixed ${fixed}, broke ${broke}`);
  }
  const dump = arg('--dump');
  if (dump) await dumpErrors(dump, errors.filter((e) => (arg('--dump-kind') === undefined || kindOf(e.m.truth) === arg('--dump-kind')) && e.p >= Number(arg('--dump-min-p') ?? 0)), model);
}

/** A grid of misread boxes: the crop (scaled to 56 px high) and beside it the 28×28 net input ×2. */
function dumpErrors(path: string, errors: Array<{ m: CropMeta; crop: GrayImage; got: number; p: number; rawOk: boolean | null }>, model: ReturnType<typeof loadDigitModel>): Promise<void> {
  const shown = errors.slice(0, Number(arg('--dump-n') ?? 80));
  const cell = 120, cols = 8;
  const rows = Math.ceil(shown.length / cols);
  const W = cols * cell, H = Math.max(1, rows) * 60;
  const px = new Uint8Array(W * H * 3).fill(255);
  const put = (x: number, y: number, v: number, red = false) => {
    if (x < 0 || y < 0 || x >= W || y >= H) return;
    const i = (y * W + x) * 3;
    px[i] = red ? 255 : v;
    px[i + 1] = v;
    px[i + 2] = v;
  };
  shown.forEach((e, k) => {
    const ox = (k % cols) * cell, oy = Math.floor(k / cols) * 60;
    const s = 56 / e.crop.height;
    for (let y = 0; y < 56; y++) for (let x = 0; x < Math.min(58, Math.round(e.crop.width * s)); x++) {
      put(ox + x, oy + y, e.crop.data[Math.min(e.crop.height - 1, Math.floor(y / s)) * e.crop.width + Math.min(e.crop.width - 1, Math.floor(x / s))]);
    }
    const norm = normalizeBoxCrop(e.crop, { minContrast: 0.15 });
    for (let y = 0; y < 56; y++) for (let x = 0; x < 56; x++) put(ox + 60 + x, oy + y, 255 - Math.round(255 * norm.input[(y >> 1) * 28 + (x >> 1)]), x === 0 || y === 0);
    console.log(`  dump #${k}: ${e.m.file} ${e.m.field}[${e.m.box}] truth ${e.m.truth || '_'} got ${DIGIT_CLASSES[e.got]} p=${e.p.toFixed(3)} raw ${e.rawOk === null ? '-' : e.rawOk ? 'ok' : 'WRONG'}${norm.empty ? ' (empty at 0.15)' : ''}`);
  });
  void model;
  return sharp(px, { raw: { width: W, height: H, channels: 3 } }).png().toFile(path).then(() => undefined);
}

await main();
