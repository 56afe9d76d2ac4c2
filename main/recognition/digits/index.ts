import { fileURLToPath } from 'node:url';
import type { GrayImage } from '../gray-image.ts';
import { BLANK_INDEX, DIGIT_CLASSES, type DigitClass } from './classes.ts';
import { Net, softmaxInto, type NetSpec } from './cnn.ts';
import { createWasmNet, type InferenceNet } from './cnn-wasm.ts';
import { decodeWeights, readModelFile, type DigitModelFile, type EnsembleMember } from './model-file.ts';
import { normalizeBoxCrop, type NormalizeOptions } from './normalize-box-crop.ts';

/**
 * Public interface of the handwritten digit-box classifier.
 *
 *   const model = loadDigitModel();            // cached; reads resources/models/digits-v1.json
 *   const r = classifyBox(model, crop);         // crop: ONE box, a bit larger than the box
 *   r.probs   // Float32Array(12): P(0..9, blank, cross), temperature-calibrated
 *   r.top     // [{ label: '3', p: 0.97 }, { label: '8', p: 0.02 }, ...] best first
 *
 * Crops: the box as the template places it on the rectified page, grown by ~5–12 % of the box
 * size on each side (the printed border must fall inside the crop; beyond ~15 % the border is
 * no longer recognised as a line and only component filtering removes it). Any box size works;
 * 24–64 px per side is what training covered and what is fastest.
 */
export { DIGIT_CLASSES, BLANK_INDEX, CROSS_INDEX, type DigitClass } from './classes.ts';
export { normalizeBoxCrop, mnistToGray, type NormalizedBox, type NormalizeOptions } from './normalize-box-crop.ts';

export interface DigitModel {
  readonly net: InferenceNet;
  readonly temperature: number;
  /** Other snapshots of the training run (may be empty): a second opinion on unsure boxes. */
  readonly members: ReadonlyArray<MemberNet>;
  /** Nets trained apart (another seed; may be empty): averaged in on boxes below INDEPENDENT_BELOW, then refined with the rest. */
  readonly independents: ReadonlyArray<MemberNet>;
  readonly meta: Omit<DigitModelFile, 'weights'>;
  /** Scratch input buffers (one set per model: a model is used by one thread at a time). */
  readonly input: Float32Array;
  readonly shifted: Float32Array;
  readonly scratchProbs: Float32Array;
}

export interface MemberNet {
  readonly net: InferenceNet;
  readonly temperature: number;
}

export interface ClassifyOptions extends Omit<NormalizeOptions, 'out'> {
  /**
   * When the best class is below this probability, average the model's other ensemble members
   * and the input shifted by one pixel in each direction (a test-time ensemble that only unsure
   * boxes pay for: ~2 % of MNIST digits). 0 disables it. Default REFINE_BELOW.
   */
  refineBelow?: number;
}

/**
 * Default for ClassifyOptions.refineBelow. Chosen on the 2,000 held-out MNIST TRAIN digits (and
 * the calibration set built from them): any gate from 0.7 up gave the same errors there, so the
 * lowest cost that catches them. Never tuned on the MNIST test set.
 */
export const REFINE_BELOW = 0.9;

/**
 * When the main net's best class is below this, the independently trained nets are asked too (classifyNormalized).
 * Measured with the second net of seed 77031 (tuning sets; boxes read wrong, mean −log p(truth)):
 *   main net alone         tune-1 155, 0,0502   tune-2 295, 0,0672
 *   both, gate 0,99        tune-1 141, 0,0493   tune-2 282, 0,0657   (+5 % reading time per box)
 *   both, gate 0,999                            tune-2 282, 0,0655   (+25 %)
 * Pages of tune-2 (493 registered either way, default joint options): accepted of consistent 78,4 → 79,7 % with
 * either gate, none accepted wrong. The second net alone reads tune-1 with 147 boxes wrong: the two nets miss
 * mostly the same boxes, so the pair gains less than two independent readers would.
 */
export const INDEPENDENT_BELOW = 0.99;

export interface BoxClassification {
  probs: Float32Array;
  /** All 12 classes, most probable first. */
  top: Array<{ label: DigitClass; p: number }>;
  /** Kept ink pixels / box interior area after border and guide removal. */
  inkFraction: number;
  /** True when preprocessing found no ink worth reading (then blank dominates probs). */
  empty: boolean;
  /** See NormalizedBox.thresholdFromInk. */
  thresholdFromInk: boolean;
}

export const DEFAULT_DIGIT_MODEL_PATH = fileURLToPath(new URL('../../../resources/models/digits-v1.json', import.meta.url));

const cache = new Map<string, DigitModel>();

/** Loads (once per path, then cached) the committed model. Synchronous: ~600 KB JSON, a few ms. */
export function loadDigitModel(path: string = DEFAULT_DIGIT_MODEL_PATH): DigitModel {
  const hit = cache.get(path);
  if (hit) return hit;
  const file = readModelFile(path);
  if (file.classes.join(',') !== DIGIT_CLASSES.join(',')) throw new Error(`${path}: classes ${file.classes.join(',')} do not match this build`);
  const net = inferenceNet(file.spec, decodeWeights(file.weights, file.paramCount));
  const memberNet = (m: EnsembleMember): MemberNet => ({ net: inferenceNet(file.spec, decodeWeights(m.weights, file.paramCount)), temperature: m.temperature });
  const members = (file.members ?? []).filter((m) => m.kind !== 'independent').map(memberNet);
  const independents = (file.members ?? []).filter((m) => m.kind === 'independent').map(memberNet);
  const { weights: _weights, members: _members, ...meta } = file;
  const model: DigitModel = {
    net,
    temperature: file.temperature,
    members,
    independents,
    meta,
    input: new Float32Array(784),
    shifted: new Float32Array(784),
    scratchProbs: new Float32Array(DIGIT_CLASSES.length),
  };
  cache.set(path, model);
  return model;
}

/** The WebAssembly SIMD forward pass where the runtime has it (Node, Electron, browsers do), else cnn.ts's. */
function inferenceNet(spec: NetSpec, params: Float32Array): InferenceNet {
  return createWasmNet(spec, params) ?? new Net(spec, params);
}

/**
 * Probability mass left for the other classes when preprocessing finds no ink at all: such a
 * box is blank (or holds a cross too faint to survive thresholding — also "no digit"), so the
 * net is not asked.
 */
const EMPTY_BOX_RESIDUAL = 1e-4;

export function classifyBox(model: DigitModel, crop: GrayImage, options: ClassifyOptions = {}): BoxClassification {
  const { refineBelow = REFINE_BELOW, ...normalizeOptions } = options;
  const norm = normalizeBoxCrop(crop, { ...normalizeOptions, out: model.input });
  const probs = new Float32Array(DIGIT_CLASSES.length);
  if (norm.empty) {
    probs.fill(EMPTY_BOX_RESIDUAL / (DIGIT_CLASSES.length - 1));
    probs[BLANK_INDEX] = 1 - EMPTY_BOX_RESIDUAL;
  } else {
    classifyNormalized(model, model.input, probs, refineBelow);
  }
  return { probs, top: ranked(probs), inkFraction: norm.inkFraction, empty: norm.empty, thresholdFromInk: norm.thresholdFromInk === true };
}

const SHIFTS: Array<[number, number]> = [[1, 0], [-1, 0], [0, 1], [0, -1]];

function shiftInto(src: Float32Array, dx: number, dy: number, out: Float32Array): void {
  out.fill(0);
  for (let y = 0; y < 28; y++) {
    const sy = y - dy;
    if (sy < 0 || sy >= 28) continue;
    for (let x = 0; x < 28; x++) {
      const sx = x - dx;
      if (sx >= 0 && sx < 28) out[y * 28 + x] = src[sy * 28 + sx];
    }
  }
}

/** Classifies many crops; same results as calling classifyBox on each. */
export function classifyBatch(model: DigitModel, crops: GrayImage[], options: ClassifyOptions = {}): BoxClassification[] {
  return crops.map((c) => classifyBox(model, c, options));
}

/** Runs the net on an already normalised 28×28 input (MNIST polarity, 0..1); fills out (12). */
export function classifyNormalized(
  model: DigitModel,
  input: Float32Array,
  out = new Float32Array(DIGIT_CLASSES.length),
  refineBelow = REFINE_BELOW,
): Float32Array {
  softmaxInto(model.net.forward(input), model.temperature, out);
  let views = 1;
  if (model.independents.length > 0 && maxOf(out) < INDEPENDENT_BELOW) {
    for (const n of model.independents) views += addView(model, n, input, out);
  }
  if (maxOf(out) / views < refineBelow) {
    // Unsure: average probabilities over every net × {input, input shifted one pixel each way}.
    const nets: MemberNet[] = [model, ...model.members, ...model.independents];
    for (const m of model.members) views += addView(model, m, input, out);
    for (const [dx, dy] of SHIFTS) {
      shiftInto(input, dx, dy, model.shifted);
      for (const n of nets) views += addView(model, n, model.shifted, out);
    }
  }
  if (views > 1) for (let k = 0; k < out.length; k++) out[k] /= views;
  return out;
}

/** Adds one net's probabilities for x to out; returns 1 (the view it added). */
function addView(model: DigitModel, n: MemberNet, x: Float32Array, out: Float32Array): number {
  const p = model.scratchProbs;
  softmaxInto(n.net.forward(x), n.temperature, p);
  for (let k = 0; k < out.length; k++) out[k] += p[k];
  return 1;
}

function maxOf(values: Float32Array): number {
  let best = values[0];
  for (let k = 1; k < values.length; k++) if (values[k] > best) best = values[k];
  return best;
}

function ranked(probs: Float32Array): Array<{ label: DigitClass; p: number }> {
  return DIGIT_CLASSES.map((label, i) => ({ label, p: probs[i] })).sort((a, b) => b.p - a.p);
}
