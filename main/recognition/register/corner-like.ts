/**
 * Corner-marker look-alikes anywhere in an image: two solid squares touching corner to corner (the
 * official, NETGRIT and Pleno corner markers all look like this), either as two contours or blurred
 * into one "hourglass", at any rotation. Cheap enough for a 1000 px preview, where they (and the count
 * of solid squares) decide between "maybe a form" and `not_a_form`, and used at working size to propose
 * page corners.
 */
import type { Mat, OpenCv } from '../opencv/types.ts';
import { withMats } from '../opencv/gray-mat.ts';
import type { Pt } from './geometry.ts';
import { labelComponents8, type LabeledComponents } from './label-components.ts';

export interface CornerLike {
  center: Pt;
  /** Side of one square, px. */
  side: number;
  /**
   * Direction of the line through the two squares' centres, radians in [0, π), image axes (y down):
   * π/4 for an upright marker with squares top-left + bottom-right (╲), 3π/4 for ╱.
   */
  angle: number;
  /** Two squares large enough to check their outlines (same edge direction, 45° to the pair line). */
  strong: boolean;
}

export interface CornerLikeScan {
  corners: CornerLike[];
  /** Solid squares of marker size (corner squares, mid-edge squares, table squares...). */
  squares: number;
}

interface Square {
  center: Pt;
  side: number;
  /** Direction of one edge, radians mod π/2; undefined for squares too small to tell. */
  edgeAngle: number | undefined;
}

/** Squares with sides below this many px are judged by their blob shape only (their outline is too coarse). */
const SMALL = 8;
const DEG = Math.PI / 180;

/**
 * `minSide`/`maxSide`: the size range of one square, px. Squares are contours that simplify to a convex,
 * solid quadrilateral with near-equal sides; a pair becomes a corner marker when the two are alike, sit
 * √2 sides apart, share their edge direction and line up at 45° to it.
 */
export function findCornerLike(cv: OpenCv, image: Mat, minSide: number, maxSide: number, origin: Pt = { x: 0, y: 0 }): CornerLikeScan {
  const { squares, hourglasses } = findShapes(cv, image, minSide, maxSide, origin);
  const out: CornerLike[] = [...hourglasses];
  for (let i = 0; i < squares.length; i++) {
    for (let j = i + 1; j < squares.length; j++) {
      const a = squares[i];
      const b = squares[j];
      const ratio = a.side / b.side;
      if (ratio < 0.67 || ratio > 1.5) continue;
      const side = (a.side + b.side) / 2;
      const dx = b.center.x - a.center.x;
      const dy = b.center.y - a.center.y;
      const d = Math.hypot(dx, dy);
      if (d < 1.2 * side || d > 1.65 * side) continue;
      const angle = lineAngle(dx, dy);
      const strong = a.edgeAngle !== undefined && b.edgeAngle !== undefined;
      if (a.edgeAngle !== undefined && b.edgeAngle !== undefined) {
        if (quarterDiff(a.edgeAngle, b.edgeAngle) > 15 * DEG) continue;
        if (Math.abs(quarterDiff(angle, a.edgeAngle) - 45 * DEG) > 15 * DEG) continue;
      }
      out.push({ center: { x: (a.center.x + b.center.x) / 2, y: (a.center.y + b.center.y) / 2 }, side, angle, strong });
    }
  }
  return { corners: out, squares: squares.length };
}

type Track = <M extends { delete(): void }>(m: M) => M;

/**
 * A part of an image, px. Scanning a part (findCornerLike with the part as its image and the part's top-left
 * as `origin`), the threshold, the components and every shape's outline are those of the part alone, so only
 * shapes farther than regionMargin from its edges (where the image goes on) are sure to be what a scan of
 * the whole image finds; x and y even keep the whole scan's order of components.
 */
export interface Region {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * How far inside a region's edges (px) a shape must lie to come out as in a scan of the whole image: its
 * pixels reach ≤ 3 maxSide from its centre (the component size limit), the pair partner's centre ≤ 1,65
 * sides away, and the threshold looks block/2 further.
 */
export function regionMargin(maxSide: number): number {
  return Math.ceil(5 * maxSide) + (thresholdBlock(maxSide) >> 1) + 8;
}

function thresholdBlock(maxSide: number): number {
  return Math.max(15, Math.round(maxSide * 3)) | 1;
}

function findShapes(cv: OpenCv, image: Mat, minSide: number, maxSide: number, origin: Pt): { squares: Square[]; hourglasses: CornerLike[] } {
  return withMats((track) => shapesIn(cv, image, minSide, maxSide, origin, track));
}

// A module-level function, not the withMats callback: V8 keeps a closure's optimised code only while an
// instance of it lives, so a loop in a callback made per call was compiled again on every scan.
function shapesIn(cv: OpenCv, image: Mat, minSide: number, maxSide: number, origin: Pt, track: Track): { squares: Square[]; hourglasses: CornerLike[] } {
  const bin = track(new cv.Mat());
  const block = thresholdBlock(maxSide);
  cv.adaptiveThreshold(image, bin, 255, cv.ADAPTIVE_THRESH_MEAN_C, cv.THRESH_BINARY_INV, block, 10);
  // Connected components first (one call, plain arrays): only blobs of marker size and fill go on to
  // the per-shape contour checks, which cost an embind round trip each. A page has thousands of glyphs.
  // Labelled in JS, not by opencv.js: the same labels at ~1/6 of the CPU (see label-components.ts).
  const components = labelComponents8(bin.data, bin.cols, bin.rows);
  const n = components.count;
  const st = components.stats;
  const squares: Square[] = [];
  const hourglasses: CornerLike[] = [];
  const minArea = 0.5 * minSide * minSide;
  const maxArea = 2.6 * maxSide * maxSide;
  for (let i = 1; i < n; i++) {
    // In the whole image's px from here on (a part's shapes get the same numbers as in a whole scan).
    const x = st[5 * i] + origin.x;
    const y = st[5 * i + 1] + origin.y;
    const w = st[5 * i + 2];
    const h = st[5 * i + 3];
    const area = st[5 * i + 4];
    if (w < 0.7 * minSide || h < 0.7 * minSide || w > 3 * maxSide || h > 3 * maxSide) continue;
    if (area < minArea || area > maxArea || area < 0.25 * w * h) continue;
    // Only a square of side minSide…maxSide (asSquare's aspect) or a ▚ of two such squares is kept below:
    // a component that can be neither needs no outline (the same tests, made before the costly part).
    const aspect = w / h;
    const squareSide = Math.sqrt(area);
    const pairSide = Math.sqrt(area / 2);
    const maybeSquare = aspect >= 0.6 && aspect <= 1.65 && squareSide >= minSide && squareSide <= maxSide;
    if (!maybeSquare && (pairSide < minSide || pairSide > maxSide)) continue;
    const shape = outline(cv, components, origin, image.cols, i, { x, y, width: w, height: h }, track);
    if (!shape) continue;
    const { contour, center } = shape;
    const r = { x, y, width: w, height: h };
    const square = asSquare(cv, contour, area, r, track);
    if (square !== false) {
      const side = Math.sqrt(area);
      if (side >= minSide && side <= maxSide && inked(cv, image, r, origin)) squares.push({ center, side, edgeAngle: square });
      continue;
    }
    const side = Math.sqrt(area / 2);
    if (side < minSide || side > maxSide) continue;
    const m = cv.moments(contour, false);
    const hg = asHourglass(cv, contour, area, m, center, side, track);
    if (hg !== undefined && inked(cv, image, r, origin)) hourglasses.push({ center, side, angle: hg, strong: side >= SMALL });
  }
  return { squares, hourglasses };
}

/**
 * The outer contour of component `label` (in image coordinates) and its ink centroid, or undefined when
 * the component has a hole (a digit box, a ring: not a solid mark).
 */
function outline(
  cv: OpenCv,
  components: LabeledComponents,
  /** Where the labelled part lies in the image, and its width (the labels' row length). */
  origin: Pt,
  cols: number,
  label: number,
  r: { x: number; y: number; width: number; height: number },
  track: Track,
): { contour: Mat; center: Pt } | undefined {
  // The mask and its centroid in one pass over the labels (what compare + binary moments gave, without
  // three more embind round trips and a label-filled Mat per shape). Views of the wasm heap are taken
  // after the last allocation before they are used (a growing heap detaches them).
  const mask = track(new cv.Mat(r.height, r.width, cv.CV_8UC1));
  const lab = components.provisional;
  const finalOf = components.finalOf;
  const md = mask.data;
  let n = 0;
  let sx = 0;
  let sy = 0;
  for (let yy = 0; yy < r.height; yy++) {
    const from = (r.y - origin.y + yy) * cols + (r.x - origin.x);
    const to = yy * r.width;
    for (let xx = 0; xx < r.width; xx++) {
      if (finalOf[lab[from + xx]] === label) {
        md[to + xx] = 255;
        n++;
        sx += xx;
        sy += yy;
      } else {
        md[to + xx] = 0;
      }
    }
  }
  if (n === 0) return undefined;
  const contours = track(new cv.MatVector());
  const hierarchy = track(new cv.Mat());
  cv.findContours(mask, contours, hierarchy, cv.RETR_CCOMP, cv.CHAIN_APPROX_SIMPLE, new cv.Point(r.x, r.y));
  if (contours.size() !== 1) return undefined;
  const contour = track(contours.get(0));
  return { contour, center: { x: r.x + sx / n, y: r.y + sy / n } };
}

/** Printed ink on paper, not a ripple in a wall's noise: the shape's box (grown by half) is high-contrast. */
function inked(cv: OpenCv, image: Mat, box: { x: number; y: number; width: number; height: number }, origin: Pt): boolean {
  const r = { x: box.x - origin.x, y: box.y - origin.y, width: box.width, height: box.height };
  const x0 = Math.max(0, Math.floor(r.x - r.width / 4));
  const y0 = Math.max(0, Math.floor(r.y - r.height / 4));
  const x1 = Math.min(image.cols, Math.ceil(r.x + r.width * 1.25));
  const y1 = Math.min(image.rows, Math.ceil(r.y + r.height * 1.25));
  return withMats((track) => {
    const view = track(image.roi(new cv.Rect(x0, y0, x1 - x0, y1 - y0)));
    const mean = track(new cv.Mat());
    const std = track(new cv.Mat());
    cv.meanStdDev(view, mean, std);
    return std.doubleAt(0, 0) >= MIN_CONTRAST_STD;
  });
}

/** Ink and paper each filling a good share of a box differ by ≥ ~50 grey levels: std ≥ 20. */
const MIN_CONTRAST_STD = 20;

/**
 * A solid square: its edge direction (mod π/2), undefined for squares too small to measure one, or
 * false when the contour is not a solid square.
 */
function asSquare(cv: OpenCv, c: Mat, area: number, r: { width: number; height: number }, track: Track): number | undefined | false {
  const aspect = r.width / r.height;
  if (aspect < 0.6 || aspect > 1.65) return false;
  if (Math.sqrt(area) < SMALL) {
    // Too few pixels for an outline: a compact, well-filled blob will do (no edge direction).
    return area / (r.width * r.height) >= 0.5 ? undefined : false;
  }
  const approx = track(new cv.Mat());
  cv.approxPolyDP(c, approx, 0.06 * cv.arcLength(c, true), true);
  if (approx.rows !== 4 || !cv.isContourConvex(approx)) return false;
  const p = approx.data32S;
  const pts = [0, 1, 2, 3].map((k) => ({ x: p[2 * k], y: p[2 * k + 1] }));
  const sides = pts.map((a, k) => Math.hypot(pts[(k + 1) % 4].x - a.x, pts[(k + 1) % 4].y - a.y));
  if (Math.max(...sides) / Math.min(...sides) > 1.45) return false;
  if (area / Math.abs(cv.contourArea(approx)) < 0.85) return false;
  const q = Math.PI / 2;
  return ((Math.atan2(pts[1].y - pts[0].y, pts[1].x - pts[0].x) % q) + q) % q;
}

/** Direction of a blurred-together square pair (one contour shaped like ▚), or undefined. */
function asHourglass(
  cv: OpenCv,
  c: Mat,
  area: number,
  m: { mu20: number; mu02: number; mu11: number },
  center: Pt,
  side: number,
  track: Track,
): number | undefined {
  const common = Math.sqrt(((m.mu20 - m.mu02) / 2) ** 2 + m.mu11 ** 2);
  const major = (m.mu20 + m.mu02) / 2 + common;
  const minor = (m.mu20 + m.mu02) / 2 - common;
  if (!(minor > 0)) return undefined;
  // Ideal ▚: variance ratio 7 along/across, convex-hull solidity 2/3 (blur fills the notches up to ~0.85).
  const elongation = major / minor;
  if (elongation < 4 || elongation > 12) return undefined;
  const hull = track(new cv.Mat());
  cv.convexHull(c, hull, false, true);
  // Solidity and fill from the outline's own area, like the hull's (both polygons through the boundary
  // pixels' centres): the pixel count exceeds it by about half the perimeter — ~20 % for squares of 8 px,
  // which made a small blurred ▚ (solidity ~0.75) measure above 0.9 and be dropped.
  const outlineArea = cv.contourArea(c);
  const solidity = outlineArea / cv.contourArea(hull);
  if (solidity < 0.5 || solidity > 0.9) return undefined;
  // The pinch: two squares meet at their centre point, so the outline passes close to the centroid; a
  // blade or an ellipse of the same elongation keeps it ~0.4 side away.
  if (Math.abs(cv.pointPolygonTest(c, new cv.Point(center.x, center.y), true)) > 0.25 * side) return undefined;
  const t = 0.5 * Math.atan2(2 * m.mu11, m.mu20 - m.mu02);
  // Extents along and across the axis: ▚ is 2√2 s long, √2 s wide, and fills half of that box (more when blurred).
  const p = c.data32S;
  const cos = Math.cos(t);
  const sin = Math.sin(t);
  let u0 = Infinity;
  let u1 = -Infinity;
  let v0 = Infinity;
  let v1 = -Infinity;
  for (let k = 0; k < p.length; k += 2) {
    const x = p[k] - center.x;
    const y = p[k + 1] - center.y;
    const u = x * cos + y * sin;
    const v = -x * sin + y * cos;
    u0 = Math.min(u0, u);
    u1 = Math.max(u1, u);
    v0 = Math.min(v0, v);
    v1 = Math.max(v1, v);
  }
  const L = u1 - u0;
  const W = v1 - v0;
  if (!(W > 0) || L / W < 1.5 || L / W > 2.7 || outlineArea / (L * W) < 0.38 || outlineArea / (L * W) > 0.75) return undefined;
  return lineAngle(cos, sin);
}

function lineAngle(dx: number, dy: number): number {
  const a = Math.atan2(dy, dx);
  return ((a % Math.PI) + Math.PI) % Math.PI;
}

/** Smallest difference between two line directions (mod π), radians. */
export function angleDiff(a: number, b: number): number {
  const d = Math.abs(a - b) % Math.PI;
  return Math.min(d, Math.PI - d);
}

/** Difference of two directions modulo π/2, in [0, π/4]. */
function quarterDiff(a: number, b: number): number {
  const q = Math.PI / 2;
  const d = (((a - b) % q) + q) % q;
  return Math.min(d, q - d);
}

/** Corner candidates are looked for at about this long side (plenty for 2–4 mm squares). */
const SCAN_LONG = 1600;

/**
 * findCornerLike on a ≤ 1600 px copy of a working image, results in the working image's px. With
 * `squareSide` (the expected side of one square in working px), the copy is made large enough to show it
 * at ≥ 8 px and only squares of 0.4–2.5× that size count. With `near`, only candidates within `radius` of
 * one of its points are wanted (working px): the copy is scanned only around them (see Region), and
 * candidates farther away may be missing — those within the radius are exactly a whole scan's, in order.
 */
export function scanCornerLike(cv: OpenCv, work: Mat, squareSide?: number, near?: { points: Pt[]; radius: number }): CornerLike[] {
  return withMats((track) => {
    const long = Math.max(work.cols, work.rows);
    const s = Math.min(1, Math.max(SCAN_LONG / long, squareSide ? 8 / squareSide : 0));
    const cols = s < 1 ? Math.round(work.cols * s) : work.cols;
    const rows = s < 1 ? Math.round(work.rows * s) : work.rows;
    const l = Math.max(cols, rows);
    const [minSide, maxSide] = squareSide ? [Math.max(2.5, 0.4 * squareSide * s), 2.5 * squareSide * s] : [Math.max(3, l * 0.003), l * 0.03];
    // Around the wanted points only: a missing corner of a tagged page is looked for within ~0,3 of the
    // page's diagonal, and a corner near the photo's edge leaves out much of the copy.
    const region = near ? nearRegion(near.points, near.radius * s, s, regionMargin(maxSide), cols, rows) : { x: 0, y: 0, width: cols, height: rows };
    if (region.width < 1 || region.height < 1) return [];
    const part = scanCopy(cv, work, cols, rows, region, track);
    const scan = findCornerLike(cv, part.image, minSide, maxSide, part.origin);
    return scan.corners.map((c) => ({ ...c, center: { x: c.center.x / s, y: c.center.y / s }, side: c.side / s }));
  });
}

/**
 * `region` (at least) of the cols × rows area-averaged copy of `work`, and where it lies in the copy. When the
 * scale is a binary fraction (2000 → 1600 px: 5 source px to 4) a part aligned to whole periods of it is
 * resized on its own — the same pixels as that part of the whole copy (the same source pixels and weights),
 * for a fraction of the resize's cost; otherwise the whole copy is made and the part is a view of it.
 */
function scanCopy(cv: OpenCv, work: Mat, cols: number, rows: number, region: Region, track: Track): { image: Mat; origin: Pt } {
  const whole = region.x === 0 && region.y === 0 && region.width === cols && region.height === rows;
  if (cols === work.cols && rows === work.rows) {
    return whole ? { image: work, origin: { x: 0, y: 0 } } : { image: track(work.roi(new cv.Rect(region.x, region.y, region.width, region.height))), origin: region };
  }
  const ax = periodOf(work.cols, cols);
  const ay = periodOf(work.rows, rows);
  if (!whole && ax && ay) {
    // Whole periods (and even, for the components' order), or up to the copy's edge.
    const stepX = ax.dst % 2 === 0 ? ax.dst : 2 * ax.dst;
    const stepY = ay.dst % 2 === 0 ? ay.dst : 2 * ay.dst;
    const x0 = Math.floor(region.x / stepX) * stepX;
    const y0 = Math.floor(region.y / stepY) * stepY;
    const x1 = Math.min(cols, Math.ceil((region.x + region.width) / ax.dst) * ax.dst);
    const y1 = Math.min(rows, Math.ceil((region.y + region.height) / ay.dst) * ay.dst);
    const sx0 = (x0 / ax.dst) * ax.src;
    const sy0 = (y0 / ay.dst) * ay.src;
    const sx1 = x1 === cols ? work.cols : (x1 / ax.dst) * ax.src;
    const sy1 = y1 === rows ? work.rows : (y1 / ay.dst) * ay.src;
    const src = track(work.roi(new cv.Rect(sx0, sy0, sx1 - sx0, sy1 - sy0)));
    const image = track(new cv.Mat());
    cv.resize(src, image, new cv.Size(x1 - x0, y1 - y0), 0, 0, cv.INTER_AREA);
    return { image, origin: { x: x0, y: y0 } };
  }
  const image = track(new cv.Mat());
  cv.resize(work, image, new cv.Size(cols, rows), 0, 0, cv.INTER_AREA);
  return whole ? { image, origin: { x: 0, y: 0 } } : { image: track(image.roi(new cv.Rect(region.x, region.y, region.width, region.height))), origin: region };
}

/**
 * The resize's period along one axis (`src` source px become `dst` copy px) when the scale src/dst is a binary
 * fraction, so every period's weights are computed exactly alike; undefined otherwise.
 */
function periodOf(from: number, to: number): { src: number; dst: number } | undefined {
  if (!Number.isInteger((from / to) * 1024)) return undefined;
  let a = from;
  let b = to;
  while (b) [a, b] = [b, a % b];
  return { src: from / a, dst: to / a };
}

/** The box around `points` (scaled by s) grown by radius + margin, clipped to the image, its origin even. */
function nearRegion(points: Pt[], radius: number, s: number, margin: number, cols: number, rows: number): Region {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const p of points) {
    x0 = Math.min(x0, p.x * s);
    y0 = Math.min(y0, p.y * s);
    x1 = Math.max(x1, p.x * s);
    y1 = Math.max(y1, p.y * s);
  }
  const grow = radius + margin;
  // Even: the labelling numbers components by 2 × 2 blocks (label-components.ts), so the part's blocks are the whole image's.
  const left = Math.max(0, Math.floor(x0 - grow)) & ~1;
  const top = Math.max(0, Math.floor(y0 - grow)) & ~1;
  const right = Math.min(cols, Math.ceil(x1 + grow));
  const bottom = Math.min(rows, Math.ceil(y1 + grow));
  if (!(right > left && bottom > top)) return { x: 0, y: 0, width: 0, height: 0 };
  return { x: left, y: top, width: right - left, height: bottom - top };
}
