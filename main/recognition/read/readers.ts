/**
 * The field readers one thread uses: the digit-box classifier (weights loaded once per thread and path) and,
 * when asked for, words OCR.
 *
 * Words OCR is off: measured on the real NETGRIT photo (6 comb-cell words lines, tesseract.js 7 `eng`, single
 * line, capitals whitelist) it parsed 1 line of 6 (DELAPANBELAS, at low confidence) and took 0.6–2.3 s per
 * line, i.e. several times the whole page budget, for evidence the digits and bubbles already give.
 */
import { classifyBox, loadDigitModel, DEFAULT_DIGIT_MODEL_PATH, type DigitModel } from '../digits/index.ts';
import type { GrayImage } from '../gray-image.ts';
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

export function classifyDigitBox(model: DigitModel, crop: GrayImage): Float32Array {
  const out = new Float32Array(12);
  const expectedBox = expectedBoxInCrop(crop);
  for (const minContrast of INK_THRESHOLDS) {
    const { probs } = classifyBox(model, crop, expectedBox ? { minContrast, expectedBox } : { minContrast });
    for (let k = 0; k < out.length; k++) out[k] += probs[k] / INK_THRESHOLDS.length;
  }
  return out;
}

const cache = new Map<string, FieldReaders>();

export function digitReaders(modelPath: string = DEFAULT_DIGIT_MODEL_PATH): FieldReaders {
  let readers = cache.get(modelPath);
  if (!readers) {
    const model = loadDigitModel(modelPath);
    readers = { classifyBox: (crop) => classifyDigitBox(model, crop) };
    cache.set(modelPath, readers);
  }
  return readers;
}
