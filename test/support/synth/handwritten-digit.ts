/**
 * Draws one MNIST test digit into a digit box with the variations of real handwriting: size,
 * slant, rotation, stroke thickness and position jitter. The 28×28 MNIST image is used as a
 * stroke density map: bilinearly magnified, then cut with a soft threshold whose level sets the
 * pen's apparent thickness (a low level fattens the strokes, a high one thins them). Thin pens (ballpoints,
 * fine-liners) instead trace the strokes' skeleton with a round nib (stroke-skeleton.ts says why).
 */
import { Mask } from './ink.ts';
import type { MnistDigit } from './mnist-test-digits.ts';
import type { Rng } from './rng.ts';
import { strokeSkeleton } from './stroke-skeleton.ts';

export interface Rect { x: number; y: number; w: number; h: number }

export interface DigitStyle {
  /** Ink height of the digit as a fraction of the box height. */
  heightFrac: number;
  /** Horizontal shear (positive leans right), tan of the slant angle. */
  slant: number;
  /** In-plane rotation, radians. */
  rotation: number;
  /** Centre offset as fractions of the box size. */
  offsetX: number;
  offsetY: number;
  /** 0 = thin fine-liner .. 1 = fat marker; below THIN_PEN the skeleton is traced. */
  thickness: number;
  /** Stretch of width relative to height (some people write narrow digits). */
  aspect: number;
}

/** Style of one writer: the per-digit styles vary around it. */
export function randomWriterStyle(rng: Rng): DigitStyle {
  return {
    heightFrac: rng.uniform(0.5, 0.82),
    slant: rng.clippedNormal(0.08, 0.15, -0.3, 0.45),
    rotation: rng.normal(0, 0.03),
    offsetX: 0,
    offsetY: rng.normal(0, 0.04),
    thickness: rng.chance(0.75) ? rng.uniform(0, 0.6) : rng.uniform(0.6, 1),
    aspect: rng.uniform(0.85, 1.15),
  };
}

export function varyDigitStyle(rng: Rng, w: DigitStyle): DigitStyle {
  return {
    heightFrac: Math.min(0.95, Math.max(0.4, w.heightFrac * rng.uniform(0.88, 1.12))),
    slant: w.slant + rng.normal(0, 0.06),
    rotation: w.rotation + rng.normal(0, 0.05),
    offsetX: rng.normal(0, 0.06),
    offsetY: w.offsetY + rng.normal(0, 0.05),
    thickness: Math.min(1, Math.max(0, w.thickness + rng.normal(0, 0.1))),
    aspect: w.aspect * rng.uniform(0.93, 1.07),
  };
}

/** Ink bounding box and density map of a digit (0..1 floats), optionally fattened by one step. */
function densityMap(digit: MnistDigit, fatten: boolean): { map: Float32Array; x0: number; y0: number; x1: number; y1: number } {
  const src = digit.pixels;
  const map = new Float32Array(784);
  for (let i = 0; i < 784; i++) map[i] = src[i] / 255;
  if (fatten) {
    // Grey dilation by a cross, softened (×0.85) so the outline stays anti-aliased.
    const out = new Float32Array(784);
    for (let y = 0; y < 28; y++) for (let x = 0; x < 28; x++) {
      let m = map[y * 28 + x];
      const nb = [x > 0 ? map[y * 28 + x - 1] : 0, x < 27 ? map[y * 28 + x + 1] : 0, y > 0 ? map[(y - 1) * 28 + x] : 0, y < 27 ? map[(y + 1) * 28 + x] : 0];
      for (const v of nb) if (v * 0.85 > m) m = v * 0.85;
      out[y * 28 + x] = m;
    }
    map.set(out);
  }
  let x0 = 28, y0 = 28, x1 = -1, y1 = -1;
  for (let y = 0; y < 28; y++) for (let x = 0; x < 28; x++) {
    if (map[y * 28 + x] > 0.2) { if (x < x0) x0 = x; if (x > x1) x1 = x; if (y < y0) y0 = y; if (y > y1) y1 = y; }
  }
  if (x1 < 0) { x0 = 4; y0 = 4; x1 = 23; y1 = 23; }
  return { map, x0, y0, x1: x1 + 1, y1: y1 + 1 };
}

function densityAt(map: Float32Array, x: number, y: number): number {
  return x < 0 || y < 0 || x > 27 || y > 27 ? 0 : map[y * 28 + x];
}

/** Thickness under which a digit is traced along its skeleton rather than cut from its density. */
export const THIN_PEN = 0.45;
/** Nib width as a fraction of the digit's ink height at thickness 0 and at THIN_PEN. */
const NIB_MIN = 0.05, NIB_MAX = 0.105;

/** Rasterises the digit into a coverage mask placed in `box` (page px). */
export function digitMask(digit: MnistDigit, box: Rect, style: DigitStyle): Mask {
  const { map, x0, y0, x1, y1 } = densityMap(digit, style.thickness > 0.92);
  const inkH = y1 - y0, inkW = x1 - x0;
  const scale = (box.h * style.heightFrac) / inkH; // page px per MNIST px
  const sx = scale * style.aspect, sy = scale;
  const uc = (x0 + x1) / 2, vc = (y0 + y1) / 2;
  const cx = box.x + box.w * (0.5 + style.offsetX), cy = box.y + box.h * (0.5 + style.offsetY);
  const cos = Math.cos(style.rotation), sin = Math.sin(style.rotation);
  // forward: p = c + R · [sx·(du − slant·dv), sy·dv]; inverse per page pixel below.
  const halfDiag = 0.5 * Math.hypot(inkW * sx + Math.abs(style.slant) * inkH * sy, inkH * sy) + 3;
  const mask = new Mask(Math.floor(cx - halfDiag), Math.floor(cy - halfDiag), Math.ceil(2 * halfDiag) + 1, Math.ceil(2 * halfDiag) + 1);
  if (style.thickness < THIN_PEN) {
    const toPage = (u: number, v: number) => {
      const dv = v - vc, rx = sx * (u - uc - style.slant * dv), ry = sy * dv;
      return { x: cx + cos * rx - sin * ry, y: cy + sin * rx + cos * ry };
    };
    const nib = inkH * sy * (NIB_MIN + (NIB_MAX - NIB_MIN) * (style.thickness / THIN_PEN));
    for (const s of strokeSkeleton(digit.pixels)) drawNibSegment(mask, toPage(s.u0, s.v0), toPage(s.u1, s.v1), nib / 2);
    return mask;
  }
  // Soft threshold: a lower cut = fatter strokes. MNIST strokes are ~12 % of the digit height
  // (a felt tip); cutting high on the magnified density gives a ballpoint's thinner line.
  const lo = 0.78 - 0.55 * style.thickness, hi = lo + 0.18;
  for (let yy = 0; yy < mask.h; yy++) {
    for (let xx = 0; xx < mask.w; xx++) {
      const px = mask.x0 + xx + 0.5 - cx, py = mask.y0 + yy + 0.5 - cy;
      const rx = cos * px + sin * py, ry = -sin * px + cos * py; // R^-1
      const dv = ry / sy;
      const du = rx / sx + style.slant * dv;
      const u = uc + du - 0.5, v = vc + dv - 0.5;
      if (u < -1 || v < -1 || u > 28 || v > 28) continue;
      const iu = Math.floor(u), iv = Math.floor(v);
      const fu = u - iu, fv = v - iv;
      const val = (densityAt(map, iu, iv) * (1 - fu) + densityAt(map, iu + 1, iv) * fu) * (1 - fv)
        + (densityAt(map, iu, iv + 1) * (1 - fu) + densityAt(map, iu + 1, iv + 1) * fu) * fv;
      if (val <= lo) continue;
      mask.data[yy * mask.w + xx] = val >= hi ? 1 : (val - lo) / (hi - lo);
    }
  }
  return mask;
}

/** A round nib of `radius` page px dragged from a to b, anti-aliased over one pixel; union by max. */
function drawNibSegment(mask: Mask, a: { x: number; y: number }, b: { x: number; y: number }, radius: number): void {
  const reach = radius + 1;
  const xs = Math.max(0, Math.floor(Math.min(a.x, b.x) - reach - mask.x0)), xe = Math.min(mask.w - 1, Math.ceil(Math.max(a.x, b.x) + reach - mask.x0));
  const ys = Math.max(0, Math.floor(Math.min(a.y, b.y) - reach - mask.y0)), ye = Math.min(mask.h - 1, Math.ceil(Math.max(a.y, b.y) + reach - mask.y0));
  const dx = b.x - a.x, dy = b.y - a.y, len2 = dx * dx + dy * dy;
  for (let yy = ys; yy <= ye; yy++) {
    for (let xx = xs; xx <= xe; xx++) {
      const px = mask.x0 + xx + 0.5, py = mask.y0 + yy + 0.5;
      const t = len2 > 0 ? Math.min(1, Math.max(0, ((px - a.x) * dx + (py - a.y) * dy) / len2)) : 0;
      const dist = Math.hypot(px - (a.x + t * dx), py - (a.y + t * dy));
      const cover = Math.min(1, Math.max(0, radius + 0.5 - dist));
      const i = yy * mask.w + xx;
      if (cover > mask.data[i]) mask.data[i] = cover;
    }
  }
}
