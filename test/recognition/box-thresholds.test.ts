import { test } from 'node:test';
import assert from 'node:assert/strict';
import { combineThresholds } from '../../main/recognition/read/readers.ts';
import { BOX_BLANK, BOX_CROSS } from '../../main/recognition/joint/index.ts';

/** 12 class probabilities with `p` on `cls` and the rest spread evenly. */
function reading(cls: number, p: number): Float32Array {
  const out = new Float32Array(12).fill((1 - p) / 11);
  out[cls] = p;
  return out;
}
const empty = (probs: Float32Array) => probs[BOX_BLANK] + probs[BOX_CROSS];

test('a guided box empty at the high ink threshold and an 8 at the low one is the guide: mostly empty', () => {
  const probs = combineThresholds([reading(BOX_BLANK, 0.99), reading(8, 0.97)], 'dotted8');
  assert.ok(Math.abs(empty(probs) - 0.95) < 1e-6, `kosong ${empty(probs)}`);
  // a faint real digit keeps a chance the arithmetic can still take, and stays the likeliest digit
  assert.ok(probs[8] > 0.04 && probs[8] < 0.05, `8: ${probs[8]}`);
  for (let k = 0; k < 10; k++) if (k !== 8) assert.ok(probs[k] < probs[8] / 10);
  assert.ok(Math.abs(probs.reduce((a, b) => a + b, 0) - 1) < 1e-6);
});

test('a guided box empty at the high threshold and unsure blank at the low one is empty, not three quarters empty', () => {
  const probs = combineThresholds([reading(BOX_BLANK, 0.9999), reading(BOX_BLANK, 0.55)], 'dotted8');
  assert.ok(empty(probs) > 0.996, `kosong ${empty(probs)}`);
  assert.ok(Math.abs(probs.reduce((a, b) => a + b, 0) - 1) < 1e-6);
  // the mean would have said (0.9999 + 0.55 + 0.045) / 2 ≈ 0.80
  const plain = combineThresholds([reading(BOX_BLANK, 0.9999), reading(BOX_BLANK, 0.55)], 'none');
  assert.ok(empty(plain) < 0.85);
});

test('without a printed guide the same disagreement is a faint digit as often as not: the mean', () => {
  const probs = combineThresholds([reading(BOX_BLANK, 0.99), reading(3, 0.97)], 'none');
  assert.ok(Math.abs(probs[3] - 0.4895) < 0.01, `3: ${probs[3]}`);
  assert.ok(Math.abs(empty(probs) - 0.5) < 0.02);
});

test('on a guided form a digit at the high threshold is averaged as before', () => {
  const a = reading(5, 0.9), b = reading(5, 0.99);
  const probs = combineThresholds([a, b], 'dotted8');
  for (let k = 0; k < 12; k++) assert.ok(Math.abs(probs[k] - (a[k] + b[k]) / 2) < 1e-6);
});

test('a guided box empty at every threshold keeps its certainty', () => {
  const probs = combineThresholds([reading(BOX_BLANK, 0.9999), reading(BOX_BLANK, 0.9999)], 'dotted8');
  assert.ok(Math.abs(empty(probs) - 0.9999) < 1e-5, `kosong ${empty(probs)}`);
});
