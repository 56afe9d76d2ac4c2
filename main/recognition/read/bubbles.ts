/**
 * OMR bubble columns read by fill against the sheet's own contrast.
 *
 * Bubbles are printed with an outline and often a digit inside, so even an empty bubble has some ink, and
 * lighting changes that level from sheet to sheet. Most bubbles on a sheet are empty, so the sheet's own
 * empty level is the median fill and its noise the spread (MAD) around it; a bubble counts as filled to the
 * degree it stands out from that. How far it stands out is turned into evidence by a measured table
 * (MARK_EVIDENCE): a clean fill is near proof, while a half-filled bubble and a stray tick look alike, so
 * anything between empty and clean is only modest evidence. Each column then yields probabilities for
 * digits 0–9 and "none".
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
  /** Fill at which a bubble is as likely filled as empty on this sheet. */
  threshold: number;
  /** Fill change that counts as one unit of standing out (see MARK_EVIDENCE). */
  spread: number;
}

export interface BubbleModel {
  /** Minimum distance of the threshold above the sheet's empty level (fill units). */
  minMargin: number;
  /** Threshold distance above the empty level, in robust standard deviations of the empty bubbles. */
  sigmas: number;
  spread: number;
}

/** Measured on synthetic photographed sheets: empty bubbles sit at median ±0.03, fills at 0.25–0.75. */
export const DEFAULT_BUBBLE_MODEL: BubbleModel = { minMargin: 0.12, sigmas: 5, spread: 0.02 };

/** Threshold from the sheet: most bubbles are empty, so median and MAD describe an empty bubble here. */
export function sheetScale(fills: number[], model: BubbleModel = DEFAULT_BUBBLE_MODEL): SheetBubbleScale {
  if (fills.length === 0) return { threshold: 0.5, spread: model.spread };
  const sorted = [...fills].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  const deviations = sorted.map((f) => Math.abs(f - median)).sort((a, b) => a - b);
  const sigma = 1.4826 * deviations[Math.floor(deviations.length / 2)];
  const threshold = median + Math.max(model.minMargin, model.sigmas * sigma);
  return { threshold, spread: model.spread };
}

/**
 * Log-likelihood ratio "this bubble was marked : it was not", by how far its fill stands out, in spreads above
 * the sheet threshold: (fill − threshold) / spread. Measured with scripts/fit-bubble-evidence.ts on tuning sets
 * tune-1 and tune-2 (2026-11-28; ~120.000 bubbles of 800 synthetic photographed pages, where a KPPS fills some
 * bubbles only partly and ticks stray ones): 6 or more spreads up is a clean fill (9.707 marked, 2 not: ratio
 * e^10 and more); 5 or more below is empty (e^−4,2 to e^−5,5); in between half-filled marks and stray ticks mix,
 * measured e^1,6 to e^4,4 for "marked" from −4 spreads up. The table is kept below the measurement from −4 to
 * 0 spreads (≤ e^1,5): on a 3–4 MP test photo the printed digit inside empty bubbles stood 4 spreads up, and a
 * leading column read "8" instead of "none". The old linear, ±6-bounded odds said 0,96 for columns right 78 % of
 * the time (partial fills read as "none"); with this table a column's probability is within a few points of
 * how often it is right below 0,9, and above it never wrong on the tuning sets.
 */
const MARK_EVIDENCE: readonly (readonly [number, number])[] = [
  [-6, -5.4],
  [-5.5, -4.2],
  [-4.5, -2.5],
  [-3, -1],
  [-2, 0],
  [-1, 1.5],
  [1, 2.5],
  [3, 3.5],
  [5, 4.2],
  [6, 4.4],
];
const CLEAN_FILL = { from: 6, evidence: 10 };

/** Log-likelihood ratio marked : not marked for a bubble standing out `spreads` spreads above the threshold. */
export function markEvidence(spreads: number): number {
  if (spreads >= CLEAN_FILL.from) return CLEAN_FILL.evidence;
  if (spreads <= MARK_EVIDENCE[0][0]) return MARK_EVIDENCE[0][1];
  let i = 1;
  while (spreads > MARK_EVIDENCE[i][0]) i++;
  const [x0, y0] = MARK_EVIDENCE[i - 1];
  const [x1, y1] = MARK_EVIDENCE[i];
  return y0 + ((spreads - x0) * (y1 - y0)) / (x1 - x0);
}

/**
 * A column's bubbles, each as spreads above the sheet threshold → probabilities over [0..9, none], assuming at
 * most one bubble per column is meant.
 */
export function columnProbabilities(spreads: number[]): number[] {
  const evidence = spreads.map(markEvidence);
  // P(column = d) ∝ evidence that bubble d was marked (and the others not); P(none) ∝ 1.
  const logs = [...evidence, 0];
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

/**
 * How far every bubble of a page stands out, per field, column and bubble, in spreads above the sheet
 * threshold (the measure MARK_EVIDENCE is indexed by): all columns at once, so the threshold comes from the
 * whole sheet.
 */
export function bubbleSpreads(page: GrayImage, columns: BubbleColumn[][], model: BubbleModel = DEFAULT_BUBBLE_MODEL): number[][][] {
  const fills = columns.map((field) => field.map((col) => col.centers.map((c) => bubbleFill(page, c.x, c.y, col.radius))));
  const scale = sheetScale(fills.flat(2), model);
  return fills.map((field) => field.map((col) => col.map((f) => (f - scale.threshold) / scale.spread)));
}

/** Reads every bubble column of a page: probabilities over [0..9, none] per field and column. */
export function readBubbleColumns(page: GrayImage, columns: BubbleColumn[][], model: BubbleModel = DEFAULT_BUBBLE_MODEL): number[][][] {
  return bubbleSpreads(page, columns, model).map((field) => field.map(columnProbabilities));
}
