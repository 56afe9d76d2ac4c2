/**
 * The parts of a rectified page that anything downstream looks at: every field's digit boxes (with the
 * margin the box reader crops and the border check samples), its bubbles (with the square the local paper
 * level is taken from), and its words line (the QR is read from the photo itself, see read-qr.ts). Rectifying only these (see rectify.ts) costs a
 * fraction of warping the whole ~5.7 MP canonical raster; the rest of the page stays white.
 */
import type { FormTemplate } from '../templates/schema.ts';

export interface CanonRect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * Extra margin around a digit box: the reader crops +12 % of the box (read-page.ts cropDigitBox), the border
 * check (verify-boxes.ts) samples up to 3 borders + 6 px outside it, and scripts/measure-box-accuracy.ts
 * caches crops grown by 25 % to try other cuts; +2 px for rounding. (Was 35 % + 12 px: on KWK halaman 1
 * the 66 boxes' margins alone covered two fifths of the page.)
 */
const BOX_PAD_SHARE = 0.25;
const BOX_PAD_PX = 2;
const borderReach = (borderPx: number) => 3 * borderPx + 6 + 2;
/** Around the words line, px. */
const PAD_PX = 12;
/** How far around a bubble's centre the bubble reader looks, in radii, and a margin for rounding, px. */
const BUBBLE_READ_SHARE = 1.6;
const BUBBLE_PAD_PX = 2;

export function readRegions(template: FormTemplate): CanonRect[] {
  const out: CanonRect[] = [];
  const grow = (r: CanonRect, pad: number) => out.push({ x: r.x - pad, y: r.y - pad, w: r.w + 2 * pad, h: r.h + 2 * pad });
  const border = borderReach(template.digitStyle?.borderPx ?? 4);
  for (const field of template.fields) {
    for (const box of field.digits) grow(box, Math.max(BOX_PAD_SHARE * Math.max(box.w, box.h), border) + BOX_PAD_PX);
    for (const column of field.bubbles ?? []) {
      // The paper level is read in a square of ±⌈1.6 r⌉ around each bubble (read/bubbles.ts
      // localPaperLevel), the fill inside 0.7 r: nothing beyond needs pixels (KWK halaman 1's 660 bubbles
      // with the earlier 2 r + 12 px were half the page).
      const pad = Math.ceil(column.radius * BUBBLE_READ_SHARE) + BUBBLE_PAD_PX;
      for (const c of column.centers) out.push({ x: c.x - pad, y: c.y - pad, w: 2 * pad, h: 2 * pad });
    }
    if (field.words) grow(field.words, PAD_PX);
  }
  return out;
}

/**
 * The regions as spans per row of the canonical raster: row y needs pixels in [x[k], x[k+1]) for k from
 * start[y] to start[y + 1] by twos, spans sorted and merged. Whole pixels: a region covers every pixel it
 * touches.
 */
export interface RowSpans {
  height: number;
  start: Int32Array;
  x: Int32Array;
}

export function rowSpans(regions: readonly CanonRect[], size: { width: number; height: number }): RowSpans {
  const perRow: number[][] = Array.from({ length: size.height }, () => []);
  for (const r of regions) {
    const x0 = Math.max(0, Math.floor(r.x));
    const x1 = Math.min(size.width, Math.ceil(r.x + r.w));
    const y0 = Math.max(0, Math.floor(r.y));
    const y1 = Math.min(size.height, Math.ceil(r.y + r.h));
    if (x1 <= x0) continue;
    for (let y = y0; y < y1; y++) perRow[y].push(x0, x1);
  }
  const start = new Int32Array(size.height + 1);
  const xs: number[] = [];
  for (let y = 0; y < size.height; y++) {
    start[y] = xs.length;
    const row = perRow[y];
    const order = Array.from({ length: row.length / 2 }, (_, k) => k).sort((a, b) => row[2 * a] - row[2 * b]);
    for (const k of order) {
      const a = row[2 * k];
      const b = row[2 * k + 1];
      if (xs.length > start[y] && a <= xs[xs.length - 1]) xs[xs.length - 1] = Math.max(xs[xs.length - 1], b);
      else xs.push(a, b);
    }
  }
  start[size.height] = xs.length;
  return { height: size.height, start, x: Int32Array.from(xs) };
}

const spansByTemplate = new WeakMap<FormTemplate, RowSpans>();

/** rowSpans of the template's read regions, computed once per template. */
export function readSpans(template: FormTemplate): RowSpans {
  let spans = spansByTemplate.get(template);
  if (!spans) {
    spans = rowSpans(readRegions(template), template.canonical);
    spansByTemplate.set(template, spans);
  }
  return spans;
}
