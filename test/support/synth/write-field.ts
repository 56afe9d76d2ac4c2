/**
 * Writes one field's value onto the page the way a KPPS member fills a C.Hasil: MNIST test digits
 * in the boxes (units in the last box), unused leading boxes blank or crossed, the matching OMR
 * bubbles blackened (imperfectly), and the amount in capital words on the words line.
 */
import type { BubbleColumn, Field, Rect, WordsLine } from '../../../main/recognition/templates/schema.ts';
import { digitMask, varyDigitStyle } from './handwritten-digit.ts';
import { composite, Mask, wobblyLine, type Point } from './ink.ts';
import { sampleMnistDigit, type MnistDigitPool } from './mnist-test-digits.ts';
import { numberToWords } from './number-words.ts';
import type { RgbImage } from './rgb-image.ts';
import type { Rng } from './rng.ts';
import { GLYPHS, placeGlyph } from './stroke-font.ts';
import type { Writer } from './writer.ts';

/** What was actually put on paper for a field (for debugging a misread). */
export interface FieldMarks {
  /** Per digit box: the digit written, 'X' for a crossed box, '' for a blank one. */
  boxes: string[];
  /** MNIST indices of the digits written (box order, digits only): test split unless the sample asked for another pool. */
  mnist: number[];
  /** Per bubble column: the bubble blackened (null: none); `partial` when only half filled. */
  bubbles?: { digit: number | null; partial: boolean; stray: number | null }[];
  /** The words written on the words line. */
  words?: string;
}

/** `digits`: where the handwriting comes from (default: the MNIST test split). */
export function writeField(page: RgbImage, rng: Rng, w: Writer, field: Field, value: number | null, digits?: MnistDigitPool): FieldMarks {
  const n = field.digits.length;
  const marks: FieldMarks = { boxes: [], mnist: [] };
  if (value === null) {
    // A field left empty: nothing in the boxes, bubbles or words.
    marks.boxes = new Array(n).fill('');
    return marks;
  }
  const text = String(value);
  if (text.length > n) throw new Error(`${value} does not fit ${n} boxes of ${field.id}`);
  const lead = n - text.length;
  const cross = rng.chance(0.9) ? w.crossesLeadingBoxes : !w.crossesLeadingBoxes;
  for (let i = 0; i < n; i++) {
    const box = field.digits[i];
    if (i < lead) {
      if (cross) drawCross(page, rng, w, box);
      marks.boxes.push(cross ? 'X' : '');
      continue;
    }
    const d = Number(text[i - lead]);
    const digit = sampleMnistDigit(rng, d, digits);
    const mask = digitMask(digit, box, varyDigitStyle(rng, w.digit));
    composite(page, mask, w.pen, rng);
    marks.boxes.push(String(d));
    marks.mnist.push(digit.index);
  }
  if (field.bubbles) {
    marks.bubbles = field.bubbles.map((col, i) => {
      const boxDigit = i < lead ? (w.fillsLeadingZeroBubble ? 0 : null) : Number(text[i - lead]);
      return fillBubbleColumn(page, rng, w, col, boxDigit);
    });
  }
  if (field.words) marks.words = writeWords(page, rng, w, field.words, wordsFor(value, w));
  if (field.tally) writeTally(page, rng, w, field.tally, value);
  return marks;
}

/**
 * Tally marks in the form's tally grid (official plano and NETGRIT: 12 columns × 5 rows of cells,
 * one group of five per cell — four strokes and a diagonal). The reader masks this area; it is
 * drawn because real forms have it, ink close to the digit boxes included.
 */
function writeTally(page: RgbImage, rng: Rng, w: Writer, grid: Rect, value: number): void {
  const cols = 12, rows = 5;
  const cw = grid.w / cols, ch = grid.h / rows;
  const width = Math.max(1.2, Math.min(w.pen.width * 0.8, cw * 0.08));
  const strokes: Point[][] = [];
  let left = Math.min(value, cols * rows * 5);
  for (let cell = 0; left > 0; cell++) {
    const x0 = grid.x + (cell % cols) * cw, y0 = grid.y + Math.floor(cell / cols) * ch;
    const n = Math.min(5, left);
    left -= n;
    for (let k = 0; k < Math.min(4, n); k++) {
      const x = x0 + cw * (0.2 + 0.18 * k) + rng.normal(0, cw * 0.02);
      strokes.push(wobblyLine(rng, { x, y: y0 + ch * rng.uniform(0.12, 0.25) }, { x: x + rng.normal(0, cw * 0.03), y: y0 + ch * rng.uniform(0.75, 0.88) }, ch * 0.02, 4));
    }
    if (n === 5) strokes.push(wobblyLine(rng, { x: x0 + cw * 0.08, y: y0 + ch * 0.75 }, { x: x0 + cw * 0.9, y: y0 + ch * 0.25 }, ch * 0.02, 4));
  }
  if (strokes.length === 0) return;
  const mask = Mask.around(strokes.flat(), width + 3);
  for (const s of strokes) mask.polyline(s, width);
  composite(page, mask, w.pen, rng);
}

function wordsFor(value: number, w: Writer): string {
  const words = numberToWords(value);
  return w.joinsBelas ? words.replace(/ BELAS\b/, 'BELAS') : words;
}

/** Two hand-drawn diagonals, sometimes overshooting the box a little. */
function drawCross(page: RgbImage, rng: Rng, w: Writer, box: Rect): void {
  const m = () => rng.uniform(-0.06, 0.18);
  const a: Point = { x: box.x + box.w * m(), y: box.y + box.h * m() };
  const b: Point = { x: box.x + box.w * (1 - m()), y: box.y + box.h * (1 - m()) };
  const c: Point = { x: box.x + box.w * (1 - m()), y: box.y + box.h * m() };
  const d: Point = { x: box.x + box.w * m(), y: box.y + box.h * (1 - m()) };
  const s1 = wobblyLine(rng, a, b, box.h * 0.02), s2 = wobblyLine(rng, c, d, box.h * 0.02);
  const width = w.pen.width * rng.uniform(0.85, 1.15);
  const mask = Mask.around([...s1, ...s2], width + 2);
  mask.polyline(s1, width);
  mask.polyline(s2, width);
  composite(page, mask, w.pen, rng);
}

function fillBubbleColumn(page: RgbImage, rng: Rng, w: Writer, col: BubbleColumn, digit: number | null): { digit: number | null; partial: boolean; stray: number | null } {
  let partial = false;
  if (digit !== null) {
    partial = rng.chance(w.partialFillRate);
    fillBubble(page, rng, w, col.centers[digit], col.radius, partial);
  }
  let stray: number | null = null;
  if (rng.chance(w.strayMarkRate)) {
    const other = (digit ?? 0) + rng.int(1, 9);
    stray = other % 10;
    strayMark(page, rng, w, col.centers[stray], col.radius);
  }
  return { digit, partial, stray };
}

function fillBubble(page: RgbImage, rng: Rng, w: Writer, c: Point, r: number, partial: boolean): void {
  const cx = c.x + rng.normal(0, r * 0.08), cy = c.y + rng.normal(0, r * 0.08);
  const mask = new Mask(Math.floor(cx - 2 * r), Math.floor(cy - 2 * r), Math.ceil(4 * r) + 2, Math.ceil(4 * r) + 2);
  if (w.bubbleFill === 'solid' && !partial) {
    const r0 = r * rng.uniform(0.8, 1.12);
    const a = [rng.normal(0, 0.06), rng.normal(0, 0.05), rng.normal(0, 0.04)];
    const p = [rng.uniform(0, 6.3), rng.uniform(0, 6.3), rng.uniform(0, 6.3)];
    const radiusAt = (t: number) => r0 * (1 + a[0] * Math.sin(t + p[0]) + a[1] * Math.sin(2 * t + p[1]) + a[2] * Math.sin(3 * t + p[2]));
    mask.blob(cx, cy, radiusAt, r0 * 1.3);
  } else {
    // Zig-zag strokes across the bubble; a partial fill covers only part of it.
    const angle = rng.uniform(0, Math.PI);
    const ux = Math.cos(angle), uy = Math.sin(angle), vx = -uy, vy = ux;
    const width = w.pen.width * rng.uniform(0.8, 1.2);
    const reach = r * rng.uniform(0.85, 1.05);
    const span = partial ? rng.uniform(0.3, 0.6) : 1;
    const step = width * rng.uniform(0.7, 1.1);
    const pts: Point[] = [];
    let side = 1;
    for (let t = -reach; t <= -reach + 2 * reach * span; t += step) {
      const half = Math.sqrt(Math.max(0, reach * reach - t * t));
      pts.push({ x: cx + vx * t + ux * side * half, y: cy + vy * t + uy * side * half });
      side = -side;
    }
    mask.polyline(pts, width);
  }
  composite(page, mask, w.pen, rng);
}

/** A stray mark: a dot or a short tick on a bubble that should stay empty. */
function strayMark(page: RgbImage, rng: Rng, w: Writer, c: Point, r: number): void {
  const a: Point = { x: c.x + rng.normal(0, r * 0.4), y: c.y + rng.normal(0, r * 0.4) };
  const len = r * rng.uniform(0.2, 0.9), ang = rng.uniform(0, Math.PI * 2);
  const b: Point = { x: a.x + Math.cos(ang) * len, y: a.y + Math.sin(ang) * len };
  const mask = Mask.around([a, b], w.pen.width + 2);
  mask.segment(a, b, w.pen.width * rng.uniform(0.7, 1.1));
  composite(page, mask, w.pen, rng);
}

/**
 * Hand-printed capitals. On a comb (NETGRIT: `cells` boxes over `lines` rows) one letter per cell,
 * a blank cell between words, rows filled in order; otherwise free writing along the line.
 */
function writeWords(page: RgbImage, rng: Rng, w: Writer, line: WordsLine, words: string): string {
  const lines = Math.max(1, line.lines ?? 1);
  const perLine = line.cells ? Math.floor(line.cells / lines) : 0;
  let text = words;
  if (perLine && text.length > perLine * lines) text = text.replace(/ /g, '');
  const shear = w.digit.slant * 0.7 + rng.normal(0, 0.03);
  const strokes: Point[][] = [];
  const jitter = (s: number) => rng.normal(0, s * 0.025);
  let h: number;
  const rows = perLine ? wrapToRows(text, perLine, lines) : null;
  if (rows) {
    const pitch = line.w / perLine, rowH = line.h / lines;
    h = Math.min(rowH * w.letterHeight * 0.85, w.letterMaxPx, pitch * 1.2);
    rows.forEach((rowText, row) => {
      [...rowText].forEach((ch, col) => {
        const g = GLYPHS[ch];
        if (!g) return;
        const hh = h * rng.uniform(0.92, 1.08);
        const top = line.y + row * rowH + (rowH - hh) / 2 + rng.normal(0, rowH * 0.04);
        strokes.push(...placeGlyph(g, line.x + pitch * col + (pitch - g.w * hh) / 2 + rng.normal(0, pitch * 0.05), top, hh, shear, jitter));
      });
    });
  } else {
    h = Math.min(line.h * w.letterHeight, w.letterMaxPx);
    const advance = (ch: string) => (ch === ' ' ? 0.55 : (GLYPHS[ch]?.w ?? 0.7) + 0.28);
    const natural = [...text].reduce((sum, ch) => sum + advance(ch), 0) * h;
    if (natural > line.w * 0.95) h *= (line.w * 0.95) / natural;
    let x = line.x + rng.uniform(0.01, Math.max(0.011, 1 - Math.min(natural, line.w * 0.95) / line.w - 0.03)) * line.w;
    const top = line.y + (line.h - h) / 2 + rng.normal(0, line.h * 0.04);
    for (const ch of text) {
      const g = GLYPHS[ch];
      const hh = h * rng.uniform(0.92, 1.08);
      if (g) strokes.push(...placeGlyph(g, x, top + rng.normal(0, h * 0.03), hh, shear, jitter));
      x += ch === ' ' ? h * rng.uniform(0.45, 0.7) : ((g?.w ?? 0.7) + rng.uniform(0.2, 0.35)) * h;
    }
  }
  if (strokes.length === 0) return text;
  const width = Math.max(1.2, Math.min(w.pen.width, h * 0.12));
  const mask = Mask.around(strokes.flat(), width + 3);
  for (const st of strokes) mask.polyline(st, width);
  composite(page, mask, w.pen, rng);
  return text;
}

/** Lays text into comb rows of `perLine` cells, breaking between words if it can; null when it cannot fit. */
function wrapToRows(text: string, perLine: number, lines: number): string[] | null {
  const rows: string[] = [''];
  let wordWrapOk = true;
  for (const word of text.split(' ')) {
    const cur = rows[rows.length - 1];
    const joined = cur ? `${cur} ${word}` : word;
    if (joined.length <= perLine) rows[rows.length - 1] = joined;
    else if (word.length <= perLine) rows.push(word);
    else { wordWrapOk = false; break; }
  }
  if (wordWrapOk && rows.length <= lines) return rows;
  // Otherwise fill the cells letter by letter, as people do when running out of room.
  if (text.length > perLine * lines) return null;
  return Array.from({ length: Math.ceil(text.length / perLine) }, (_, i) => text.slice(i * perLine, (i + 1) * perLine));
}
