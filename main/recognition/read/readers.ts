/**
 * The field readers one thread uses: the digit-box classifier (weights loaded once per thread and path) and,
 * when asked for, words OCR. Words OCR is off by default: on the real comb-cell handwriting it read garbage
 * and on our measurements it did not change any verdict (see the bench), while costing ~0.75 s per page.
 */
import { classifyBox, loadDigitModel, DEFAULT_DIGIT_MODEL_PATH } from '../digits/index.ts';
import type { FieldReaders } from './read-page.ts';

const cache = new Map<string, FieldReaders>();

export function digitReaders(modelPath: string = DEFAULT_DIGIT_MODEL_PATH): FieldReaders {
  let readers = cache.get(modelPath);
  if (!readers) {
    const model = loadDigitModel(modelPath);
    readers = { classifyBox: (crop) => classifyBox(model, crop).probs };
    cache.set(modelPath, readers);
  }
  return readers;
}
