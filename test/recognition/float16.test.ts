import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeFloat16, encodeFloat16, fromFloat16Bits, toFloat16Bits } from '../../main/recognition/digits/float16.ts';

test('float16: exact values and the edges of the range have their IEEE bit patterns', () => {
  const cases: Array<[number, number]> = [
    [0, 0x0000], [-0, 0x8000], [1, 0x3c00], [-2, 0xc000], [0.5, 0x3800], [65504, 0x7bff],
    [2 ** -14, 0x0400], // smallest normal
    [2 ** -24, 0x0001], // smallest subnormal
    [65520, 0x7c00], // rounds up to infinity
    [Infinity, 0x7c00], [-Infinity, 0xfc00],
  ];
  for (const [x, bits] of cases) assert.equal(toFloat16Bits(x), bits, `${x}`);
  assert.ok(Number.isNaN(fromFloat16Bits(toFloat16Bits(NaN))));
});

test('float16: rounds to nearest, ties to even', () => {
  // Between 1 and the next half (1 + 2⁻¹⁰): the midpoint goes to the even pattern (1), just above it goes up.
  assert.equal(toFloat16Bits(1 + 2 ** -11), 0x3c00);
  assert.equal(toFloat16Bits(1 + 2 ** -11 + 2 ** -20), 0x3c01);
  assert.equal(toFloat16Bits(1 + 3 * 2 ** -11), 0x3c02); // tie between 0x3c01 and 0x3c02: even
  assert.equal(toFloat16Bits(0.1), 0x2e66);
  assert.equal(toFloat16Bits(2 ** -25), 0x0000); // tie with zero: even
  assert.equal(toFloat16Bits(3 * 2 ** -25), 0x0002); // tie between subnormals 1 and 2: even
});

test('float16: weights round-trip within 2⁻¹¹ relative error', () => {
  const values = Float32Array.from({ length: 5000 }, (_, i) => Math.sin(i * 12.9898) * 10 ** ((i % 7) - 4));
  const back = decodeFloat16(encodeFloat16(values), values.length);
  for (let i = 0; i < values.length; i++) {
    const err = Math.abs(back[i] - values[i]);
    // Normal halves keep 11 significant bits; below 2⁻¹⁴ the spacing is fixed at 2⁻²⁴.
    assert.ok(err <= Math.max(Math.abs(values[i]) * 2 ** -11, 2 ** -25), `${values[i]} → ${back[i]}`);
  }
});
