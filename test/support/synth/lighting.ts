/**
 * Uneven light over the whole photo: a brightness gradient (window on one side), vignetting,
 * and soft shadows (a hand or the phone between lamp and page). Light varies slowly, so the field
 * is computed on a coarse grid and magnified by sharp; the photo loop multiplies by it.
 */
import type { CoarseField } from './coarse-field.ts';
import type { Rng } from './rng.ts';

export interface LightOptions {
  /** 0 = flat light .. 1 = strong gradients and dark shadows (default random 0.2..1). */
  unevenness?: number;
  /** Number of soft shadows (default random 0..2). */
  shadows?: number;
}

/** A 1-channel field of brightness multipliers (1 = unchanged) on a grid 1/8 of the photo. */
export function renderLight(rng: Rng, width: number, height: number, opts: LightOptions = {}): CoarseField {
  const k = opts.unevenness ?? rng.uniform(0.2, 1);
  const w = Math.ceil(width / 8), h = Math.ceil(height / 8);
  const small = new Float32Array(w * h);
  const exposure = rng.uniform(0.86, 1.1);
  const gAngle = rng.uniform(0, 2 * Math.PI), gx = Math.cos(gAngle), gy = Math.sin(gAngle);
  const gStrength = k * rng.uniform(0.1, 0.4);
  const vignette = k * rng.uniform(0.1, 0.45);
  const vcx = rng.uniform(0.35, 0.65), vcy = rng.uniform(0.35, 0.65);
  const nShadows = opts.shadows ?? rng.weighted([[0, 0.45], [1, 0.4], [2, 0.15]] as const);
  const shadows = Array.from({ length: nShadows }, () => {
    const kind = rng.chance(0.6) ? 'edge' : 'blob';
    const a = rng.uniform(0, 2 * Math.PI);
    return {
      kind,
      nx: Math.cos(a), ny: Math.sin(a),
      // edge: the shadow covers where n·p > offset; blob: an ellipse centre and radii.
      offset: rng.uniform(0.15, 0.6),
      cx: rng.uniform(0, 1), cy: rng.uniform(0, 1), rx: rng.uniform(0.1, 0.35), ry: rng.uniform(0.1, 0.35),
      soft: rng.uniform(0.02, 0.12),
      depth: Math.min(0.6, k * rng.uniform(0.15, 0.55) + 0.05),
    };
  });
  const aspect = width / height;
  for (let y = 0; y < h; y++) {
    const py = y / h;
    for (let x = 0; x < w; x++) {
      const px = x / w;
      let m = exposure * (1 + gStrength * ((px - 0.5) * gx + (py - 0.5) * gy) * 2);
      const dx = (px - vcx) * aspect, dy = py - vcy;
      m *= 1 - vignette * Math.min(1, (dx * dx + dy * dy) / (0.25 * (aspect * aspect + 1)));
      for (const s of shadows) {
        let inside: number;
        if (s.kind === 'edge') {
          inside = ((px - 0.5) * s.nx + (py - 0.5) * s.ny - (s.offset - 0.5)) / s.soft;
        } else {
          const ex = (px - s.cx) / s.rx, ey = (py - s.cy) / s.ry;
          inside = ((1 - Math.sqrt(ex * ex + ey * ey)) * Math.min(s.rx, s.ry)) / s.soft;
        }
        const t = inside <= -1 ? 0 : inside >= 1 ? 1 : 0.5 + 0.5 * Math.sin((inside * Math.PI) / 2);
        m *= 1 - s.depth * t;
      }
      small[y * w + x] = Math.max(0, m);
    }
  }
  return { width: w, height: h, channels: 1, data: small };
}
