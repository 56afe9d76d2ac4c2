/**
 * A page tag was read but fewer than three corner markers were found from it: far from a small tag its
 * first guess can be off by more than the search windows (a steep tilt, a tag of ~35 px). Then the corner
 * markers are taken from the corner-marker scan instead (coarse, then finer), as page hypotheses of the
 * tag's own template; the hypothesis that puts the tag where it was read is located again, the tag's
 * corners required in every fit.
 */
import type { Mat, OpenCv } from '../opencv/types.ts';
import { scanCornerLike } from './corner-like.ts';
import type { Correspondence } from './fit.ts';
import { applyH, dist, type Homography, type Pt } from './geometry.ts';
import { imageDiagonal, locateMarks, type Located } from './locate.ts';
import type { RegistrationModel } from './model.ts';
import { hypotheses } from './tagless.ts';

/**
 * How far (share of the tag's side) a hypothesis may put the tag's corners from where they were read: a
 * preselection only (every fit requires the tag's corners as inliers); a three-corner hypothesis is affine
 * and misses a tilted page's interior by more.
 */
const TAG_AGREEMENT = { full: 0.5, affine: 1.5 };

export function rescueCorners(
  cv: OpenCv,
  work: Mat,
  model: RegistrationModel,
  fixed: Correspondence[],
  tagSidePx: number,
  exclude: Pt[][],
  /** The tag's first guess, canonical → image. */
  H0: Homography,
  trace?: (event: string, detail: Record<string, unknown>) => void,
): Located | undefined {
  const coarse = scanCornerLike(cv, work);
  // The finer scan is sized by the corner markers' side the tag predicts (the scan may have seen none).
  const sides = model.primary.map((m) => {
    const a = applyH(H0, m.pieces[0].poly[0]);
    const b = applyH(H0, m.pieces[0].poly[2]);
    return dist(a, b) / Math.SQRT2;
  });
  const predictedSide = [...sides].sort((a, b) => a - b)[Math.floor(sides.length / 2)];
  for (const candidates of [coarse, scanCornerLike(cv, work, 0.5 * predictedSide)]) {
    trace?.('rescueScan', { candidates: candidates.length, side: predictedSide });
    if (candidates.length < 3) continue;
    let best: { h: { H: Homography; affine: boolean }; error: number } | undefined;
    for (const h of hypotheses(model, candidates)) {
      const error = Math.max(...fixed.map((p) => dist(applyH(h.H, p.canonical), p.image)));
      if (error > (h.affine ? TAG_AGREEMENT.affine : TAG_AGREEMENT.full) * tagSidePx) continue;
      // Four corners beat three: compare affine hypotheses on the looser scale.
      const score = h.affine ? error / TAG_AGREEMENT.affine : error / TAG_AGREEMENT.full;
      if (!best || score < best.error) best = { h, error: score };
    }
    trace?.('rescueHypothesis', { error: best?.error, tagSide: tagSidePx });
    if (!best) continue;
    const diag = imageDiagonal(best.h.H, model.template.canonical);
    const located = locateMarks(cv, work, model, best.h.H, fixed, {
      cornerMargin: (best.h.affine ? 0.05 : 0.02) * diag,
      secondaryMargin: Math.max(8, 0.012 * diag),
      ransacPx: Math.max(3, 0.004 * diag),
      exclude,
    });
    if (located.cornersFound.length >= 3) return located;
  }
  return undefined;
}
