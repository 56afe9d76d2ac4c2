import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { describe, it } from 'node:test';
import { cropGray, type GrayImage } from '../../main/recognition/gray-image.ts';
import {
  DEFAULT_DIGIT_MODEL_PATH,
  DIGIT_CLASSES,
  INDEPENDENT_BELOW,
  classifyBatch,
  classifyBox,
  loadDigitModel,
  mnistToGray,
  normalizeBoxCrop,
} from '../../main/recognition/digits/index.ts';
import { loadMnist } from '../../main/recognition/digits/mnist.ts';
import { decodeWeights, encodeWeights, readModelFile, writeModelFile } from '../../main/recognition/digits/model-file.ts';
import { Rng } from '../../main/recognition/digits/rng.ts';
import { renderBoxCrop } from '../../main/recognition/digits/training/synth-box.ts';

const modelPath = process.env.PLENO_DIGIT_MODEL ?? DEFAULT_DIGIT_MODEL_PATH;
const model = loadDigitModel(modelPath);
const test = loadMnist('test');

const argmax = (p: Float32Array) => p.reduce((best, v, i) => (v > p[best] ? i : best), 0);

/**
 * A box crop drawn here by hand-written geometry (independent of the training renderer): paper,
 * a printed border like the official plano, the faint dotted "8" guide, and an MNIST test digit
 * scaled into the box with darker ink.
 */
function handDrawnBox(digitIndex: number, opts: { border: number; guideGray: number; scale: number }): GrayImage {
  const inner = 44, line = 3, margin = 5;
  const size = inner + 2 * (line + margin);
  const paper = 236;
  const data = new Uint8Array(size * size).fill(paper);
  const set = (x: number, y: number, v: number) => {
    if (x >= 0 && y >= 0 && x < size && y < size) data[y * size + x] = Math.min(data[y * size + x], v);
  };
  const o = margin; // outer edge of the border
  for (let k = 0; k < size - 2 * margin; k++) {
    for (let t = 0; t < line; t++) {
      set(o + k, o + t, opts.border);
      set(o + k, size - o - 1 - t, opts.border);
      set(o + t, o + k, opts.border);
      set(size - o - 1 - t, o + k, opts.border);
    }
  }
  const i0 = margin + line; // interior origin
  for (let j = 0; j <= 8; j++) {
    for (let i = 0; i <= 4; i++) {
      if (!(j % 4 === 0 || i === 0 || i === 4)) continue;
      const cx = Math.round(i0 + inner * (0.32 + 0.09 * i)), cy = Math.round(i0 + inner * (0.12 + 0.095 * j));
      for (let dy = 0; dy < 2; dy++) for (let dx = 0; dx < 2; dx++) set(cx + dx, cy + dy, opts.guideGray);
    }
  }
  // Digit: bilinear upscale of the 28×28 MNIST image, centred in the interior.
  const s = opts.scale;
  const off = i0 + inner / 2 - 14 * s;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const u = (x + 0.5 - off) / s - 0.5, v = (y + 0.5 - off) / s - 0.5;
      const ux = Math.floor(u), vy = Math.floor(v);
      if (ux < -1 || vy < -1 || ux > 27 || vy > 27) continue;
      const at = (px: number, py: number) => (px < 0 || py < 0 || px > 27 || py > 27 ? 0 : test.images[digitIndex * 784 + py * 28 + px] / 255);
      const ax = u - ux, ay = v - vy;
      const a = (at(ux, vy) * (1 - ax) + at(ux + 1, vy) * ax) * (1 - ay) + (at(ux, vy + 1) * (1 - ax) + at(ux + 1, vy + 1) * ax) * ay;
      if (a > 0) set(x, y, Math.round(paper * (1 - 0.85 * a)));
    }
  }
  return { width: size, height: size, data };
}

describe('digit model file', () => {
  it('is committed, small, and records how it was made and what it measured', () => {
    // Three nets of ~430.000 weights each (the photo-tuned one, its pre-photo member, an independently trained one), float16 in base64: 3,4 MB.
    assert.ok(statSync(modelPath).size < 4 * 1024 * 1024, 'model file (all ensemble members) must stay under 4 MB');
    assert.deepEqual(model.meta.classes, [...DIGIT_CLASSES]);
    assert.equal(DIGIT_CLASSES.length, 12);
    assert.ok(model.meta.training.seed > 0 && model.meta.training.epochs > 0);
    assert.ok(model.temperature > 0.2 && model.temperature < 8);
    assert.equal(model.independents.length, 1, 'the shipped model carries its independently trained second net');
    assert.ok(model.meta.metrics.mnistTestAccuracy >= 0.99, `recorded MNIST accuracy ${model.meta.metrics.mnistTestAccuracy}`);
    assert.equal(loadDigitModel(modelPath), model, 'second load comes from the cache');
  });
});

describe('classifyBox on MNIST test digits', () => {
  it('reads a fixed 2,000-digit slice of the MNIST test set with ≥ 99 % accuracy', () => {
    let ok = 0;
    const n = 2000;
    for (let k = 0; k < n; k++) {
      const idx = k * 5; // every fifth test digit: spread over the whole set
      const r = classifyBox(model, mnistToGray(test.images, idx * 784));
      if (r.top[0].label === String(test.labels[idx])) ok++;
    }
    assert.ok(ok / n >= 0.99, `accuracy ${(100 * ok / n).toFixed(2)} %`);
  });

  it('returns a probability vector over the 12 classes, best first, deterministic', () => {
    const crop = mnistToGray(test.images, 0);
    const a = classifyBox(model, crop);
    const b = classifyBox(model, crop);
    assert.equal(a.probs.length, 12);
    const sum = a.probs.reduce((s, v) => s + v, 0);
    assert.ok(Math.abs(sum - 1) < 1e-4);
    assert.deepEqual(Array.from(a.probs), Array.from(b.probs));
    for (let k = 1; k < a.top.length; k++) assert.ok(a.top[k - 1].p >= a.top[k].p);
    assert.equal(a.top[0].label, String(test.labels[0]));
    assert.ok(a.inkFraction > 0.05 && a.inkFraction < 0.6);
    assert.deepEqual(classifyBatch(model, [crop, crop]).map((r) => r.top[0].label), [a.top[0].label, a.top[0].label]);
  });
});

/** Weights of a net that always says "1": all zero except the last layer's bias for "1". */
function alwaysSaysOne(paramCount: number): Float32Array {
  const w = new Float32Array(paramCount);
  w[paramCount - DIGIT_CLASSES.length + 1] = 12;
  return w;
}

describe('ensemble members in the model file', () => {
  it('load from the file and are averaged in only for unsure boxes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pleno-digits-'));
    try {
      const file = readModelFile(modelPath);
      const w = alwaysSaysOne(file.paramCount);
      const path = join(dir, 'with-member.json');
      writeModelFile(path, { ...file, weights: encodeWeights(decodeWeights(file.weights, file.paramCount)), members: [{ epochs: 1, temperature: 1, weights: encodeWeights(w) }] });
      const withMember = loadDigitModel(path);
      const single = loadDigitModel(modelPath);
      assert.equal(withMember.members.length, 1);
      const crop = mnistToGray(test.images, 0); // a clear "7"
      const sure = classifyBox(single, crop);
      assert.ok(sure.top[0].p >= 0.9);
      assert.deepEqual(Array.from(classifyBox(withMember, crop).probs), Array.from(sure.probs), 'confident boxes never ask the members');
      // Forced refinement: 5 views of the main net + 5 of the member, which puts ~1 on "1".
      const mixed = classifyBox(withMember, crop, { refineBelow: 1.01 });
      assert.ok(mixed.probs[1] > 0.45 && mixed.probs[1] < 0.55, `P(1) = ${mixed.probs[1]}`);
      assert.ok(Math.abs(mixed.probs.reduce((a, v) => a + v, 0) - 1) < 1e-4);
      assert.ok(mixed.probs[7] > 0.4, `P(7) = ${mixed.probs[7]}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('independent ensemble members', () => {
  it('are averaged in on boxes the main net is not nearly sure of, and only there', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pleno-digits-'));
    try {
      // An independent member that always says "1", beside the main net alone (no snapshot members).
      const file = readModelFile(modelPath);
      const w = alwaysSaysOne(file.paramCount);
      const mainOnly = join(dir, 'main-only.json');
      const withIndependent = join(dir, 'with-independent.json');
      writeModelFile(mainOnly, { ...file, members: [] });
      writeModelFile(withIndependent, { ...file, members: [{ kind: 'independent', netSeed: 1, epochs: 1, temperature: 1, weights: encodeWeights(w, 'float16') }] });
      const single = loadDigitModel(mainOnly);
      const pair = loadDigitModel(withIndependent);
      assert.equal(pair.members.length, 0);
      assert.equal(pair.independents.length, 1);
      let sureSeen = 0;
      let unsureSeen = 0;
      for (let idx = 0; idx < 3000 && (sureSeen < 3 || unsureSeen < 3); idx++) {
        const crop = mnistToGray(test.images, idx * 784);
        const alone = classifyBox(single, crop, { refineBelow: 0 });
        const both = classifyBox(pair, crop, { refineBelow: 0 });
        if (alone.top[0].p >= INDEPENDENT_BELOW) {
          sureSeen++;
          assert.deepEqual(Array.from(both.probs), Array.from(alone.probs), 'a sure box never asks the independent net');
        } else {
          unsureSeen++;
          // The mean of the main net's answer and the member's certain "1".
          for (let k = 0; k < DIGIT_CLASSES.length; k++) {
            const expected = (alone.probs[k] + (k === 1 ? 1 : 0)) / 2;
            assert.ok(Math.abs(both.probs[k] - expected) < 1e-3, `digit ${idx} class ${k}: ${both.probs[k]} vs ${expected}`);
          }
        }
      }
      assert.ok(sureSeen >= 3 && unsureSeen >= 3, `sure ${sureSeen}, unsure ${unsureSeen}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('classifyBox on form boxes', () => {
  it('reads digits drawn inside a printed box with the dotted "8" guide', () => {
    let ok = 0;
    const n = 60;
    for (let k = 0; k < n; k++) {
      const idx = 7 + k * 97;
      const r = classifyBox(model, handDrawnBox(idx, { border: 25, guideGray: 200, scale: 1.5 }));
      if (r.top[0].label === String(test.labels[idx])) ok++;
    }
    assert.ok(ok / n >= 0.95, `read ${ok}/${n}`);
    // One specific case, on a light-gray (NETGRIT-style) border with a darker guide.
    const r = classifyBox(model, handDrawnBox(1, { border: 190, guideGray: 170, scale: 1.3 }));
    assert.equal(r.top[0].label, String(test.labels[1]));
  });

  it('calls empty boxes (border, guide, noise) blank and X-crossed boxes cross', () => {
    let blank = 0, cross = 0, noDigit = 0;
    const n = 100;
    for (let k = 0; k < n; k++) {
      const b = classifyBox(model, renderBoxCrop(Rng.derive(42, k), { kind: 'blank' })).top[0].label;
      const c = classifyBox(model, renderBoxCrop(Rng.derive(43, k), { kind: 'cross' })).top[0].label;
      if (b === 'blank') blank++;
      if (c === 'cross') cross++;
      if ((b === 'blank' || b === 'cross') && (c === 'blank' || c === 'cross')) noDigit++;
    }
    assert.ok(blank >= 97, `blank → blank ${blank}/${n}`);
    assert.ok(cross >= 90, `cross → cross ${cross}/${n}`);
    assert.ok(noDigit >= 97, `empty boxes read as "no digit" ${noDigit}/${n}`);
  });

  it('is sure about a clean empty box without asking the net', () => {
    const crop = handDrawnBox(0, { border: 25, guideGray: 205, scale: 0 });
    const r = classifyBox(model, crop);
    assert.equal(r.empty, true);
    assert.equal(r.top[0].label, 'blank');
    assert.ok(r.top[0].p > 0.99);
  });
});

describe('normalizeBoxCrop', () => {
  it('removes the printed border and the faint guide, leaving no ink in an empty box', () => {
    const r = normalizeBoxCrop(handDrawnBox(0, { border: 25, guideGray: 200, scale: 0 }));
    assert.equal(r.empty, true);
    assert.equal(r.inkPixels, 0);
    assert.deepEqual(r.interior.lines, { top: true, bottom: true, left: true, right: true });
    assert.ok(r.input.every((v) => v === 0));
  });

  it('fits the ink box into 20 px with the centre of mass at the centre, like MNIST', () => {
    const r = normalizeBoxCrop(handDrawnBox(3, { border: 25, guideGray: 200, scale: 1.6 }));
    assert.equal(r.empty, false);
    let mass = 0, mx = 0, my = 0, minX = 28, maxX = -1, minY = 28, maxY = -1;
    for (let y = 0; y < 28; y++) {
      for (let x = 0; x < 28; x++) {
        const v = r.input[y * 28 + x];
        mass += v; mx += v * (x + 0.5); my += v * (y + 0.5);
        if (v > 0.3) { minX = Math.min(minX, x); maxX = Math.max(maxX, x); minY = Math.min(minY, y); maxY = Math.max(maxY, y); }
      }
    }
    assert.ok(Math.abs(mx / mass - 14) < 1 && Math.abs(my / mass - 14) < 1, `centre of mass ${mx / mass}, ${my / mass}`);
    const extent = Math.max(maxX - minX + 1, maxY - minY + 1);
    assert.ok(extent >= 18 && extent <= 22, `ink extent ${extent}`);
    assert.ok(r.inkBox && r.inkBox.x0 > r.interior.x0 - 1 && r.inkBox.x1 <= r.interior.x1 + 1);
  });

  it('leaves a digit touching the border in one piece (strokes crossing a line are kept)', () => {
    const crop = handDrawnBox(3, { border: 25, guideGray: 200, scale: 2.35 });
    const r = normalizeBoxCrop(crop);
    assert.equal(r.empty, false);
    assert.equal(classifyBox(model, crop).top[0].label, String(test.labels[3]));
  });
});

describe('classifyBox on a real photo', () => {
  // ../shared/photos/netgrit-ppwp-hal2-a.jpg: an A4 NETGRIT draft form photographed from above,
  // people tracing the dotted guide (angular 2, 3, 5, boxed 8) and crossing unused boxes.
  // Box rectangles were measured by eye on the photo (it is nearly fronto-parallel).
  const photo = fileURLToPath(new URL('../../../shared/photos/netgrit-ppwp-hal2-a.jpg', import.meta.url));
  const rows: Array<[string, number, number, number[]]> = [
    ['123', 610, 689, [1397, 1473, 1549]],
    ['X45', 926, 1004, [1394, 1470, 1546]],
    ['X67', 1236, 1314, [1390, 1466, 1542]],
    ['235', 1644, 1720, [1388, 1463, 1539]],
    ['X18', 1850, 1927, [1387, 1462, 1538]],
    ['253', 2190, 2267, [1386, 1460, 1535]],
  ];
  it('reads the 18 handwritten boxes of the NETGRIT sample photo', { skip: !existsSync(photo) && 'shared photo not present' }, async () => {
    const { data, info } = await sharp(photo).greyscale().raw().toBuffer({ resolveWithObject: true });
    const page: GrayImage = { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
    const wrong: string[] = [];
    for (const [truth, y0, y1, xs] of rows) {
      xs.forEach((x0, k) => {
        const w = 66, h = y1 - y0;
        const mx = Math.round(0.08 * w), my = Math.round(0.08 * h);
        const got = classifyBox(model, cropGray(page, x0 - mx, y0 - my, w + 2 * mx, h + 2 * my)).top[0].label;
        const want = truth[k] === 'X' ? ['cross', 'blank'] : [truth[k]];
        if (!want.includes(got)) wrong.push(`${truth}[${k}] read ${got}`);
      });
    }
    assert.ok(wrong.length <= 1, `misread: ${wrong.join(', ')}`);
  });
});
