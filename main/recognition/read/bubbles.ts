/**
 * OMR bubble columns read by fill against the sheet's own contrast.
 *
 * Bubbles are printed with an outline and often a digit inside, so even an empty bubble has some ink.
 * Instead of a fixed threshold, every bubble on the page is measured first and the threshold is put in the
 * biggest gap of the sorted fill values (filled bubbles are far darker than printed ones), as OMR readers
 * that survive real-world lighting do. Each column then yields probabilities for digits 0–9 and "none".
 */
import type { GrayImage } from '../gray-image.ts';
import type { BubbleColumn } from '../templates/schema.ts';

/** Mean darkness (0 = paper white, 1 = black) inside a disc of `r` px around (cx, cy). */
export function discDarkness(img: GrayImage, cx: number, cy: number, r: number): number {
  let sum = 0;
  let count = 0;
  const r2 = r * r;
  const x0 = Math.max(0, Math.floor(cx - r));
  const x1 = Math.min(img.width - 1, Math.ceil(cx + r));
  const y0 = Math.max(0, Math.floor(cy - r));
  const y1 = Math.min(img.height - 1, Math.ceil(cy + r));
  for (let y = y0; y <= y1; y++) {
    const dy = y - cy;
    for (let x = x0; x <= x1; x++) {
      const dx = x - cx;
      if (dx * dx + dy * dy > r2) continue;
      sum += 255 - img.data[y * img.width + x];
      count++;
    }
  }
  return count ? sum / (255 * count) : 0;
}

export interface SheetBubbleScale {
  /** Fill value separating empty from filled bubbles on this sheet. */
  threshold: number;
  /** How sharply the probability changes around the threshold. */
  spread: number;
}

/**
 * The threshold in the largest gap between consecutive sorted fills, provided the gap is big enough to be a
 * real separation; otherwise a conservative default (nothing looks filled unless clearly dark).
 */
export function sheetScale(fills: number[]): SheetBubbleScale {
  const sorted = [...fills].sort((a, b) => a - b);
  let bestGap = 0;
  let threshold = 0.55;
  for (let i = 1; i < sorted.length; i++) {
    const gap = sorted[i] - sorted[i - 1];
    if (gap > bestGap && sorted[i] > 0.25) {
      bestGap = gap;
      threshold = (sorted[i] + sorted[i - 1]) / 2;
    }
  }
  if (bestGap < 0.12) return { threshold: Math.max(0.55, sorted[sorted.length - 1] + 0.05), spread: 0.05 };
  return { threshold, spread: Math.max(bestGap / 16, 0.015) };
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** Column fills → probabilities over [0..9, none], assuming at most one bubble per column is meant. */
export function columnProbabilities(fills: number[], scale: SheetBubbleScale): number[] {
  const pFilled = fills.map((f) => Math.min(Math.max(sigmoid((f - scale.threshold) / scale.spread), 1e-4), 1 - 1e-4));
  const logEmpty = pFilled.map((p) => Math.log(1 - p));
  const allEmpty = logEmpty.reduce((a, b) => a + b, 0);
  const logs = pFilled.map((p, d) => allEmpty - logEmpty[d] + Math.log(p));
  logs.push(allEmpty);
  const max = Math.max(...logs);
  const exps = logs.map((l) => Math.exp(l - max));
  const z = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / z);
}

/**
 * Paper brightness around a bubble: a high percentile of the square around it, so uneven light and shadows
 * across the sheet do not make whole regions look "filled".
 */
export function localPaperLevel(img: GrayImage, cx: number, cy: number, r: number): number {
  const half = Math.ceil(r * 1.6);
  const histogram = new Uint32Array(256);
  let count = 0;
  for (let y = Math.max(0, Math.floor(cy - half)); y <= Math.min(img.height - 1, cy + half); y++) {
    for (let x = Math.max(0, Math.floor(cx - half)); x <= Math.min(img.width - 1, cx + half); x++) {
      histogram[img.data[y * img.width + x]]++;
      count++;
    }
  }
  let seen = 0;
  for (let v = 255; v >= 0; v--) {
    seen += histogram[v];
    if (seen >= count * 0.1) return Math.max(v, 1);
  }
  return 255;
}

/** Fill of one bubble relative to its local paper: 0 = like paper, 1 = black. */
export function bubbleFill(img: GrayImage, cx: number, cy: number, r: number): number {
  const paper = localPaperLevel(img, cx, cy, r);
  // Measure the inner part of each bubble: the printed outline would otherwise dominate small bubbles.
  const inner = 1 - discDarkness(img, cx, cy, r * 0.7); // mean brightness, 0..1
  return Math.min(Math.max(1 - (inner * 255) / paper, 0), 1);
}

/** Reads every bubble column of a page at once, so the threshold comes from the whole sheet. */
export function readBubbleColumns(page: GrayImage, columns: BubbleColumn[][]): number[][][] {
  const fills = columns.map((field) => field.map((col) => col.centers.map((c) => bubbleFill(page, c.x, c.y, col.radius))));
  const scale = sheetScale(fills.flat(2));
  return fills.map((field) => field.map((col) => columnProbabilities(col, scale)));
}
