/**
 * Reusable printed parts of Pleno's C.Hasil-KWK, in millimetres: corner markers, the AprilTag page tag,
 * and the "number cell" (3 digit boxes with a dotted 8 guide + 3 rows of bubbles 0–9 + optional words line).
 * Every part returns both what to draw (Prim[]) and what a reader needs (geometry), from the same numbers.
 */
import { APRILTAG_36H10 } from './apriltag-36h10.ts';
import type { BubbleColumnMm, CornerMarkMm, PointMm, Prim, RectMm, TagMm } from './layout-primitives.ts';

export const INK = '#000000';
export const GUIDE_GREY = '#9c9c9c';
export const LABEL_GREY = '#6b6b6b';
export const BAND_FILL = '#ececec';

/** Corner marker: two filled squares touching diagonally ("\" like the official plano), SQUARE mm each. */
export const CORNER_SQUARE = 4.5;
/** Distance from the paper edge to the marker's outer edge (inside every printer's unprintable margin). */
export const CORNER_INSET = 7;

export function cornerMarker(position: CornerMarkMm['position'], pageW: number, pageH: number): { mark: CornerMarkMm; prims: Prim[] } {
  const s = CORNER_SQUARE;
  const x0 = position === 'tl' || position === 'bl' ? CORNER_INSET : pageW - CORNER_INSET - 2 * s;
  const y0 = position === 'tl' || position === 'tr' ? CORNER_INSET : pageH - CORNER_INSET - 2 * s;
  const a: RectMm = { x: x0, y: y0, w: s, h: s };
  const b: RectMm = { x: x0 + s, y: y0 + s, w: s, h: s };
  return {
    mark: { position, squares: [a, b], anchor: { x: x0 + s, y: y0 + s } },
    prims: [
      { kind: 'rect', r: a, fill: INK },
      { kind: 'rect', r: b, fill: INK },
    ],
  };
}

/** AprilTag 36h10: 8 × 8 cells (6 × 6 data + black border). Drawn as one black square with white runs cut out,
 *  so no hairline seams can appear inside the black parts when a viewer anti-aliases adjacent rectangles. */
export function aprilTag(tagId: number, x: number, y: number, cell: number): { tag: TagMm; prims: Prim[] } {
  const code = APRILTAG_36H10[tagId];
  if (!code) throw new Error(`no AprilTag 36h10 code for id ${tagId} in apriltag-36h10.ts`);
  const side = 8 * cell;
  const prims: Prim[] = [{ kind: 'rect', r: { x, y, w: side, h: side }, fill: INK }];
  for (let row = 0; row < 6; row++) {
    let col = 0;
    while (col < 6) {
      if (code[row * 6 + col] !== '1') {
        col++;
        continue;
      }
      const start = col;
      while (col < 6 && code[row * 6 + col] === '1') col++;
      prims.push({
        kind: 'rect',
        r: { x: x + (1 + start) * cell, y: y + (1 + row) * cell, w: (col - start) * cell, h: cell },
        fill: '#ffffff',
      });
    }
  }
  return { tag: { tagId, rect: { x, y, w: side, h: side }, cell }, prims };
}

/** Geometry of the number cell: boxes at the left, then three rows of ten bubbles (hundreds, tens, units). */
export const BOX_W = 7.5;
export const BOX_H = 11;
export const BOX_GAP = 1.2;
export const BOX_LINE = 0.35;
export const BUBBLE_R = 1.15;
export const BUBBLE_PITCH = 2.8;
/** Offsets from the cell's top-left. */
const BOX_X0 = 1.5;
const BOX_Y0 = 1.5;
const BUBBLE_X0 = 32;
/** Width and height of the number cell (boxes + bubbles; the last bubble ends 1.6 mm before the cell's edge). */
export const NUMBER_CELL_W = 60;
export const NUMBER_CELL_H = 14;

export interface NumberCell {
  digits: RectMm[];
  bubbles: BubbleColumnMm[];
  prims: Prim[];
}

/** The faint dotted "8" inside a box: two stacked dotted rectangles, so any digit's strokes land on it. */
function dotted8(box: RectMm): Prim[] {
  const ix = 1.9;
  const iy = 1.5;
  const x1 = box.x + ix;
  const x2 = box.x + box.w - ix;
  const y1 = box.y + iy;
  const y3 = box.y + box.h - iy;
  const y2 = (y1 + y3) / 2;
  const line = (a: PointMm, b: PointMm): Prim => ({
    kind: 'line', x1: a.x, y1: a.y, x2: b.x, y2: b.y, color: GUIDE_GREY, lineMm: 0.22, dash: { on: 0.3, off: 0.55 },
  });
  return [
    line({ x: x1, y: y1 }, { x: x2, y: y1 }),
    line({ x: x1, y: y2 }, { x: x2, y: y2 }),
    line({ x: x1, y: y3 }, { x: x2, y: y3 }),
    line({ x: x1, y: y1 }, { x: x1, y: y3 }),
    line({ x: x2, y: y1 }, { x: x2, y: y3 }),
  ];
}

export function numberCell(x: number, y: number): NumberCell {
  const prims: Prim[] = [];
  const digits: RectMm[] = [];
  for (let i = 0; i < 3; i++) {
    const box: RectMm = { x: x + BOX_X0 + i * (BOX_W + BOX_GAP), y: y + BOX_Y0, w: BOX_W, h: BOX_H };
    digits.push(box);
    prims.push(...dotted8(box));
    // The stroke is centred on the path: inset by half the line so `box` is the outer ink edge.
    const h = BOX_LINE / 2;
    prims.push({ kind: 'rect', r: { x: box.x + h, y: box.y + h, w: box.w - BOX_LINE, h: box.h - BOX_LINE }, stroke: INK, lineMm: BOX_LINE });
  }
  const bubbles: BubbleColumnMm[] = [];
  const placeLabels = ['100', '10', '1'];
  for (let place = 0; place < 3; place++) {
    const cy = y + BOX_Y0 + (BOX_H * (2 * place + 1)) / 6;
    const centers: PointMm[] = [];
    for (let d = 0; d < 10; d++) {
      const c = { x: x + BUBBLE_X0 + d * BUBBLE_PITCH, y: cy };
      centers.push(c);
      prims.push({ kind: 'circle', c, r: BUBBLE_R, stroke: LABEL_GREY, lineMm: 0.18 });
      prims.push({ kind: 'text', x: c.x - 1, y: c.y - 0.72, w: 2, text: String(d), sizePt: 4, align: 'center', color: LABEL_GREY });
    }
    bubbles.push({ radius: BUBBLE_R, centers });
    prims.push({ kind: 'text', x: x + BUBBLE_X0 - 5.6, y: cy - 0.65, w: 3.9, text: placeLabels[place], sizePt: 3.6, align: 'right', color: LABEL_GREY });
  }
  return { digits, bubbles, prims };
}

/** The words line: a dotted baseline under the writing area, with a small caption on its left. */
export function wordsLine(x: number, y: number, w: number, h: number, captionW: number): { words: RectMm; prims: Prim[] } {
  const words: RectMm = { x: x + captionW, y, w: w - captionW, h };
  return {
    words,
    prims: [
      { kind: 'text', x, y: y + h - 3, w: captionW, text: 'Terbilang:', sizePt: 6, italics: true, color: LABEL_GREY },
      { kind: 'line', x1: words.x, y1: y + h - 0.6, x2: words.x + words.w, y2: y + h - 0.6, color: GUIDE_GREY, lineMm: 0.25, dash: { on: 0.5, off: 0.5 } },
    ],
  };
}
