/**
 * Fits the canonical → image homography to all measured points, robustly: a wrongly matched mark must
 * become an outlier instead of bending the page. There are few points (tag corners, 4 corner markers,
 * a few dozen others), so instead of OpenCV's adaptive RANSAC — which stops after a handful of samples
 * once 7 of 8 points agree and can miss the model all 8 agree on — every 4-subset of the strong points
 * (tag corners and corner/mid-edge markers) is tried, then the winner is refined by least squares on its
 * inliers until the inlier set stops changing.
 */
import type { OpenCv } from '../opencv/types.ts';
import { withMats } from '../opencv/gray-mat.ts';
import { applyH, homographyFrom4, invertH, type Homography, type Pt } from './geometry.ts';

export interface Correspondence {
  /** Which mark (and corner, for tags) this point belongs to. */
  id: string;
  canonical: Pt;
  image: Pt;
  /** A strong point: tag corner or page-corner/mid-edge marker (used to propose models). */
  strong?: boolean;
  /** A model that leaves this point out is rejected (the page tag's corners: a sure detection). */
  required?: boolean;
}

export interface Fit {
  H: Homography;
  inliers: Correspondence[];
  outliers: Correspondence[];
  /** Root-mean-square / max distance between the measured points and the fitted model, canonical px. */
  rmsCanonical: number;
  maxCanonical: number;
}

/** Subsets tried at most (C(10,4) = 210 covers tag + 4 corners + mid-edges exhaustively). */
const MAX_SUBSETS = 400;

/** `ransacPx` is the inlier threshold in image px. Needs ≥ 4 points; undefined when no model is found. */
export function fitHomography(cv: OpenCv, pts: Correspondence[], ransacPx: number): Fit | undefined {
  if (pts.length < 4) return undefined;
  const strong = pts.filter((p) => p.strong);
  // Models come from the strong points (all their 4-subsets) and, when there are many other points, from
  // an even spread of subsets of all points: a curled page may agree best with a model no corner-only
  // subset proposes.
  const pools = [strong.length >= 4 ? strong : pts];
  if (strong.length >= 4 && pts.length > strong.length + 8) pools.push(pts);
  const proposals: number[][][] = pools.map((pool) => [...subsets(pool.length, MAX_SUBSETS)]);
  let best: { H: Homography; count: number; cost: number } | undefined;
  for (const [k, pool] of pools.entries()) for (const subset of proposals[k]) {
    const H = homographyFrom4(
      subset.map((i) => pool[i].canonical),
      subset.map((i) => pool[i].image),
    );
    if (!H || !H.every(Number.isFinite)) continue;
    let count = 0;
    let cost = 0;
    if (pts.some((p) => p.required && !(imageError(H, p) <= ransacPx))) continue;
    for (const p of pts) {
      const e = imageError(H, p);
      if (e <= ransacPx) {
        count++;
        cost += e;
      } else {
        cost += ransacPx;
      }
    }
    if (!best || count > best.count || (count === best.count && cost < best.cost)) best = { H, count, cost };
  }
  if (!best || best.count < 4) return undefined;
  // Refine: least squares on the inliers, re-select inliers, until stable.
  let H = best.H;
  let inlierKey = '';
  for (let round = 0; round < 4; round++) {
    const inliers = pts.filter((p) => imageError(H, p) <= ransacPx);
    const key = inliers.map((p) => p.id).join('|');
    if (inliers.length < 4 || key === inlierKey) break;
    inlierKey = key;
    H = leastSquares(cv, inliers) ?? H;
  }
  return evaluate(H, pts, ransacPx);
}

function imageError(H: Homography, p: Correspondence): number {
  const q = applyH(H, p.canonical);
  const e = Math.hypot(q.x - p.image.x, q.y - p.image.y);
  return Number.isFinite(e) ? e : Infinity;
}

/** All 4-subsets of 0..n-1 in order, or an evenly spread deterministic selection of at most `max`. */
function* subsets(n: number, max: number): Generator<number[]> {
  const total = (n * (n - 1) * (n - 2) * (n - 3)) / 24;
  const stride = total > max ? total / max : 1;
  let k = 0;
  let next = 0;
  for (let a = 0; a < n; a++)
    for (let b = a + 1; b < n; b++)
      for (let c = b + 1; c < n; c++)
        for (let d = c + 1; d < n; d++, k++) {
          if (k < next) continue;
          next += stride;
          yield [a, b, c, d];
        }
}

/** Least-squares homography (OpenCV, method 0) through all given points. */
export function leastSquares(cv: OpenCv, pts: Correspondence[]): Homography | undefined {
  return withMats((track) => {
    const src = track(cv.matFromArray(pts.length, 1, cv.CV_32FC2, coordinates(pts, 'canonical')));
    const dst = track(cv.matFromArray(pts.length, 1, cv.CV_32FC2, coordinates(pts, 'image')));
    const h = track(cv.findHomography(src, dst, 0));
    if (h.rows !== 3 || h.cols !== 3) return undefined;
    const H = Array.from(h.data64F) as Homography;
    return H.every(Number.isFinite) ? H : undefined;
  });
}

/** x0, y0, x1, y1, … of one side of the points (a loop, not a flatMap callback made per fit, which V8 recompiled). */
function coordinates(pts: Correspondence[], side: 'canonical' | 'image'): number[] {
  const out: number[] = [];
  for (const p of pts) out.push(p[side].x, p[side].y);
  return out;
}

/** Splits points into inliers/outliers under H and measures the inliers' error in canonical px. */
export function evaluate(H: Homography, pts: Correspondence[], ransacPx: number): Fit | undefined {
  let Hinv: Homography;
  try {
    Hinv = invertH(H);
  } catch {
    return undefined;
  }
  const inliers: Correspondence[] = [];
  const outliers: Correspondence[] = [];
  let sum = 0;
  let max = 0;
  for (const p of pts) {
    if (!(imageError(H, p) <= ransacPx)) {
      outliers.push(p);
      continue;
    }
    inliers.push(p);
    const c = applyH(Hinv, p.image);
    const e = Math.hypot(c.x - p.canonical.x, c.y - p.canonical.y);
    sum += e * e;
    max = Math.max(max, e);
  }
  if (inliers.length < 4) return undefined;
  return { H, inliers, outliers, rmsCanonical: Math.sqrt(sum / inliers.length), maxCanonical: max };
}
