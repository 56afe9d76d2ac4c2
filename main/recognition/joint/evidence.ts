/**
 * Per-field evidence → a likelihood over every value the field can hold.
 *
 * Three independent witnesses read each number on a C.Hasil: the handwritten digit boxes, the OMR bubble
 * columns under them and the number written in words. Each gives a probability per candidate value; their
 * product (independence assumed) is the field's own likelihood, before the form's arithmetic is consulted.
 */

/** Digit-box classifier output order: digits 0–9, then an empty box, then a box crossed out with an X. */
export const BOX_BLANK = 10;
export const BOX_CROSS = 11;
/** Bubble-column evidence order: digits 0–9, then "no bubble filled". */
export const BUBBLE_NONE = 10;

export interface WordsEvidence {
  /** The parsed value, or null when the words line could not be parsed. */
  value: number | null;
  /** Probability that the parsed value is what was written. */
  confidence: number;
}

export interface FieldEvidence {
  /** Field key: `IV.2` on a page, or `templateId#IV.2` when decoding several pages of one TPS. */
  key: string;
  /** Per digit box (hundreds → units): 12 class probabilities, or null when the box could not be read. */
  boxes: (ArrayLike<number> | null)[];
  /** Per bubble column (same order as boxes): 11 probabilities (0–9, none), or null when unread. */
  bubbles?: (ArrayLike<number> | null)[];
  words?: WordsEvidence;
  /** Highest value the field can hold (defaults to what its boxes can hold). */
  max?: number;
}

/** Probabilities are floored: a classifier that is "certain" can still be wrong, and log(0) ends all argument. */
const FLOOR = 1e-6;
/** A KPPS may fill an unused leading box with 0 instead of leaving it empty; allowed, but less likely. */
const LEADING_ZERO_WEIGHT = 0.2;

function p(probs: ArrayLike<number> | null, index: number): number {
  if (!probs) return 0.1; // unread box: flat over the 10 digits
  return Math.max(probs[index], FLOOR);
}

function boxLogLikelihood(digitsOf: number[], boxes: FieldEvidence['boxes']): number {
  let sum = 0;
  const lead = boxes.length - digitsOf.length;
  for (let i = 0; i < boxes.length; i++) {
    const probs = boxes[i];
    if (i < lead) {
      const empty = probs ? probs[BOX_BLANK] + probs[BOX_CROSS] + LEADING_ZERO_WEIGHT * probs[0] : 0.1;
      sum += Math.log(Math.max(empty, FLOOR));
    } else {
      sum += Math.log(p(probs, digitsOf[i - lead]));
    }
  }
  return sum;
}

function bubbleLogLikelihood(digitsOf: number[], columns: NonNullable<FieldEvidence['bubbles']>): number {
  let sum = 0;
  const lead = columns.length - digitsOf.length;
  for (let i = 0; i < columns.length; i++) {
    const probs = columns[i];
    if (!probs) continue;
    if (i < lead) sum += Math.log(Math.max(probs[BUBBLE_NONE] + LEADING_ZERO_WEIGHT * probs[0], FLOOR));
    else sum += Math.log(Math.max(probs[digitsOf[i - lead]], FLOOR));
  }
  return sum;
}

function wordsLogLikelihood(value: number, words: WordsEvidence | undefined, range: number): number {
  if (!words || words.value === null) return 0;
  const c = Math.min(Math.max(words.confidence, 0), 0.999);
  return Math.log(value === words.value ? c : (1 - c) / range);
}

function digitsOfValue(value: number): number[] {
  return String(value).split('').map(Number);
}

/**
 * How much each witness counts: its log-likelihood is multiplied by the weight (1 = taken at face value).
 * A weight below 1 tempers a witness that is over-confident in practice. `digitMix` / `bubbleMix` blend each
 * box's / column's probabilities with a uniform distribution: a classifier that is "certain" a box is empty
 * when it holds a faint digit (it happens) then still leaves room for the other witnesses and the arithmetic.
 */
export interface WitnessWeights {
  digits: number;
  bubbles: number;
  words: number;
  digitMix: number;
  bubbleMix: number;
}

export const EQUAL_WEIGHTS: WitnessWeights = { digits: 1, bubbles: 1, words: 1, digitMix: 0, bubbleMix: 0 };

/** Probabilities blended with the uniform distribution over their classes. */
function mixed(probs: ArrayLike<number> | null, mix: number): ArrayLike<number> | null {
  if (!probs || mix <= 0) return probs;
  const out = new Float64Array(probs.length);
  for (let k = 0; k < probs.length; k++) out[k] = (1 - mix) * probs[k] + mix / probs.length;
  return out;
}

/** Per position (hundreds → units): log-likelihood of each digit there, and of "no digit" there (leading). */
interface PositionTable {
  digit: Float64Array[]; // [position][d]
  lead: Float64Array; // [position]
}

function boxTable(boxes: FieldEvidence['boxes'], positions: number, weight: number, mix: number): PositionTable {
  const offset = positions - boxes.length;
  const digit = Array.from({ length: positions }, () => new Float64Array(10));
  const lead = new Float64Array(positions);
  boxes.forEach((raw, i) => {
    const probs = mixed(raw, mix);
    const pos = i + offset;
    for (let d = 0; d < 10; d++) digit[pos][d] = weight * Math.log(p(probs, d));
    const empty = probs ? probs[BOX_BLANK] + probs[BOX_CROSS] + LEADING_ZERO_WEIGHT * probs[0] : 0.1;
    lead[pos] = weight * Math.log(Math.max(empty, FLOOR));
  });
  return { digit, lead };
}

function bubbleTable(columns: NonNullable<FieldEvidence['bubbles']>, positions: number, weight: number, mix: number): PositionTable {
  const offset = positions - columns.length;
  const digit = Array.from({ length: positions }, () => new Float64Array(10));
  const lead = new Float64Array(positions);
  columns.forEach((raw, i) => {
    const probs = mixed(raw, mix);
    if (!probs) return;
    const pos = i + offset;
    for (let d = 0; d < 10; d++) digit[pos][d] = weight * Math.log(Math.max(probs[d], FLOOR));
    lead[pos] = weight * Math.log(Math.max(probs[BUBBLE_NONE] + LEADING_ZERO_WEIGHT * probs[0], FLOOR));
  });
  return { digit, lead };
}

/**
 * The field's own posterior over 0..max (uniform prior), as log-probabilities normalised to sum 1.
 * Values with more digits than boxes are impossible.
 */
export function fieldLogPosterior(field: FieldEvidence, weights: WitnessWeights = EQUAL_WEIGHTS): Float64Array {
  const positions = Math.max(field.boxes.length, field.bubbles?.length ?? 0, 1);
  const max = Math.min(field.max ?? 10 ** positions - 1, 10 ** positions - 1);
  const tables = [boxTable(field.boxes, positions, weights.digits, weights.digitMix)];
  if (field.bubbles) tables.push(bubbleTable(field.bubbles, positions, weights.bubbles, weights.bubbleMix));
  const logL = new Float64Array(max + 1);
  const digits = new Int32Array(positions);
  let best = -Infinity;
  for (let v = 0; v <= max; v++) {
    // Digits of v right-aligned in the positions; the positions left of its `len` digits must hold nothing.
    const len = v < 10 ? 1 : v < 100 ? 2 : v < 1000 ? 3 : String(v).length;
    let rest = v;
    for (let pos = positions - 1; pos >= 0; pos--) {
      digits[pos] = rest % 10;
      rest = (rest - digits[pos]) / 10;
    }
    const used = len;
    let l = 0;
    for (const t of tables) {
      for (let pos = 0; pos < positions; pos++) l += pos < positions - used ? t.lead[pos] : t.digit[pos][digits[pos]];
    }
    l += weights.words * wordsLogLikelihood(v, field.words, max + 1);
    logL[v] = l;
    if (l > best) best = l;
  }
  let z = 0;
  for (let v = 0; v <= max; v++) z += Math.exp(logL[v] - best);
  const logZ = best + Math.log(z);
  for (let v = 0; v <= max; v++) logL[v] -= logZ;
  return logL;
}

export type WitnessName = 'digits' | 'bubbles' | 'words';

export interface WitnessReading {
  witness: WitnessName;
  /** The value this witness alone finds most probable, and its probability under this witness alone. */
  value: number;
  p: number;
}

/**
 * Each witness of a field on its own: its most probable value and how sure it is of it. The joint posterior
 * multiplies the witnesses, so one witness that is near-certain and wrong (a faint digit read as an empty box)
 * can outvote another that is near-certain and right (a clearly filled bubble); looking at them apart shows the
 * conflict, and a field whose witnesses are each sure of a different value goes to a person.
 */
export function witnessReadings(field: FieldEvidence, weights: WitnessWeights = EQUAL_WEIGHTS): WitnessReading[] {
  const out: WitnessReading[] = [];
  const positions = Math.max(field.boxes.length, field.bubbles?.length ?? 0, 1);
  const top = (witness: WitnessName, alone: FieldEvidence) => {
    const lp = fieldLogPosterior(alone, { ...weights, digits: 1, bubbles: 1, words: 1 });
    const best = argmaxOf(lp);
    out.push({ witness, value: best, p: Math.exp(lp[best]) });
  };
  const nothing = Array.from({ length: positions }, () => null);
  if (field.boxes.some((b) => b !== null)) top('digits', { key: field.key, boxes: field.boxes, max: field.max });
  if (field.bubbles?.some((b) => b !== null)) top('bubbles', { key: field.key, boxes: nothing, bubbles: field.bubbles, max: field.max });
  if (field.words && field.words.value !== null) out.push({ witness: 'words', value: field.words.value, p: field.words.confidence });
  return out;
}

/**
 * The most probable value of a log posterior (the first of equals). A module-level function, not a closure made
 * per call: V8 keeps a closure's optimised code only while an instance of it lives, and this loop over every
 * value of a field was compiled again for nearly every page.
 */
export function argmaxOf(lp: Float64Array): number {
  let best = 0;
  for (let v = 1; v < lp.length; v++) if (lp[v] > lp[best]) best = v;
  return best;
}

/** Which witness supports the value most: reported as the field's `source`. */
export function strongestWitness(field: FieldEvidence, value: number): 'digits' | 'bubbles' | 'words' {
  const digits = digitsOfValue(value);
  const scores: [number, 'digits' | 'bubbles' | 'words'][] = [
    [field.boxes.length ? boxLogLikelihood(digits, field.boxes) / field.boxes.length : -Infinity, 'digits'],
    [field.bubbles ? bubbleLogLikelihood(digits, field.bubbles) / field.bubbles.length : -Infinity, 'bubbles'],
    [field.words && field.words.value === value ? Math.log(field.words.confidence) : -Infinity, 'words'],
  ];
  scores.sort((a, b) => b[0] - a[0]);
  return scores[0][1];
}
