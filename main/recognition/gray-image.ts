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
  for (let row = 0; row < h; row++) {
    const sy = y + row;
    if (sy < 0 || sy >= img.height) continue;
    for (let col = 0; col < w; col++) {
      const sx = x + col;
      if (sx < 0 || sx >= img.width) continue;
      out.data[row * w + col] = img.data[sy * img.width + sx];
    }
  }
  return out;
}
