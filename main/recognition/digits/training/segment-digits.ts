import type { Rng } from '../rng.ts';

/**
 * Hand-drawn "7-segment" digits: on forms with a dotted "8" guide in each box many people trace
 * the guide, writing an angular 2, a boxed 8 (日), a flat-topped 3 — styles MNIST hardly has.
 * Each digit is the pen path(s) through the six guide nodes, with jittered nodes, overshooting
 * or gapped corners, slant and bend, returned as polylines in a unit frame (x 0..1, y 0..1).
 */
type Node = 'TL' | 'TR' | 'ML' | 'MR' | 'BL' | 'BR';

const NODE: Record<Node, [number, number]> = {
  TL: [0, 0], TR: [1, 0], ML: [0, 0.5], MR: [1, 0.5], BL: [0, 1], BR: [1, 1],
};

/** Pen paths per digit: each variant is a list of strokes, each stroke a path through nodes. */
const VARIANTS: Node[][][][] = [
  [[['TL', 'TR', 'BR', 'BL', 'TL']]],
  [[['TR', 'BR']], [['TL', 'BL']]],
  [[['TL', 'TR', 'MR', 'ML', 'BL', 'BR']]],
  [[['TL', 'TR', 'MR', 'BR', 'BL'], ['ML', 'MR']], [['TL', 'TR', 'BR', 'BL'], ['ML', 'MR']]],
  [[['TL', 'ML', 'MR'], ['TR', 'BR']], [['TL', 'ML', 'MR', 'TR'], ['MR', 'BR']]],
  [[['TR', 'TL', 'ML', 'MR', 'BR', 'BL']]],
  [[['TR', 'TL', 'BL', 'BR', 'MR', 'ML']], [['TL', 'BL', 'BR', 'MR', 'ML']]],
  [[['TL', 'TR', 'BR']], [['TL', 'TR', 'MR', 'BR']]],
  [[['TL', 'TR', 'BR', 'BL', 'TL'], ['ML', 'MR']], [['MR', 'ML', 'TL', 'TR', 'BR', 'BL', 'ML']]],
  [[['MR', 'ML', 'TL', 'TR', 'BR', 'BL']], [['MR', 'ML', 'TL', 'TR', 'BR']]],
];

export function segmentDigitStrokes(digit: number, rng: Rng): Float64Array[] {
  const variants = VARIANTS[digit];
  const strokes = variants[rng.int(0, variants.length - 1)];
  // Node jitter shared by strokes so they still meet (roughly) at the same corners.
  const jit = new Map<Node, [number, number]>();
  for (const n of Object.keys(NODE) as Node[]) {
    jit.set(n, [NODE[n][0] + rng.gaussian() * 0.07, NODE[n][1] + rng.gaussian() * 0.04]);
  }
  const slant = rng.gaussian() * 0.12;
  const out: Float64Array[] = [];
  for (const path of strokes) {
    const pts: number[] = [];
    for (let i = 0; i + 1 < path.length; i++) {
      let [x0, y0] = jit.get(path[i])!;
      let [x1, y1] = jit.get(path[i + 1])!;
      // Corners overshoot or stop short a little: pens rarely hit the node exactly.
      const ext0 = i === 0 ? rng.gaussian() * 0.05 : 0;
      const ext1 = rng.gaussian() * 0.04;
      const dx = x1 - x0, dy = y1 - y0;
      const len = Math.hypot(dx, dy) || 1;
      x0 -= (dx / len) * ext0; y0 -= (dy / len) * ext0;
      x1 += (dx / len) * ext1; y1 += (dy / len) * ext1;
      const bend = rng.gaussian() * 0.04;
      const segs = 4;
      for (let s = i === 0 ? 0 : 1; s <= segs; s++) {
        const t = s / segs;
        const b = 4 * t * (1 - t) * bend; // bow perpendicular to the segment
        pts.push(x0 + dx * t - (dy / len) * b, y0 + dy * t + (dx / len) * b);
      }
    }
    for (let i = 0; i < pts.length; i += 2) pts[i] += slant * (0.5 - pts[i + 1]);
    out.push(Float64Array.from(pts));
  }
  return out;
}
