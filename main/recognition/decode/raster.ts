/**
 * Photos and scans (JPEG, PNG, WebP, TIFF) through sharp. The header is read first and the pixel count
 * checked before any pixel is decoded; decoding then goes straight to a small gray image:
 * - JPEG (and WebP) shrink while decoding ("shrink-on-load"), so a 12 MP photo never exists at full size;
 * - gray is the green channel: it carries most of the luminance, keeps blue and red ballpoint dark, and is
 *   several times cheaper in libvips than a full colourspace conversion;
 * - EXIF orientation is applied afterwards on the small gray image (see orient.ts).
 */
import sharp, { type Metadata, type Sharp } from 'sharp';
import type { GrayImage } from '../gray-image.ts';
import { decodeErrors, type DecodeError } from './errors.ts';
import type { InputFormat } from './sniff.ts';
import { headerDimensions } from './dimensions.ts';
import { orientGray, orientedSize } from './orient.ts';
import type { LongSide, PageSource } from './page-source.ts';
import { err, ok, type Result } from './result.ts';

/** Formats whose decoder can shrink while decoding; the others are decoded once and cached at working size. */
const SHRINK_ON_LOAD: ReadonlySet<InputFormat> = new Set(['jpeg', 'webp']);

export interface RasterOptions {
  maxMegapixels: number;
  working: LongSide;
}

export async function openRaster(
  buf: Buffer,
  format: Exclude<InputFormat, 'pdf'>,
  opts: RasterOptions,
): Promise<Result<PageSource[], DecodeError>> {
  const maxPixels = Math.round(opts.maxMegapixels * 1e6);
  const claimed = headerDimensions(buf, format);
  if (claimed && claimed.width * claimed.height > maxPixels) return err(decodeErrors.tooLarge(claimed.width, claimed.height, opts.maxMegapixels));
  let meta: Metadata;
  try {
    // Header only: no pixels are decoded here. `limitInputPixels: false` so that an oversized image gets our
    // own precise message below rather than libvips' generic one.
    meta = await sharp(buf, { limitInputPixels: false }).metadata();
  } catch (e) {
    return err(decodeErrors.corrupt(String(e)));
  }
  if (!meta.width || !meta.height) return err(decodeErrors.corrupt('no dimensions in header'));
  // A multi-page TIFF keeps all pages in one tall image in libvips' eyes; each page is its own page here.
  const pageCount = format === 'tiff' ? Math.max(1, meta.pages ?? 1) : 1;
  const pageHeight = pageCount > 1 && meta.pageHeight ? meta.pageHeight : meta.height;
  if (meta.width * pageHeight > maxPixels) return err(decodeErrors.tooLarge(meta.width, pageHeight, opts.maxMegapixels));

  const pages: PageSource[] = [];
  for (let p = 0; p < pageCount; p++) {
    let w = meta.width;
    let h = pageHeight;
    let m = meta;
    if (pageCount > 1) {
      try {
        m = await sharp(buf, { page: p, limitInputPixels: false }).metadata();
      } catch (e) {
        return err(decodeErrors.corrupt(String(e)));
      }
      w = m.width ?? 0;
      h = m.height ?? 0;
      if (!w || !h) return err(decodeErrors.corrupt(`TIFF page ${p + 1} has no dimensions`));
      if (w * h > maxPixels) return err(decodeErrors.tooLarge(w, h, opts.maxMegapixels));
    }
    pages.push(rasterPage(buf, format, p, w, h, m, opts, maxPixels));
  }
  return ok(pages);
}

function rasterPage(
  buf: Buffer,
  format: Exclude<InputFormat, 'pdf'>,
  pageIndex: number,
  storedWidth: number,
  storedHeight: number,
  meta: Metadata,
  opts: RasterOptions,
  maxPixels: number,
): PageSource {
  const orientation = meta.orientation ?? 1;
  const upright = orientedSize(storedWidth, storedHeight, orientation);
  // Formats without shrink-on-load are decoded once at working size and smaller requests are cut from it.
  let cached: GrayImage | undefined;

  const decodeAt = async (size: LongSide): Promise<Result<GrayImage, DecodeError>> => {
    const [tw, th] = targetSize(storedWidth, storedHeight, size, SHRINK_ON_LOAD.has(format));
    try {
      let pipe = sharp(buf, {
        page: pageIndex,
        limitInputPixels: maxPixels,
        // A truncated file is refused; harmless warnings (odd markers, extra bytes) are tolerated.
        failOn: 'truncated',
        sequentialRead: true,
      });
      if (meta.hasAlpha) pipe = pipe.flatten({ background: '#ffffff' });
      if (tw !== storedWidth || th !== storedHeight) pipe = pipe.resize(tw, th, { fit: 'fill', kernel: 'linear' });
      pipe = grayOf(pipe, meta);
      const { data, info } = await pipe.raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
      if (info.channels !== 1) return err(decodeErrors.corrupt(`expected 1 channel, got ${info.channels}`));
      const gray: GrayImage = {
        width: info.width,
        height: info.height,
        data: new Uint8Array(data.buffer, data.byteOffset, data.length),
      };
      return ok(orientGray(gray, orientation));
    } catch (e) {
      return err(decodeErrors.corrupt(String(e)));
    }
  };

  return {
    pageNumber: pageIndex + 1,
    origin: 'image',
    width: upright.width,
    height: upright.height,
    async load(size: LongSide) {
      if (SHRINK_ON_LOAD.has(format)) return decodeAt(size);
      if (!cached) {
        const full = await decodeAt({ min: Math.max(size.min, opts.working.min), max: Math.max(size.max, opts.working.max) });
        if (!full.ok) return full;
        cached = full.value;
      }
      return ok(await downscaleGray(cached, size.max));
    },
  };
}

/**
 * Output size for a stored w×h image. With shrink-on-load, prefer a pure 1/2^k decode whose long side is
 * still ≥ min (libjpeg's scaled output size is ⌈w/s⌉), resampling only if that is still above max.
 */
function targetSize(w: number, h: number, size: LongSide, shrinkOnLoad: boolean): [number, number] {
  const long = Math.max(w, h);
  if (long <= size.max) return [w, h];
  if (shrinkOnLoad) {
    for (const s of [8, 4, 2]) {
      const l = Math.ceil(long / s);
      if (l >= size.min && l <= size.max) return [Math.ceil(w / s), Math.ceil(h / s)];
    }
  }
  const scale = size.max / long;
  return [Math.max(1, Math.round(w * scale)), Math.max(1, Math.round(h * scale))];
}

/** The single gray band: green for colour images (see top of file), the only band otherwise. */
function grayOf(pipe: Sharp, meta: Metadata): Sharp {
  const space = meta.space ?? 'srgb';
  const colourBands = (meta.channels ?? 3) - (meta.hasAlpha ? 1 : 0);
  if (colourBands <= 1 || space === 'b-w' || space === 'grey16') return pipe.extractChannel(0);
  if (space === 'srgb' || space === 'rgb' || space === 'rgb16' || space === 'scrgb') return pipe.extractChannel(1);
  // CMYK, Lab and other rare spaces: let libvips convert properly.
  return pipe.toColourspace('b-w').extractChannel(0);
}

/** Area-average downscale of a gray image so its long side is at most `maxLongSide` (never enlarges). */
export async function downscaleGray(img: GrayImage, maxLongSide: number): Promise<GrayImage> {
  const scale = maxLongSide / Math.max(img.width, img.height);
  if (scale >= 1) return img;
  const tw = Math.max(1, Math.round(img.width * scale));
  const th = Math.max(1, Math.round(img.height * scale));
  const { data, info } = await sharp(Buffer.from(img.data.buffer, img.data.byteOffset, img.data.length), {
    raw: { width: img.width, height: img.height, channels: 1 },
  })
    .resize(tw, th, { fit: 'fill', kernel: 'linear' })
    .extractChannel(0)
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
}
