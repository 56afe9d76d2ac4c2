/**
 * Shared by the form-measuring scripts and the form tests: render a PDF page to a grey raster (pdfjs-dist
 * legacy build + @napi-rs/canvas), and find the registration marks in it (opencv.js ArucoDetector for the
 * AprilTags, connected components for the corner markers). Deliberately simple and independent of the
 * product's registration code, so the tests compare the template against an independent measurement.
 */
import { readFileSync } from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { GrayImage } from '../main/recognition/gray-image.ts';
import { loadOpenCv } from '../main/recognition/opencv/load.ts';

export interface PdfPageRaster extends GrayImage {
  /** Pixels per PDF point used for this render. */
  scale: number;
  pageWidthPt: number;
  pageHeightPt: number;
}

/** Renders page `pageNo` (1-based) of a PDF so that the page is `widthPx` wide; returns 8-bit grey. */
export async function renderPdfPage(pdf: string | Uint8Array, pageNo: number, widthPx: number): Promise<PdfPageRaster> {
  const data = typeof pdf === 'string' ? new Uint8Array(readFileSync(pdf)) : new Uint8Array(pdf);
  const doc = await getDocument({ data, useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  try {
    const page = await doc.getPage(pageNo);
    const base = page.getViewport({ scale: 1 });
    const scale = widthPx / base.width;
    const viewport = page.getViewport({ scale });
    const w = Math.round(viewport.width);
    const h = Math.round(viewport.height);
    // pdfjs-dist brings its own @napi-rs/canvas (0.1.x, whose Path2D it polyfills); a canvas from the app's
    // 1.x copy rejects those paths, so the canvas must come from pdfjs's own factory.
    const factory = (doc as unknown as { canvasFactory: { create(w: number, h: number): { canvas: HTMLCanvasElement; context: CanvasRenderingContext2D } } }).canvasFactory;
    const { canvas, context: ctx } = factory.create(w, h);
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, w, h);
    await page.render({ canvas, canvasContext: ctx, viewport }).promise;
    const rgba = ctx.getImageData(0, 0, w, h).data;
    const gray = new Uint8Array(w * h);
    for (let i = 0, j = 0; i < gray.length; i++, j += 4) {
      gray[i] = Math.round(0.299 * rgba[j] + 0.587 * rgba[j + 1] + 0.114 * rgba[j + 2]);
    }
    return { width: w, height: h, data: gray, scale, pageWidthPt: base.width, pageHeightPt: base.height };
  } finally {
    await doc.destroy();
  }
}

export interface DetectedTag {
  id: number;
  /** Corners in the order OpenCV reports them (tag's own top-left, top-right, bottom-right, bottom-left). */
  corners: { x: number; y: number }[];
}

// opencv.js has no TypeScript types in this package; the few calls used here are typed locally.
/* eslint-disable @typescript-eslint/no-explicit-any */
type Cv = any;

function toMat(cv: Cv, img: GrayImage) {
  const mat = new cv.Mat(img.height, img.width, cv.CV_8UC1);
  mat.data.set(img.data);
  return mat;
}

/** All AprilTag 36h10 tags in the image (OpenCV's ArucoDetector, as the reader uses it). */
export async function detectAprilTags(img: GrayImage): Promise<DetectedTag[]> {
  const cv: Cv = await loadOpenCv();
  const mat = toMat(cv, img);
  const dict = cv.getPredefinedDictionary(cv.DICT_APRILTAG_36h10);
  const params = new cv.aruco_DetectorParameters();
  const refine = new cv.aruco_RefineParameters(10, 3, true);
  const detector = new cv.aruco_ArucoDetector(dict, params, refine);
  const corners = new cv.MatVector();
  const ids = new cv.Mat();
  const rejected = new cv.MatVector();
  try {
    detector.detectMarkers(mat, corners, ids, rejected);
    const out: DetectedTag[] = [];
    for (let i = 0; i < ids.rows; i++) {
      const c = corners.get(i);
      const pts = [];
      for (let k = 0; k < 4; k++) pts.push({ x: c.data32F[2 * k], y: c.data32F[2 * k + 1] });
      c.delete();
      out.push({ id: ids.data32S[i], corners: pts });
    }
    return out;
  } finally {
    for (const m of [mat, corners, ids, rejected, detector, params, refine]) m.delete();
  }
}

export interface Blob {
  x: number;
  y: number;
  w: number;
  h: number;
  /** Dark pixels in the component. */
  area: number;
}

/**
 * Connected components of "ink" fully inside `region`, as bounding boxes. Ink is a pixel below `threshold`,
 * or, given `[lo, hi)`, a pixel in that grey band (e.g. NETGRIT's light-grey boxes without the black text).
 */
export async function darkBlobs(img: GrayImage, region: { x: number; y: number; w: number; h: number }, threshold: number | [number, number] = 128): Promise<Blob[]> {
  const [lo, hi] = typeof threshold === 'number' ? [-1, threshold] : threshold;
  const cv: Cv = await loadOpenCv();
  const x0 = Math.max(0, Math.floor(region.x));
  const y0 = Math.max(0, Math.floor(region.y));
  const x1 = Math.min(img.width, Math.ceil(region.x + region.w));
  const y1 = Math.min(img.height, Math.ceil(region.y + region.h));
  const w = x1 - x0;
  const h = y1 - y0;
  const bin = new cv.Mat(h, w, cv.CV_8UC1);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const v = img.data[(y0 + y) * img.width + x0 + x];
      bin.data[y * w + x] = v >= lo && v < hi ? 255 : 0;
    }
  }
  const labels = new cv.Mat();
  const stats = new cv.Mat();
  const centroids = new cv.Mat();
  try {
    const n = cv.connectedComponentsWithStats(bin, labels, stats, centroids, 8, cv.CV_32S);
    const out: Blob[] = [];
    for (let i = 1; i < n; i++) {
      const s = (k: number) => stats.data32S[i * 5 + k];
      const b = { x: s(0) + x0, y: s(1) + y0, w: s(2), h: s(3), area: s(4) };
      if (b.x > x0 && b.y > y0 && b.x + b.w < x1 && b.y + b.h < y1) out.push(b);
    }
    return out;
  } finally {
    bin.delete();
    labels.delete();
    stats.delete();
    centroids.delete();
  }
}

/**
 * The official corner marker: two solid squares of about `sidePx` touching diagonally. Returns the
 * squares (sub-pixel edges from the ink profile) and the anchor (the point where they touch), or null.
 * The two squares touch at a corner, so connected-component labelling with 8-connectivity merges them
 * into one blob of ≈ 2 side × 2 side holding ≈ half its bounding box in ink.
 */
export async function findCornerMarker(img: GrayImage, region: { x: number; y: number; w: number; h: number }, sidePx: number) {
  const blobs = await darkBlobs(img, region);
  const candidates = blobs.filter((b) => {
    const fill = b.area / (b.w * b.h);
    return Math.abs(b.w / (2 * sidePx) - 1) < 0.25 && Math.abs(b.h / (2 * sidePx) - 1) < 0.25 && fill > 0.4 && fill < 0.6;
  });
  if (candidates.length !== 1) return null;
  const b = candidates[0];
  const e = inkEdges(img, b);
  return { bbox: e, anchor: { x: (e.x + e.x2) / 2, y: (e.y + e.y2) / 2 } };
}

/**
 * Sub-pixel ink extent of a solid dark blob: for each side, the position where the darkness profile crosses
 * half (anti-aliased edge pixels count fractionally).
 */
export function inkEdges(img: GrayImage, b: { x: number; y: number; w: number; h: number }) {
  const dark = (x: number, y: number) => (255 - img.data[y * img.width + x]) / 255;
  const colInk = (x: number) => {
    let m = 0;
    for (let y = b.y; y < b.y + b.h; y++) m = Math.max(m, dark(x, y));
    return m;
  };
  const rowInk = (y: number) => {
    let m = 0;
    for (let x = b.x; x < b.x + b.w; x++) m = Math.max(m, dark(x, y));
    return m;
  };
  // Fractional coverage of the outermost pixel column/row on each side.
  const left = b.x + 1 - colInk(b.x);
  const right = b.x + b.w - 1 + colInk(b.x + b.w - 1);
  const top = b.y + 1 - rowInk(b.y);
  const bottom = b.y + b.h - 1 + rowInk(b.y + b.h - 1);
  return { x: left, y: top, x2: right, y2: bottom };
}
