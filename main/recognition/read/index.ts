/**
 * Field reading: the hook the recognition pool calls for every registered page, and what it is made of.
 *
 *   readRegisteredPage(rectified, template) → { verdict, reason, fields, checks }
 *
 * `rectified` is the page warped to `template.canonical`; the digit model is loaded once per thread.
 */
import type { GrayImage } from '../gray-image.ts';
import type { FormTemplate } from '../templates/schema.ts';
import { DEFAULT_JOINT_OPTIONS, type JointOptions } from '../joint/index.ts';
import { readPage, type PageJudgement } from './read-page.ts';
import { digitReaders } from './readers.ts';

export { readPage, judgePage, gatherEvidence, cropDigitBox, emptyProbability } from './read-page.ts';
export type { FieldReaders, PageJudgement } from './read-page.ts';
export { digitReaders } from './readers.ts';
export { readBubbleColumns, DEFAULT_BUBBLE_MODEL } from './bubbles.ts';
export { parseWordsFuzzy } from './words-parse.ts';

export interface FieldReadOptions {
  /** Digit model file (default: the committed resources/models/digits-v1.json). */
  digitModelPath?: string;
  /** Joint decoder thresholds (default: DEFAULT_JOINT_OPTIONS, tuned by scripts/bench-recognize.ts --tune). */
  joint?: JointOptions;
}

export function readRegisteredPage(page: GrayImage, template: FormTemplate, options: FieldReadOptions = {}): PageJudgement {
  return readPage(page, template, digitReaders(options.digitModelPath), options.joint ?? DEFAULT_JOINT_OPTIONS);
}
