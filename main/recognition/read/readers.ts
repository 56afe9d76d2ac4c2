/**
 * The field readers one thread uses: the digit-box classifier (weights loaded once per thread and path) and,
 * when asked for, words OCR.
 *
 * Words OCR is off: measured on the real NETGRIT photo (6 comb-cell words lines, tesseract.js 7 `eng`, single
 * line, capitals whitelist) it parsed 1 line of 6 (DELAPANBELAS, at low confidence) and took 0.6–2.3 s per
 * line, i.e. several times the whole page budget, for evidence the digits and bubbles already give.
 */
import {
  classifyBox,
  classifyNormalized,
  loadDigitModel,
  DEFAULT_DIGIT_MODEL_PATH,
  REFINE_BELOW,
  type DigitModel,
} from '../digits/index.ts';
import { finishBoxCrop, normalizeBoxCrop, prepareBoxCrop, sharesPreparation } from '../digits/normalize-box-crop.ts';
import type { GrayImage } from '../gray-image.ts';
import { BOX_BLANK, BOX_CROSS } from '../joint/index.ts';
import { BOX_MARGIN, type FieldReaders } from './read-page.ts';

/**
 * Every box is read twice, at two ink thresholds below the classifier's default (0.25 of the paper level),
 * and the two answers averaged. A photographed ballpoint stroke is often only 15–30 % darker than the paper
 * after blur and JPEG: at the default threshold such a digit comes back "empty" with near certainty, and thin
 * parts of other digits are lost. Measured on 5,919 boxes of 140 synthetic photographed pages (all families):
 *
 *   reading                         box accuracy  digit→empty  sure (p>0.99) and wrong  mean −log p(truth)
 *   default threshold                    96.72 %           50                       53              0.180
 *   default, empty boxes again at 0.15   96.72 %           50                       15              0.121
 *   0.15 only                            97.30 %           12                       14              0.104
 *   0.10 only                            97.23 %            5                        5              0.102
 *   mean of 0.15 and 0.10                97.33 %           12                        5              0.093
 */
export const INK_THRESHOLDS = [0.15, 0.1] as const;

/**
 * read-page.ts (cropDigitBox) cuts each box with BOX_MARGIN per side: the template box then sits at a known
 * place in the crop, which tells the classifier where the printed border must be.
 */
const CROP_MARGIN = BOX_MARGIN;

/** The template box inside a crop cut by cropDigitBox (±1 px from rounding); null for crops of another shape. */
export function expectedBoxInCrop(crop: GrayImage): { x0: number; y0: number; x1: number; y1: number } | null {
  const side = (total: number): [number, number] | null => {
    const guess = Math.round(total / (1 + 2 * CROP_MARGIN));
    for (let d = 0; d <= 2; d++) {
      for (const len of [guess - d, guess + d]) {
        const m = Math.round(len * CROP_MARGIN);
        if (len > 0 && len + 2 * m === total) return [m, m + len];
      }
    }
    return null;
  };
  const xs = side(crop.width);
  const ys = side(crop.height);
  return xs && ys ? { x0: xs[0], x1: xs[1], y0: ys[0], y1: ys[1] } : null;
}

/** The later thresholds' normalised input (one reader per thread, and it is synchronous). */
const laterInput = new Float32Array(784);

/**
 * The mean of classifyBox at each of INK_THRESHOLDS, without doing the same work twice. The box is normalised
 * in two parts (PreparedBox): darkness and border lines once, the ink threshold's steps per threshold. And the
 * net does not run twice on the same input: the threshold only matters for faint ink (the normaliser's ink
 * threshold is the larger of it and a share of the box's darkest ink), so for most written boxes both
 * thresholds yield the very same 28×28 input and so the same probabilities — measured on 6 speed-set pages,
 * 266 of 266 boxes with ink at both. Each later threshold's input is compared with the first's and the net
 * runs only when it differs. The result is bit-identical to calling classifyBox at each threshold (same
 * inputs, same arithmetic, same order).
 */
export function classifyDigitBox(model: DigitModel, crop: GrayImage, guide: BoxGuide = 'none'): Float32Array {
  const expectedBox = expectedBoxInCrop(crop);
  const options = (minContrast: number) => (expectedBox ? { minContrast, expectedBox } : { minContrast });
  const blank = blankAnswer(model); // before preparing: asking for it normalises a crop of its own
  const prepared = prepareBoxCrop(crop, options(INK_THRESHOLDS[0]));
  // The first threshold as classifyBox does it: its normalised input is left in model.input.
  const first = finishBoxCrop(prepared, { minContrast: INK_THRESHOLDS[0], out: model.input });
  const firstProbs = first.empty ? blank.slice() : classifyNormalized(model, model.input, new Float32Array(blank.length), REFINE_BELOW);
  const readings: Float32Array[] = [firstProbs];
  for (let t = 1; t < INK_THRESHOLDS.length; t++) {
    // Ink, not the threshold, set the first normalisation's cut; the later thresholds are lower, so they
    // would cut at the same place and read the same input (the result is bit-identical, the work halved).
    if (first.thresholdFromInk === true) {
      readings.push(firstProbs);
      continue;
    }
    const minContrast = INK_THRESHOLDS[t];
    const norm = sharesPreparation(prepared, minContrast)
      ? finishBoxCrop(prepared, { minContrast, out: laterInput })
      : normalizeBoxCrop(crop, { ...options(minContrast), out: laterInput });
    if (norm.empty) {
      // No ink: classifyBox's fixed "blank" answer — the first one's when it was empty too.
      readings.push(first.empty ? firstProbs : blank.slice());
    } else if (!first.empty && sameInput(model.input, laterInput)) {
      readings.push(firstProbs);
    } else {
      readings.push(classifyNormalized(model, laterInput, new Float32Array(firstProbs.length), REFINE_BELOW));
    }
  }
  return combineThresholds(readings, guide);
}

/** classifyBox's fixed answer for a box with no ink, per model: asked of classifyBox once, on a blank crop. */
const blankAnswers = new WeakMap<DigitModel, Float32Array>();
function blankAnswer(model: DigitModel): Float32Array {
  let probs = blankAnswers.get(model);
  if (!probs) {
    const paper: GrayImage = { width: 28, height: 28, data: new Uint8Array(784).fill(255) };
    const r = classifyBox(model, paper);
    if (!r.empty) throw new Error('classifyBox found ink on a blank crop');
    probs = r.probs;
    blankAnswers.set(model, probs);
  }
  return probs;
}

/**
 * How the readings at each ink threshold are combined: their mean, except on a form whose boxes carry the
 * dotted "8" guide when the highest threshold finds the box empty. Then the lower thresholds see the guide's
 * dots as ink, and what the net makes of them says little: the share of empty boxes is what was measured for
 * that pattern, on tuning set tune-1 (13.635 boxes, 2026-11-28):
 * - a lower threshold reads a digit (an 8, or anything): 226 of 238 boxes were empty, 12 held a faint digit;
 * - every lower threshold reads blank or cross too, however unsure: 323 of 323 were empty. The mean gave these
 *   0,66–0,77 empty, so every field with an unused leading box lost a quarter of its confidence.
 * Checked on tune-2 (20.991 boxes): 379 of 392 and 668 of 668.
 * The digits keep their relative odds within the rest (a faint real digit keeps a chance the arithmetic can
 * still take). On forms without the guide "empty, then a digit" was a faint digit as often as not (5 of 12):
 * the mean stays.
 */
export function combineThresholds(readings: Float32Array[], guide: BoxGuide): Float32Array {
  const out = new Float32Array(readings[0].length);
  for (const r of readings) for (let k = 0; k < out.length; k++) out[k] += r[k] / readings.length;
  const emptyAtFirst = readings[0][BOX_BLANK] + readings[0][BOX_CROSS] > GUIDE_EMPTY_SURE;
  if (guide !== 'dotted8' || !emptyAtFirst || readings.length < 2) return out;
  const laterReadDigit = readings.slice(1).some((r) => argmax(r) < BOX_BLANK);
  const measured = laterReadDigit ? GUIDE_READ_AS_DIGIT_EMPTY : GUIDE_READ_AS_EMPTY_EMPTY;
  // Raised to the measured share, never lowered: empty at every threshold stays as sure as it was.
  const emptyNow = out[BOX_BLANK] + out[BOX_CROSS];
  return emptyNow >= measured ? out : withEmptyShare(out, measured);
}

/** The printed guide inside a template's digit boxes (FormTemplate.digitStyle.guide). */
export type BoxGuide = 'dotted8' | 'none';
const GUIDE_EMPTY_SURE = 0.9;
/** Measured shares of empty boxes (see combineThresholds); 323 of 323 is taken as (323 + 1) / (323 + 2). */
const GUIDE_READ_AS_DIGIT_EMPTY = 0.95;
const GUIDE_READ_AS_EMPTY_EMPTY = 0.997;

/** Rescales p in place so that blank + cross = share; digits keep their odds among themselves, blank/cross theirs. */
function withEmptyShare(p: Float32Array, share: number): Float32Array {
  const emptyMass = p[BOX_BLANK] + p[BOX_CROSS];
  const digitMass = 1 - emptyMass;
  if (emptyMass <= 0 || digitMass <= 0) return p;
  for (let k = 0; k < p.length; k++) p[k] *= k === BOX_BLANK || k === BOX_CROSS ? share / emptyMass : (1 - share) / digitMass;
  return p;
}

function argmax(p: ArrayLike<number>): number {
  let best = 0;
  for (let k = 1; k < p.length; k++) if (p[k] > p[best]) best = k;
  return best;
}

function sameInput(a: Float32Array, b: Float32Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const cache = new Map<string, FieldReaders>();

export function digitReaders(modelPath: string = DEFAULT_DIGIT_MODEL_PATH): FieldReaders {
  let readers = cache.get(modelPath);
  if (!readers) {
    const model = loadDigitModel(modelPath);
    readers = { classifyBox: (crop, guide) => classifyDigitBox(model, crop, guide) };
    cache.set(modelPath, readers);
  }
  return readers;
}
