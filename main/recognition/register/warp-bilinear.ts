/**
 * Perspective warp with bilinear sampling in plain TypeScript, pixel for pixel what opencv's
 * warpPerspective(INTER_LINEAR | WARP_INVERSE_MAP, BORDER_CONSTANT) writes for an 8-bit image, at a
 * fraction of opencv.js's cost (its generic remap runs at 30–45 ns per output pixel in wasm).
 *
 * The arithmetic is opencv's own: each output pixel's source point is computed in doubles (opencv sums
 * from the start of 64-px blocks, which rounds differently only in the last bits: a pixel's 1/32-px
 * position flips about never), rounded to 1/32 px (round half to even, as lrint), and the four neighbours
 * are weighed by integer weights of (32 − fx)(32 − fy)… out of 1024, rounded once. Pixels whose 2 × 2
 * neighbourhood leaves the source take the border value (white) for the missing neighbours; pixels wholly
 * outside are white.
 */
import type { GrayImage } from '../gray-image.ts';
import type { Homography } from './geometry.ts';

/** An 8-bit source image: `step` bytes per row (a Mat's data view or a GrayImage). */
export interface GraySource {
  data: Uint8Array;
  width: number;
  height: number;
  step: number;
}

const WHITE = 255;
/** opencv's INTER_BITS / INTER_TAB_SIZE: sub-pixel positions in 1/32 px. */
const TAB = 32;
const INT_MIN = -2147483648;
const INT_MAX = 2147483647;
/** 1,5 · 2^52: see warpRow. */
const MAGIC = 6755399441055744;
/** Source points (1/32 px) within ±LIMIT take the fast rounding; beyond, opencv's saturation applies. */
const LIMIT = 1e9;

/**
 * Fills `dst`'s rectangle [x0, x0+w) × [y0, y0+h): the pixel at (x0 + i, y0 + j) is the source sampled at
 * T(i, j) — `T` maps rectangle-local pixel coordinates to source pixels, as the matrix opencv is given
 * with WARP_INVERSE_MAP for a w × h destination.
 */
export function warpBilinearInto(src: GraySource, dst: GrayImage, T: Homography, x0: number, y0: number, w: number, h: number): void {
  for (let j = 0; j < h; j++) warpRow(src, dst, T, x0, y0, y0 + j, x0, x0 + w);
}

/**
 * Row `y` of `dst` from column `xa` to `xb` (exclusive): pixel (x, y) is the source sampled at
 * T(x − ox, y − oy). Source points in doubles, rounded to 1/32 px (round half to even, as lrint), the
 * four neighbours weighed by integer weights (32 − fx)(32 − fy)… out of 1024 and rounded once.
 */
export function warpRow(src: GraySource, dst: GrayImage, T: Homography, ox: number, oy: number, y: number, xa: number, xb: number): void {
  const { data: S, width: sw, height: sh, step } = src;
  const D = dst.data;
  const w1 = Math.max(sw - 1, 0);
  const h1 = Math.max(sh - 1, 0);
  const j = y - oy;
  const X0 = T[1] * j + T[2];
  const Y0 = T[4] * j + T[5];
  const W0 = T[7] * j + T[8];
  const m0 = T[0];
  const m3 = T[3];
  const m6 = T[6];
  let o = y * dst.width + xa;
  for (let x1 = xa - ox, end = xb - ox; x1 < end; x1++, o++) {
    let W = W0 + m6 * x1;
    W = W ? TAB / W : 0;
    const fX = (X0 + m0 * x1) * W;
    const fY = (Y0 + m3 * x1) * W;
    let X: number;
    let Y: number;
    if (fX > -LIMIT && fX < LIMIT && fY > -LIMIT && fY < LIMIT) {
      // Adding and taking away 1,5 · 2^52 rounds to the nearest integer, halves to even (IEEE doubles'
      // own rounding): lrint at a fraction of Math.round's cost plus the halves check.
      X = (fX + MAGIC - MAGIC) | 0;
      Y = (fY + MAGIC - MAGIC) | 0;
    } else {
      X = roundEven(clampInt(fX));
      Y = roundEven(clampInt(fY));
    }
    // opencv saturates X >> 5 to 16 bits: a point that far out is white either way.
    const sx = X >> 5;
    const sy = Y >> 5;
    const fx = X & 31;
    const fy = Y & 31;
    if (sx >>> 0 < w1 && sy >>> 0 < h1) {
      const p = sy * step + sx;
      const s = (S[p] * (TAB - fx) + S[p + 1] * fx) * (TAB - fy) + (S[p + step] * (TAB - fx) + S[p + step + 1] * fx) * fy;
      D[o] = (s + 512) >> 10;
    } else if (sx >= sw || sx + 1 < 0 || sy >= sh || sy + 1 < 0) {
      D[o] = WHITE;
    } else {
      // Partly outside: the missing neighbours are white.
      const inX0 = sx >= 0;
      const inX1 = sx + 1 < sw;
      const inY0 = sy >= 0;
      const inY1 = sy + 1 < sh;
      const v0 = inX0 && inY0 ? S[sy * step + sx] : WHITE;
      const v1 = inX1 && inY0 ? S[sy * step + sx + 1] : WHITE;
      const v2 = inX0 && inY1 ? S[(sy + 1) * step + sx] : WHITE;
      const v3 = inX1 && inY1 ? S[(sy + 1) * step + sx + 1] : WHITE;
      const s = (v0 * (TAB - fx) + v1 * fx) * (TAB - fy) + (v2 * (TAB - fx) + v3 * fx) * fy;
      D[o] = (s + 512) >> 10;
    }
  }
}

function clampInt(v: number): number {
  return v < INT_MIN ? INT_MIN : v > INT_MAX ? INT_MAX : v;
}

/** lrint: to the nearest integer, halves to the even one (Math.round sends halves up). */
function roundEven(v: number): number {
  const r = Math.round(v);
  return r - v === 0.5 && (r & 1) !== 0 ? r - 1 : r;
}

function clampShort(v: number): number {
  return v < -32768 ? -32768 : v > 32767 ? 32767 : v;
}
