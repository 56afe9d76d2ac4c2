/**
 * Area-average downscaling of a gray crop. Digit boxes on a rectified page are 60–105 px; the digit net was
 * trained on boxes of 24–64 px and its preprocessing costs grow with the pixel count, so crops are brought to
 * about TARGET_BOX_PX before classification (faster, and inside what training covered).
 */
import type { GrayImage } from '../gray-image.ts';

export const TARGET_BOX_PX = 44;

export function shrinkGray(img: GrayImage, factor: number): GrayImage {
  if (factor <= 1) return img;
  const w = Math.max(1, Math.round(img.width / factor));
  const h = Math.max(1, Math.round(img.height / factor));
  const out = new Uint8Array(w * h);
  const xs = Int32Array.from({ length: w + 1 }, (_, x) => Math.min(img.width, Math.round((x * img.width) / w)));
  const ys = Int32Array.from({ length: h + 1 }, (_, y) => Math.min(img.height, Math.round((y * img.height) / h)));
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let sum = 0;
      let count = 0;
      for (let yy = ys[y]; yy < Math.max(ys[y + 1], ys[y] + 1); yy++) {
        const row = yy * img.width;
        for (let xx = xs[x]; xx < Math.max(xs[x + 1], xs[x] + 1); xx++) {
          sum += img.data[row + xx];
          count++;
        }
      }
      out[y * w + x] = Math.round(sum / count);
    }
  }
  return { width: w, height: h, data: out };
}

/** A digit-box crop at the size the classifier expects (the box's longer side about TARGET_BOX_PX). */
export function boxCropForClassifier(crop: GrayImage, box: { w: number; h: number }): GrayImage {
  return shrinkGray(crop, Math.max(box.w, box.h) / TARGET_BOX_PX);
}
