import { test } from 'node:test';
import assert from 'node:assert/strict';
import { numberToWords, wordsToNumber } from '../../shared/number-words.ts';

test('every value 0–999 round-trips through its words', () => {
  for (let n = 0; n <= 999; n++) assert.equal(wordsToNumber(numberToWords(n)), n, numberToWords(n));
});

test('words are written the way a KPPS writes them', () => {
  assert.equal(numberToWords(0), 'NOL');
  assert.equal(numberToWords(11), 'SEBELAS');
  assert.equal(numberToWords(17), 'TUJUH BELAS');
  assert.equal(numberToWords(58), 'LIMA PULUH DELAPAN');
  assert.equal(numberToWords(100), 'SERATUS');
  assert.equal(numberToWords(215), 'DUA RATUS LIMA BELAS');
  assert.equal(numberToWords(948), 'SEMBILAN RATUS EMPAT PULUH DELAPAN');
});

test('tolerant of case and punctuation, strict about grammar', () => {
  assert.equal(wordsToNumber(' seratus, dua puluh tiga. '), 123);
  assert.equal(wordsToNumber('KOSONG'), 0);
  for (const bad of ['', 'DUA DUA', 'PULUH', 'SATU RATUS', 'LIMA BELAS PULUH', 'TIGA PULUH RATUS', 'SERATUS SERATUS',
    'SEPULUH SATU', 'NOL NOL', 'LIMA PULUH SEBELAS', 'DUA PULUH TIGA EMPAT', 'TIGA BELAS DUA', 'SERATUS XYZ']) {
    assert.equal(wordsToNumber(bad), null, bad);
  }
});

test('out-of-range numbers are refused', () => {
  assert.throws(() => numberToWords(1000));
  assert.throws(() => numberToWords(-1));
  assert.throws(() => numberToWords(1.5));
});
