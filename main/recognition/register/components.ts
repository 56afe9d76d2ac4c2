/**
 * Dark connected components of a gray image region: Otsu (or adaptive) threshold, then the components
 * with their stats (label-components.ts; OpenCV's connectedComponentsWithStats for 4-connectivity). The marks Pleno looks for are solid dark squares and bars on paper, so
 * their components are compact, well filled and surrounded by white.
 */
import type { Mat, OpenCv } from '../opencv/types.ts';
import { withMats } from '../opencv/gray-mat.ts';
import { labelComponents8 } from './label-components.ts';

export interface Component {
  area: number;
  /** Bounding box, px in the coordinates of the image passed in (offset added). */
  x: number;
  y: number;
  w: number;
  h: number;
  /** Ink centroid. */
  cx: number;
  cy: number;
}

export interface ComponentOptions {
  /** Region of `image` to analyse; the whole image when absent. */
  roi?: { x: number; y: number; w: number; h: number };
  minArea: number;
  maxArea: number;
  /** 'otsu' for small windows around an expected mark; 'adaptive' for whole pages with uneven light. */
  threshold: 'otsu' | 'adaptive';
  /** Adaptive threshold block size (odd), px. */
  blockSize?: number;
  /** 4-connectivity keeps two squares that only touch at a corner apart. */
  connectivity?: 4 | 8;
}

export function darkComponents(cv: OpenCv, image: Mat, opts: ComponentOptions): Component[] {
  const roi = clampRoi(opts.roi ?? { x: 0, y: 0, w: image.cols, h: image.rows }, image);
  if (!roi) return [];
  return withMats((track) => componentsIn(cv, image, roi, opts, track));
}

type Track = <M extends { delete(): void }>(m: M) => M;
type Roi = { x: number; y: number; w: number; h: number };

// A module-level function, not the withMats callback: V8 keeps a closure's optimised code only while an
// instance of it lives, so a loop in a callback made per call was compiled again and again.
function componentsIn(cv: OpenCv, image: Mat, roi: Roi, opts: ComponentOptions, track: Track): Component[] {
  const view = track(image.roi(new cv.Rect(roi.x, roi.y, roi.w, roi.h)));
  const bin = track(new cv.Mat());
  if (opts.threshold === 'otsu') {
    const blurred = track(new cv.Mat());
    cv.GaussianBlur(view, blurred, new cv.Size(3, 3), 0);
    const otsu = cv.threshold(blurred, bin, 0, 255, cv.THRESH_BINARY_INV + cv.THRESH_OTSU);
    // A window of plain paper has no ink: Otsu would split the paper's noise in two.
    const stats = track(new cv.Mat());
    const mean = track(new cv.Mat());
    cv.meanStdDev(blurred, mean, stats);
    if (stats.doubleAt(0, 0) < 12 || !(otsu > 0)) return [];
  } else {
    const block = opts.blockSize ?? 31;
    cv.adaptiveThreshold(view, bin, 255, cv.ADAPTIVE_THRESH_MEAN_C, cv.THRESH_BINARY_INV, block | 1, 12);
  }
  let n: number;
  let s: Int32Array;
  let c: Float64Array;
  if ((opts.connectivity ?? 8) === 8) {
    // Labelled in JS: the same components at a fraction of opencv.js's cost (see label-components.ts).
    ({ count: n, stats: s, centroids: c } = labelComponents8(bin.data, bin.cols, bin.rows));
  } else {
    const labels = track(new cv.Mat());
    const stats = track(new cv.Mat());
    const centroids = track(new cv.Mat());
    n = cv.connectedComponentsWithStats(bin, labels, stats, centroids, 4, cv.CV_32S);
    s = stats.data32S;
    c = centroids.data64F;
  }
  const out: Component[] = [];
  for (let i = 1; i < n; i++) {
    const area = s[i * 5 + 4];
    if (area < opts.minArea || area > opts.maxArea) continue;
    out.push({
      area,
      x: s[i * 5] + roi.x,
      y: s[i * 5 + 1] + roi.y,
      w: s[i * 5 + 2],
      h: s[i * 5 + 3],
      cx: c[i * 2] + roi.x,
      cy: c[i * 2 + 1] + roi.y,
    });
  }
  return out;
}

function clampRoi(r: { x: number; y: number; w: number; h: number }, image: Mat) {
  const x0 = Math.max(0, Math.floor(r.x));
  const y0 = Math.max(0, Math.floor(r.y));
  const x1 = Math.min(image.cols, Math.ceil(r.x + r.w));
  const y1 = Math.min(image.rows, Math.ceil(r.y + r.h));
  if (x1 - x0 < 3 || y1 - y0 < 3) return undefined;
  return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}
