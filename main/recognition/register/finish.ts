/**
 * The last step shared by the tag and tagless paths: from the located marks to `registered` (fit good
 * enough, ≥ 3 corners) with the rectified page, or to `unregistered` with what was missing.
 */
import type { Mat, OpenCv } from '../opencv/types.ts';
import { applyH, type Homography } from './geometry.ts';
import { leastSquares, type Correspondence } from './fit.ts';
import { imageDiagonal } from './locate.ts';
import { boxBorderScore } from './verify-boxes.ts';
import { fitWarpField, type WarpField } from './warp-field.ts';
import type { Located } from './locate.ts';
import type { RegistrationModel } from './model.ts';
import { reasons } from './reasons.ts';
import { localScale, rectify } from './rectify.ts';
import type { RegisterResult } from './types.ts';

export interface RegisterOptions {
  /** At most this many of the template's required corner markers may be missing. Default 1 (3 of 4). */
  maxMissingCorners?: number;
  /** Refuse a fit whose RMS error exceeds this share of the canonical page diagonal. Default 0.005. */
  maxRmsShare?: number;
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
  const maxRms = (options.maxRmsShare ?? 0.005) * Math.hypot(t.canonical.width, t.canonical.height);
  if (rms > maxRms) {
    return { kind: 'unregistered', reason: reasons.inconsistent(rms), partial, timings };
  }
  const rectified = rectify(cv, work, H, t.canonical, bend.field);
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
  // homography towards whichever region has most marks; the bend field handles the rest).
  let control = located.points.filter((p) => residual(fitH, p) <= 0.03 * diag);
  let H = leastSquares(cv, control) ?? fitH;
  let field: WarpField | undefined;
  for (let round = 0; round < 8; round++) {
    field = fitWarpField(H, control, model.template.canonical);
    if (!field) break;
    const errs = [...field.looErrors.entries()].sort((a, b) => b[1] - a[1]);
    const median = errs[Math.floor(errs.length / 2)]?.[1] ?? 0;
    const [worstId, worst] = errs[0] ?? ['', 0];
    // Marks at the page's edge are extrapolated from the others, so their leave-one-out error is larger
    // even when right: only an error beyond ~1 % of the page diagonal marks a wrong match.
    if (worst <= Math.max(3 * ransacPx, 4 * median)) break;
    control = control.filter((p) => p.id !== worstId);
    H = leastSquares(cv, control) ?? H;
  }
  // Without enough points for a field (tag + corners only), the homography's own residuals are the errors.
  const errors = field ? [...field.looErrors.values()] : control.map((p) => residual(H, p));
  const pageIsFlat = !field || control.length < 10;
  let maxBend = 0;
  if (field) {
    for (const p of control) {
      const d = field.at(p.canonical);
      maxBend = Math.max(maxBend, Math.hypot(d.x, d.y));
    }
  }
  return {
    H,
    control,
    // A field through a handful of points (tag + corners only) only adds noise: those warp with H alone.
    field: pageIsFlat ? undefined : field,
    rmsImage: Math.sqrt(errors.reduce((s, e) => s + e * e, 0) / Math.max(1, errors.length)),
    maxImage: errors.reduce((m, e) => Math.max(m, e), 0),
    maxBend: pageIsFlat ? 0 : maxBend,
  };
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
function rotationOf(H: Homography, size: { width: number; height: number }): number {
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
