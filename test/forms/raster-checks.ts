/**
 * Checks that a template's geometry is really where the ink is on a page raster: the digit box borders are
 * ink and the paper just outside them is not; bubbles are rings; marks are where detection finds them.
 */
import type { GrayImage } from '../../main/recognition/gray-image.ts';
import type { FormTemplate, Rect } from '../../main/recognition/templates/schema.ts';

const at = (img: GrayImage, x: number, y: number) => img.data[Math.round(y) * img.width + Math.round(x)];

/** Mean grey along the rectangle drawn `offset` px outside (+) or inside (−) the rect's edges. */
export function meanAlongRect(img: GrayImage, r: Rect, offset: number): number {
  const x0 = r.x - offset;
  const y0 = r.y - offset;
  const x1 = r.x + r.w + offset;
  const y1 = r.y + r.h + offset;
  let sum = 0;
  let n = 0;
  // Sample the middle 80 % of each side: corners are where rounding and neighbouring lines meet.
  for (let t = 0.1; t <= 0.9; t += 0.02) {
    const x = x0 + t * (x1 - x0);
    const y = y0 + t * (y1 - y0);
    sum += at(img, x, y0 - 0.5) + at(img, x, y1 - 0.5) + at(img, x0 - 0.5, y) + at(img, x1 - 0.5, y);
    n += 4;
  }
  return sum / n;
}

export interface BoxFit {
  field: string;
  border: number;
  outside: number;
}

/** For every digit box: mean grey on its border line (inset by half the border) and 3 px outside it. */
export function boxFits(img: GrayImage, t: FormTemplate): BoxFit[] {
  const half = (t.digitStyle?.borderPx ?? 3) / 2;
  const out: BoxFit[] = [];
  for (const f of t.fields) {
    for (const d of f.digits) {
      out.push({ field: f.id, border: meanAlongRect(img, d, -half), outside: meanAlongRect(img, d, 3) });
    }
  }
  return out;
}

/** Mean grey on a bubble's ring and just outside it. */
export function bubbleFits(img: GrayImage, t: FormTemplate): { field: string; ring: number; outside: number }[] {
  const out: { field: string; ring: number; outside: number }[] = [];
  for (const f of t.fields) {
    for (const col of f.bubbles ?? []) {
      for (const c of col.centers) {
        let ring = 0;
        let outside = 0;
        let n = 0;
        for (let a = 0; a < 360; a += 10) {
          const cos = Math.cos((a * Math.PI) / 180);
          const sin = Math.sin((a * Math.PI) / 180);
          // The stroke is centred on the radius; take the darkest of the pixels across it.
          ring += Math.min(...[-1, -0.5, 0, 0.5].map((d) => at(img, c.x + (col.radius + d) * cos, c.y + (col.radius + d) * sin)));
          outside += at(img, c.x + (col.radius + 2.5) * cos, c.y + (col.radius + 2.5) * sin);
          n++;
        }
        out.push({ field: f.id, ring: ring / n, outside: outside / n });
      }
    }
  }
  return out;
}

export const dist = (a: { x: number; y: number }, b: { x: number; y: number }) => Math.hypot(a.x - b.x, a.y - b.y);
