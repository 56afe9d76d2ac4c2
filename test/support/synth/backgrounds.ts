/**
 * What lies around the page in a photo: wood table, laminate desk, painted wall, whiteboard,
 * cloth, concrete. Rendered procedurally on a coarse grid (≤ 1200 px on the long side: the
 * background is never the sharp part of the photo) and magnified row by row by the photo loop.
 */
import type { CoarseField } from './coarse-field.ts';
import { ValueNoise } from './noise-field.ts';
import type { Rng } from './rng.ts';

export type BackgroundKind = 'wood' | 'laminate' | 'wall' | 'whiteboard' | 'cloth' | 'concrete';
export const BACKGROUND_KINDS: readonly BackgroundKind[] = ['wood', 'laminate', 'wall', 'whiteboard', 'cloth', 'concrete'];

type Rgb = [number, number, number];

function jitterColor(rng: Rng, c: Rgb, amount: number): Rgb {
  return c.map((v) => Math.max(0, Math.min(255, v + rng.normal(0, amount)))) as Rgb;
}

export function renderBackground(rng: Rng, kind: BackgroundKind, width: number, height: number): CoarseField {
  const reduce = Math.max(2, Math.max(width, height) / 1200);
  const w = Math.max(8, Math.ceil(width / reduce)), h = Math.max(8, Math.ceil(height / reduce));
  const data = new Float32Array(w * h * 3);
  const noise = new ValueNoise(rng.fork('noise'), 64);
  const fine = new ValueNoise(rng.fork('fine'), 256);
  const angle = rng.uniform(0, Math.PI);
  const ca = Math.cos(angle), sa = Math.sin(angle);
  const unit = Math.max(w, h); // texture coordinates: 1 = the long side of the photo
  let base: Rgb, dark: Rgb;
  switch (kind) {
    case 'wood': base = jitterColor(rng, [182, 134, 88], 16); dark = jitterColor(rng, [120, 78, 46], 10); break;
    case 'laminate': base = jitterColor(rng, rng.pick<Rgb>([[200, 196, 186], [90, 92, 96], [150, 120, 95], [215, 210, 200]]), 10); dark = base.map((v) => v * 0.88) as Rgb; break;
    case 'wall': base = jitterColor(rng, rng.pick<Rgb>([[222, 216, 196], [196, 210, 214], [226, 214, 170], [210, 210, 206]]), 10); dark = base.map((v) => v * 0.9) as Rgb; break;
    case 'whiteboard': base = jitterColor(rng, [232, 234, 236], 6); dark = [196, 200, 206]; break;
    case 'cloth': base = jitterColor(rng, rng.pick<Rgb>([[40, 70, 130], [120, 30, 40], [40, 100, 60], [70, 70, 75]]), 15); dark = base.map((v) => v * 0.7) as Rgb; break;
    case 'concrete': base = jitterColor(rng, [150, 150, 146], 12); dark = [108, 108, 104]; break;
  }
  const plankWidth = rng.uniform(0.12, 0.3);
  const ringFreq = rng.uniform(25, 60);
  const weave = rng.uniform(1.6, 2.6);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      // (u along the grain / pattern axis, v across it), in units of the photo's long side.
      const u = (x * ca - y * sa) / unit, v = (x * sa + y * ca) / unit;
      let t: number;
      switch (kind) {
        case 'wood': {
          // Planks of long grain lines: rings bent by slow noise, fine streaks stretched along u.
          const plank = Math.floor(v / plankWidth);
          const bend = noise.fbm(u * 3 + plank * 7.7, v * 12, 2) * 6;
          const ring = 0.5 + 0.5 * Math.sin(v * ringFreq * 6 + bend + plank * 3.1);
          const streak = fine.at(u * 20 + plank * 31, v * 600);
          const seam = Math.abs(v / plankWidth - plank - 0.5) > 0.495 ? 0.9 : 0;
          t = Math.min(1, 0.45 * ring * ring + 0.4 * streak + seam);
          break;
        }
        case 'cloth':
          t = 0.65 * noise.fbm(u * 8, v * 8, 3) + 0.35 * (0.5 + 0.5 * Math.sin(x * weave) * Math.sin(y * weave));
          break;
        case 'concrete': t = 0.6 * noise.fbm(u * 20, v * 20, 3) + 0.4 * fine.at(x * 0.9, y * 0.9); break;
        case 'whiteboard': t = 0.25 * noise.fbm(u * 4, v * 4, 2); break;
        default: t = 0.5 * noise.fbm(u * 10, v * 10, 3) + 0.15 * fine.at(x * 0.8, y * 0.8);
      }
      const j = (y * w + x) * 3;
      data[j] = base[0] + (dark[0] - base[0]) * t;
      data[j + 1] = base[1] + (dark[1] - base[1]) * t;
      data[j + 2] = base[2] + (dark[2] - base[2]) * t;
    }
  }
  return { width: w, height: h, channels: 3, data };
}
