/**
 * Small random geometric changes to a photographed box's normalised input (28×28, 0..1), for the photo phase.
 *
 * Why: the photo phase trains on ~28.000 boxes cut from ~800 synthetic pages, three epochs, each box seen as
 * cut. The net then learns those exact inputs; a slightly rotated, sheared or rescaled copy of the same written
 * digit is another plausible input (a writer's slant, the registration's residual skew, the normaliser's fit
 * to 20 px varying with a stray pixel), and seeing it keeps the net from leaning on one pixel layout.
 *
 * The change is an affine map about the input's centre (where the normaliser put the centre of mass):
 * rotation, shear, scale and a sub-pixel shift, small enough that the digit stays inside the 20 px field.
 */
import type { Rng } from '../rng.ts';

export interface PhotoAugmentOptions {
  /** Largest rotation, radians. */
  rotate: number;
  /** Largest horizontal shear (x += shear · y). */
  shear: number;
  /** Largest relative change of scale (1 ± scale). */
  scale: number;
  /** Largest shift, pixels. */
  shift: number;
}

export const DEFAULT_PHOTO_AUGMENT: PhotoAugmentOptions = { rotate: 0.12, shear: 0.15, scale: 0.1, shift: 1 };

const SIZE = 28;
const CENTRE = 13.5;

/** Writes an augmented copy of `input` into `out` (both 784). `input` and `out` must differ. */
export function augmentPhotoInput(input: Float32Array, rng: Rng, out: Float32Array, o: PhotoAugmentOptions = DEFAULT_PHOTO_AUGMENT): void {
  const between = (m: number) => (rng.next() * 2 - 1) * m;
  const angle = between(o.rotate);
  const shear = between(o.shear);
  const s = 1 + between(o.scale);
  const tx = between(o.shift);
  const ty = between(o.shift);
  // Forward map p' = S·(R·Sh)·p; sampled backwards: for each output pixel, the input point it comes from.
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  // M = s · R · Sh, Sh = [[1, shear], [0, 1]]
  const m00 = s * cos;
  const m01 = s * (cos * shear - sin);
  const m10 = s * sin;
  const m11 = s * (sin * shear + cos);
  const det = m00 * m11 - m01 * m10;
  const i00 = m11 / det;
  const i01 = -m01 / det;
  const i10 = -m10 / det;
  const i11 = m00 / det;
  for (let y = 0; y < SIZE; y++) {
    const dy = y - CENTRE - ty;
    for (let x = 0; x < SIZE; x++) {
      const dx = x - CENTRE - tx;
      const sx = i00 * dx + i01 * dy + CENTRE;
      const sy = i10 * dx + i11 * dy + CENTRE;
      out[y * SIZE + x] = bilinear(input, sx, sy);
    }
  }
}

/** Bilinear sample of a 28×28 image; 0 (no ink) outside. */
function bilinear(img: Float32Array, x: number, y: number): number {
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const fx = x - x0;
  const fy = y - y0;
  const at = (xx: number, yy: number) => (xx < 0 || yy < 0 || xx >= SIZE || yy >= SIZE ? 0 : img[yy * SIZE + xx]);
  const top = at(x0, y0) * (1 - fx) + at(x0 + 1, y0) * fx;
  const bottom = at(x0, y0 + 1) * (1 - fx) + at(x0 + 1, y0 + 1) * fx;
  return top * (1 - fy) + bottom * fy;
}
