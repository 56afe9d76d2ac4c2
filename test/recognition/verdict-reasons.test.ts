/**
 * The page's `reason` tells the reviewer why each flagged field is flagged, in Bahasa Indonesia.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BOX_CROSS } from '../../main/recognition/joint/index.ts';
import { judgePage } from '../../main/recognition/read/read-page.ts';
import { getTemplate } from '../../main/recognition/templates/loader.ts';
import { clearField } from './evidence-support.ts';

test('a count above the voter cap per TPS is read, flagged, and the reason says it is above the cap', () => {
  // Official hal 2: three vote counts, capped at 300 voters per TPS, no arithmetic on the page.
  const template = getTemplate('kpu-ppwp-2024-hal2')!;
  assert.equal(template.tpsCap, 300);
  const page = judgePage(template, [clearField('IV.1', [3, 1, 2]), clearField('IV.2', [BOX_CROSS, 2, 8]), clearField('IV.3', [BOX_CROSS, 4, 2])]);
  assert.equal(page.verdict, 'needs_review');
  assert.equal(page.fields['IV.1'].value, 312, 'the value is read as written');
  assert.equal(page.fields['IV.1'].needsReview, true);
  assert.equal(page.fields['IV.1'].reviewReason, 'melebihi batas 300 pemilih per TPS');
  assert.equal(page.fields['IV.2'].needsReview, false);
  assert.equal(page.reason, 'melebihi batas 300 pemilih per TPS: IV.1');
});
