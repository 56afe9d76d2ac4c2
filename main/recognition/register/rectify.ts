/**
 * Warps the working image onto the template's canonical raster. When the photo holds the page at much
 * more than canonical resolution it is first shrunk with area averaging (warpPerspective's bilinear
 * sampling would alias), which is also faster.
 *
 * Given `regions` (read-regions.ts, as spans per row), only their pixels are warped and the rest stays
 * white: the fields of a page cover 8–55 % of it, and the warp was the costliest step after decoding
 * (~180 ms CPU for a whole 2000×2829 page). Spans, not 64-px cells: 30–45 % fewer pixels.
 */
import { createGrayImage, type GrayImage } from '../gray-image.ts';
import type { Mat, OpenCv } from '../opencv/types.ts';
import { withMats } from '../opencv/gray-mat.ts';
import { applyH, composeH, homographyFrom4, scaleH, type Homography, type Pt } from './geometry.ts';
import type { WarpField } from './warp-field.ts';
import type { RowSpans } from './read-regions.ts';
import { warpBilinearInto, warpRow, type GraySource } from './warp-bilinear.ts';

/** Image px per canonical px around canonical point (x, y): √|det J| of the homography there. */
export function localScale(H: Homography, x: number, y: number): number {
  const w = H[6] * x + H[7] * y + H[8];
  const u = (H[0] * x + H[1] * y + H[2]) / w;
  const v = (H[3] * x + H[4] * y + H[5]) / w;
  const j00 = (H[0] - u * H[6]) / w;
  const j01 = (H[1] - u * H[7]) / w;
  const j10 = (H[3] - v * H[6]) / w;
  const j11 = (H[4] - v * H[7]) / w;
  return Math.sqrt(Math.abs(j00 * j11 - j01 * j10));
}

/** Side of the tiles a bent page is warped in, canonical px (each tile gets its own homography). */
const TILE = 200;

export function rectify(
  cv: OpenCv,
  image: Mat,
  H: Homography,
  size: { width: number; height: number },
  field?: WarpField,
  /** Canonical pixels that are needed; all of the page when absent. */
  regions?: RowSpans,
): GrayImage {
  const scale = localScale(H, size.width / 2, size.height / 2);
  return withMats((track) => {
    let src = image;
    let M = H;
    let f = 1;
    if (scale > 1.6) {
      f = 1.25 / scale;
      const small = track(new cv.Mat());
      cv.resize(image, small, new cv.Size(Math.round(image.cols * f), Math.round(image.rows * f)), 0, 0, cv.INTER_AREA);
      src = small;
      M = composeH(scaleH(small.cols / image.cols, small.rows / image.rows), H);
    }
    // A view of the wasm heap: valid while nothing below allocates opencv memory.
    const view: GraySource = { data: src.data, width: src.cols, height: src.rows, step: src.step[0] };
    if (field) return warpTiles(view, tileHomographies({ H, field, f }, size, regions), size, regions);
    if (regions) return warpSpans(view, M, size, regions);
    const out = createGrayImage(size.width, size.height, 255);
    warpBilinearInto(view, out, M, 0, 0, size.width, size.height);
    return out;
  });
}

/** Canonical → source image px on a bent page: H(p) plus the bend at p, times the source's scale f. */
interface BentMap {
  H: Homography;
  field: WarpField;
  f: number;
}

// Data and a module-level function, not a closure made per page: the tile warp inlines the mapping, and V8 threw
// its optimised code away with each page's closure ("weak objects") and compiled it again on the next bent page.
function bentPoint(m: BentMap, p: Pt): Pt {
  const q = applyH(m.H, p);
  const d = m.field.at(p);
  return { x: (q.x + d.x) * m.f, y: (q.y + d.y) * m.f };
}

/** A bent page's tiles: their canonical edges and, per tile (row-major), the homography that warps it. */
interface Tiles {
  xs: number[];
  ys: number[];
  /** Undefined for a tile no region touches, or whose corners give no homography. */
  T: (Homography | undefined)[];
}

/**
 * Each canonical tile mapped by the homography through the true positions of its 4 corners, so neighbouring
 * tiles share their edges and the page follows the bend of the paper. Computed apart from the warp, in a
 * function of its own: the warp's pixel loops are the costliest code V8 compiles here, and with
 * homographyFrom4 inlined into them every new shape of point it met anywhere threw them away (a 'wrong map'
 * deoptimisation) to be compiled again.
 */
function tileHomographies(map: BentMap, size: { width: number; height: number }, regions?: RowSpans): Tiles {
  const nx = Math.ceil(size.width / TILE);
  const ny = Math.ceil(size.height / TILE);
  const xs = Array.from({ length: nx + 1 }, (_, i) => Math.min(size.width, i * TILE));
  const ys = Array.from({ length: ny + 1 }, (_, j) => Math.min(size.height, j * TILE));
  const grid = ys.map((y) => xs.map((x) => bentPoint(map, { x, y })));
  const T: (Homography | undefined)[] = [];
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const w = xs[i + 1] - xs[i];
      const h = ys[j + 1] - ys[j];
      if (regions && !touches(regions, xs[i], xs[i + 1], ys[j], ys[j + 1])) {
        T.push(undefined);
        continue;
      }
      const local = [
        { x: 0, y: 0 },
        { x: w, y: 0 },
        { x: w, y: h },
        { x: 0, y: h },
      ];
      T.push(homographyFrom4(local, [grid[j][i], grid[j][i + 1], grid[j + 1][i + 1], grid[j + 1][i]]));
    }
  }
  return { xs, ys, T };
}

/** Warps tile by tile, each by its own homography (tileHomographies). */
function warpTiles(src: GraySource, tiles: Tiles, size: { width: number; height: number }, regions?: RowSpans): GrayImage {
  const { xs, ys } = tiles;
  const nx = xs.length - 1;
  const ny = ys.length - 1;
  const out = createGrayImage(size.width, size.height, 255);
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const w = xs[i + 1] - xs[i];
      const h = ys[j + 1] - ys[j];
      const T = tiles.T[j * nx + i];
      if (!T) continue;
      if (!regions) {
        warpBilinearInto(src, out, T, xs[i], ys[j], w, h);
        continue;
      }
      // Only the needed spans of each row, clipped to the tile.
      for (let y = ys[j]; y < ys[j + 1]; y++) {
        for (let k = regions.start[y]; k < regions.start[y + 1]; k += 2) {
          const a = Math.max(xs[i], regions.x[k]);
          const b = Math.min(xs[i + 1], regions.x[k + 1]);
          if (a < b) warpRow(src, out, T, xs[i], ys[j], y, a, b);
        }
      }
    }
  }
  return out;
}

/** Whether any span meets the box [x0, x1) × [y0, y1). */
function touches(spans: RowSpans, x0: number, x1: number, y0: number, y1: number): boolean {
  for (let y = y0; y < y1; y++) {
    for (let k = spans.start[y]; k < spans.start[y + 1]; k += 2) if (spans.x[k] < x1 && spans.x[k + 1] > x0) return true;
  }
  return false;
}

/** Flat page, regions only: each row's spans, by the one homography. */
function warpSpans(src: GraySource, M: Homography, size: { width: number; height: number }, spans: RowSpans): GrayImage {
  const out = createGrayImage(size.width, size.height, 255);
  for (let y = 0; y < size.height; y++) {
    for (let k = spans.start[y]; k < spans.start[y + 1]; k += 2) warpRow(src, out, M, 0, 0, y, spans.x[k], spans.x[k + 1]);
  }
  return out;
}
