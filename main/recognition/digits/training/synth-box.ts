import type { GrayImage } from '../../gray-image.ts';
import type { Rng } from '../rng.ts';
import type { WarpedGlyph } from './glyph-warp.ts';
import { segmentDigitStrokes } from './segment-digits.ts';

/**
 * Renders what a digit-box crop from a rectified form photo looks like: paper with uneven light
 * and noise, the printed box border (dark like the official plano, or light gray like the NETGRIT
 * draft, sometimes with neighbouring boxes or a missing side), the faint dotted "8" guide, and
 * the content — a handwritten digit, nothing, or an X through the box. Used for training and for
 * tests; geometry follows the official form (square-ish box, guide spanning ~40 % × 75 %).
 */
export type BoxContent =
  | { kind: 'digit'; glyph: WarpedGlyph }
  | { kind: 'segments'; digit: number }
  | { kind: 'blank' }
  | { kind: 'cross' };

export interface BoxRenderOptions {
  /** Interior side of the box in pixels; random 24–56 when omitted. */
  boxSize?: number;
  border?: 'dark' | 'light' | 'none';
  guide?: boolean;
}

const clamp01 = (v: number) => (v < 0 ? 0 : v > 1 ? 1 : v);

interface Stroke {
  pts: Float64Array; // polyline x,y pairs in box frame
  halfWidth: number;
  darkness: number;
}

function quadStroke(rng: Rng, x0: number, y0: number, x1: number, y1: number, bend: number, halfWidth: number, darkness: number): Stroke {
  const mx = (x0 + x1) / 2 + rng.gaussian() * bend;
  const my = (y0 + y1) / 2 + rng.gaussian() * bend;
  const segs = 8;
  const pts = new Float64Array((segs + 1) * 2);
  for (let i = 0; i <= segs; i++) {
    const t = i / segs;
    const a = (1 - t) * (1 - t), b = 2 * t * (1 - t), c = t * t;
    pts[2 * i] = a * x0 + b * mx + c * x1;
    pts[2 * i + 1] = a * y0 + b * my + c * y1;
  }
  return { pts, halfWidth, darkness };
}

function strokeCoverage(s: Stroke, x: number, y: number): number {
  let best = Infinity;
  const p = s.pts;
  for (let i = 0; i + 3 < p.length; i += 2) {
    const ax = p[i], ay = p[i + 1], bx = p[i + 2], by = p[i + 3];
    const dx = bx - ax, dy = by - ay;
    const len2 = dx * dx + dy * dy || 1;
    const t = clamp01(((x - ax) * dx + (y - ay) * dy) / len2);
    const ex = ax + t * dx - x, ey = ay + t * dy - y;
    const d2 = ex * ex + ey * ey;
    if (d2 < best) best = d2;
  }
  return clamp01(s.halfWidth + 0.5 - Math.sqrt(best)) * s.darkness;
}

/** Coverage of the printed box ring (interior [0,bw]×[0,bh], line width t) at a box-frame point. */
function ringCoverage(bx: number, by: number, bw: number, bh: number, t: number, sides: boolean[]): number {
  if (bx < -t - 1 || bx > bw + t + 1 || by < -t - 1 || by > bh + t + 1) return 0;
  if (bx > 1 && bx < bw - 1 && by > 1 && by < bh - 1) return 0;
  // Each side is a rectangle; a pixel's coverage ≈ clamp(0.5 − signed distance).
  let cov = 0;
  if (sides[0]) cov = Math.max(cov, clamp01(0.5 - Math.max(-t - by, by, -t - bx, bx - (bw + t))));
  if (sides[1]) cov = Math.max(cov, clamp01(0.5 - Math.max(bw - bx, bx - (bw + t), -t - by, by - (bh + t))));
  if (sides[2]) cov = Math.max(cov, clamp01(0.5 - Math.max(bh - by, by - (bh + t), -t - bx, bx - (bw + t))));
  if (sides[3]) cov = Math.max(cov, clamp01(0.5 - Math.max(-t - bx, bx, -t - by, by - (bh + t))));
  return cov;
}

/** Paper with a light gradient and sensor noise; darkness (0..1 relative) is multiplied in. */
function paperShade(rng: Rng) {
  const base = rng.uniform(150, 250);
  const gx = rng.uniform(-18, 18);
  const gy = rng.uniform(-18, 18);
  const noise = rng.chance(0.8) ? rng.uniform(0, 7) : 0;
  return { base, gx, gy, noise };
}

/** Standard normal samples for pixel noise (Box–Muller per pixel was a quarter of render time). */
const GAUSS = (() => {
  const table = new Float32Array(4096);
  let seed = 12345;
  for (let i = 0; i < table.length; i += 2) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    const u = Math.max(seed / 4294967296, 1e-9);
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    const v = seed / 4294967296;
    const r = Math.sqrt(-2 * Math.log(u));
    table[i] = r * Math.cos(2 * Math.PI * v);
    table[i + 1] = r * Math.sin(2 * Math.PI * v);
  }
  return table;
})();

function finish(rng: Rng, w: number, h: number, dark: Float32Array, shade: ReturnType<typeof paperShade>): GrayImage {
  let d = dark;
  const blurs = rng.chance(0.4) ? (rng.chance(0.3) ? 2 : 1) : 0;
  for (let b = 0; b < blurs; b++) d = blur121(d, w, h);
  const data = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const paper = Math.min(255, shade.base + (shade.gx * (x - w / 2)) / w + (shade.gy * (y - h / 2)) / h);
      const v = paper * (1 - d[y * w + x]) + (shade.noise ? GAUSS[(rng.next() * GAUSS.length) | 0] * shade.noise : 0);
      data[y * w + x] = v < 0 ? 0 : v > 255 ? 255 : Math.round(v);
    }
  }
  return { width: w, height: h, data };
}

function blur121(src: Float32Array, w: number, h: number): Float32Array {
  const tmp = new Float32Array(w * h);
  const out = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const l = src[y * w + Math.max(0, x - 1)], c = src[y * w + x], r = src[y * w + Math.min(w - 1, x + 1)];
      tmp[y * w + x] = (l + 2 * c + r) / 4;
    }
  }
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const u = tmp[Math.max(0, y - 1) * w + x], c = tmp[y * w + x], d = tmp[Math.min(h - 1, y + 1) * w + x];
      out[y * w + x] = (u + 2 * c + d) / 4;
    }
  }
  return out;
}

/** Dot centres of the dotted 7-segment "8" guide, as fractions of the box interior. */
export function guideDots(): Array<[number, number]> {
  const dots: Array<[number, number]> = [];
  for (let j = 0; j <= 8; j++) {
    for (let i = 0; i <= 4; i++) {
      const onBar = j === 0 || j === 4 || j === 8;
      const onSide = i === 0 || i === 4;
      if (onBar || onSide) dots.push([0.32 + 0.09 * i, 0.12 + 0.095 * j]);
    }
  }
  return dots;
}
const GUIDE = guideDots();

export function renderBoxCrop(rng: Rng, content: BoxContent, opt: BoxRenderOptions = {}): GrayImage {
  const B = opt.boxSize ?? rng.uniform(24, 56);
  const bw = B * rng.uniform(0.8, 1.12);
  const bh = B;
  const borderKind = opt.border ?? (rng.chance(0.1) ? 'none' : rng.chance(0.55) ? 'dark' : 'light');
  const t = borderKind === 'none' ? 0 : Math.max(1, B * rng.uniform(0.025, 0.075));
  const borderDark = borderKind === 'dark' ? rng.uniform(0.6, 0.95) : rng.uniform(0.12, 0.35);
  const sides = [0, 1, 2, 3].map(() => rng.chance(0.95)); // top, right, bottom, left
  // Crop margins around the outer border: the caller's crop is a bit larger than the box and
  // registration is never perfect, so they differ per side.
  const wide = rng.chance(0.1);
  const m = () => B * (wide ? rng.uniform(0.02, 0.25) : rng.uniform(0.02, 0.12));
  const ml = m(), mr = m(), mt = m(), mb = m();
  const W = Math.max(8, Math.round(bw + 2 * t + ml + mr));
  const H = Math.max(8, Math.round(bh + 2 * t + mt + mb));
  const ox = ml + t; // interior top-left in crop coordinates (before rotation)
  const oy = mt + t;
  const theta = (rng.gaussian() * 0.7 * Math.PI) / 180;
  const cosT = Math.cos(theta), sinT = Math.sin(theta);
  const gap = B * rng.uniform(0.08, 0.45);
  const neighbours = rng.chance(0.6);

  const guide = opt.guide ?? rng.chance(0.65);
  const dotHalf = Math.max(0.5, B * rng.uniform(0.012, 0.028));
  const dotDark = rng.uniform(0.06, 0.4);
  const guideDx = rng.gaussian() * 0.02 * bw;

  const inkDark = rng.uniform(0.4, 0.95);
  let glyph: WarpedGlyph | null = null;
  let k = 1, gcx = 0, gcy = 0;
  const strokes: Stroke[] = [];
  if (content.kind === 'digit') {
    glyph = content.glyph;
    const hd = bh * (rng.chance(0.1) ? rng.uniform(0.85, 1.1) : rng.uniform(0.45, 0.88));
    k = hd / (2 * glyph.halfHeight);
    if (glyph.halfWidth * k > 0.6 * bw) k = (0.6 * bw) / glyph.halfWidth;
    gcx = bw / 2 + rng.gaussian() * 0.07 * bw;
    gcy = bh / 2 + rng.gaussian() * 0.06 * bh;
  } else if (content.kind === 'segments') {
    // Traced along the dotted guide: the frame sits roughly on the guide's 40 % × 75 %.
    const hwid = Math.max(0.6, B * rng.uniform(0.014, 0.04));
    const fw = bw * rng.uniform(0.3, 0.52);
    const fh = bh * rng.uniform(0.6, 0.84);
    const fx = bw / 2 - fw / 2 + rng.gaussian() * 0.05 * bw;
    const fy = bh / 2 - fh / 2 + rng.gaussian() * 0.04 * bh;
    for (const path of segmentDigitStrokes(content.digit, rng)) {
      const pts = new Float64Array(path.length);
      for (let i = 0; i < path.length; i += 2) {
        pts[i] = fx + path[i] * fw;
        pts[i + 1] = fy + path[i + 1] * fh;
      }
      strokes.push({ pts, halfWidth: hwid, darkness: inkDark });
    }
  } else if (content.kind === 'cross') {
    const hwid = Math.max(0.6, B * rng.uniform(0.015, 0.045));
    const reach = () => rng.uniform(0.22, 0.62);
    const cx = bw / 2 + rng.gaussian() * 0.05 * bw;
    const cy = bh / 2 + rng.gaussian() * 0.05 * bh;
    strokes.push(quadStroke(rng, cx - reach() * bw, cy - reach() * bh, cx + reach() * bw, cy + reach() * bh, 0.05 * B, hwid, inkDark));
    strokes.push(quadStroke(rng, cx + reach() * bw, cy - reach() * bh, cx - reach() * bw, cy + reach() * bh, 0.05 * B, hwid, inkDark));
  } else if (rng.chance(0.25)) {
    // Dust or a pen touch: a tiny speck is still a blank box.
    const sx = rng.uniform(0.1, 0.9) * bw, sy = rng.uniform(0.1, 0.9) * bh;
    strokes.push(quadStroke(rng, sx, sy, sx + rng.uniform(-1.5, 1.5), sy + rng.uniform(-1.5, 1.5), 0.2, rng.uniform(0.4, 1.2), rng.uniform(0.3, 0.9)));
  }

  const keep = new Float32Array(W * H).fill(1); // product of (1 - darkness) of all layers
  const pitch = bw + 2 * t + gap;
  const cx0 = W / 2, cy0 = H / 2;
  // crop → box frame: rotate about the crop centre, then shift; and its inverse.
  const toBoxX = (x: number, y: number) => cosT * (x - cx0) + sinT * (y - cy0) + cx0 - ox;
  const toBoxY = (x: number, y: number) => -sinT * (x - cx0) + cosT * (y - cy0) + cy0 - oy;
  const toCropX = (bx: number, by: number) => cosT * (bx - cx0 + ox) - sinT * (by - cy0 + oy) + cx0;
  const toCropY = (bx: number, by: number) => sinT * (bx - cx0 + ox) + cosT * (by - cy0 + oy) + cy0;

  if (t > 0) {
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        const bx = toBoxX(x + 0.5, y + 0.5);
        const by = toBoxY(x + 0.5, y + 0.5);
        let b = ringCoverage(bx, by, bw, bh, t, sides);
        if (neighbours) b = Math.max(b, ringCoverage(bx - pitch, by, bw, bh, t, sides), ringCoverage(bx + pitch, by, bw, bh, t, sides));
        if (b > 0) keep[y * W + x] *= 1 - b * borderDark;
      }
    }
  }
  if (guide) {
    // Dots are a few pixels wide: rasterise each axis-aligned around its rotated centre.
    for (const [fx, fy] of GUIDE) {
      const bx = guideDx + fx * bw, by = fy * bh;
      const cx = toCropX(bx, by), cy = toCropY(bx, by);
      const r = dotHalf + 0.5;
      for (let y = Math.max(0, Math.floor(cy - r)); y < Math.min(H, Math.ceil(cy + r)); y++) {
        for (let x = Math.max(0, Math.floor(cx - r)); x < Math.min(W, Math.ceil(cx + r)); x++) {
          const ex = Math.abs(x + 0.5 - cx), ey = Math.abs(y + 0.5 - cy);
          keep[y * W + x] *= 1 - clamp01(r - ex) * clamp01(r - ey) * dotDark;
        }
      }
    }
  }
  if (glyph) {
    const cx = toCropX(gcx, gcy), cy = toCropY(gcx, gcy);
    const rx = (glyph.halfWidth + 0.3) * k + 2, ry = (glyph.halfHeight + 0.3) * k + 2;
    for (let y = Math.max(0, Math.floor(cy - ry)); y < Math.min(H, Math.ceil(cy + ry)); y++) {
      for (let x = Math.max(0, Math.floor(cx - rx)); x < Math.min(W, Math.ceil(cx + rx)); x++) {
        const bx = toBoxX(x + 0.5, y + 0.5), by = toBoxY(x + 0.5, y + 0.5);
        const u = (bx - gcx) / k, v = (by - gcy) / k;
        if (Math.abs(u) < glyph.halfWidth + 0.3 && Math.abs(v) < glyph.halfHeight + 0.3) {
          keep[y * W + x] *= 1 - clamp01(glyph.sample(u, v)) * inkDark;
        }
      }
    }
  }
  for (const st of strokes) {
    let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
    for (let i = 0; i < st.pts.length; i += 2) {
      const x = toCropX(st.pts[i], st.pts[i + 1]), y = toCropY(st.pts[i], st.pts[i + 1]);
      minX = Math.min(minX, x); maxX = Math.max(maxX, x); minY = Math.min(minY, y); maxY = Math.max(maxY, y);
    }
    const r = st.halfWidth + 1.5;
    for (let y = Math.max(0, Math.floor(minY - r)); y < Math.min(H, Math.ceil(maxY + r)); y++) {
      for (let x = Math.max(0, Math.floor(minX - r)); x < Math.min(W, Math.ceil(maxX + r)); x++) {
        keep[y * W + x] *= 1 - strokeCoverage(st, toBoxX(x + 0.5, y + 0.5), toBoxY(x + 0.5, y + 0.5));
      }
    }
  }
  const dark = keep;
  for (let i = 0; i < dark.length; i++) dark[i] = 1 - keep[i];
  return finish(rng, W, H, dark, paperShade(rng));
}

/** A digit on plain paper (no box): a tight-ish crop like MNIST itself or a free-hand field. */
export function renderPlainDigit(rng: Rng, glyph: WarpedGlyph): GrayImage {
  const hd = rng.uniform(16, 56);
  const k = hd / (2 * glyph.halfHeight);
  const margin = () => hd * rng.uniform(0.08, 0.4);
  const W = Math.max(8, Math.round(2 * glyph.halfWidth * k + margin() + margin()));
  const H = Math.max(8, Math.round(hd + margin() + margin()));
  const gcx = W / 2 + rng.gaussian() * 0.04 * W;
  const gcy = H / 2 + rng.gaussian() * 0.04 * H;
  const inkDark = rng.uniform(0.45, 0.97);
  const dark = new Float32Array(W * H);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const u = (x + 0.5 - gcx) / k, v = (y + 0.5 - gcy) / k;
      if (Math.abs(u) < glyph.halfWidth + 0.3 && Math.abs(v) < glyph.halfHeight + 0.3) {
        dark[y * W + x] = clamp01(glyph.sample(u, v)) * inkDark;
      }
    }
  }
  return finish(rng, W, H, dark, paperShade(rng));
}
