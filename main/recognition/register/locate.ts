/**
 * From a first guess of the homography (from the page tag, or from corner candidates) to the final fit:
 * find the corner markers (nearest to the known points first, refitting after each so the guess gets
 * better as it reaches further), then the secondary marks in tight windows, then fit everything with
 * RANSAC.
 */
import type { Mat, OpenCv } from '../opencv/types.ts';
import { angleDiff, scanCornerLike, type CornerLike } from './corner-like.ts';
import { expectedPairAngle, findSolidMark, inside, type FoundMark } from './find-mark.ts';
import { evaluate, fitHomography, type Correspondence, type Fit } from './fit.ts';
import { applyH, convexHull, dist, polygonArea, type Homography, type Pt } from './geometry.ts';
import type { RegistrationModel, SolidMark } from './model.ts';

export interface LocateOptions {
  /** Search margin for the corner markers around their predicted place, image px. */
  cornerMargin: number;
  /** Search margin for secondary marks once the corners are in, image px. */
  secondaryMargin: number;
  /** RANSAC inlier threshold, image px. */
  ransacPx: number;
  /** Image regions no mark can be in (the page tag). */
  exclude?: Pt[][];
  /** Look for corner-marker shapes over the whole image when the first guess misses corners. Default true. */
  scanForCorners?: boolean;
}

export interface Located {
  fit: Fit | undefined;
  /** Every measured point (tag corners and marks), for the bend field. */
  points: Correspondence[];
  found: FoundMark[];
  /** Corner markers that are inliers of the final fit. */
  cornersFound: string[];
  /** Non-optional marks not found (or found but rejected as outliers). */
  missing: string[];
  /** Share of the secondary marks found (1 when the template has none). */
  secondaryShare: number;
}

export function locateMarks(
  cv: OpenCv,
  image: Mat,
  model: RegistrationModel,
  initial: Homography,
  fixed: Correspondence[],
  opts: LocateOptions,
  /** Corner markers already measured (tagless registration starts from them). */
  knownCorners: FoundMark[] = [],
): Located {
  const pts: Correspondence[] = [...fixed, ...knownCorners.map((k) => asCorrespondence(k, true))];
  const found: FoundMark[] = [...knownCorners];
  const known = new Set(knownCorners.map((k) => k.id));
  const pageArea = model.template.canonical.width * model.template.canonical.height;
  let H = initial;
  const add = (f: FoundMark, strong: boolean) => {
    found.push(f);
    known.add(f.id);
    pts.push(asCorrespondence(f, strong));
  };
  /** A fit on the points so far, when they span enough of the page for it to extrapolate well. */
  const spanningFit = () => (pts.length >= 4 && spans(pts, pageArea) ? fitHomography(cv, pts, opts.ransacPx) : undefined);
  const missingCorners = () => model.primary.filter((m) => !known.has(m.id));

  // 1. Every corner marker from the first guess, independently: a refit on points that all lie along one
  //    edge (the tag and the two top corners) would extrapolate worse than the guess itself.
  for (const mark of missingCorners()) {
    const f = findSolidMark(cv, image, H, mark, opts.cornerMargin, undefined, opts.exclude);
    if (f) add(f, true);
  }
  // 2. Far from the guess's points (a steep tilt): corner-marker shapes found anywhere, nearest to each
  //    prediction with the right direction and size.
  if (missingCorners().length > 0 && opts.scanForCorners !== false) {
    for (const f of fromCandidates(cv, image, H, missingCorners(), 0.3 * imageDiagonal(H, model.template.canonical), opts.exclude ?? [])) add(f, true);
  }
  let fitted = spanningFit();
  if (fitted) H = fitted.H;

  // 3. Secondary marks, nearest to what is already known first. Without a spanning fit yet (a first guess
  //    from three corners is only affine) the windows start wider and the fit is redone as points come in.
  const byDistance = [...model.secondary].sort((a, b) => nearest(a, pts) - nearest(b, pts));
  const diag = imageDiagonal(H, model.template.canonical);
  let secondaryFound = 0;
  for (const mark of byDistance) {
    const margin = fitted ? opts.secondaryMargin : Math.max(opts.secondaryMargin * 2.5, 0.03 * diag);
    // Paper bends smoothly: where the marks found nearby sit off the homography, this one will too.
    const bend = localBend(H, mark, pts, 0.15 * diag);
    const predicted = applyH(H, mark.anchor);
    const f = findSolidMark(cv, image, H, mark, margin, bend && { center: { x: predicted.x + bend.x, y: predicted.y + bend.y } }, opts.exclude);
    if (!f) continue;
    secondaryFound++;
    add(f, mark.type === 'midEdge');
    if (!fitted && pts.length >= 6) {
      fitted = spanningFit();
      if (fitted) H = fitted.H;
    }
  }
  // 4. Corners still missing, or matched to the wrong blob (the fit leaves them out), from the best fit so
  //    far, in tight windows.
  fitted = spanningFit() ?? fitted;
  if (fitted) {
    const wrong = new Set(fitted.outliers.map((p) => p.id).filter((id) => model.primary.some((m) => m.id === id)));
    for (const id of wrong) {
      known.delete(id);
      pts.splice(pts.findIndex((p) => p.id === id), 1);
      found.splice(found.findIndex((f) => f.id === id), 1);
    }
  }
  if (fitted && missingCorners().length > 0) {
    H = fitted.H;
    for (const mark of missingCorners()) {
      const f = findSolidMark(cv, image, H, mark, opts.secondaryMargin * 2, undefined, opts.exclude);
      if (f) add(f, true);
    }
  }
  const afterCorners = fitted;
  const fit = fitHomography(cv, pts, opts.ransacPx) ?? (afterCorners && evaluate(afterCorners.H, pts, opts.ransacPx));
  const inlierIds = new Set(fit?.inliers.map((p) => p.id) ?? []);
  const cornersFound = model.primary.filter((m) => inlierIds.has(m.id)).map((m) => m.id);
  const missing = [...model.primary, ...model.secondary]
    .filter((m: SolidMark) => !m.optional && !inlierIds.has(m.id))
    .map((m) => m.id);
  return {
    fit,
    points: pts,
    found,
    cornersFound,
    missing,
    secondaryShare: model.secondary.length ? secondaryFound / model.secondary.length : 1,
  };
}

function asCorrespondence(f: FoundMark, strong = false): Correspondence {
  return { id: f.id, canonical: f.canonical, image: f.image, strong };
}

/** How far a candidate's square-pair direction may be from the predicted one (the prediction is rough). */
const MAX_ANGLE_DIFF = (30 * Math.PI) / 180;

/** Missing corner markers matched to corner-marker shapes found anywhere in the image. */
function fromCandidates(cv: OpenCv, image: Mat, H: Homography, marks: SolidMark[], radius: number, exclude: Pt[][]): FoundMark[] {
  const sides = marks.map((m) => Math.sqrt(Math.abs(polygonArea(m.pieces[0].poly.map((p) => applyH(H, p))))));
  // Only candidates within `radius` of a prediction are used: the scan looks only there (same candidates).
  const predictions = marks.map((m) => applyH(H, m.anchor));
  const candidates = scanCornerLike(cv, image, sides.sort((a, b) => a - b)[Math.floor(sides.length / 2)], { points: predictions, radius });
  const out: FoundMark[] = [];
  const taken = new Set<CornerLike>();
  for (const mark of marks) {
    const predicted = applyH(H, mark.anchor);
    const angle = expectedPairAngle(H, mark);
    let best: CornerLike | undefined;
    let bestD = radius;
    for (const c of candidates) {
      if (taken.has(c) || (angle !== undefined && angleDiff(c.angle, angle) > MAX_ANGLE_DIFF)) continue;
      if (exclude.some((poly) => inside(poly, c.center))) continue;
      const d = dist(c.center, predicted);
      if (d < bestD) {
        best = c;
        bestD = d;
      }
    }
    if (!best) continue;
    // Far from the guess's points its local scale and direction are off too: check the candidate against
    // the marker's shape placed exactly on it (its measured size and direction).
    const local = onCandidate(H, mark, best);
    const f = local && findSolidMark(cv, image, local, mark, Math.max(6, best.side * 0.6), undefined, exclude);
    if (!f) continue;
    taken.add(best);
    out.push(f);
  }
  return out;
}

/**
 * Median offset (image px) from H of the (up to 3) measured points nearest to `mark`, within `radius`
 * canonical-to-image px; undefined when none is that close.
 */
function localBend(H: Homography, mark: SolidMark, pts: Correspondence[], radius: number) {
  // A loop and a module-level comparator, not callbacks made per mark: V8 keeps a closure's optimised code only
  // while an instance of it lives, and these were compiled again for most pages.
  const within: { p: Correspondence; d: number }[] = [];
  for (const p of pts) {
    const d = dist(mark.anchor, p.canonical);
    if (d <= radius) within.push({ p, d });
  }
  const near = within.sort(byDistance).slice(0, 3);
  if (near.length === 0) return undefined;
  const offs = near.map(({ p }) => {
    const q = applyH(H, p.canonical);
    return { x: p.image.x - q.x, y: p.image.y - q.y };
  });
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { x: med(offs.map((o) => o.x)), y: med(offs.map((o) => o.y)) };
}

function byDistance(a: { d: number }, b: { d: number }): number {
  return a.d - b.d;
}

/** Canonical distance from a mark to the nearest point already measured. */
function nearest(mark: SolidMark, pts: Correspondence[]): number {
  let d = Infinity;
  for (const p of pts) d = Math.min(d, dist(mark.anchor, p.canonical));
  return d;
}

/**
 * A similarity map putting the two-square marker `mark` onto candidate `c`: its anchor on the centre, its
 * square pair along the candidate's direction (the way round H predicts), scaled to the measured side.
 */
function onCandidate(H: Homography, mark: SolidMark, c: CornerLike): Homography | undefined {
  if (mark.pieces.length !== 2) return undefined;
  const [p0, p1] = mark.pieces.map((p) => p.centroid);
  const side = Math.sqrt(mark.pieces[0].rect.w * mark.pieces[0].rect.h);
  const alpha = Math.atan2(p1.y - p0.y, p1.x - p0.x);
  // The candidate's direction is known mod π; H tells which way round (mod 2π) the pair runs.
  const [q0, q1] = [applyH(H, p0), applyH(H, p1)];
  const h = Math.atan2(q1.y - q0.y, q1.x - q0.x);
  let theta = c.angle;
  if (Math.cos(theta - h) < 0) theta += Math.PI;
  const k = c.side / side;
  const phi = theta - alpha;
  const a = k * Math.cos(phi);
  const b = k * Math.sin(phi);
  const tx = c.center.x - (a * mark.anchor.x - b * mark.anchor.y);
  const ty = c.center.y - (b * mark.anchor.x + a * mark.anchor.y);
  return [a, -b, tx, b, a, ty, 0, 0, 1];
}

/** Whether the canonical points span enough of the page (hull ≥ 15 %) to fit a homography that extrapolates well. */
function spans(pts: Correspondence[], pageArea: number): boolean {
  const hull = convexHull(pts.map((p) => p.canonical));
  return hull.length >= 3 && Math.abs(polygonArea(hull)) >= 0.15 * pageArea;
}

/** Length of the page diagonal in the image under H, px. */
export function imageDiagonal(H: Homography, size: { width: number; height: number }): number {
  const a = applyH(H, { x: 0, y: 0 });
  const b = applyH(H, { x: size.width, y: size.height });
  const c = applyH(H, { x: size.width, y: 0 });
  const d = applyH(H, { x: 0, y: size.height });
  return (dist(a, b) + dist(c, d)) / 2;
}
