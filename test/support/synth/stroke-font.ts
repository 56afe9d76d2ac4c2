/**
 * A single-stroke capital alphabet (drawn for this project) used to hand-print the words line.
 * Each glyph is a list of polylines in a box of height 1 (y down) and width `w`; the writer
 * jitters every point, so no two letters come out alike, like block capitals written with a pen.
 */
import type { Point } from './ink.ts';

type Stroke = [number, number][];
export interface Glyph { w: number; strokes: Stroke[] }

/** Points on an elliptical arc; angles in degrees, counter-clockwise, y axis pointing down on the page. */
function arc(cx: number, cy: number, rx: number, ry: number, a0: number, a1: number, n = 12): Stroke {
  const out: Stroke = [];
  for (let i = 0; i <= n; i++) {
    const a = ((a0 + ((a1 - a0) * i) / n) * Math.PI) / 180;
    out.push([cx + rx * Math.cos(a), cy - ry * Math.sin(a)]);
  }
  return out;
}

const P_BOWL: Stroke = [[0, 1], [0, 0], [0.45, 0], [0.68, 0.1], [0.72, 0.27], [0.64, 0.43], [0.45, 0.52], [0, 0.52]];

export const GLYPHS: Record<string, Glyph> = {
  A: { w: 0.8, strokes: [[[0, 1], [0.4, 0], [0.8, 1]], [[0.16, 0.62], [0.64, 0.62]]] },
  B: { w: 0.72, strokes: [[[0, 0], [0, 1]], [[0, 0], [0.45, 0], [0.64, 0.1], [0.64, 0.36], [0.45, 0.48], [0, 0.48]], [[0.45, 0.48], [0.7, 0.6], [0.72, 0.86], [0.5, 1], [0, 1]]] },
  C: { w: 0.75, strokes: [arc(0.42, 0.5, 0.4, 0.5, 50, 310, 14)] },
  D: { w: 0.75, strokes: [[[0, 0], [0, 1]], [[0, 0], [0.35, 0], [0.62, 0.15], [0.74, 0.5], [0.62, 0.85], [0.35, 1], [0, 1]]] },
  E: { w: 0.65, strokes: [[[0.65, 0], [0, 0], [0, 1], [0.65, 1]], [[0, 0.5], [0.5, 0.5]]] },
  F: { w: 0.62, strokes: [[[0.62, 0], [0, 0], [0, 1]], [[0, 0.5], [0.48, 0.5]]] },
  G: { w: 0.8, strokes: [[...arc(0.42, 0.5, 0.4, 0.5, 45, 360, 14), [0.82, 0.95]], [[0.5, 0.55], [0.82, 0.55]]] },
  H: { w: 0.75, strokes: [[[0, 0], [0, 1]], [[0.75, 0], [0.75, 1]], [[0, 0.5], [0.75, 0.5]]] },
  I: { w: 0.12, strokes: [[[0.06, 0], [0.06, 1]]] },
  J: { w: 0.6, strokes: [[[0.6, 0], ...arc(0.32, 0.7, 0.28, 0.3, 0, -180, 10)]] },
  K: { w: 0.72, strokes: [[[0, 0], [0, 1]], [[0.7, 0], [0, 0.6]], [[0.22, 0.42], [0.74, 1]]] },
  L: { w: 0.6, strokes: [[[0, 0], [0, 1], [0.6, 1]]] },
  M: { w: 0.95, strokes: [[[0, 1], [0, 0], [0.47, 0.65], [0.95, 0], [0.95, 1]]] },
  N: { w: 0.78, strokes: [[[0, 1], [0, 0], [0.78, 1], [0.78, 0]]] },
  O: { w: 0.85, strokes: [arc(0.42, 0.5, 0.42, 0.5, 90, 450, 20)] },
  P: { w: 0.72, strokes: [P_BOWL] },
  Q: { w: 0.85, strokes: [arc(0.42, 0.5, 0.42, 0.5, 90, 450, 20), [[0.5, 0.7], [0.88, 1.05]]] },
  R: { w: 0.74, strokes: [P_BOWL, [[0.35, 0.52], [0.74, 1]]] },
  S: { w: 0.68, strokes: [[[0.66, 0.12], [0.5, 0.01], [0.24, 0], [0.05, 0.12], [0.06, 0.32], [0.3, 0.47], [0.58, 0.58], [0.69, 0.77], [0.6, 0.95], [0.36, 1.01], [0.12, 0.97], [0, 0.86]]] },
  T: { w: 0.74, strokes: [[[0, 0], [0.74, 0]], [[0.37, 0], [0.37, 1]]] },
  U: { w: 0.74, strokes: [[[0, 0], ...arc(0.37, 0.63, 0.37, 0.37, 180, 360, 12), [0.74, 0]]] },
  V: { w: 0.78, strokes: [[[0, 0], [0.39, 1], [0.78, 0]]] },
  W: { w: 1.05, strokes: [[[0, 0], [0.25, 1], [0.52, 0.3], [0.8, 1], [1.05, 0]]] },
  X: { w: 0.74, strokes: [[[0, 0], [0.74, 1]], [[0.74, 0], [0, 1]]] },
  Y: { w: 0.74, strokes: [[[0, 0], [0.37, 0.5], [0.74, 0]], [[0.37, 0.5], [0.37, 1]]] },
  Z: { w: 0.72, strokes: [[[0, 0], [0.72, 0], [0, 1], [0.72, 1]]] },
};

/** Glyph strokes placed at (x, top) with letter height h, horizontal shear, as page points. */
export function placeGlyph(g: Glyph, x: number, top: number, h: number, shear: number, jitter: (v: number) => number): Point[][] {
  return g.strokes.map((s) =>
    s.map(([gx, gy]) => {
      const px = x + (gx + shear * (1 - gy)) * h + jitter(h);
      const py = top + gy * h + jitter(h);
      return { x: px, y: py };
    }),
  );
}
