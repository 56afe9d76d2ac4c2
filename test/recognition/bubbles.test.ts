import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createGrayImage, type GrayImage } from '../../main/recognition/gray-image.ts';
import { readBubbleColumns, sheetScale } from '../../main/recognition/read/bubbles.ts';
import type { BubbleColumn } from '../../main/recognition/templates/schema.ts';

function disc(img: GrayImage, cx: number, cy: number, r: number, value: number, ring = false): void {
  for (let y = Math.floor(cy - r); y <= cy + r; y++) {
    for (let x = Math.floor(cx - r); x <= cx + r; x++) {
      const d = Math.hypot(x - cx, y - cy);
      if (d > r || (ring && d < r - 2)) continue;
      img.data[y * img.width + x] = Math.min(img.data[y * img.width + x], value);
    }
  }
}

/** A page with three columns of printed bubbles (outline only), lit unevenly: paper 200–250. */
function page(filled: (number | null)[], fillInk = 60): { img: GrayImage; columns: BubbleColumn[] } {
  const img = createGrayImage(300, 400);
  for (let y = 0; y < img.height; y++) for (let x = 0; x < img.width; x++) img.data[y * img.width + x] = 200 + (x / 6);
  const columns: BubbleColumn[] = [0, 1, 2].map((c) => ({
    radius: 12,
    centers: Array.from({ length: 10 }, (_, d) => ({ x: 50 + c * 80, y: 30 + d * 34 })),
  }));
  columns.forEach((col, c) => {
    for (const center of col.centers) disc(img, center.x, center.y, 12, 90, true);
    const d = filled[c];
    if (d !== null) disc(img, col.centers[d].x, col.centers[d].y, 10, fillInk);
  });
  return { img, columns };
}

test('filled bubbles are read per column, empty columns read as none', () => {
  const { img, columns } = page([null, 5, 3]);
  const [field] = readBubbleColumns(img, [columns]);
  const argmax = (p: number[]) => p.indexOf(Math.max(...p));
  assert.deepEqual(field.map(argmax), [10, 5, 3]);
  // A clean fill is near proof; an all-empty column leaves room for a mark too faint to stand out.
  assert.ok(field[1][5] > 0.999 && field[2][3] > 0.999, `${field[1][5]} ${field[2][3]}`);
  assert.ok(field[0][10] > 0.85, `none: ${field[0][10]}`);
});

test('a lightly filled bubble on a dark sheet still stands out against the sheet', () => {
  const { img, columns } = page([1, 0, 9], 130);
  const [field] = readBubbleColumns(img, [columns]);
  const argmax = (p: number[]) => p.indexOf(Math.max(...p));
  assert.deepEqual(field.map(argmax), [1, 0, 9]);
});

test('a sheet with no filled bubble at all does not invent one', () => {
  const { img, columns } = page([null, null, null]);
  const [field] = readBubbleColumns(img, [columns]);
  for (const col of field) assert.ok(col[10] > 0.9, `none: ${col[10]}`);
});

test('the sheet threshold sits in the biggest gap', () => {
  const s = sheetScale([0.1, 0.12, 0.11, 0.13, 0.7, 0.72]);
  assert.ok(s.threshold > 0.13 && s.threshold < 0.7);
});

test('a partly filled bubble is modest evidence for its digit, not confident evidence for "none"', () => {
  const { img, columns } = page([null, 5, 3]);
  // a small pen dot inside bubble 4 of the first column: a KPPS who started to fill it
  disc(img, columns[0].centers[4].x, columns[0].centers[4].y, 3, 60);
  const [field] = readBubbleColumns(img, [columns]);
  assert.ok(field[0][4] > field[0][10], `4: ${field[0][4]}, none: ${field[0][10]}`);
  assert.ok(field[0][4] > 0.6 && field[0][4] < 0.99, `4: ${field[0][4]}`);
  assert.ok(field[1][5] > 0.999, 'the clean fills stay near proof');
});
