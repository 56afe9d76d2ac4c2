/**
 * An interleaved 8-bit RGB raster (the page being "written on", and the simulated photo).
 * Same plain-object shape as GrayImage so it can be handed to sharp as raw pixels.
 */
import type { GrayImage } from '../../../main/recognition/gray-image.ts';

export interface RgbImage {
  width: number;
  height: number;
  /** length width*height*3, row-major, R G B. */
  data: Uint8Array;
}

export function createRgbImage(width: number, height: number, fill: readonly [number, number, number] = [255, 255, 255]): RgbImage {
  const data = new Uint8Array(width * height * 3);
  if (fill[0] === fill[1] && fill[1] === fill[2]) data.fill(fill[0]);
  else for (let i = 0; i < data.length; i += 3) { data[i] = fill[0]; data[i + 1] = fill[1]; data[i + 2] = fill[2]; }
  return { width, height, data };
}

export function cloneRgb(img: RgbImage): RgbImage {
  return { width: img.width, height: img.height, data: new Uint8Array(img.data) };
}

/** Luma (BT.601) of an RGB raster, for recognisers that want a GrayImage. */
export function rgbToGray(img: RgbImage): GrayImage {
  const n = img.width * img.height;
  const out = new Uint8Array(n);
  const d = img.data;
  for (let i = 0, j = 0; i < n; i++, j += 3) out[i] = (d[j] * 77 + d[j + 1] * 150 + d[j + 2] * 29 + 128) >> 8;
  return { width: img.width, height: img.height, data: out };
}

export function grayToRgb(img: GrayImage): RgbImage {
  const n = img.width * img.height;
  const out = new Uint8Array(n * 3);
  for (let i = 0, j = 0; i < n; i++, j += 3) { const v = img.data[i]; out[j] = v; out[j + 1] = v; out[j + 2] = v; }
  return { width: img.width, height: img.height, data: out };
}
