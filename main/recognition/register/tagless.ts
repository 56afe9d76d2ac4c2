/**
 * Registration of forms without a page tag (the NETGRIT draft): page-corner hypotheses from corner-marker
 * look-alikes (the outermost four), each checked against the template's other marks. The direction of
 * each marker's square pair rules out half of the four ways up; the secondary marks (mid-edge squares,
 * table and row marks) tell the page and which way up — the page's QR when it can be read, else the
 * marks no other page or way up has in that place (RegistrationModel.distinct). A page that fails on the
 * coarse corner scan is tried once more on a finer one.
 */
import type { Mat, OpenCv } from '../opencv/types.ts';
import { withMats } from '../opencv/gray-mat.ts';
import { angleDiff, scanCornerLike, type CornerLike } from './corner-like.ts';
import { expectedPairAngle, findSolidMark } from './find-mark.ts';
import { affineFrom3, composeH, convexHull, homographyFrom4, polygonArea, type Homography, type Pt } from './geometry.ts';
import { imageDiagonal, locateMarks, type Located } from './locate.ts';
import type { ModelIndex, RegistrationModel, SolidMark } from './model.ts';
import { reasons } from './reasons.ts';
import { finish, rotationOf, type RegisterOptions } from './finish.ts';
import type { RegisterResult } from './types.ts';
import { fixedQrContent, readPageQr } from './read-qr.ts';
import type { Homography as H3 } from './geometry.ts';

/** Secondary marks tried per hypothesis before committing to one. */
const PROBES = 8;

interface Hypothesis {
  model: RegistrationModel;
  H: Homography;
  score: number;
  affine: boolean;
}

export function registerTagless(
  cv: OpenCv,
  work: Mat,
  index: ModelIndex,
  options: RegisterOptions,
  timings: Record<string, number>,
  lap: (name: string) => void,
  /** Corner-marker look-alikes the preview showed (it has no tag). */
  previewCorners = 0,
): RegisterResult {
  const candidates = scanCornerLike(cv, work);
  lap('cornerScan');
  // Two corner markers whose outlines were checked are too specific for a photo of something else.
  const strong = candidates.filter((c) => c.strong).length;
  const giveUp = (partly: boolean): RegisterResult =>
    partly || strong >= 2
      ? { kind: 'unregistered', reason: reasons.noTagNoMatch(), partial: { cornersFound: strong, missing: [] }, timings }
      : { kind: 'not_a_form', reason: reasons.notAForm(), timings };
  if (index.tagless.length === 0) return giveUp(false);
  const first = candidates.length >= 3 ? attempt(cv, work, index, candidates, options, timings, lap) : { partly: false };
  if ('kind' in first) return first;
  // Looks like a form but no page was named: the far corners of a steeply tilted or small page can be
  // too small for the scan's ~1600 px copy (two squares of ~6 px blur into one blob). Scan again finer,
  // sized by the markers already seen; only pages that failed pay for it.
  // The preview's own corner look-alikes count as such a sign: a steeply tilted page far from the camera
  // can show them there and too few strong ones on the coarse scan (tune-2: two NETGRIT pages were
  // refused as `not_a_form`; the finer scan registers one of them).
  if (!(first.partly || strong >= 2 || previewCorners >= 3)) return giveUp(false);
  const finer = finerCandidates(cv, work, candidates);
  lap('cornerScanFine');
  if (finer.length < 3) return giveUp(first.partly);
  const second = attempt(cv, work, index, finer, options, timings, lap);
  return 'kind' in second ? second : giveUp(first.partly || second.partly);
}

/** Sides of the markers seen decide the finer scan: squares from ~0.2× the typical side count (scanned at ≥ 8 px for half of it). */
function finerCandidates(cv: OpenCv, work: Mat, coarse: CornerLike[]): CornerLike[] {
  const pool = coarse.filter((c) => c.strong).length >= 2 ? coarse.filter((c) => c.strong) : coarse;
  if (pool.length === 0) return [];
  const sides = pool.map((c) => c.side).sort((a, b) => a - b);
  const fine = scanCornerLike(cv, work, 0.5 * sides[Math.floor(sides.length / 2)]);
  // Keep coarse candidates the fine scan did not see again (a large, near corner can fall outside its size range).
  const extra = coarse.filter((c) => !fine.some((f) => Math.hypot(f.center.x - c.center.x, f.center.y - c.center.y) < c.side));
  return [...fine, ...extra];
}

/**
 * One pass from corner candidates: page hypotheses, probed, the best few located; a result when a page
 * is named (registered, or refused by finish), else whether anything looked like a page (`partly`).
 */
function attempt(
  cv: OpenCv,
  work: Mat,
  index: ModelIndex,
  candidates: CornerLike[],
  options: RegisterOptions,
  timings: Record<string, number>,
  lap: (name: string) => void,
): RegisterResult | { partly: boolean } {
  const scored: Hypothesis[] = [];
  for (const model of index.tagless) {
    for (const h of hypotheses(model, candidates)) {
      const diag = imageDiagonal(h.H, model.template.canonical);
      const score = probe(cv, work, model, h.H, (h.affine ? 0.04 : 0.015) * diag);
      scored.push({ model, H: h.H, score, affine: h.affine });
    }
  }
  scored.sort((a, b) => b.score - a.score);
  lap('hypotheses');
  options.trace?.('hypotheses', {
    candidates: candidates.length,
    top: scored.slice(0, 6).map((h) => ({ page: h.model.template.id, score: h.score, affine: h.affine, rotation: rotationOf(h.H, h.model.template.canonical) })),
  });
  const top = scored[0];
  if (!top || top.score < 0.25) return { partly: false };
  // Pages of one form share their corners and some marks, and a probe sees only a few marks: locate
  // fully on the best few and keep the one whose marks are found best.
  const ranked: Ranked[] = [];
  for (const h of scored.slice(0, 4)) {
    if (h.score < 0.25) break;
    const diag = imageDiagonal(h.H, h.model.template.canonical);
    const located = locateMarks(cv, work, h.model, h.H, [], {
      cornerMargin: (h.affine ? 0.05 : 0.02) * diag,
      secondaryMargin: Math.max(8, 0.012 * diag),
      ransacPx: Math.max(3, 0.004 * diag),
    });
    // The page's own QR, read where this fit puts it, names the page outright (pages of one form share
    // corners, mid-edge and many row marks; a faint or curled page finds too few of the rest to tell).
    const byQr = located.fit && qrIdentified(cv, work, index, located.fit.H);
    if (byQr && located.fit) {
      lap('marks');
      options.trace?.('qr', { page: byQr.template.id });
      const sure = byQr === h.model ? located : relocate(cv, work, byQr, located.fit.H);
      return finish(cv, work, byQr, sure, false, options, timings, lap);
    }
    ranked.push(rank(h, located));
  }
  lap('marks');
  ranked.sort((a, b) => b.rank - a.rank);
  options.trace?.('ranked', {
    ranked: ranked.map((r) => ({
      page: r.h.model.template.id,
      rotation: r.rotation,
      rank: r.rank,
      secondaryShare: r.located.secondaryShare,
      distinct: `${r.distinctFound}/${r.h.model.distinct?.size ?? 0}`,
      found: r.located.found.filter((f) => r.h.model.distinct?.has(f.id)).map((f) => `${f.id}@${f.shift.toFixed(1)}`),
      outliers: r.located.fit?.outliers.map((p) => p.id) ?? [],
      missing: r.located.missing.length,
    })),
  });
  const best = ranked[0];
  if (!best) return { partly: true };
  const proof = evidence(cv, work, index, best);
  options.trace?.('evidence', { own: proof.own, rival: proof.rival, rivalPage: proof.rivalModel?.template.id });
  lap('evidence');
  if (identified(best, proof)) return finish(cv, work, best.h.model, best.located, false, options, timings, lap);
  // The fit holds but another page (or the other way up) shows far more of its distinct marks: that is
  // the page — located again from the same fit, and named only if it passes the same test.
  if (proof.rivalModel && proof.rivalH && proof.rival >= MIN_DISTINCT && proof.own <= proof.rival / 2) {
    const located = relocate(cv, work, proof.rivalModel, proof.rivalH);
    const switched = rank({ model: proof.rivalModel, H: proof.rivalH, score: best.h.score, affine: false }, located);
    const again = evidence(cv, work, index, switched);
    options.trace?.('switched', { page: proof.rivalModel.template.id, own: again.own, rival: again.rival, secondaryShare: switched.located.secondaryShare, distinctFound: switched.distinctFound });
    if (identified(switched, again)) return finish(cv, work, proof.rivalModel, located, false, options, timings, lap);
  }
  return { partly: true };
}

interface Evidence {
  /** Distinct marks of the best page found where its fit puts them. */
  own: number;
  /** The most distinct marks of any other page or way up found where the same fit would put them. */
  rival: number;
  /** That reading: its page and homography. */
  rivalModel?: RegistrationModel;
  rivalH?: Homography;
}

/**
 * The best page against every other reading of the same fit: the other pages of the same size, and each
 * page turned 180° (the corner and mid-edge marks look the same either way). Each is scored by how many
 * of its distinct marks sit where the fit puts them (tight windows), so all are judged on the same
 * image points.
 */
function evidence(cv: OpenCv, work: Mat, index: ModelIndex, best: Ranked): Evidence {
  const model = best.h.model;
  const H = best.located.fit?.H ?? best.h.H;
  const { width: W, height: Hc } = model.template.canonical;
  // Tight: the fit holds the right page's marks within a pixel or two (a wrong page's look-alikes sit ~5–20 px off).
  const margin = Math.max(3, 0.003 * imageDiagonal(H, model.template.canonical));
  const count = (m: RegistrationModel, G: Homography) =>
    m.secondary.filter((k) => m.distinct?.has(k.id) && findSolidMark(cv, work, G, k, margin)).length;
  const turned = composeH(H, [-1, 0, W, 0, -1, Hc, 0, 0, 1]);
  let rival = 0;
  let rivalModel: RegistrationModel | undefined;
  let rivalH: Homography | undefined;
  for (const m of index.tagless) {
    if (m.template.canonical.width !== W || m.template.canonical.height !== Hc) continue;
    for (const G of m === model ? [turned] : [H, turned]) {
      const n = count(m, G);
      if (n > rival) [rival, rivalModel, rivalH] = [n, m, G];
    }
  }
  return { own: count(model, H), rival, rivalModel, rivalH };
}

/** Distinct marks found, at least, before a page without a readable QR is named by them alone. */
const MIN_DISTINCT = 4;

/**
 * Whether the best hypothesis names its page surely: most of its secondary marks found (the rule before
 * distinct marks were counted) and no other reading of the fit doing better on distinct marks; or enough
 * of its distinct marks and every other reading at most half as many (a wrong page shares many marks,
 * never those) — and at least a third of them held by the fit itself, not only found near where it puts them.
 *
 * Why the last part: bench-1/516, a KWK page whose small tag the preview missed, was named NETGRIT hal 1
 * from its four corner markers alone. Six NETGRIT row marks "were there" within the tight windows (the KWK
 * page's filled bubbles and box corners), but the fit held none of them: 4 marks of 42, every field empty.
 * The NETGRIT pages named this way (5 of 262 on the tuning sets, 8 of 356 on the bench set; the rest by QR)
 * held half of theirs or more: 7 of 12 … 14 of 22 (a hal 2 page, with 13 distinct marks in all: 3 of 6).
 */
function identified(best: Ranked, proof: Evidence): boolean {
  if (best.located.secondaryShare >= 0.5 && proof.own >= proof.rival) return true;
  return proof.own >= MIN_DISTINCT && proof.rival <= proof.own / 2 && best.distinctFound * 3 >= proof.own;
}

interface Ranked {
  h: Hypothesis;
  located: Located;
  /** Share of the corners found plus the share of the page's distinct marks found. */
  rank: number;
  /** How many of the page's distinct marks (see RegistrationModel.distinct) were found. */
  distinctFound: number;
  distinctShare: number;
  /** Which way up the hypothesis puts the page, degrees. */
  rotation: number;
}

/**
 * Corners found (not only fit inliers: a curled page leaves some marks off the homography, the bend field
 * takes them back later) plus the share of the page's distinct marks that the fit holds. Only distinct
 * marks count for the page: pages of one form share their corners, mid-edge marks and some row marks, and
 * a page with fewer marks would otherwise win on share alone.
 */
function rank(h: Hypothesis, located: Located): Ranked {
  const foundIds = new Set(located.found.map((f) => f.id));
  const corners = h.model.primary.filter((m) => foundIds.has(m.id)).length;
  const distinct = h.model.distinct ?? new Set<string>();
  // Distinct marks only as inliers of the fit: under a wrong page or way up the windows still catch
  // some ink of the right shape (a row label, a table square), but off where the other marks put it.
  const inlierIds = new Set(located.fit?.inliers.map((p) => p.id) ?? []);
  const distinctFound = [...distinct].filter((id) => inlierIds.has(id)).length;
  const distinctShare = distinct.size ? distinctFound / distinct.size : located.secondaryShare;
  const H = located.fit?.H ?? h.H;
  return {
    h,
    located,
    rank: corners / h.model.primary.length + distinctShare,
    distinctFound,
    distinctShare,
    rotation: rotationOf(H, h.model.template.canonical),
  };
}

/** The template's page-corner marks in clockwise order from top-left. */
function canonicalCorners(model: RegistrationModel): { mark: SolidMark }[] {
  const { width: W, height: H } = model.template.canonical;
  const order = [
    { x: 0, y: 0 },
    { x: W, y: 0 },
    { x: W, y: H },
    { x: 0, y: H },
  ];
  return order.map((c) => ({
    mark: [...model.primary].sort(
      (a, b) => Math.hypot(a.anchor.x - c.x, a.anchor.y - c.y) - Math.hypot(b.anchor.x - c.x, b.anchor.y - c.y),
    )[0],
  }));
}

/** How far a candidate's pair direction may be from its marker's direction under the hypothesis. */
const MAX_ANGLE_DIFF = (25 * Math.PI) / 180;

export function* hypotheses(model: RegistrationModel, candidates: CornerLike[]): Generator<{ H: Homography; affine: boolean }> {
  if (model.primary.length < 4) return;
  const corners = canonicalCorners(model);
  // Each candidate's square-pair direction must be the one its corner marker takes under the hypothesis
  // itself (under a steep tilt or a shear the diagonal of a marker turns differently from the page edge).
  const consistent = (H: Homography, assigned: CornerLike[], cornerIdx: number[]) =>
    assigned.every((c, i) => {
      const want = expectedPairAngle(H, corners[cornerIdx[i]].mark);
      return want === undefined || angleDiff(c.angle, want) <= MAX_ANGLE_DIFF;
    });
  // The four corner markers of one page point the same way in the photo (give or take perspective):
  // build the page from candidates that agree on their direction, so stray look-alikes elsewhere in the
  // photo (or on the form itself) do not end up in the hull.
  for (const group of angleGroups(candidates)) {
    const hull = convexHull(group.map((c) => ({ x: c.center.x, y: c.center.y, c })));
    if (hull.length >= 4) {
      const quad = largestQuad(hull);
      const start = quad.indexOf(quad.reduce((a, b) => (b.x + b.y < a.x + a.y ? b : a)));
      const ordered = [0, 1, 2, 3].map((i) => quad[(start + i) % 4]);
      let any = false;
      // Each cyclic shift is one way up (0°, 90°, 180°, 270° give or take the photo's roll).
      for (let k = 0; k < 4; k++) {
        const img = [0, 1, 2, 3].map((i) => ordered[(i + k) % 4]);
        const H = homographyFrom4(corners.map((c) => c.mark.anchor), img);
        if (H && consistent(H, img.map((p) => p.c), [0, 1, 2, 3])) {
          any = true;
          yield { H, affine: false };
        }
      }
      // No way up fits all four: one of them is a look-alike standing in for a corner the scan missed
      // (small, blurred, on the far side of a tilted page). Try the page from each three of them.
      if (!any) {
        for (let drop = 0; drop < 4; drop++) yield* fromThree(ordered.filter((_, i) => i !== drop));
      }
    } else if (hull.length === 3) {
      yield* fromThree(hull);
    }
  }

  /**
   * One corner hidden: the three seen are three consecutive page corners, in hull order but starting
   * at any of them (the hull starts wherever its algorithm does), and any corner may be the hidden one.
   */
  function* fromThree(hull3: (Pt & { c: CornerLike })[]): Generator<{ H: Homography; affine: boolean }> {
    for (let r = 0; r < 3; r++) {
      const tri = [0, 1, 2].map((i) => hull3[(i + r) % 3]);
      for (let j = 0; j < 4; j++) {
        const idx = [0, 1, 2].map((i) => (j + i) % 4);
        const H = affineFrom3(idx.map((i) => corners[i].mark.anchor), tri);
        if (H && consistent(H, tri.map((p) => p.c), idx)) yield { H, affine: true };
      }
    }
  }
}

/**
 * Candidates that share a direction (within ±20°), at most three groups of clearly different directions,
 * those spanning the largest area first: the page's corner markers span the page, while look-alikes on
 * the form (crossed-out boxes, tally marks) sit in a part of it.
 */
function angleGroups(candidates: CornerLike[]): CornerLike[][] {
  const tol = 20 * (Math.PI / 180);
  const groups = candidates
    .map((seed) => candidates.filter((c) => angleDiff(c.angle, seed.angle) <= tol))
    .filter((g) => g.length >= 3)
    .map((g) => ({ g, angle: g[0].angle, area: Math.abs(polygonArea(convexHull(g.map((c) => c.center)))) }))
    .sort((a, b) => b.area - a.area);
  const out: typeof groups = [];
  for (const x of groups) {
    if (out.some((o) => angleDiff(o.angle, x.angle) < tol / 2 && x.area <= o.area)) continue;
    out.push(x);
    if (out.length === 3) break;
  }
  return out.map((x) => x.g);
}

/** The 4 hull points spanning the largest quadrilateral, kept in hull (clockwise) order. */
function largestQuad<T extends Pt>(hull: T[]): T[] {
  if (hull.length === 4) return hull;
  let best: T[] = hull.slice(0, 4);
  let bestArea = -1;
  const n = hull.length;
  for (let a = 0; a < n; a++)
    for (let b = a + 1; b < n; b++)
      for (let c = b + 1; c < n; c++)
        for (let d = c + 1; d < n; d++) {
          const q = [hull[a], hull[b], hull[c], hull[d]];
          const area = Math.abs(polygonArea(q));
          if (area > bestArea) {
            bestArea = area;
            best = q;
          }
        }
  return best;
}

/** Share of a spread-out sample of secondary marks found where the hypothesis puts them. */
function probe(cv: OpenCv, work: Mat, model: RegistrationModel, H: Homography, margin: number): number {
  // Optional marks count too: mid-edge marks look the same upside down, row markers do not.
  const marks = model.secondary;
  if (marks.length === 0) return 0;
  const step = Math.max(1, Math.floor(marks.length / PROBES));
  const sample = marks.filter((_, i) => i % step === 0).slice(0, PROBES);
  let found = 0;
  for (const m of sample) if (findSolidMark(cv, work, H, m, margin)) found++;
  return found / sample.length;
}

/** The tagless page whose fixed QR text is printed where `H` puts the QR, if it can be read. */
function qrIdentified(cv: OpenCv, work: Mat, index: ModelIndex, H: H3): RegistrationModel | undefined {
  const withQr = index.tagless.filter((m) => fixedQrContent(m.template) !== undefined);
  if (withQr.length === 0) return undefined;
  // Pages of one form print their QR in the same place: one read serves them all.
  const text = readPageQr(cv, work, H, withQr[0].template);
  return text === undefined ? undefined : withQr.find((m) => fixedQrContent(m.template) === text);
}

/** Marks of another page of the same form, from a fit that already holds (tight windows). */
function relocate(cv: OpenCv, work: Mat, model: RegistrationModel, H: H3): Located {
  const diag = imageDiagonal(H, model.template.canonical);
  return locateMarks(cv, work, model, H, [], {
    cornerMargin: 0.02 * diag,
    secondaryMargin: Math.max(8, 0.012 * diag),
    ransacPx: Math.max(3, 0.004 * diag),
  });
}
