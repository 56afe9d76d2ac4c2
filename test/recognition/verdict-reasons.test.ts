/**
 * The page's `reason` tells the reviewer why each flagged field is flagged, in Bahasa Indonesia.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BOX_CROSS, type FieldEvidence } from '../../main/recognition/joint/index.ts';
import { judgePage } from '../../main/recognition/read/read-page.ts';
import { getTemplate } from '../../main/recognition/templates/loader.ts';

/** 12 box classes: `cls` at p, the rest spread evenly. */
function box(cls: number, p = 0.99999): number[] {
  return Array.from({ length: 12 }, (_, k) => (k === cls ? p : (1 - p) / 11));
}
/** 11 bubble-column classes (0–9, none): `cls` at p. */
function column(cls: number, p = 0.995): number[] {
  return Array.from({ length: 11 }, (_, k) => (k === cls ? p : (1 - p) / 10));
}
const NONE = 10;
/** Boxes and bubbles both clear (a crossed box is an empty bubble column): as sure as hal 2 pages get. */
const clear = (key: string, digits: number[]): FieldEvidence => ({
  key,
  boxes: digits.map((d) => box(d)),
  bubbles: digits.map((d) => column(d === BOX_CROSS ? NONE : d)),
});

test('a count above the voter cap per TPS is read, flagged, and the reason says it is above the cap', () => {
  // Official hal 2: three vote counts, capped at 300 voters per TPS, no arithmetic on the page.
  const template = getTemplate('kpu-ppwp-2024-hal2')!;
  assert.equal(template.tpsCap, 300);
  const page = judgePage(template, [clear('IV.1', [3, 1, 2]), clear('IV.2', [BOX_CROSS, 2, 8]), clear('IV.3', [BOX_CROSS, 4, 2])]);
  assert.equal(page.verdict, 'needs_review');
  assert.equal(page.fields['IV.1'].value, 312, 'the value is read as written');
  assert.equal(page.fields['IV.1'].needsReview, true);
  assert.equal(page.fields['IV.1'].reviewReason, 'melebihi batas 300 pemilih per TPS');
  assert.equal(page.fields['IV.2'].needsReview, false);
  assert.equal(page.reason, 'melebihi batas 300 pemilih per TPS: IV.1');
});
