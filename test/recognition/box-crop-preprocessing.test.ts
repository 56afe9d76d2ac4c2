/**
 * Box-crop preprocessing cases found on synthetic photographed pages (scripts/measure-box-accuracy.ts):
 * a shadow across the crop, a neighbour's ink reaching over the border, a faint stroke that comes apart.
 * Crops are drawn here pixel by pixel the way cropDigitBox cuts them (12 % margin around the box).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeBoxCrop } from '../../main/recognition/digits/index.ts';
import { expectedBoxInCrop } from '../../main/recognition/read/readers.ts';
import type { GrayImage } from '../../main/recognition/gray-image.ts';

const SIZE = 80; // a 64 px box + 2 × 8 px margin (as cropDigitBox cuts it)
const B0 = 8, B1 = 72, LINE = 3;

/** Paper `paper`, darkened towards the left by `shade` (0..1), with the printed box border of darkness `border`. */
function boxCrop(paper: number, shade: number, border: number): { crop: GrayImage; dark: Float32Array } {
  const dark = new Float32Array(SIZE * SIZE);
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      const onLine = (y >= B0 && y < B1 && ((x >= B0 && x < B0 + LINE) || (x >= B1 - LINE && x < B1)))
        || (x >= B0 && x < B1 && ((y >= B0 && y < B0 + LINE) || (y >= B1 - LINE && y < B1)));
      if (onLine) dark[y * SIZE + x] = border;
    }
  }
  const crop: GrayImage = { width: SIZE, height: SIZE, data: new Uint8Array(SIZE * SIZE) };
  const render = () => {
    for (let y = 0; y < SIZE; y++) {
      for (let x = 0; x < SIZE; x++) {
        const light = paper * (1 - shade * Math.max(0, 1 - x / (0.6 * SIZE)));
        crop.data[y * SIZE + x] = Math.round(light * (1 - dark[y * SIZE + x]));
      }
    }
  };
  render();
  return { crop, dark };
}

function rerender(crop: GrayImage, dark: Float32Array, paper: number, shade: number): void {
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      const light = paper * (1 - shade * Math.max(0, 1 - x / (0.6 * SIZE)));
      crop.data[y * SIZE + x] = Math.round(light * (1 - dark[y * SIZE + x]));
    }
  }
}

test('the template box is found in a crop cut with the 12 % margin', () => {
  const { crop } = boxCrop(210, 0, 0.3);
  assert.deepEqual(expectedBoxInCrop(crop), { x0: B0, y0: B0, x1: B1, y1: B1 });
});

test('an empty box with a shadow over one side and a light border stays empty (no border bar left)', () => {
  const { crop } = boxCrop(200, 0.2, 0.28);
  for (const minContrast of [0.15, 0.1]) {
    const r = normalizeBoxCrop(crop, { minContrast, expectedBox: expectedBoxInCrop(crop)! });
    assert.equal(r.empty, true, `minContrast ${minContrast}: ${JSON.stringify(r.inkBox)}`);
  }
});

test("a neighbour's stroke reaching over the border is not this box's ink", () => {
  const { crop, dark } = boxCrop(220, 0, 0.8);
  // A thick stroke from beyond the right border into the box's corner: mostly outside.
  for (let y = 52; y < 62; y++) for (let x = 64; x < SIZE; x++) dark[y * SIZE + x] = Math.max(dark[y * SIZE + x], 0.85);
  rerender(crop, dark, 220, 0);
  for (const minContrast of [0.15, 0.1]) {
    const r = normalizeBoxCrop(crop, { minContrast, expectedBox: expectedBoxInCrop(crop)! });
    assert.equal(r.empty, true, `minContrast ${minContrast}: ${JSON.stringify(r.inkBox)}`);
  }
});

test('a faint stroke with a paler stretch stays whole (its short end is not dropped as a speck)', () => {
  const { crop, dark } = boxCrop(220, 0, 0.8);
  // A "1" at darkness 0.5, paler (0.17, under the 0.45 × darkest threshold) over y 50–55, and its last
  // few pixels thinner: cut at the pale stretch, that end alone is small enough to pass for a speck.
  for (let y = 18; y < 62; y++) {
    const d = y >= 50 && y < 56 ? 0.17 : 0.5;
    for (let x = 39; x < (y >= 56 ? 41 : 42); x++) dark[y * SIZE + x] = d;
  }
  rerender(crop, dark, 220, 0);
  const r = normalizeBoxCrop(crop, { minContrast: 0.15, expectedBox: expectedBoxInCrop(crop)! });
  assert.equal(r.empty, false);
  assert.ok(r.inkBox && r.inkBox.y0 <= 19 && r.inkBox.y1 >= 61, JSON.stringify(r.inkBox));
});

test("a digit's bar running along the top border is kept (the border band is trimmed to the printed line)", () => {
  const { crop, dark } = boxCrop(220, 0, 0.8);
  // The flat top of a "3" right under the box's top line and touching it, then the stroke down its right side:
  // dark along most of the span, the bar and the line grew into one band, and erasing it cut the bar off.
  const barTop = B0 + LINE;
  for (let y = barTop; y < barTop + 3; y++) for (let x = 20; x < 60; x++) dark[y * SIZE + x] = 0.8;
  for (let y = barTop; y < 62; y++) for (let x = 57; x < 60; x++) dark[y * SIZE + x] = 0.8;
  rerender(crop, dark, 220, 0);
  for (const minContrast of [0.15, 0.1]) {
    const r = normalizeBoxCrop(crop, { minContrast, expectedBox: expectedBoxInCrop(crop)! });
    assert.equal(r.empty, false);
    // The band keeps the thinnest border's width (line + fringe): at most the bar's first rows go with it.
    assert.ok(r.interior.y0 <= barTop + 2, `interior starts under the printed line: ${JSON.stringify(r.interior)}`);
    assert.ok(r.inkBox && r.inkBox.y0 <= barTop + 2 && r.inkBox.x0 <= 21, `the bar is ink: ${JSON.stringify(r.inkBox)}`);
  }
});

test('a paper-level shade nearer the expected edge does not pass for the black border line beside it', () => {
  // The page registered 3 px off, so the printed top line lies 3 px below the expected edge, and just above
  // the expected edge runs a faint uniform shade (darkness 0,07, a shadow's edge). Being nearer the expected
  // edge, the shade was taken for the line; the real line then stayed in the box as ink and the empty box read
  // as a 1 or a 7 (tune-2 page 0073). The other three sides are black: the side takes its black candidate.
  const { crop, dark } = boxCrop(200, 0, 0.8);
  for (let y = B0; y < B0 + LINE; y++) for (let x = B0 + LINE; x < B1 - LINE; x++) dark[y * SIZE + x] = 0;
  for (let y = B0 + 3; y < B0 + 3 + LINE; y++) for (let x = B0; x < B1; x++) dark[y * SIZE + x] = 0.8;
  for (let y = B0 - 3; y < B0; y++) for (let x = 0; x < SIZE; x++) dark[y * SIZE + x] = 0.07;
  rerender(crop, dark, 200, 0);
  for (const minContrast of [0.15, 0.1]) {
    const r = normalizeBoxCrop(crop, { minContrast, expectedBox: expectedBoxInCrop(crop)! });
    assert.equal(r.empty, true, `minContrast ${minContrast}: interior ${JSON.stringify(r.interior)}, ink ${JSON.stringify(r.inkBox)}`);
    assert.ok(r.interior.y0 >= B0 + 3 + LINE, `the interior starts under the real line: ${JSON.stringify(r.interior)}`);
  }
});
