/**
 * The one image type passed between recognition stages: 8-bit grayscale, row-major,
 * 0 = black ink, 255 = white paper. Kept as a plain object so it crosses worker_threads
 * boundaries (structured clone / transfer of `data.buffer`) without conversion.
 */
export interface GrayImage {
  width: number;
  height: number;
  data: Uint8Array;
}

export function createGrayImage(width: number, height: number, fill = 255): GrayImage {
  const data = new Uint8Array(width * height);
  if (fill !== 0) data.fill(fill);
  return { width, height, data };
}

/** Copies the rectangle [x, x+w) × [y, y+h), clamped to the image; outside pixels are white. */
export function cropGray(img: GrayImage, x: number, y: number, w: number, h: number): GrayImage {
  const out = createGrayImage(w, h, 255);
  // Row by row: only the part of each row inside the image is copied (typed-array block copies).
  const x0 = Math.max(0, x);
  const x1 = Math.min(img.width, x + w);
  if (x1 <= x0) return out;
  for (let row = 0; row < h; row++) {
    const sy = y + row;
    if (sy < 0 || sy >= img.height) continue;
    const from = sy * img.width;
    out.data.set(img.data.subarray(from + x0, from + x1), row * w + (x0 - x));
  }
  return out;
}
