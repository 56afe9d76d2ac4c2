/**
 * Pen ink on the page raster. Everything a hand writes (digits, X-crosses, bubble fills, letters) is
 * first rasterised into a local coverage mask (0..1, union by max so overlapping strokes don't
 * double-darken), then composited once with the pen's colour, opacity and a little pressure texture.
 */
import type { RgbImage } from './rgb-image.ts';
import type { Rng } from './rng.ts';

export interface Point { x: number; y: number }

export interface Pen {
  /** Ink colour (blue ballpoint, black gel, dark marker...). */
  color: readonly [number, number, number];
  /** 0..1: how dark the ink lays down at full coverage. */
  opacity: number;
  /** Stroke width in page pixels for line-drawn marks (X, letters, bubble scribbles). */
  width: number;
}

export class Mask {
  readonly data: Float32Array;
  constructor(readonly x0: number, readonly y0: number, readonly w: number, readonly h: number) {
    this.data = new Float32Array(Math.max(0, w * h));
  }

  static around(points: readonly Point[], pad: number): Mask {
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (const p of points) {
      if (p.x < minX) minX = p.x; if (p.x > maxX) maxX = p.x;
      if (p.y < minY) minY = p.y; if (p.y > maxY) maxY = p.y;
    }
    const x0 = Math.floor(minX - pad), y0 = Math.floor(minY - pad);
    return new Mask(x0, y0, Math.ceil(maxX + pad) - x0 + 1, Math.ceil(maxY + pad) - y0 + 1);
  }

  /** Union (max) of a thick anti-aliased segment. */
  segment(p: Point, q: Point, width: number): void {
    const r = width / 2;
    const minX = Math.max(0, Math.floor(Math.min(p.x, q.x) - r - 1) - this.x0);
    const maxX = Math.min(this.w - 1, Math.ceil(Math.max(p.x, q.x) + r + 1) - this.x0);
    const minY = Math.max(0, Math.floor(Math.min(p.y, q.y) - r - 1) - this.y0);
    const maxY = Math.min(this.h - 1, Math.ceil(Math.max(p.y, q.y) + r + 1) - this.y0);
    const dx = q.x - p.x, dy = q.y - p.y;
    const len2 = dx * dx + dy * dy || 1e-9;
    for (let yy = minY; yy <= maxY; yy++) {
      const py = yy + this.y0 + 0.5 - p.y;
      for (let xx = minX; xx <= maxX; xx++) {
        const px = xx + this.x0 + 0.5 - p.x;
        let t = (px * dx + py * dy) / len2;
        t = t < 0 ? 0 : t > 1 ? 1 : t;
        const ex = px - t * dx, ey = py - t * dy;
        const c = r + 0.5 - Math.sqrt(ex * ex + ey * ey);
        if (c <= 0) continue;
        const i = yy * this.w + xx;
        const v = c > 1 ? 1 : c;
        if (v > this.data[i]) this.data[i] = v;
      }
    }
  }

  polyline(points: readonly Point[], width: number): void {
    if (points.length === 1) this.segment(points[0], points[0], width);
    for (let i = 1; i < points.length; i++) this.segment(points[i - 1], points[i], width);
  }

  /** A filled blob whose radius varies with angle: `radiusAt(theta)` in page px. */
  blob(cx: number, cy: number, radiusAt: (theta: number) => number, maxRadius: number): void {
    const minX = Math.max(0, Math.floor(cx - maxRadius - 1) - this.x0);
    const maxX = Math.min(this.w - 1, Math.ceil(cx + maxRadius + 1) - this.x0);
    const minY = Math.max(0, Math.floor(cy - maxRadius - 1) - this.y0);
    const maxY = Math.min(this.h - 1, Math.ceil(cy + maxRadius + 1) - this.y0);
    for (let yy = minY; yy <= maxY; yy++) {
      const py = yy + this.y0 + 0.5 - cy;
      for (let xx = minX; xx <= maxX; xx++) {
        const px = xx + this.x0 + 0.5 - cx;
        const d = Math.sqrt(px * px + py * py);
        const c = radiusAt(Math.atan2(py, px)) + 0.5 - d;
        if (c <= 0) continue;
        const i = yy * this.w + xx;
        const v = c > 1 ? 1 : c;
        if (v > this.data[i]) this.data[i] = v;
      }
    }
  }
}

/**
 * Lays the mask down on the page: `dst = dst·(1−a) + ink·a`, with `a` = coverage × opacity ×
 * a slowly varying pressure term (ballpoints skip and darken along a stroke) × fine grain.
 */
export function composite(page: RgbImage, mask: Mask, pen: Pen, rng: Rng): void {
  const [ir, ig, ib] = pen.color;
  const f1 = rng.uniform(0.03, 0.12), f2 = rng.uniform(0.03, 0.12);
  const ph1 = rng.uniform(0, 6.283), ph2 = rng.uniform(0, 6.283);
  const pressureAmp = rng.uniform(0.05, 0.25);
  const grainAmp = rng.uniform(0.04, 0.14);
  const W = page.width, H = page.height, d = page.data;
  for (let yy = 0; yy < mask.h; yy++) {
    const y = yy + mask.y0;
    if (y < 0 || y >= H) continue;
    for (let xx = 0; xx < mask.w; xx++) {
      const cov = mask.data[yy * mask.w + xx];
      if (cov <= 0.003) continue;
      const x = xx + mask.x0;
      if (x < 0 || x >= W) continue;
      const pressure = 1 - pressureAmp * (0.5 + 0.25 * Math.sin(x * f1 + ph1) + 0.25 * Math.sin(y * f2 + ph2));
      const grain = 1 - grainAmp * rng.next();
      let a = cov * pen.opacity * pressure * grain;
      if (a > 1) a = 1;
      const j = (y * W + x) * 3;
      d[j] = d[j] * (1 - a) + ir * a;
      d[j + 1] = d[j + 1] * (1 - a) + ig * a;
      d[j + 2] = d[j + 2] * (1 - a) + ib * a;
    }
  }
}

/** A hand-drawn line: the straight segment bent slightly and sampled as a polyline. */
export function wobblyLine(rng: Rng, a: Point, b: Point, wobble: number, steps = 8): Point[] {
  const dx = b.x - a.x, dy = b.y - a.y;
  const len = Math.hypot(dx, dy) || 1;
  const nx = -dy / len, ny = dx / len;
  const bow = rng.normal(0, wobble);
  const ph = rng.uniform(0, Math.PI);
  const pts: Point[] = [];
  for (let i = 0; i <= steps; i++) {
    const t = i / steps;
    const off = bow * Math.sin(Math.PI * t) + wobble * 0.3 * Math.sin(2 * Math.PI * t + ph);
    pts.push({ x: a.x + dx * t + nx * off, y: a.y + dy * t + ny * off });
  }
  return pts;
}
