import { readFileSync, writeFileSync } from 'node:fs';
import type { NetSpec } from './cnn.ts';
import { decodeFloat16, encodeFloat16 } from './float16.ts';

/**
 * On-disk form of the digit model: one JSON file with metadata and the parameters as base64 of
 * little-endian float32, or float16 in a shipped model (≈1,1 MB of base64 per net of 427k parameters).
 * JSON keeps it diffable-ish and loadable without any binary tooling; the metadata records how it was
 * made and what it measured.
 */
export interface DigitModelFile {
  format: 'pleno-digit-cnn';
  version: 1;
  classes: string[];
  spec: NetSpec;
  architecture: string;
  paramCount: number;
  /** Softmax temperature fitted on a held-out slice of the MNIST TRAIN set (with synthetic boxes). */
  temperature: number;
  training: {
    seed: number;
    /** Seed of the weights' initialisation and epoch order, when it differs from seed (an independently trained ensemble net). */
    netSeed?: number;
    /** All epochs: mainEpochs of heavy augmentation, fineTuneEpochs at a low rate, then polishEpochs lower still. */
    epochs: number;
    mainEpochs: number;
    fineTuneEpochs: number;
    /** Absent in models made before the polish phase existed (= 0). */
    polishEpochs?: number;
    batchSize: number;
    workers: number;
    trainItemsPerEpoch: number;
    heldOut: number;
    seconds: number;
    date: string;
  };
  metrics: Record<string, number>;
  weights: string;
  /**
   * Further ensemble members: earlier snapshots of the same training run (same spec), each with
   * its own fitted temperature. The classifier consults them only for boxes the main net is
   * unsure about. Absent in single-net models.
   */
  members?: EnsembleMember[];
}

/** The seed of a model's weights' initialisation and epoch order (its data seed unless trained with another). */
export function netSeedOf(model: DigitModelFile): number {
  return model.training.netSeed ?? model.training.seed;
}

export interface EnsembleMember {
  /**
   * 'snapshot' (the default): an earlier state of the main net's own run. 'independent': the final net of
   * a run with another netSeed, consulted on more boxes than the snapshots (see classifyNormalized).
   */
  kind?: 'snapshot' | 'independent';
  /** Set for an independent member: the seed of its weights' initialisation and epoch order. */
  netSeed?: number;
  /** Epochs of the run done when this snapshot was taken. */
  epochs: number;
  temperature: number;
  weights: string;
}

/**
 * How weights are stored: float32, or float16 for a shipped model (half the file; the main net in float16 read
 * the 14.262 boxes of tuning set tune-1 exactly as in float32). decodeWeights tells them apart by length.
 */
export type WeightEncoding = 'float32' | 'float16';

export function encodeWeights(params: Float32Array, encoding: WeightEncoding = 'float32'): string {
  if (encoding === 'float16') return encodeFloat16(params).toString('base64');
  const copy = new Float32Array(params); // detach from any SharedArrayBuffer
  return Buffer.from(copy.buffer, copy.byteOffset, copy.byteLength).toString('base64');
}

export function decodeWeights(b64: string, expected: number): Float32Array {
  const buf = Buffer.from(b64, 'base64');
  if (buf.byteLength === expected * 2) return decodeFloat16(buf, expected);
  if (buf.byteLength !== expected * 4) throw new Error(`digit model: expected ${expected} weights, file has ${buf.byteLength} bytes`);
  const out = new Float32Array(expected);
  new Uint8Array(out.buffer).set(buf);
  return out;
}

export function writeModelFile(path: string, model: DigitModelFile): void {
  const { weights, members, ...meta } = model;
  // Metadata pretty-printed first so `head` on the file tells what it is; weights last, one line each.
  const head = JSON.stringify(meta, null, 2).slice(0, -2);
  const tail = members?.length
    ? `,\n  "members": [\n${members.map((m) => `    ${JSON.stringify({ ...m, weights: undefined }).slice(0, -1)}, "weights": ${JSON.stringify(m.weights)} }`).join(',\n')}\n  ]`
    : '';
  writeFileSync(path, `${head},\n  "weights": ${JSON.stringify(weights)}${tail}\n}\n`);
}

export function readModelFile(path: string): DigitModelFile {
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as DigitModelFile;
  if (parsed.format !== 'pleno-digit-cnn' || parsed.version !== 1) throw new Error(`${path}: not a pleno digit model (v1)`);
  return parsed;
}
