/**
 * Draws a template over the page it was measured from, so a person can LOOK at whether the numbers fit:
 * digit boxes red, bubbles blue, words areas green, registration marks magenta (anchors as crosses).
 */
import sharp from 'sharp';
import type { GrayImage } from '../main/recognition/gray-image.ts';
import type { FormTemplate } from '../main/recognition/templates/schema.ts';

type Rgb = [number, number, number];

/** `img` is the page raster at `scale` × the canonical size; the overlay is written at canonical size. */
export async function drawOverlay(img: GrayImage, scale: number, t: FormTemplate, file: string): Promise<void> {
  const W = t.canonical.width;
  const H = t.canonical.height;
  const rgb = new Uint8Array(W * H * 3);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const sx = Math.min(img.width - 1, Math.floor(x * scale));
      const sy = Math.min(img.height - 1, Math.floor(y * scale));
      const v = img.data[sy * img.width + sx];
      // Fade the page so the overlay stands out.
      const f = 140 + Math.round((v * 115) / 255);
      rgb.set([f, f, f], (y * W + x) * 3);
    }
  }
  const put = (x: number, y: number, col: Rgb) => {
    const xi = Math.round(x);
    const yi = Math.round(y);
    if (xi < 0 || yi < 0 || xi >= W || yi >= H) return;
    rgb.set(col, (yi * W + xi) * 3);
  };
  const rect = (r: { x: number; y: number; w: number; h: number }, col: Rgb) => {
    for (let x = r.x; x <= r.x + r.w; x += 0.5) {
      put(x, r.y, col);
      put(x, r.y + r.h, col);
    }
    for (let y = r.y; y <= r.y + r.h; y += 0.5) {
      put(r.x, y, col);
      put(r.x + r.w, y, col);
    }
  };
  const circle = (cx: number, cy: number, rad: number, col: Rgb) => {
    for (let a = 0; a < 360; a += 2) put(cx + rad * Math.cos((a * Math.PI) / 180), cy + rad * Math.sin((a * Math.PI) / 180), col);
  };
  const cross = (x: number, y: number, col: Rgb) => {
    for (let d = -6; d <= 6; d++) {
      put(x + d, y, col);
      put(x, y + d, col);
    }
  };
  for (const m of t.registration.marks) {
    rect(m.rect, [220, 0, 220]);
    rect(m.search, [255, 170, 255]);
    if (m.anchor) cross(m.anchor.x, m.anchor.y, [220, 0, 220]);
    if (m.type === 'apriltag') m.corners.forEach((p, i) => circle(p.x, p.y, 3 + 2 * i, [220, 0, 220]));
  }
  for (const f of t.fields) {
    for (const d of f.digits) rect(d, [230, 0, 0]);
    for (const col of f.bubbles ?? []) for (const p of col.centers) circle(p.x, p.y, col.radius, [0, 0, 230]);
    if (f.words) rect(f.words, [0, 170, 0]);
    if (f.tally) rect(f.tally, [0, 160, 160]);
  }
  if (t.identity) rect(t.identity.rect, [255, 140, 0]);
  await sharp(Buffer.from(rgb), { raw: { width: W, height: H, channels: 3 } }).png().toFile(file);
}
