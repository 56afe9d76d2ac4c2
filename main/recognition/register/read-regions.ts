/**
 * The parts of a rectified page that anything downstream looks at: every field's digit boxes (with the
 * margin the box reader crops and the border check samples), its bubbles (with the ring the local paper
 * level is taken from), and its words line (the QR is read from the photo itself, see read-qr.ts). Rectifying only these (see rectify.ts) costs a
 * fraction of warping the whole ~5.7 MP canonical raster; the rest of the page stays white.
 */
import type { FormTemplate } from '../templates/schema.ts';

export interface CanonRect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Extra margin around a digit box: the reader crops +12 %, the border check samples ±(3·border + 6 px). */
const BOX_PAD_SHARE = 0.35;
const PAD_PX = 12;

export function readRegions(template: FormTemplate): CanonRect[] {
  const out: CanonRect[] = [];
  const grow = (r: CanonRect, pad: number) => out.push({ x: r.x - pad, y: r.y - pad, w: r.w + 2 * pad, h: r.h + 2 * pad });
  for (const field of template.fields) {
    for (const box of field.digits) grow(box, BOX_PAD_SHARE * Math.max(box.w, box.h) + PAD_PX);
    for (const column of field.bubbles ?? []) {
      // The paper level is read in a square of ±1.6 r around each bubble.
      const pad = column.radius * 2 + PAD_PX;
      for (const c of column.centers) out.push({ x: c.x - pad, y: c.y - pad, w: 2 * pad, h: 2 * pad });
    }
    if (field.words) grow(field.words, PAD_PX);
  }
  return out;
}

/**
 * Which cells of a grid of `cell`-px squares over the canonical page any region touches, row-major
 * (nx × ny); cells outside every region need no pixels.
 */
export function cellMask(regions: readonly CanonRect[], size: { width: number; height: number }, cell: number): { nx: number; ny: number; need: Uint8Array } {
  const nx = Math.ceil(size.width / cell);
  const ny = Math.ceil(size.height / cell);
  const need = new Uint8Array(nx * ny);
  for (const r of regions) {
    const x0 = Math.max(0, Math.floor(r.x / cell));
    const y0 = Math.max(0, Math.floor(r.y / cell));
    const x1 = Math.min(nx - 1, Math.floor((r.x + r.w) / cell));
    const y1 = Math.min(ny - 1, Math.floor((r.y + r.h) / cell));
    for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) need[y * nx + x] = 1;
  }
  return { nx, ny, need };
}
