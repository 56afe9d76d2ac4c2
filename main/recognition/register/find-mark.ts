/**
 * Finds one solid mark (corner marker, square, mid-edge squares, row bar) near where the current
 * homography predicts it, and measures its anchor in the image.
 *
 * The prediction gives each piece's expected centre, area and size in the image. Components of a small
 * Otsu-thresholded window are matched to pieces by area and size; every match proposes a shift of the
 * whole mark, and the shift that explains all pieces (or one merged component the size of all pieces,
 * e.g. a corner marker blurred into an hourglass) wins. The measured anchor is the predicted anchor plus
 * that shift, averaged over the matched pieces' ink centroids.
 */
import type { Mat, OpenCv } from '../opencv/types.ts';
import { darkComponents, type Component } from './components.ts';
import { applyH, boundsOf, polygonArea, type Homography, type Pt } from './geometry.ts';
import type { Piece, SolidMark } from './model.ts';

export interface FoundMark {
  id: string;
  canonical: Pt;
  image: Pt;
  /** How far the mark was from its prediction, image px. */
  shift: number;
}

interface ExpectedPiece {
  center: Pt;
  area: number;
  w: number;
  h: number;
}

/** Share of its bounding box a shape fills (1 for an upright square, ½ for a square at 45° or a ▚ pair). */
const fillOf = (p: { area: number; w: number; h: number }): number => p.area / (p.w * p.h);

const AREA_RANGE = [0.4, 2.0] as const;
const SIZE_RANGE = [0.5, 1.8] as const;
const MERGED_RANGE = { area: [0.7, 1.6], size: [0.75, 1.4] } as const;

/**
 * `margin`: how far (image px) the mark may be from its prediction. `around`: look around this image
 * point instead (a corner candidate found elsewhere, or the prediction corrected by the bend its neighbours
 * show), with the predicted shape — scaled to `side` when given (a candidate's measured square side: far
 * from the points the prediction came from, its scale is off too).
 */
export function findSolidMark(
  cv: OpenCv,
  image: Mat,
  H: Homography,
  mark: SolidMark,
  margin: number,
  around?: { center: Pt; side?: number },
  /** Image regions no mark can be in (the page tag, whose cells look like squares). */
  exclude: Pt[][] = [],
): FoundMark | undefined {
  // Nearest first: a window a third as wide, then the whole margin. The window's Otsu threshold depends on
  // what else it holds: a wide one around a NETGRIT row label also takes in the table border the label
  // touches and the next row's label (~1,2 % of the diagonal away), the label merges with the border at
  // that threshold and the next row's label is taken instead (tune-2/215, /239: three labels 30–44 px off,
  // each other's neighbours, bent the field ~45 px). The same near the page edge, where a wide window takes
  // in the background. Only marks not found close by pay for the wide window; in the tight one a component
  // the window cuts is left out (measured off-centre: KWK corners 1 → 4–8 % of a box off, tune-1).
  if (margin >= TIGHT_FIRST_MIN_MARGIN) {
    const near = findIn(cv, image, H, mark, margin / 3, around, exclude, true);
    if (near) return near;
  }
  return findIn(cv, image, H, mark, margin, around, exclude, false);
}

/** Margins (image px) below this are searched in one window: a third of them is within the measuring noise. */
const TIGHT_FIRST_MIN_MARGIN = 12;

function findIn(
  cv: OpenCv,
  image: Mat,
  H: Homography,
  mark: SolidMark,
  margin: number,
  around: { center: Pt; side?: number } | undefined,
  exclude: Pt[][],
  /** Drop components the window cuts (a mark partly outside a tight window would be measured off-centre). */
  whole: boolean,
): FoundMark | undefined {
  const predicted = applyH(H, mark.anchor);
  let pieces = mark.pieces.map((piece) => expected(H, piece));
  if (pieces.some((p) => !(p.area > 2))) return undefined;
  let union = expectedUnion(H, mark);
  if (around?.side) {
    const f = around.side / Math.sqrt(pieces.reduce((s, p) => s + p.area, 0) / pieces.length);
    pieces = pieces.map((p) => ({
      center: { x: predicted.x + (p.center.x - predicted.x) * f, y: predicted.y + (p.center.y - predicted.y) * f },
      area: p.area * f * f,
      w: p.w * f,
      h: p.h * f,
    }));
    union = { w: union.w * f, h: union.h * f };
  }
  const anchor = around?.center ?? predicted;
  const window = {
    x: anchor.x - union.w / 2 - margin,
    y: anchor.y - union.h / 2 - margin,
    w: union.w + 2 * margin,
    h: union.h + 2 * margin,
  };
  const totalArea = pieces.reduce((s, p) => s + p.area, 0);
  let comps = darkComponents(cv, image, {
    roi: window,
    minArea: Math.max(2, AREA_RANGE[0] * Math.min(...pieces.map((p) => p.area))),
    maxArea: AREA_RANGE[1] * totalArea,
    threshold: 'otsu',
  });
  if (exclude.length > 0) comps = comps.filter((k) => !exclude.some((poly) => inside(poly, { x: k.cx, y: k.cy })));
  if (whole) comps = comps.filter((k) => !cutByWindow(k, window));
  if (comps.length === 0) return undefined;

  // Every (component, piece) pair that fits proposes a shift; so does a component the size of the whole mark.
  const proposals: { shift: Pt; merged: Component | undefined }[] = [];
  // Shifts are measured from `anchor` (the prediction, or the candidate when looking around one).
  const dx = anchor.x - predicted.x;
  const dy = anchor.y - predicted.y;
  const at = pieces.map((p) => ({ ...p, center: { x: p.center.x + dx, y: p.center.y + dy } }));
  for (const k of comps) {
    for (const p of at) if (fits(k, p)) proposals.push({ shift: { x: k.cx - p.center.x, y: k.cy - p.center.y }, merged: undefined });
    // Merged pieces must fill most of the whole mark, or one lone square would pass for the pair.
    if (pieces.length > 1 && fits(k, { area: totalArea, w: union.w, h: union.h }, MERGED_RANGE)) {
      proposals.push({ shift: { x: k.cx - anchor.x, y: k.cy - anchor.y }, merged: k });
    }
  }
  let best: { shift: Pt; score: number; size: number } | undefined;
  for (const prop of proposals) {
    const scored = prop.merged ? { shift: prop.shift, matched: at.length } : explain(prop.shift, at, comps);
    if (scored.matched < pieces.length) continue;
    const size = Math.hypot(scored.shift.x, scored.shift.y);
    if (!best || size < best.size) best = { shift: scored.shift, score: scored.matched, size };
  }
  if (!best || best.size > margin * 1.2) return undefined;
  const at0 = { x: anchor.x + best.shift.x, y: anchor.y + best.shift.y };
  return { id: mark.id, canonical: mark.anchor, image: at0, shift: Math.hypot(at0.x - predicted.x, at0.y - predicted.y) };
}

/** How many pieces a shift explains, and the shift re-estimated as the mean offset of the matched pieces. */
function explain(shift: Pt, pieces: ExpectedPiece[], comps: Component[]): { shift: Pt; matched: number } {
  let matched = 0;
  let sx = 0;
  let sy = 0;
  for (const p of pieces) {
    const tol = 0.4 * Math.sqrt(p.area);
    const want = { x: p.center.x + shift.x, y: p.center.y + shift.y };
    let hit: Component | undefined;
    let hitD = tol;
    for (const k of comps) {
      const d = Math.hypot(k.cx - want.x, k.cy - want.y);
      if (d <= hitD && fits(k, p)) {
        hit = k;
        hitD = d;
      }
    }
    if (hit) {
      matched++;
      sx += hit.cx - p.center.x;
      sy += hit.cy - p.center.y;
    }
  }
  return { shift: matched ? { x: sx / matched, y: sy / matched } : shift, matched };
}

function fits(
  k: Component,
  p: { area: number; w: number; h: number },
  range: { area: readonly [number, number]; size: readonly [number, number] } = { area: AREA_RANGE, size: SIZE_RANGE },
): boolean {
  const a = k.area / p.area;
  if (a < range.area[0] || a > range.area[1]) return false;
  const rw = k.w / p.w;
  const rh = k.h / p.h;
  if (rw < range.size[0] || rw > range.size[1] || rh < range.size[0] || rh > range.size[1]) return false;
  // Solid and shaped as predicted: the share of its box the blob fills matches the projected shape's
  // (a glyph or a stroke of the same size fills far less, or far more for a bar turned the wrong way).
  return Math.abs(fillOf(k) - fillOf(p)) <= 0.2;
}

function expected(H: Homography, piece: Piece): ExpectedPiece {
  const poly = mapPoly(H, piece.poly, []);
  const b = boundsOf(poly);
  return { center: applyH(H, piece.centroid), area: Math.abs(polygonArea(poly)), w: b.w, h: b.h };
}

function expectedUnion(H: Homography, mark: SolidMark) {
  const poly: Pt[] = [];
  for (const piece of mark.pieces) mapPoly(H, piece.poly, poly);
  const bounds = boundsOf(poly);
  return { w: bounds.w, h: bounds.h };
}

/**
 * Appends H(p) of every point of `poly` to `out`. A loop, not a map callback made per mark: V8 keeps a closure's
 * optimised code only while an instance of it lives, and these were compiled again for most pages.
 */
function mapPoly(H: Homography, poly: Pt[], out: Pt[]): Pt[] {
  for (const p of poly) out.push(applyH(H, p));
  return out;
}

/** Direction (radians mod π) of the line through a two-square marker's squares under H; else undefined. */
export function expectedPairAngle(H: Homography, mark: SolidMark): number | undefined {
  if (mark.pieces.length !== 2) return undefined;
  const [a, b] = mark.pieces.map((p) => applyH(H, p.centroid));
  const t = Math.atan2(b.y - a.y, b.x - a.x);
  return ((t % Math.PI) + Math.PI) % Math.PI;
}

/** Point in a convex polygon (either winding). */
export function inside(poly: Pt[], p: Pt): boolean {
  let sign = 0;
  for (let i = 0; i < poly.length; i++) {
    const a = poly[i];
    const b = poly[(i + 1) % poly.length];
    const c = (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x);
    if (c === 0) continue;
    if (sign === 0) sign = Math.sign(c);
    else if (Math.sign(c) !== sign) return false;
  }
  return true;
}

/** Whether component k touches an edge of the window (as darkComponents clamps it to whole px). */
function cutByWindow(k: Component, w: { x: number; y: number; w: number; h: number }): boolean {
  return k.x <= Math.floor(w.x) || k.y <= Math.floor(w.y) || k.x + k.w >= Math.ceil(w.x + w.w) || k.y + k.h >= Math.ceil(w.y + w.h);
}
