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

export interface EnsembleMember {
  /** Epochs of the run done when this snapshot was taken. */
  epochs: number;
  temperature: number;
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
  const { weights, members, ...meta } = model;
  // Metadata pretty-printed first so `head` on the file tells what it is; weights last, one line each.
  const head = JSON.stringify(meta, null, 2).slice(0, -2);
  const tail = members?.length
    ? `,\n  "members": [\n${members.map((m) => `    { "epochs": ${m.epochs}, "temperature": ${m.temperature}, "weights": ${JSON.stringify(m.weights)} }`).join(',\n')}\n  ]`
    : '';
  writeFileSync(path, `${head},\n  "weights": ${JSON.stringify(weights)}${tail}\n}\n`);
}

export function readModelFile(path: string): DigitModelFile {
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as DigitModelFile;
  if (parsed.format !== 'pleno-digit-cnn' || parsed.version !== 1) throw new Error(`${path}: not a pleno digit model (v1)`);
  return parsed;
}
