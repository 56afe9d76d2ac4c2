/**
 * Applies an EXIF orientation (1–8) to a gray image. Done here on the already-downscaled gray page rather
 * than by sharp's `.rotate()` on the full-resolution colour image, which costs ~100 ms more per 12 MP photo.
 */
import type { GrayImage } from '../gray-image.ts';

/** Orientations 5–8 swap width and height. */
export function orientedSize(width: number, height: number, orientation: number): { width: number; height: number } {
  return orientation >= 5 && orientation <= 8 ? { width: height, height: width } : { width, height };
}

export function orientGray(img: GrayImage, orientation: number): GrayImage {
  if (!(orientation >= 2 && orientation <= 8)) return img;
  const { width: w, height: h, data: src } = img;
  const out = orientedSize(w, h, orientation);
  const dst = new Uint8Array(w * h);
  const ow = out.width;
  // Where source pixel (x, y) lands, per the EXIF definition of each orientation. The map is affine, so the
  // output index is base + x·sx + y·sy; walk in tiles so the transposing cases stay cache-friendly.
  const at = (x: number, y: number): number => {
    const [ox, oy] = destination(orientation, x, y, w, h);
    return oy * ow + ox;
  };
  const base = at(0, 0);
  const sx = at(1, 0) - base;
  const sy = at(0, 1) - base;
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
  return { width: out.width, height: out.height, data: dst };
}

function destination(orientation: number, x: number, y: number, w: number, h: number): [number, number] {
  switch (orientation) {
    case 2: return [w - 1 - x, y]; // mirror horizontal
    case 3: return [w - 1 - x, h - 1 - y]; // rotate 180°
    case 4: return [x, h - 1 - y]; // mirror vertical
    case 5: return [y, x]; // transpose
    case 6: return [h - 1 - y, x]; // rotate 90° clockwise
    case 7: return [h - 1 - y, w - 1 - x]; // transverse
    default: return [y, w - 1 - x]; // 8: rotate 90° counter-clockwise
  }
}
