import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { BLANK_INDEX, CROSS_INDEX, classifyNormalized, loadDigitModel } from '../../main/recognition/digits/index.ts';
import { loadMnist } from '../../main/recognition/digits/mnist.ts';
import { photoBoxData, readPhotoBoxSet, splitPhotoBoxes, writePhotoBoxSet } from '../../main/recognition/digits/training/photo-box-set.ts';
import { EvalSets } from '../../main/recognition/digits/training/eval-sets.ts';
import { buildItem, itemCount, type ItemSpace } from '../../main/recognition/digits/training/samples.ts';
import { DEFAULT_TRAIN_OPTIONS, trainingDigitSplit } from '../../main/recognition/digits/training/train.ts';
import { allTemplates } from '../../main/recognition/templates/loader.ts';
import {
  DEFAULT_PHOTO_BOX_PARAMS,
  generatePhotoPage,
  packPhotoBoxes,
  photoBoxesOfPage,
  photoDigitPool,
  type PhotoBox,
} from '../../scripts/photo-boxes.ts';
import type { SampleTruth } from '../support/synth/generate-sample.ts';

/**
 * The photo-box training data: pages written with MNIST TRAIN digits (never the calibration slice, never test
 * digits), photographed, registered by the real pipeline, cut into labelled net inputs.
 */
const params = { ...DEFAULT_PHOTO_BOX_PARAMS, seed: 'photo-boxes-test', pages: 2 };
const train = loadMnist('train');
const pool = photoDigitPool(params);
const heldOut = new Set(trainingDigitSplit(train.count, DEFAULT_TRAIN_OPTIONS.seed, DEFAULT_TRAIN_OPTIONS.heldOut).heldOut);
const templates = allTemplates();

const pages: Array<{ page: number; truth: SampleTruth; boxes: PhotoBox[] | null }> = [];
for (const i of [0, 1]) {
  const { jpeg, truth } = await generatePhotoPage(params.seed, i, pool);
  pages.push({ page: i, truth, boxes: await photoBoxesOfPage(jpeg, truth, templates) });
}

describe('photo boxes for digit training', () => {
  it('writes the pages with train-split digits outside the held-out calibration slice', () => {
    assert.equal(pool.split, 'train');
    assert.equal(heldOut.size, DEFAULT_TRAIN_OPTIONS.heldOut);
    let digits = 0;
    for (const { truth } of pages) {
      for (const marks of Object.values(truth.marks)) {
        const written = marks.boxes.filter((b) => /^\d$/.test(b));
        marks.mnist.forEach((idx, k) => {
          assert.ok(!heldOut.has(idx), `train digit ${idx} is in the calibration slice`);
          // The index is a TRAIN index: its train label is the digit written.
          assert.equal(String(train.labels[idx]), written[k]);
          digits++;
        });
      }
    }
    assert.ok(digits > 10, `only ${digits} digits written`);
  });

  it('registers each page and labels every box of its template from the truth marks', () => {
    const model = loadDigitModel();
    let digitBoxes = 0, digitRight = 0;
    for (const { truth, boxes } of pages) {
      assert.ok(boxes, `page ${String(truth.seed)} (${truth.templateId}) did not register`);
      const template = templates.find((t) => t.id === truth.templateId)!;
      const expected = template.fields.filter((f) => truth.marks[f.id]).reduce((n, f) => n + f.digits.length, 0);
      assert.equal(boxes.length, expected);
      for (const b of boxes) {
        const mark = truth.marks[b.field].boxes[b.box];
        assert.equal(b.label, mark === '' ? BLANK_INDEX : mark === 'X' ? CROSS_INDEX : Number(mark));
        assert.equal(b.views.length, 2);
        if (b.label >= 10) continue;
        // A written digit leaves ink at the lower threshold at least, and the current net mostly reads it.
        const view = b.views[1];
        assert.ok(view, `${b.field}[${b.box}]: digit ${b.label} came out empty`);
        assert.equal(view.length, 784);
        digitBoxes++;
        const probs = classifyNormalized(model, view);
        if (probs.indexOf(Math.max(...probs)) === b.label) digitRight++;
      }
    }
    assert.ok(digitBoxes > 10);
    assert.ok(digitRight / digitBoxes > 0.85, `the net read ${digitRight} of ${digitBoxes} photographed digits`);
  });

  it('packs the boxes into a set that survives its file and feeds the training items and held-out evaluation', () => {
    const set = packPhotoBoxes(pages, params, 0);
    const all = pages.flatMap((p) => p.boxes ?? []);
    const inked = all.filter((b) => b.views.some((v) => v));
    assert.equal(set.count, inked.length);
    assert.equal(set.meta.emptyBoxes, all.length - inked.length);
    assert.equal(set.meta.registered, 2);
    assert.deepEqual([...set.labels], inked.map((b) => b.label));

    const dir = mkdtempSync(join(tmpdir(), 'pleno-photo-boxes-test-'));
    try {
      const file = join(dir, 'set.bin');
      writePhotoBoxSet(file, set);
      const back = readPhotoBoxSet(file);
      assert.deepEqual(back.meta, set.meta);
      assert.deepEqual(back.labels, set.labels);
      assert.deepEqual(back.present, set.present);
      assert.deepEqual(back.pages, set.pages);
      assert.ok(Buffer.from(back.inputs).equals(Buffer.from(set.inputs)));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }

    // Page 1 of every 2 held out: the split is by page.
    const { train: trainBoxes, heldOut: heldBoxes } = splitPhotoBoxes(set, 2);
    assert.ok(trainBoxes.every((i) => set.pages[i] === 0) && heldBoxes.every((i) => set.pages[i] === 1));
    assert.equal(trainBoxes.length + heldBoxes.length, set.count);

    // Training item itemCount + j is photo box train[j], the stored input within quantisation.
    const data = photoBoxData(set, 2);
    const space: ItemSpace = { mnist: train, digits: Int32Array.from([0, 1, 2]), blanks: 1, crosses: 1, photo: data };
    const out = new Float32Array(784);
    const j = trainBoxes.length - 1;
    const label = buildItem(space, itemCount(space) + j, 1, 0, out);
    const box = inked[trainBoxes[j]];
    assert.equal(label, box.label);
    assert.ok(box.views.some((v) => v && v.every((x, k) => Math.abs(x - out[k]) <= 0.5 / 255 + 1e-6)));
    assert.throws(() => buildItem(space, itemCount(space) + trainBoxes.length, 1, 0, out), RangeError);

    const evalSets = new EvalSets(train, loadMnist('test'), Int32Array.from([5]), data);
    const views = [...heldBoxes].reduce((n, i) => n + (set.present[i] === 3 ? 2 : 1), 0);
    assert.equal(evalSets.size('photo-held-out'), views);
    assert.equal(evalSets.build('photo-held-out', 0, out), set.labels[heldBoxes[0]]);
  });
});
