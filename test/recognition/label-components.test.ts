/**
 * labelComponents8 (the corner scan's connected components in JS) against opencv.js's
 * connectedComponentsWithStats, 8-connectivity: the same labels in the same order and the same stats and centroids, on
 * binary images that exercise every join (random noise of several densities, odd sizes, diagonal chains,
 * U shapes joined late) and on an adaptively thresholded gradient with glyph-like blobs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadOpenCv } from '../../main/recognition/opencv/load.ts';
import { labelAt, labelComponents8, STAT_STRIDE } from '../../main/recognition/register/label-components.ts';
import type { OpenCv } from '../../main/recognition/opencv/types.ts';

function lcg(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

function compare(cv: OpenCv, bin: Uint8Array, width: number, height: number, what: string) {
  const mat = new cv.Mat(height, width, cv.CV_8UC1);
  const labels = new cv.Mat();
  const stats = new cv.Mat();
  const centroids = new cv.Mat();
  try {
    mat.data.set(bin);
    const n = cv.connectedComponentsWithStats(mat, labels, stats, centroids, 8, cv.CV_32S);
    const ours = labelComponents8(bin, width, height);
    assert.equal(ours.count, n, `${what}: component count`);
    const L = labels.data32S;
    for (let p = 0; p < width * height; p++) {
      if (labelAt(ours, p) !== L[p]) assert.fail(`${what}: label of pixel ${p % width},${Math.floor(p / width)}: ${labelAt(ours, p)} vs opencv ${L[p]}`);
    }
    // Without background opencv.js leaves row 0's box at its overflowed initial values; only its area counts then.
    const from = ours.stats[4] === 0 ? STAT_STRIDE : 0;
    assert.equal(ours.stats[4], stats.data32S[4], `${what}: background area`);
    assert.deepEqual([...ours.stats.subarray(from)], [...stats.data32S.subarray(from, n * STAT_STRIDE)], `${what}: stats`);
    const fromC = ours.stats[4] === 0 ? 2 : 0;
    assert.deepEqual([...ours.centroids.subarray(fromC)], [...centroids.data64F.subarray(fromC, 2 * n)], `${what}: centroids`);
  } finally {
    for (const m of [mat, labels, stats, centroids]) m.delete();
  }
}

test('random binary images: same labels, order and stats as opencv.js', async () => {
  const cv = await loadOpenCv();
  const rand = lcg(7);
  for (const [w, h] of [[1, 1], [2, 3], [17, 9], [64, 64], [133, 71], [301, 257]]) {
    for (const density of [0.05, 0.3, 0.45, 0.6, 0.95]) {
      const bin = new Uint8Array(w * h);
      for (let i = 0; i < bin.length; i++) bin[i] = rand() < density ? 255 : 0;
      compare(cv, bin, w, h, `${w}×${h} at ${density}`);
    }
  }
});

test('shapes joined late (U, diagonal chains, staircases), all-foreground and all-background images', async () => {
  const cv = await loadOpenCv();
  const w = 90;
  const h = 60;
  const bin = new Uint8Array(w * h);
  const set = (x: number, y: number) => (bin[y * w + x] = 1);
  for (let y = 5; y < 30; y++) (set(5, y), set(20, y)); // U: two arms met at the bottom
  for (let x = 5; x <= 20; x++) set(x, 30);
  for (let k = 0; k < 25; k++) (set(30 + k, 5 + k), set(60 - k, 5 + k)); // an X of diagonals
  for (let k = 0; k < 20; k++) (set(65 + k, 40 - k), set(66 + k, 40 - k)); // a rising staircase
  for (let y = 45; y < 58; y += 2) for (let x = 2; x < 88; x += 2) set(x + (y % 4 === 1 ? 1 : 0), y); // a checkerboard of diagonal touches
  compare(cv, bin, w, h, 'shapes');
  compare(cv, new Uint8Array(w * h).fill(255), w, h, 'all foreground');
  compare(cv, new Uint8Array(w * h), w, h, 'all background');
});

test('an adaptively thresholded page-like image, as the corner scan sees it', async () => {
  const cv = await loadOpenCv();
  const rand = lcg(11);
  const w = 401;
  const h = 300;
  const gray = new cv.Mat(h, w, cv.CV_8UC1);
  const bin = new cv.Mat();
  try {
    const g = gray.data;
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) g[y * w + x] = 200 - (x >> 3) + Math.floor(rand() * 12);
    for (let k = 0; k < 300; k++) {
      const x0 = Math.floor(rand() * (w - 12));
      const y0 = Math.floor(rand() * (h - 12));
      const s = 2 + Math.floor(rand() * 10);
      for (let y = y0; y < y0 + s; y++) for (let x = x0; x < x0 + s; x++) g[y * w + x] = 30;
    }
    cv.adaptiveThreshold(gray, bin, 255, cv.ADAPTIVE_THRESH_MEAN_C, cv.THRESH_BINARY_INV, 31, 10);
    compare(cv, new Uint8Array(bin.data), w, h, 'page-like');
  } finally {
    gray.delete();
    bin.delete();
  }
});
