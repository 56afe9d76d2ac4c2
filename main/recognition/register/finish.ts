/**
 * The last step shared by the tag and tagless paths: from the located marks to `registered` (fit good
 * enough, ≥ 3 corners) with the rectified page, or to `unregistered` with what was missing.
 */
import type { Mat, OpenCv } from '../opencv/types.ts';
import { applyH, type Homography, type Pt } from './geometry.ts';
import { leastSquares, type Correspondence } from './fit.ts';
import { imageDiagonal } from './locate.ts';
import { boxBorderScore } from './verify-boxes.ts';
import { fitWarpField } from './warp-field.ts';
import type { Located } from './locate.ts';
import type { RegistrationModel } from './model.ts';
import { reasons } from './reasons.ts';
import { localScale, rectify } from './rectify.ts';
import { readSpans } from './read-regions.ts';
import { readPageQr } from './read-qr.ts';
import type { RegisterResult } from './types.ts';

export interface RegisterOptions {
  /** At most this many of the template's required corner markers may be missing. Default 1 (3 of 4). */
  maxMissingCorners?: number;
  /** Refuse a bent-page fit whose RMS error exceeds this share of the canonical page diagonal. Default 0.005. */
  maxRmsShare?: number;
  /** The same for a flat fit through the tag and corners only. Default 0.002 (~7 px on the plano). */
  maxFlatRmsShare?: number;
  /** Rectify the whole page, not only what the field readers look at (for tools and pictures). */
  fullPage?: boolean;
  /** Called with intermediate findings (hypotheses, marks found), for diagnosis tools; never needed to register. */
  trace?: (event: string, detail: Record<string, unknown>) => void;
}

type Lap = (name: string) => void;

/** Shared by the tag and tagless paths: decide registered / unregistered from what was located. */
export function finish(
  cv: OpenCv,
  work: Mat,
  model: RegistrationModel,
  located: Located,
  tagFound: boolean,
  options: RegisterOptions,
  timings: Record<string, number>,
  lap: Lap,
): RegisterResult {
  const t = model.template;
  const cornersExpected = model.primary.length;
  const minCorners = Math.max(3, cornersExpected - (options.maxMissingCorners ?? 1));
  const partial = partialOf(model, model.tag && tagFound ? model.tag.tagId : undefined, located.missing, located.cornersFound.length);
  if (!located.fit) {
    return {
      kind: 'unregistered',
      reason: reasons.cornersMissing(located.cornersFound.length, cornersExpected, tagFound, t.page),
      partial,
      timings,
    };
  }
  const fit = located.fit;
  const bend = bendField(cv, fit.H, located, model);
  const H = bend.H;
  const controlIds = new Set(bend.control.map((p) => p.id.split('#')[0]));
  const cornersFound = model.primary.filter((m) => controlIds.has(m.id)).length;
  if (cornersFound < Math.min(minCorners, cornersExpected)) {
    return { kind: 'unregistered', reason: reasons.cornersMissing(cornersFound, cornersExpected, tagFound, t.page), partial, timings };
  }
  const scale = localScale(H, t.canonical.width / 2, t.canonical.height / 2);
  const rms = bend.rmsImage / scale;
  // A flat fit (tag + corners, residuals of one homography) is held to a tighter limit than a bent page's
  // neighbour deviations.
  const share = bend.flat ? (options.maxFlatRmsShare ?? 0.002) : (options.maxRmsShare ?? 0.005);
  const maxRms = share * Math.hypot(t.canonical.width, t.canonical.height);
  if (rms > maxRms) {
    return { kind: 'unregistered', reason: reasons.inconsistent(rms), partial, timings };
  }
  const rectified = rectify(cv, work, H, t.canonical, bend.field, options.fullPage ? undefined : readSpans(t));
  lap('warp');
  // Tag + three corners fix the homography exactly: nothing in the marks could reveal one wrong corner,
  // so the printed digit boxes must be where the template puts them.
  const secondaryInFit = model.secondary.some((m) => controlIds.has(m.id));
  if (cornersFound < cornersExpected && !secondaryInFit) {
    const score = boxBorderScore(rectified, t);
    if (score !== undefined && score < 0.6) {
      return { kind: 'unregistered', reason: reasons.inconsistent(rms), partial, timings };
    }
  }
  const qr = readPageQr(cv, work, H, t);
  lap('qr');
  // For diagnosis tools: the whole canonical → working-image map (homography and bend).
  options.trace?.('mapping', { H, field: bend.field, points: located.points, control: bend.control.map((p) => p.id) });
  const usedIds = [...controlIds];
  return {
    kind: 'registered',
    templateId: t.id,
    page: t.page,
    homography: H,
    quality: {
      marksFound: usedIds.length,
      marksExpected: model.primary.length + model.secondary.length + (model.tag ? 1 : 0),
      cornersFound,
      cornersExpected,
      tagFound,
      reprojErrorPx: round(rms),
      maxErrorPx: round(bend.maxImage / scale),
      bendPx: round(bend.maxBend / scale),
      outliers: [...new Set(located.points.map((p) => p.id.split('#')[0]).filter((id) => !controlIds.has(id)))],
      scale: round(scale),
      rotationDeg: rotationOf(H, t.canonical),
    },
    rectified,
    ...(qr === undefined ? {} : { qr }),
    timings,
  };
}

/**
 * The marks that agree with each other, and the bend field through them. Points far off the homography
 * (beyond 3 % of the page diagonal) are not the paper bending but wrong matches; of the rest, the point
 * that its neighbours predict worst is dropped while it stands out, so one wrong match cannot pull the
 * page. Errors are leave-one-out: how far each mark is from where all the others put it, image px.
 */
function bendField(cv: OpenCv, fitH: Homography, located: Located, model: RegistrationModel) {
  const diag = imageDiagonal(fitH, model.template.canonical);
  const ransacPx = Math.max(3, 0.004 * diag);
  const residual = (H: Homography, p: Correspondence) => {
    const q = applyH(H, p.canonical);
    return Math.hypot(q.x - p.image.x, q.y - p.image.y);
  };
  // The global part: least squares through every plausible point (a curled page pulls RANSAC's
  // homography towards whichever region has most marks, and away from the corners; the bend field
  // handles the rest). "Plausible": within 3 % of the page diagonal of the least-squares fit through all
  // points, or failing that (many wrong matches) of RANSAC's fit.
  if (located.points.length < MIN_BEND_POINTS) {
    // Tag and corners only: too few points to tell a bend from a wrong match, so RANSAC's verdict stands.
    const control = located.fit?.inliers ?? [];
    const H = leastSquares(cv, control) ?? fitH;
    const errors = control.map((p) => residual(H, p));
    return { H, control, field: undefined, flat: true, ...stats(errors), maxBend: 0 };
  }
  const near = (H: Homography) => located.points.filter((p) => residual(H, p) <= 0.03 * diag);
  const overall = leastSquares(cv, located.points);
  let control = overall && near(overall).length >= 0.8 * located.points.length ? near(overall) : near(fitH);
  // One wild match (a row label hundreds of px off) can pull the fit through all points far enough to
  // leave out a true corner marker: refit on the points kept and take again, while that keeps more.
  for (let round = 0; round < 3; round++) {
    const refit = leastSquares(cv, control);
    const again = refit ? near(refit) : control;
    if (again.length <= control.length) break;
    control = again;
  }
  let H = leastSquares(cv, control) ?? fitH;
  // Paper bends smoothly: a mark whose offset from H differs from its neighbours' by more than 1 % of
  // the page diagonal was matched to the wrong blob (e.g. the next row's marker). Corner markers, the
  // most distinctive shapes and far from any neighbour, are kept. (At 1,2 % a NETGRIT row label matched
  // to the next row's, ~1,2 % away, stayed in and bent the boxes around it 25–38 px: tuning sets tune-1
  // and tune-2, 5 of 247 registered pages; 1 % drops it and no page lost a right mark that mattered.)
  // Judged against the median of 6 neighbours: row labels that cannot be seen where they are printed
  // (merged with the table border) match the next row's label, and three or four such labels side by
  // side made each other's 4-neighbour median and stayed in, while the row bars beside them were right
  // (tune-2/428: labels 43–45 px off, bend 35 px). The error reported stays the 4-neighbour one.
  const primaryIds = new Set(model.primary.map((m) => m.id));
  let deviations = neighbourDeviations(H, control, JUDGE_NEIGHBOURS);
  const limit = Math.max(2.5 * ransacPx, 0.01 * diag);
  const wrong = new Set<Correspondence>();
  // The worst first: a wrong match also spoils its neighbours' deviations.
  for (let round = 0; round < control.length / 4; round++) {
    let worst = -1;
    control.forEach((p, i) => {
      if (!primaryIds.has(p.id.split('#')[0]) && deviations[i] > limit && (worst < 0 || deviations[i] > deviations[worst])) worst = i;
    });
    if (worst < 0) break;
    wrong.add(control[worst]);
    control = control.filter((_, i) => i !== worst);
    H = leastSquares(cv, control) ?? H;
    deviations = neighbourDeviations(H, control, JUDGE_NEIGHBOURS);
  }
  const field = control.length >= MIN_BEND_POINTS ? fitWarpField(H, control, model.template.canonical) : undefined;
  // Without enough points for a field (tag + corners only) the errors are the homography's residuals;
  // with one, how far each mark's offset is from its neighbours' (corner markers have no near neighbours).
  const errors = field
    ? neighbourDeviations(H, control, ERROR_NEIGHBOURS).filter((_, i) => !primaryIds.has(control[i].id.split('#')[0]))
    : control.map((p) => residual(H, p));
  let maxBend = 0;
  if (field) {
    for (const p of control) {
      const d = field.at(p.canonical);
      maxBend = Math.max(maxBend, Math.hypot(d.x, d.y));
    }
  }
  return { H, control, field, flat: field === undefined, ...stats(errors), maxBend };
}

/** Fewer measured points than this (a tag and the corners) get no bend field. */
const MIN_BEND_POINTS = 10;

function stats(errors: number[]): { rmsImage: number; maxImage: number } {
  return {
    rmsImage: Math.sqrt(errors.reduce((s, e) => s + e * e, 0) / Math.max(1, errors.length)),
    maxImage: errors.reduce((m, e) => Math.max(m, e), 0),
  };
}

/** Neighbours a mark's offset is judged against (which marks are wrong matches) and measured against (the error). */
const JUDGE_NEIGHBOURS = 6;
const ERROR_NEIGHBOURS = 4;

/** For each point: distance between its offset from H and the median offset of its `count` nearest neighbours. */
function neighbourDeviations(H: Homography, pts: Correspondence[], count: number): number[] {
  const off = pts.map((p) => {
    const q = applyH(H, p.canonical);
    return { x: p.image.x - q.x, y: p.image.y - q.y };
  });
  const median = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  };
  return pts.map((p, i) => {
    const nbrs = nearestOffsets(pts, off, i, count);
    if (nbrs.length === 0) return 0;
    return Math.hypot(off[i].x - median(nbrs.map((o) => o.x)), off[i].y - median(nbrs.map((o) => o.y)));
  });
}

/**
 * The offsets of the (up to `count`) points nearest to point i, nearest first. A loop and a module-level comparator,
 * not callbacks made per point: V8 keeps a closure's optimised code only while an instance of it lives.
 */
function nearestOffsets(pts: Correspondence[], off: Pt[], i: number, count: number): Pt[] {
  const p = pts[i];
  const byD: { j: number; d: number }[] = [];
  for (let j = 0; j < pts.length; j++) {
    const q = pts[j];
    byD.push({ j, d: j === i ? Infinity : Math.hypot(q.canonical.x - p.canonical.x, q.canonical.y - p.canonical.y) });
  }
  byD.sort(byDistance);
  const out: Pt[] = [];
  for (let k = 0; k < Math.min(count, pts.length - 1); k++) out.push(off[byD[k].j]);
  return out;
}

function byDistance(a: { d: number }, b: { d: number }): number {
  return a.d - b.d;
}

export function partialOf(model: RegistrationModel, tagId: number | undefined, missing: string[], cornersFound = 0) {
  return {
    templateId: model.template.id,
    page: model.template.page,
    tagId,
    cornersFound,
    cornersExpected: model.primary.length,
    missing,
  };
}

/** Direction of the canonical x axis in the image, degrees clockwise from the image's x axis. */
export function rotationOf(H: Homography, size: { width: number; height: number }): number {
  const cx = size.width / 2;
  const cy = size.height / 2;
  const w0 = H[6] * cx + H[7] * cy + H[8];
  const w1 = H[6] * (cx + 1) + H[7] * cy + H[8];
  const dx = (H[0] * (cx + 1) + H[1] * cy + H[2]) / w1 - (H[0] * cx + H[1] * cy + H[2]) / w0;
  const dy = (H[3] * (cx + 1) + H[4] * cy + H[5]) / w1 - (H[3] * cx + H[4] * cy + H[5]) / w0;
  const deg = (Math.atan2(dy, dx) * 180) / Math.PI;
  return Math.round(((deg % 360) + 360) % 360);
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
