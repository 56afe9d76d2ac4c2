import { BLANK_INDEX, CROSS_INDEX } from '../classes.ts';
import type { MnistSet } from '../mnist.ts';
import { mnistToGray, normalizeBoxCrop } from '../normalize-box-crop.ts';
import { Rng } from '../rng.ts';
import { randomWarpOptions, warpGlyph } from './glyph-warp.ts';
import { photoBoxInput, presentViews, type PhotoBoxData } from './photo-box-set.ts';
import { renderBoxCrop, renderPlainDigit } from './synth-box.ts';

/**
 * Fixed evaluation sets, rebuilt identically wherever they are needed (training workers, the
 * bench, tests):
 * - mnist-test: the 10,000 MNIST test digits, raw, through normalizeBoxCrop (the headline number);
 * - boxed-test: MNIST test digits 0..1999 drawn into synthetic boxes (milder distortion than in
 *   training), then 300 blank and 300 crossed boxes;
 * - calibration: held-out TRAIN digits (raw / boxed / plain in turn), plus 1/8 as many blanks and
 *   as many crosses — for fitting the softmax temperature, never for training;
 * - photo-held-out: the held-out boxes of the photographed pages (photo-box-set.ts), every inked view
 *   of each (empty only when no photo boxes were given) — for the temperature and for watching the
 *   photo phase, never for training.
 */
export type EvalSetName = 'mnist-test' | 'boxed-test' | 'calibration' | 'photo-held-out';

export const BOXED_TEST_DIGITS = 2000;
export const BOXED_TEST_EMPTY = 300;

export class EvalSets {
  /** (box, view) pairs of photo-held-out. */
  private readonly photoViews: Array<[number, number]>;

  constructor(
    private readonly train: MnistSet,
    private readonly test: MnistSet,
    private readonly calibDigits: Int32Array,
    private readonly photo?: PhotoBoxData,
  ) {
    this.photoViews = photo ? [...photo.heldOut].flatMap((box) => presentViews(photo, box).map((v): [number, number] => [box, v])) : [];
  }

  size(set: EvalSetName): number {
    if (set === 'mnist-test') return this.test.count;
    if (set === 'photo-held-out') return this.photoViews.length;
    if (set === 'boxed-test') return BOXED_TEST_DIGITS + 2 * BOXED_TEST_EMPTY;
    return this.calibDigits.length + 2 * Math.round(this.calibDigits.length / 8);
  }

  /** Builds item i of a set into out (784); returns its label. */
  build(set: EvalSetName, i: number, out: Float32Array): number {
    if (set === 'photo-held-out') {
      const [box, view] = this.photoViews[i];
      photoBoxInput(this.photo!, box, view, out);
      return this.photo!.labels[box];
    }
    if (set === 'mnist-test') {
      normalizeBoxCrop(mnistToGray(this.test.images, i * 784), { out });
      return this.test.labels[i];
    }
    if (set === 'boxed-test') {
      const rng = Rng.derive(0xb0c5, i);
      if (i < BOXED_TEST_DIGITS) {
        const glyph = warpGlyph(this.test.images, i * 784, randomWarpOptions(rng, 0.5), rng);
        normalizeBoxCrop(renderBoxCrop(rng, { kind: 'digit', glyph }), { out });
        return this.test.labels[i];
      }
      const blank = i < BOXED_TEST_DIGITS + BOXED_TEST_EMPTY;
      normalizeBoxCrop(renderBoxCrop(rng, { kind: blank ? 'blank' : 'cross' }), { out });
      return blank ? BLANK_INDEX : CROSS_INDEX;
    }
    const n = this.calibDigits.length;
    const rng = Rng.derive(0xca1b, i);
    if (i < n) {
      const idx = this.calibDigits[i];
      const mode = i % 3;
      if (mode === 0) normalizeBoxCrop(mnistToGray(this.train.images, idx * 784), { out });
      else {
        const glyph = warpGlyph(this.train.images, idx * 784, randomWarpOptions(rng), rng);
        const crop = mode === 1 ? renderBoxCrop(rng, { kind: 'digit', glyph }) : renderPlainDigit(rng, glyph);
        normalizeBoxCrop(crop, { out });
      }
      return this.train.labels[idx];
    }
    const blank = i < n + Math.round(n / 8);
    normalizeBoxCrop(renderBoxCrop(rng, { kind: blank ? 'blank' : 'cross' }), { out });
    return blank ? BLANK_INDEX : CROSS_INDEX;
  }
}

/** The train indices NOT used for training (the calibration slice), in ascending order. */
export function heldOutDigits(trainCount: number, trainingDigits: Int32Array): Int32Array {
  const used = new Uint8Array(trainCount);
  for (const d of trainingDigits) used[d] = 1;
  const rest: number[] = [];
  for (let i = 0; i < trainCount; i++) if (!used[i]) rest.push(i);
  return Int32Array.from(rest);
}
