import { readFileSync, writeFileSync } from 'node:fs';
import type { NetSpec } from './cnn.ts';

/**
 * On-disk form of the digit model: one JSON file with metadata and the parameters as base64 of
 * little-endian float32 (≈580 KB for ~105k parameters). JSON keeps it diffable-ish and loadable
 * without any binary tooling; the metadata records how it was made and what it measured.
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
    /** All epochs: mainEpochs of heavy augmentation, then fineTuneEpochs at a low rate. */
    epochs: number;
    mainEpochs: number;
    fineTuneEpochs: number;
    batchSize: number;
    workers: number;
    trainItemsPerEpoch: number;
    heldOut: number;
    seconds: number;
    date: string;
  };
  metrics: Record<string, number>;
  weights: string;
}

export function encodeWeights(params: Float32Array): string {
  const copy = new Float32Array(params); // detach from any SharedArrayBuffer
  return Buffer.from(copy.buffer, copy.byteOffset, copy.byteLength).toString('base64');
}

export function decodeWeights(b64: string, expected: number): Float32Array {
  const buf = Buffer.from(b64, 'base64');
  if (buf.byteLength !== expected * 4) throw new Error(`digit model: expected ${expected} weights, file has ${buf.byteLength / 4}`);
  const out = new Float32Array(expected);
  new Uint8Array(out.buffer).set(buf);
  return out;
}

export function writeModelFile(path: string, model: DigitModelFile): void {
  const { weights, ...meta } = model;
  // Metadata pretty-printed first so `head` on the file tells what it is.
  const head = JSON.stringify(meta, null, 2).slice(0, -2);
  writeFileSync(path, `${head},\n  "weights": ${JSON.stringify(weights)}\n}\n`);
}

export function readModelFile(path: string): DigitModelFile {
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as DigitModelFile;
  if (parsed.format !== 'pleno-digit-cnn' || parsed.version !== 1) throw new Error(`${path}: not a pleno digit model (v1)`);
  return parsed;
}
