/** Reading and writing rasters through sharp (PNG/JPEG files, raw buffers). */
import sharp from 'sharp';
import type { RgbImage } from './rgb-image.ts';

/** Decodes an image file (alpha flattened onto white), optionally resized to exactly width×height. */
export async function readRgb(path: string | Buffer, size?: { width: number; height: number }): Promise<RgbImage> {
  let p = sharp(path).flatten({ background: '#ffffff' }).toColourspace('srgb');
  if (size) p = p.resize(size.width, size.height, { fit: 'fill', kernel: 'lanczos3' });
  const { data, info } = await p.removeAlpha().raw().toBuffer({ resolveWithObject: true });
  if (info.channels !== 3) throw new Error(`expected 3 channels, got ${info.channels}`);
  return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
}

export async function writePng(img: RgbImage, path: string): Promise<void> {
  await sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } }).png({ compressionLevel: 3 }).toFile(path);
}
