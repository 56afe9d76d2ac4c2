import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseWordsFuzzy } from '../../main/recognition/read/words-parse.ts';

test('comb-cell spacing and glued words do not matter', () => {
  assert.deepEqual(parseWordsFuzzy('S E R A T U S  D U A  P U L U H  T I G A'), { value: 123, confidence: 0.9 });
  assert.equal(parseWordsFuzzy('DELAPANBELAS')?.value, 18);
  assert.equal(parseWordsFuzzy('DUA RATUS TIGA PULUH LIMA')?.value, 235);
});

test('a misread letter still parses, with lower confidence', () => {
  const r = parseWordsFuzzy('EMPAT PULUH LIHA');
  assert.equal(r?.value, 45);
  assert.ok(r!.confidence < 0.9 && r!.confidence > 0.3);
});

test('noise is not evidence', () => {
  assert.equal(parseWordsFuzzy(''), null);
  assert.equal(parseWordsFuzzy('XQZW'), null);
  assert.equal(parseWordsFuzzy('PULUH PULUH'), null);
});
