/**
 * registerPage: a page image → which template page it shows, the homography to that template's canonical
 * raster and the rectified page; or `unregistered` (a form, but its marks cannot all be found: a person
 * types the numbers) or `not_a_form` (a photo of something else), decided fast.
 *
 * 1. Preview (~1000 px): look for page tags. None, and no corner-marker look-alikes either → `not_a_form`
 *    (this path costs one small decode and ~20 ms of detection).
 * 2. Working size (~2000–3300 px): refine the tag's corners, predict every mark from the tag, find the
 *    corner markers (from the corner-marker scan when the tag's guess misses them or its fit is refused:
 *    tag-rescue.ts), then the other marks, fit with RANSAC, check the error, warp.
 * 3. No tag: propose page corners from corner-marker look-alikes and let the templates' other marks
 *    (mid-edge, row markers) decide which page (and which way up) it is.
 */
import type { GrayImage } from '../gray-image.ts';
import { PREVIEW_SIZE, WORKING_SIZE, type PageSource } from '../decode/index.ts';
import { loadOpenCv } from '../opencv/load.ts';
import { grayToMat, withMats } from '../opencv/gray-mat.ts';
import type { Mat, OpenCv } from '../opencv/types.ts';
import type { FormTemplate } from '../templates/schema.ts';
import { findCornerLike } from './corner-like.ts';
import { leastSquares, type Correspondence } from './fit.ts';
import { composeH, homographyFrom4, scaleH, type Pt } from './geometry.ts';
import { imageDiagonal, locateMarks, type Located } from './locate.ts';
import { modelIndex, type ModelIndex, type RegistrationModel } from './model.ts';
import { finish, partialOf, type RegisterOptions } from './finish.ts';
import { reasons } from './reasons.ts';
import { refineTag, detectTags, tagSide, type DetectedTag } from './tags.ts';
import { registerTagless } from './tagless.ts';
import { rescueCorners } from './tag-rescue.ts';
import type { RegisterResult } from './types.ts';

export type { RegisterOptions } from './finish.ts';


/** The preview is scaled to this short side before tag detection (smaller previews are used as they are). */
const PREVIEW_SHORT = 750;

export async function registerPage(
  input: GrayImage | PageSource,
  templates: readonly FormTemplate[],
  options: RegisterOptions = {},
): Promise<RegisterResult> {
  const timings: Record<string, number> = {};
  let t = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    timings[name] = Math.round((now - t) * 10) / 10;
    t = now;
  };
  const cv = await loadOpenCv();
  lap('opencvLoad');
  const index = modelIndex(templates);
  const source = isPageSource(input) ? input : undefined;

  // ---- 1. preview
  let previewGray: GrayImage;
  if (source) {
    // Sized by the short side: a page turned sideways in a 16:9 frame only spans the short side.
    const aspect = Math.min(2, Math.max(source.width, source.height) / Math.min(source.width, source.height));
    // libjpeg's scaled decode is good enough to find a tag or refuse a non-form (see LongSide.dctShrink).
    const p = await source.load({ min: PREVIEW_SIZE.min * aspect, max: PREVIEW_SIZE.max * aspect, dctShrink: true });
    if (!p.ok) return { kind: 'unregistered', reason: p.error.message, partial: { cornersFound: 0, missing: [] }, timings };
    previewGray = p.value;
  } else {
    previewGray = input as GrayImage;
  }
  lap('previewDecode');

  const preview = withMats((track) => {
    const full = track(grayToMat(cv, previewGray));
    const short = Math.min(full.cols, full.rows);
    const s = short > PREVIEW_SHORT * 1.3 ? PREVIEW_SHORT / short : 1;
    const small = s < 1 ? track(new cv.Mat()) : full;
    if (s < 1) cv.resize(full, small, new cv.Size(Math.round(full.cols * s), Math.round(full.rows * s)), 0, 0, cv.INTER_AREA);
    const tags = detectTags(cv, small, new Set(index.byTagId.keys()), 'fast');
    let scan: ReturnType<typeof findCornerLike> | undefined;
    if (tags.length === 0) {
      const longSmall = Math.max(small.cols, small.rows);
      scan = findCornerLike(cv, small, Math.max(2.5, longSmall * 0.003), longSmall * 0.03);
    }
    return { width: small.cols, tags, scan };
  });
  lap('previewDetect');

  if (preview.tags.length === 0 && preview.scan && preview.scan.corners.length === 0 && preview.scan.squares < 2) {
    return { kind: 'not_a_form', reason: reasons.notAForm(), timings };
  }

  // ---- 2. working size
  let workGray: GrayImage;
  if (source) {
    // A tagged page reads as well from libjpeg's scaled decode (half the CPU); the tagless registration's
    // small marks need the box-averaged full decode (on 100 12 MP photos, 2 of ~25 tagless pages were lost
    // with the scaled one, no tagged page changed its values).
    const w = await source.load({ ...WORKING_SIZE, dctShrink: preview.tags.length > 0 });
    if (!w.ok) return { kind: 'unregistered', reason: w.error.message, partial: { cornersFound: 0, missing: [] }, timings };
    workGray = w.value;
  } else {
    workGray = input as GrayImage;
  }
  lap('workingDecode');
  // Working px per native px, to report the homography in the input's own pixels.
  const nativeScale = source ? workGray.width / source.width : 1;
  const previewToWork = workGray.width / preview.width;

  const result = withMats((track): RegisterResult => {
    const work = track(grayToMat(cv, workGray));
    lap('toMat');
    const tags = preview.tags.map((tg) => scaleTag(tg, previewToWork));
    if (tags.length > 0) return registerFromTag(cv, work, index, pickLargest(tags), options, timings, lap);
    // No tag in the preview: a tagless page (NETGRIT) as a rule, so its own registration comes first; the
    // search for a tag too small for the preview (~2000 px, 150–220 ms CPU) only when that names no page.
    const tagless = registerTagless(cv, work, index, options, timings, lap, preview.scan?.corners.length ?? 0);
    if (tagless.kind === 'registered' || index.byTagId.size === 0) return tagless;
    const retried = retryTags(cv, work, index, track);
    lap('tagRetry');
    return retried.length > 0 ? registerFromTag(cv, work, index, pickLargest(retried), options, timings, lap) : tagless;
  });
  if (result.kind === 'registered') {
    // Working px → native px.
    result.homography = composeH(scaleH(1 / nativeScale), result.homography);
  }
  return result;
}

function isPageSource(x: GrayImage | PageSource): x is PageSource {
  return typeof (x as PageSource).load === 'function';
}

function scaleTag(tag: DetectedTag, s: number): DetectedTag {
  return { tagId: tag.tagId, corners: tag.corners.map((p) => ({ x: p.x * s, y: p.y * s })) as DetectedTag['corners'] };
}

function pickLargest(tags: DetectedTag[]): DetectedTag {
  return tags.reduce((a, b) => (tagSide(b) > tagSide(a) ? b : a));
}

function retryTags(cv: OpenCv, work: Mat, index: ModelIndex, track: <M extends { delete(): void }>(m: M) => M): DetectedTag[] {
  const long = Math.max(work.cols, work.rows);
  const s = Math.min(1, 2000 / long);
  let img = work;
  if (s < 1) {
    img = track(new cv.Mat());
    cv.resize(work, img, new cv.Size(Math.round(work.cols * s), Math.round(work.rows * s)), 0, 0, cv.INTER_AREA);
  }
  return detectTags(cv, img, new Set(index.byTagId.keys()), 'thorough').map((tg) => scaleTag(tg, 1 / s));
}

type Lap = (name: string) => void;

function registerFromTag(
  cv: OpenCv,
  work: Mat,
  index: ModelIndex,
  approx: DetectedTag,
  options: RegisterOptions,
  timings: Record<string, number>,
  lap: Lap,
): RegisterResult {
  const model = index.byTagId.get(approx.tagId)!;
  const spec = model.tag!;
  const tag = refineTag(cv, work, approx) ?? approx;
  lap('tagRefine');
  const H0 = homographyFrom4(spec.corners, tag.corners);
  if (!H0) {
    return { kind: 'unregistered', reason: reasons.tagUnusable(), partial: partialOf(model, tag.tagId, []), timings };
  }
  const diag = imageDiagonal(H0, model.template.canonical);
  const fixed: Correspondence[] = spec.corners.map((c, i) => ({
    id: `${spec.markId}#${i}`,
    canonical: c,
    image: tag.corners[i],
    strong: true,
    required: true,
  }));
  // The tag's own cells look like squares: nothing is searched for inside it (grown by a third).
  const c = tag.corners.reduce((a, p) => ({ x: a.x + p.x / 4, y: a.y + p.y / 4 }), { x: 0, y: 0 });
  const tagZone = tag.corners.map((p) => ({ x: c.x + (p.x - c.x) * 1.35, y: c.y + (p.y - c.y) * 1.35 }));
  let located = locateMarks(cv, work, model, H0, fixed, {
    // Far from a small tag the first guess can be off by several % of the page: a moderate window first,
    // then corner-marker shapes anywhere (see locateMarks).
    cornerMargin: Math.max(20, 0.06 * diag),
    secondaryMargin: Math.max(8, 0.012 * diag),
    ransacPx: Math.max(3, 0.004 * diag),
    exclude: [tagZone],
  });
  lap('marks');
  const rescue = () => {
    const rescued = rescueCorners(cv, work, model, fixed, tagSide(tag), [tagZone], H0, options.trace);
    lap('cornerRescue');
    options.trace?.('rescue', { corners: rescued?.cornersFound ?? [] });
    return rescued;
  };
  let rescueTried = false;
  if (located.cornersFound.length < Math.max(3, model.primary.length - (options.maxMissingCorners ?? 1))) {
    rescueTried = true;
    located = rescue() ?? located;
  }
  options.trace?.('located', {
    page: model.template.id,
    tagSide: tagSide(tag),
    found: located.found.map((f) => `${f.id}@${f.shift.toFixed(1)}`),
    cornersFound: located.cornersFound,
    outliers: located.fit?.outliers.map((p) => p.id) ?? [],
  });
  const result = finish(cv, work, model, located, true, options, timings, lap);
  if (result.kind === 'registered') {
    if (!suspectFlatFit(result, model, options)) return result;
    // Tag and four corners that agree only loosely: one corner may be a look-alike the fit bent towards.
    // The tag's corners are precise but close together and hardly hold the far side of the page, so all
    // eight points stay within the inlier threshold (tune-1/11: corner-tl ~125 px off, RMS 5,5 px, fields
    // ~40 % of a box off). Each corner is left out and looked for again; a clearly better fit replaces it.
    const again = againWithoutOneCorner(cv, work, model, fixed, located, [tagZone], diag, options, timings, lap, true);
    return again && again.quality.reprojErrorPx < result.quality.reprojErrorPx / 2 ? again : result;
  }
  if (located.cornersFound.length === 3 && model.primary.length === 4) {
    const again = againWithoutOneCorner(cv, work, model, fixed, located, [tagZone], diag, options, timings, lap);
    if (again) return again;
  }
  // Far from a small tag its guess can land near look-alikes as well as miss corners (tune-2/461: two of
  // three corners 60–140 px off, refused by the border check): the corner scan's page hypotheses, checked
  // against the tag, are the other way in — tried once per page, only when the tag's way failed.
  if (rescueTried) return result;
  const rescued = rescue();
  if (!rescued) return result;
  const second = finish(cv, work, model, rescued, true, options, timings, lap);
  return second.kind === 'registered' ? second : result;
}

/**
 * Tag + three corners fit exactly, so when the printed boxes are not where that fit puts them (finish's
 * border check) one corner is a look-alike elsewhere (tuning sets: 120–470 px off on steeply tilted
 * pages, the fourth corner unseen). Each corner in turn is left out, the page predicted from the tag and
 * the other two and every corner looked for again (tight windows, then the corner-marker scan); the
 * first fit finish accepts is the page (or, with `best`, the one with the smallest error). Only pages
 * refused this way, or whose flat fit is suspect (suspectFlatFit), pay for it.
 */
function againWithoutOneCorner(
  cv: OpenCv,
  work: Mat,
  model: RegistrationModel,
  fixed: Correspondence[],
  located: Located,
  exclude: Pt[][],
  diag: number,
  options: RegisterOptions,
  timings: Record<string, number>,
  lap: Lap,
  /** Try every corner and keep the fit with the smallest error (default: the first fit finish accepts). */
  best = false,
): Extract<RegisterResult, { kind: 'registered' }> | undefined {
  const corners = located.points.filter((p) => located.cornersFound.includes(p.id));
  let kept: Extract<RegisterResult, { kind: 'registered' }> | undefined;
  for (const left of corners) {
    const H = leastSquares(cv, [...fixed, ...corners.filter((p) => p !== left)]);
    if (!H) continue;
    const again = locateMarks(cv, work, model, H, fixed, {
      cornerMargin: Math.max(12, 0.015 * diag),
      secondaryMargin: Math.max(8, 0.012 * diag),
      ransacPx: Math.max(3, 0.004 * diag),
      exclude,
    });
    const moved = again.points.find((p) => p.id === left.id);
    const same = moved && Math.hypot(moved.image.x - left.image.x, moved.image.y - left.image.y) < 2;
    options.trace?.('withoutCorner', { left: left.id, cornersFound: again.cornersFound, same: !!same });
    if (same || again.cornersFound.length < 3) continue;
    const r = finish(cv, work, model, again, true, options, timings, lap);
    lap('cornerRetry');
    if (r.kind !== 'registered') continue;
    if (!best) return r;
    if (!kept || r.quality.reprojErrorPx < kept.quality.reprojErrorPx) kept = r;
  }
  return kept;
}

/**
 * A flat fit (tag and corner markers only, no bend field) whose RMS error is above half the refusal limit
 * (maxFlatRmsShare): well above what a right fit shows (tuning sets tune-1 and tune-2: 532 such pages,
 * RMS ≤ 1,44 canonical px, 99 % ≤ 0,87; the limit is ~7 px on a KPU page).
 */
function suspectFlatFit(r: Extract<RegisterResult, { kind: 'registered' }>, model: RegistrationModel, options: RegisterOptions): boolean {
  if (r.quality.bendPx !== 0 || r.quality.cornersFound !== model.primary.length) return false;
  const { width, height } = model.template.canonical;
  return r.quality.reprojErrorPx > 0.5 * (options.maxFlatRmsShare ?? 0.002) * Math.hypot(width, height);
}
