/**
 * Things that cover a registration mark in a careless photo: a thumb holding the page, a scrap of
 * paper, a pen lying across the corner. Drawn on the page raster before it is photographed, so the
 * test for "markers not found → unregistered" has realistic input.
 */
import type { Rect } from '../../../main/recognition/templates/schema.ts';
import { composite, Mask, type Point } from './ink.ts';
import type { RgbImage } from './rgb-image.ts';
import type { Rng } from './rng.ts';

export type OccluderKind = 'thumb' | 'paper' | 'pen';

/** Covers `rect` completely (plus margin) with an occluder of the given kind. */
export function coverRect(page: RgbImage, rng: Rng, rect: Rect, kind: OccluderKind): void {
  const cx = rect.x + rect.w / 2, cy = rect.y + rect.h / 2;
  const size = Math.hypot(rect.w, rect.h);
  switch (kind) {
    case 'thumb': {
      const r = size * rng.uniform(0.75, 1.1);
      const ox = cx + rng.normal(0, size * 0.1), oy = cy + rng.normal(0, size * 0.1);
      // Shadow first, then the skin with a darker rim (a rounded fingertip).
      const shadow = new Mask(Math.floor(ox - 2 * r), Math.floor(oy - 2 * r), Math.ceil(4 * r), Math.ceil(4 * r));
      shadow.blob(ox + r * 0.12, oy + r * 0.12, () => r * 1.05, r * 1.2);
      composite(page, shadow, { color: [60, 55, 50], opacity: 0.35, width: 1 }, rng);
      const skin = rng.pick<[number, number, number]>([[214, 170, 140], [186, 134, 100], [150, 104, 76], [228, 190, 165]]);
      const body = new Mask(Math.floor(ox - 2 * r), Math.floor(oy - 2 * r), Math.ceil(4 * r), Math.ceil(4 * r));
      const ecc = rng.uniform(0.7, 0.9), rot = rng.uniform(0, Math.PI);
      body.blob(ox, oy, (t) => r / Math.sqrt(Math.cos(t - rot) ** 2 + (Math.sin(t - rot) / ecc) ** 2), r * 1.3);
      composite(page, body, { color: skin, opacity: 1, width: 1 }, rng);
      const nail = new Mask(Math.floor(ox - r), Math.floor(oy - r), Math.ceil(2 * r), Math.ceil(2 * r));
      nail.blob(ox + Math.cos(rot) * r * 0.35, oy + Math.sin(rot) * r * 0.35, () => r * 0.35, r * 0.5);
      composite(page, nail, { color: [skin[0] + 20, skin[1] + 25, skin[2] + 30].map((v) => Math.min(255, v)) as [number, number, number], opacity: 0.6, width: 1 }, rng);
      return;
    }
    case 'paper': {
      const half = size * rng.uniform(0.7, 1.1), ang = rng.uniform(0, Math.PI);
      const corners: Point[] = [[-1, -0.7], [1, -0.7], [1, 0.7], [-1, 0.7]].map(([u, v]) => ({
        x: cx + (u * Math.cos(ang) - v * Math.sin(ang)) * half * 1.2,
        y: cy + (u * Math.sin(ang) + v * Math.cos(ang)) * half * 1.2,
      }));
      const mask = Mask.around(corners, 4);
      fillConvex(mask, corners);
      composite(page, mask, { color: rng.pick<[number, number, number]>([[245, 240, 215], [250, 250, 250], [250, 230, 120]]), opacity: 1, width: 1 }, rng);
      return;
    }
    case 'pen': {
      const ang = rng.uniform(0, Math.PI), len = size * 3;
      const a = { x: cx - Math.cos(ang) * len / 2, y: cy - Math.sin(ang) * len / 2 };
      const b = { x: cx + Math.cos(ang) * len / 2, y: cy + Math.sin(ang) * len / 2 };
      const mask = Mask.around([a, b], size);
      mask.segment(a, b, size * 1.1);
      composite(page, mask, { color: rng.pick<[number, number, number]>([[30, 60, 150], [20, 20, 25], [180, 30, 30]]), opacity: 1, width: 1 }, rng);
    }
  }
}

function fillConvex(mask: Mask, poly: Point[]): void {
  for (let yy = 0; yy < mask.h; yy++) {
    for (let xx = 0; xx < mask.w; xx++) {
      const px = mask.x0 + xx + 0.5, py = mask.y0 + yy + 0.5;
      let inside = true, sign = 0;
      for (let i = 0; i < poly.length && inside; i++) {
        const a = poly[i], b = poly[(i + 1) % poly.length];
        const cross = (b.x - a.x) * (py - a.y) - (b.y - a.y) * (px - a.x);
        const s = Math.sign(cross);
        if (s !== 0) { if (sign === 0) sign = s; else if (s !== sign) inside = false; }
      }
      if (inside) mask.data[yy * mask.w + xx] = 1;
    }
  }
}
