/**
 * Applies an EXIF orientation (1–8) to a gray image. Done here on the already-downscaled gray page rather
 * than by sharp's `.rotate()` on the full-resolution colour image, which costs ~100 ms more per 12 MP photo.
 */
import type { GrayImage } from '../gray-image.ts';

/** Orientations 5–8 swap width and height. */
export function orientedSize(width: number, height: number, orientation: number): { width: number; height: number } {
  return orientation >= 5 && orientation <= 8 ? { width: height, height: width } : { width, height };
}

/**
 * Where each source pixel of a w×h image goes under an EXIF orientation: the upright size, and the output
 * index of source pixel (x, y) as base + x·sx + y·sy (the map is affine).
 */
export function orientationMap(w: number, h: number, orientation: number): { width: number; height: number; base: number; sx: number; sy: number } {
  const out = orientedSize(w, h, orientation);
  const at = (x: number, y: number): number => {
    const [ox, oy] = destination(orientation, x, y, w, h);
    return oy * out.width + ox;
  };
  const base = at(0, 0);
  return { ...out, base, sx: at(1, 0) - base, sy: at(0, 1) - base };
}

export function orientGray(img: GrayImage, orientation: number): GrayImage {
  if (!(orientation >= 2 && orientation <= 8)) return img;
  const { width: w, height: h, data: src } = img;
  // Turns that keep rows as rows are native copies and reversals (2000×1500, CPU: 180° ~5 ms, mirrored
  // ~10 ms, instead of ~20 for the tiled walk below).
  if (orientation === 3) return { width: w, height: h, data: src.slice().reverse() };
  if (orientation === 2 || orientation === 4) {
    const out = new Uint8Array(w * h);
    for (let y = 0; y < h; y++) {
      const to = (orientation === 4 ? h - 1 - y : y) * w;
      out.set(src.subarray(y * w, (y + 1) * w), to);
      if (orientation === 2) out.subarray(to, to + w).reverse();
    }
    return { width: w, height: h, data: out };
  }
  const { width, height, base, sx, sy } = orientationMap(w, h, orientation);
  const dst = new Uint8Array(w * h);
  // Walk in tiles so the transposing cases stay cache-friendly.
  const T = 64;
  for (let ty = 0; ty < h; ty += T) {
    const yEnd = Math.min(h, ty + T);
    for (let tx = 0; tx < w; tx += T) {
      const xEnd = Math.min(w, tx + T);
      for (let y = ty; y < yEnd; y++) {
        const row = y * w;
        let o = base + tx * sx + y * sy;
        for (let x = tx; x < xEnd; x++, o += sx) dst[o] = src[row + x];
      }
    }
  }
  return { width, height, data: dst };
}

function destination(orientation: number, x: number, y: number, w: number, h: number): [number, number] {
  switch (orientation) {
    case 2: return [w - 1 - x, y]; // mirror horizontal
    case 3: return [w - 1 - x, h - 1 - y]; // rotate 180°
    case 4: return [x, h - 1 - y]; // mirror vertical
    case 5: return [y, x]; // transpose
    case 6: return [h - 1 - y, x]; // rotate 90° clockwise
    case 7: return [h - 1 - y, w - 1 - x]; // transverse
    case 8: return [y, w - 1 - x]; // rotate 90° counter-clockwise
    default: return [x, y]; // 1 (or none): as stored
  }
}
