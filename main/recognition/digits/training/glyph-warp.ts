import type { Rng } from '../rng.ts';

/**
 * Random geometric and stroke distortion of one MNIST glyph, expressed as a sampler: given a
 * point in "glyph units" (the glyph's ink box spans ±1 on its larger side around its centre)
 * it returns ink 0..1. Affine (scale, aspect, slant, rotation) plus a smooth elastic field and
 * a stroke-thickness change, so one 28×28 glyph yields endless plausible handwriting variants.
 */
export interface WarpedGlyph {
  /** Ink at glyph-unit coordinates (u right, v down), 0..1. */
  sample(u: number, v: number): number;
  /** Half extents of the warped ink box in glyph units (for placing and clipping). */
  halfWidth: number;
  halfHeight: number;
}

const GRID = 4; // elastic control grid (GRID × GRID points over the glyph)

/** Bilinear interpolation of a GRID×GRID displacement grid spanning the 28×28 glyph. */
function elasticAt(arr: Float32Array, px: number, py: number): number {
  const fx = Math.min(GRID - 1.001, Math.max(0, (px / 28) * (GRID - 1)));
  const fy = Math.min(GRID - 1.001, Math.max(0, (py / 28) * (GRID - 1)));
  const ix = Math.floor(fx), iy = Math.floor(fy);
  const ax = fx - ix, ay = fy - iy;
  const k = iy * GRID + ix;
  return (arr[k] * (1 - ax) + arr[k + 1] * ax) * (1 - ay) + (arr[k + GRID] * (1 - ax) + arr[k + GRID + 1] * ax) * ay;
}

export interface GlyphWarpOptions {
  rotationDeg: number;
  slant: number; // shear x += slant * y
  aspect: number; // width multiplier
  elastic: number; // displacement std in 28-px units
  thickness: number; // -1 (much thinner) .. +1 (much thicker)
}

export function randomWarpOptions(rng: Rng, strength = 1): GlyphWarpOptions {
  return {
    rotationDeg: rng.gaussian() * 7 * strength,
    slant: rng.gaussian() * 0.18 * strength,
    aspect: Math.exp(rng.gaussian() * 0.12 * strength),
    elastic: rng.chance(0.7) ? rng.uniform(0, 1.4) * strength : 0,
    thickness: rng.chance(0.6) ? rng.uniform(-1, 1) : 0,
  };
}

/**
 * glyph: 784 MNIST pixels (255 = ink) at offset. Thickness is applied on the 28×28 grid first
 * (grayscale dilation / soft erosion), geometry by inverse mapping with bilinear sampling.
 */
export function warpGlyph(images: Uint8Array, offset: number, opt: GlyphWarpOptions, rng: Rng): WarpedGlyph {
  const g = new Float32Array(784);
  for (let i = 0; i < 784; i++) g[i] = images[offset + i] / 255;
  const t = opt.thickness;
  if (t > 0.05) {
    // Dilation by a partial 3×3 max: t=1 adds about one pixel of stroke on each side.
    const d = new Float32Array(784);
    for (let y = 0; y < 28; y++) {
      for (let x = 0; x < 28; x++) {
        let m = 0;
        for (let dy = -1; dy <= 1; dy++) {
          const yy = y + dy;
          if (yy < 0 || yy > 27) continue;
          for (let dx = -1; dx <= 1; dx++) {
            const xx = x + dx;
            if (xx < 0 || xx > 27) continue;
            const v = g[yy * 28 + xx] * (dx !== 0 && dy !== 0 ? 0.7 : 1);
            if (v > m) m = v;
          }
        }
        d[y * 28 + x] = Math.max(g[y * 28 + x], m * Math.min(1, t));
      }
    }
    g.set(d);
  } else if (t < -0.05) {
    // Thinning: raise the ink threshold of MNIST's soft stroke profile.
    const cut = -t * 0.6;
    for (let i = 0; i < 784; i++) g[i] = Math.max(0, (g[i] - cut) / (1 - cut));
  }
  // Ink box and centre of the glyph in 28-px coordinates.
  let x0 = 28, y0 = 28, x1 = -1, y1 = -1;
  for (let y = 0; y < 28; y++) {
    for (let x = 0; x < 28; x++) {
      if (g[y * 28 + x] > 0.2) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
    }
  }
  if (x1 < 0) { x0 = 4; y0 = 4; x1 = 23; y1 = 23; }
  const gcx = (x0 + x1 + 1) / 2;
  const gcy = (y0 + y1 + 1) / 2;
  const unit = Math.max(x1 - x0 + 1, y1 - y0 + 1) / 2; // 28-px per glyph unit

  // Forward map glyph-units → output-units: A·(u,v). We need the inverse for sampling.
  const th = (opt.rotationDeg * Math.PI) / 180;
  const c = Math.cos(th), s = Math.sin(th);
  // A = R · Shear · Scale(aspect, 1)
  const a11 = c * opt.aspect, a12 = c * opt.slant - s;
  const a21 = s * opt.aspect, a22 = s * opt.slant + c;
  const det = a11 * a22 - a12 * a21;
  const i11 = a22 / det, i12 = -a12 / det, i21 = -a21 / det, i22 = a11 / det;

  const dxs = new Float32Array(GRID * GRID);
  const dys = new Float32Array(GRID * GRID);
  for (let i = 0; i < GRID * GRID; i++) {
    dxs[i] = rng.gaussian() * opt.elastic;
    dys[i] = rng.gaussian() * opt.elastic;
  }
  // Extents of the warped box (corners of the ink box through A).
  const hw = (x1 - x0 + 1) / 2 / unit;
  const hh = (y1 - y0 + 1) / 2 / unit;
  let maxX = 0, maxY = 0;
  for (const [u, v] of [[hw, hh], [hw, -hh], [-hw, hh], [-hw, -hh]]) {
    maxX = Math.max(maxX, Math.abs(a11 * u + a12 * v));
    maxY = Math.max(maxY, Math.abs(a21 * u + a22 * v));
  }

  return {
    halfWidth: maxX,
    halfHeight: maxY,
    sample(u: number, v: number): number {
      const gu = i11 * u + i12 * v;
      const gv = i21 * u + i22 * v;
      let px = gcx + gu * unit;
      let py = gcy + gv * unit;
      if (opt.elastic > 0) {
        const ex = elasticAt(dxs, px, py);
        const ey = elasticAt(dys, px, py);
        px += ex;
        py += ey;
      }
      px -= 0.5;
      py -= 0.5;
      const ix = Math.floor(px), iy = Math.floor(py);
      if (ix < -1 || iy < -1 || ix > 27 || iy > 27) return 0;
      const ax = px - ix, ay = py - iy;
      // Bilinear with zero outside the 28×28 grid (inlined: this runs per rendered pixel).
      const inX0 = ix >= 0, inX1 = ix < 27, inY0 = iy >= 0, inY1 = iy < 27;
      const base = iy * 28 + ix;
      const v00 = inX0 && inY0 ? g[base] : 0;
      const v10 = inX1 && inY0 ? g[base + 1] : 0;
      const v01 = inX0 && inY1 ? g[base + 28] : 0;
      const v11 = inX1 && inY1 ? g[base + 29] : 0;
      return (v00 * (1 - ax) + v10 * ax) * (1 - ay) + (v01 * (1 - ax) + v11 * ax) * ay;
    },
  };
}
