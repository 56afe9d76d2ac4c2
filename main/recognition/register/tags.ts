/**
 * AprilTag 36h10 page tags through OpenCV's ArucoDetector. Two detectors per thread, built once:
 * - `fast`: one adaptive-threshold window, no corner refinement: ~10–25 ms on a 1000 px preview, used to
 *   find the tag (and so the template, page and rotation) and to decide `not_a_form` quickly;
 * - `thorough`: every threshold window and tags down to ~1 % of the image, on the whole working image
 *   when the preview showed corner markers but no tag (a small or steeply tilted page);
 * - `precise`: the default threshold ladder with sub-pixel corners, run only on a small crop around a tag
 *   already found, at working resolution.
 */
import type { ArucoDetector, Mat, OpenCv } from '../opencv/types.ts';
import { withMats } from '../opencv/gray-mat.ts';
import type { Pt } from './geometry.ts';

export interface DetectedTag {
  tagId: number;
  /** OpenCV corner order (the tag's own top-left, top-right, bottom-right, bottom-left), in image px. */
  corners: [Pt, Pt, Pt, Pt];
}

interface Detectors {
  fast: ArucoDetector;
  thorough: ArucoDetector;
  precise: ArucoDetector;
}

let detectors: Detectors | undefined;

function getDetectors(cv: OpenCv): Detectors {
  if (detectors) return detectors;
  const dict = cv.getPredefinedDictionary(cv.DICT_APRILTAG_36h10);
  const fastParams = new cv.aruco_DetectorParameters();
  fastParams.adaptiveThreshWinSizeMin = 7;
  fastParams.adaptiveThreshWinSizeMax = 7;
  // Tags a tenth of the preview's size would be 5 px per cell; smaller ones are found in the retry.
  fastParams.minMarkerPerimeterRate = 0.02;
  fastParams.cornerRefinementMethod = cv.CORNER_REFINE_NONE;
  // Whole working image, when the preview found nothing: all threshold windows, small tags allowed.
  const thoroughParams = new cv.aruco_DetectorParameters();
  thoroughParams.minMarkerPerimeterRate = 0.01;
  thoroughParams.cornerRefinementMethod = cv.CORNER_REFINE_NONE;
  const preciseParams = new cv.aruco_DetectorParameters();
  preciseParams.minMarkerPerimeterRate = 0.1;
  preciseParams.cornerRefinementMethod = cv.CORNER_REFINE_SUBPIX;
  const refine = new cv.aruco_RefineParameters(10, 3, true);
  // The detectors keep their own references; these objects live as long as the thread.
  detectors = {
    fast: new cv.aruco_ArucoDetector(dict, fastParams, refine),
    thorough: new cv.aruco_ArucoDetector(dict, thoroughParams, refine),
    precise: new cv.aruco_ArucoDetector(dict, preciseParams, refine),
  };
  return detectors;
}

/** Finds 36h10 tags whose id is in `known` (others are ignored: a wrong dictionary hit is not a page). */
export function detectTags(cv: OpenCv, image: Mat, known: ReadonlySet<number>, mode: keyof Detectors = 'fast'): DetectedTag[] {
  const det = getDetectors(cv)[mode];
  return withMats((track) => {
    const corners = track(new cv.MatVector());
    const ids = track(new cv.Mat());
    const rejected = track(new cv.MatVector());
    det.detectMarkers(image, corners, ids, rejected);
    const out: DetectedTag[] = [];
    for (let i = 0; i < ids.rows * ids.cols; i++) {
      const tagId = ids.data32S[i];
      if (!known.has(tagId)) continue;
      const c = track(corners.get(i));
      const f = c.data32F;
      out.push({
        tagId,
        corners: [
          { x: f[0], y: f[1] },
          { x: f[2], y: f[3] },
          { x: f[4], y: f[5] },
          { x: f[6], y: f[7] },
        ],
      });
    }
    return out;
  });
}

/** Side length of a detected tag (mean of its 4 edges), px. */
export function tagSide(tag: DetectedTag): number {
  let s = 0;
  for (let i = 0; i < 4; i++) {
    const a = tag.corners[i];
    const b = tag.corners[(i + 1) % 4];
    s += Math.hypot(a.x - b.x, a.y - b.y);
  }
  return s / 4;
}

/**
 * Re-detects one tag on a crop of the working image around its predicted corners, for sub-pixel corners.
 * Returns undefined when the tag is not confirmed there (then the caller keeps the scaled preview corners).
 */
export function refineTag(cv: OpenCv, image: Mat, approx: DetectedTag): DetectedTag | undefined {
  const side = tagSide(approx);
  const xs = approx.corners.map((p) => p.x);
  const ys = approx.corners.map((p) => p.y);
  const x0 = Math.max(0, Math.floor(Math.min(...xs) - side));
  const y0 = Math.max(0, Math.floor(Math.min(...ys) - side));
  const x1 = Math.min(image.cols, Math.ceil(Math.max(...xs) + side));
  const y1 = Math.min(image.rows, Math.ceil(Math.max(...ys) + side));
  if (x1 - x0 < 8 || y1 - y0 < 8) return undefined;
  return withMats((track) => {
    const roi = track(image.roi(new cv.Rect(x0, y0, x1 - x0, y1 - y0)));
    // The ROI is a view; the detector needs its own continuous buffer.
    const crop = track(roi.clone());
    const found = detectTags(cv, crop, new Set([approx.tagId]), 'precise');
    if (found.length !== 1) return undefined;
    const t = found[0];
    const moved = t.corners.map((p) => ({ x: p.x + x0, y: p.y + y0 })) as DetectedTag['corners'];
    // Same tag, same orientation: corner 0 must stay near where it was predicted.
    if (Math.hypot(moved[0].x - approx.corners[0].x, moved[0].y - approx.corners[0].y) > side * 0.3) return undefined;
    return { tagId: t.tagId, corners: moved };
  });
}
