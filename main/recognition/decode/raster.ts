/**
 * Photos and scans (JPEG, PNG, WebP, TIFF) through sharp. The header is read first and the pixel count
 * checked before any pixel is decoded; decoding then goes straight to a small gray image:
 * - the page is decoded once at working size (big JPEGs shrink while decoding, see decodeSize) and the
 *   preview is box-averaged from that;
 * - gray is the green channel: it carries most of the luminance, keeps blue and red ballpoint dark, and is
 *   several times cheaper in libvips than a full colourspace conversion;
 * - EXIF orientation is applied afterwards on the small gray image (see orient.ts);
 * - an embedded sRGB profile is ignored (see icc.ts): sharp would otherwise run an sRGB → sRGB colour
 *   transform over every decoded pixel, measured on a 12 MP photo at 132 of 258 ms CPU for the full decode
 *   and 46 of 141 for the preview, with identical pixels out.
 */
import sharp, { type Metadata, type Sharp } from 'sharp';
import type { GrayImage } from '../gray-image.ts';
import { decodeErrors, type DecodeError } from './errors.ts';
import type { InputFormat } from './sniff.ts';
import { headerDimensions } from './dimensions.ts';
import { isSrgbProfile } from './icc.ts';
import { orientationMap, orientGray, orientedSize } from './orient.ts';
import type { LongSide, PageSource } from './page-source.ts';
import { err, ok, type Result } from './result.ts';

/** Formats whose decoder can shrink while decoding (by 1/2, 1/4, 1/8). */
const SHRINK_ON_LOAD: ReadonlySet<InputFormat> = new Set(['jpeg', 'webp']);

export interface RasterOptions {
  maxMegapixels: number;
  working: LongSide;
  /**
   * The file the bytes were read from, when they were: a big JPEG is then decoded by libjpeg at 1/2, 1/4
   * or 1/8 straight from the file (see fileShrink), which sharp offers for files only.
   */
  path?: string;
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
    // libjpeg's scaled decode reads the file itself: only for a JPEG file of one page.
    const path = format === 'jpeg' && pageCount === 1 ? opts.path : undefined;
    pages.push(rasterPage(buf, format, p, w, h, m, opts, maxPixels, path));
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
  /** The JPEG file the bytes came from, for libjpeg's scaled decode (see fileShrink). */
  path?: string,
): PageSource {
  const orientation = meta.orientation ?? 1;
  const upright = orientedSize(storedWidth, storedHeight, orientation);
  const ignoreIcc = isSrgbProfile(meta.icc);
  // Decoded once at working size and cached; a smaller request (the preview) is box-averaged from that —
  // except the first preview of a big JPEG/WebP, decoded on its own at 1/4 or 1/8 (see previewDecodeSize):
  // a photo of something else is then refused after that small decode alone. A request that accepts
  // libjpeg's scaled decode (size.dctShrink) of a big JPEG file gets it (fileShrink), or the exact working
  // image when that is already there; one that does not never gets the scaled one. A 16:9 photo's preview
  // needs the working decode (see previewDecodeSize): when it accepts the scaled one, a tagged page's
  // working request reuses it, and only a tagless page decodes again, exactly.
  let cachedExact: GrayImage | undefined;
  let cachedScaled: GrayImage | undefined;

  const decodeAt = async ([tw, th]: [number, number], fit: LongSide): Promise<Result<GrayImage, DecodeError>> => {
    try {
      let pipe = sharp(buf, {
        page: pageIndex,
        limitInputPixels: maxPixels,
        // A truncated file is refused; harmless warnings (odd markers, extra bytes) are tolerated.
        failOn: 'truncated',
        sequentialRead: true,
        ignoreIcc,
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
      return ok(await fitUpright(gray, fit, orientation));
    } catch (e) {
      return err(decodeErrors.corrupt(String(e)));
    }
  };

  /**
   * libjpeg's scaled decode (1/shrink, size rounded up) of the file, gray, upright and fit to `fit`;
   * undefined when the file no longer holds the picture whose bytes were checked (decode those instead).
   */
  const decodeScaled = async (path: string, shrink: number, fit: LongSide): Promise<Result<GrayImage, DecodeError> | undefined> => {
    try {
      const pipe = grayOf(sharp(`${path}[shrink=${shrink}]`, { limitInputPixels: maxPixels, failOn: 'truncated', sequentialRead: true, ignoreIcc }), meta);
      const { data, info } = await pipe.raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
      if (info.channels !== 1) return err(decodeErrors.corrupt(`expected 1 channel, got ${info.channels}`));
      if (info.width !== Math.ceil(storedWidth / shrink) || info.height !== Math.ceil(storedHeight / shrink)) return undefined;
      const gray: GrayImage = { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
      return ok(await fitUpright(gray, fit, orientation));
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
      const shrinkOnLoad = SHRINK_ON_LOAD.has(format);
      const quick = cachedExact || cachedScaled ? null : previewDecodeSize(storedWidth, storedHeight, size, opts.working, shrinkOnLoad);
      const scaled = size.dctShrink === true && path !== undefined ? fileShrink(path, storedWidth, storedHeight, quick ? size : opts.working) : 1;
      if (quick) return (scaled > 1 ? await decodeScaled(path!, scaled, size) : undefined) ?? decodeAt(quick, size);
      // The working image: the scaled decode when accepted (or the exact one if already there), else exact.
      if (scaled > 1 && !cachedExact && !cachedScaled) {
        const r = await decodeScaled(path!, scaled, opts.working);
        if (r && !r.ok) return r;
        if (r) cachedScaled = r.value;
      }
      if (!cachedExact && !(scaled > 1 && cachedScaled)) {
        const r = await decodeAt(decodeSize(storedWidth, storedHeight, opts.working, shrinkOnLoad), opts.working);
        if (!r.ok) return r;
        cachedExact = r.value;
      }
      return ok(await shrinkToFit((scaled > 1 ? cachedExact ?? cachedScaled : cachedExact)!, size));
    },
  };
}

/**
 * A preview request (long side well under the working minimum) for a JPEG/WebP big enough to shrink by 1/4 or
 * 1/8 while decoding and still reach the preview's minimum: that size, else null (use the working decode).
 * It decides `not_a_form` at about half the CPU of a full decode; a form pays it on top of its working decode —
 * the price of refusing a landscape in well under 150 ms. (Decoding once and box-averaging the preview from
 * the working image left the readings of the 12 speed-set photos unchanged and saved a form ~45–60 ms CPU,
 * but a photo of something else then cost 107–240 ms CPU instead of 48–116.)
 *
 * Note what sharp does with an exact 1/s request: its shrink-on-load guards against libjpeg's rounding by
 * halving the shrink when the requested factor is exactly s, so ⌈w/4⌉ is decoded at 1/2 by libjpeg and then
 * reduced 2× by a linear kernel (12 MP, CPU ms: ≈ 65–95 with the sRGB transform skipped), and ⌈w/2⌉ is a full
 * decode plus a linear reduce. A pure 1/4 decode happens only for requests of 1/5 to 1/8 (then reduced
 * by the rest: 600 px short side for a 12 MP photo, ≈ 77 ms).
 */
function previewDecodeSize(w: number, h: number, size: LongSide, working: LongSide, shrinkOnLoad: boolean): [number, number] | null {
  if (!shrinkOnLoad || size.max >= working.min) return null;
  const long = Math.max(w, h);
  for (const s of [8, 4]) {
    if (Math.ceil(long / s) >= size.min) return [Math.ceil(w / s), Math.ceil(h / s)];
  }
  return null;
}

/**
 * The libjpeg shrink (8, 4 or 2; 1 = none) a JPEG file is decoded at so that its long side still reaches
 * `fit.min` (the working or the preview minimum). libjpeg scales inside the inverse DCT, so a 1/2 decode of a 12 MP photo is the page at
 * 2000 px for far less than a full decode plus a 2×2 box average (CPU, one thread: 41–48 vs 89–115 ms;
 * the pixels differ from the box average by 0,16 grey levels on average, at most 5). sharp itself never
 * decodes at exactly 1/2 (see previewDecodeSize): the shrink is passed to libvips' loader in the file name
 * (`photo.jpg[shrink=2]`), which sharp supports for files only. A path with brackets of its own is decoded
 * the ordinary way rather than risk libvips reading them as options.
 */
export function fileShrink(path: string, w: number, h: number, fit: LongSide): number {
  const long = Math.max(w, h);
  if (long <= fit.max || /[[\]]/.test(path)) return 1;
  for (const s of [8, 4, 2]) {
    if (Math.ceil(long / s) >= fit.min) return s;
  }
  return 1;
}

/**
 * The size to decode a stored w×h image at, before any box-averaging to working size:
 * - JPEG/WebP at ≥ 24 MP: a 1/4 or 1/8 request that still reaches the working minimum (decoded by libjpeg
 *   at half that shrink and reduced by libvips, see previewDecodeSize). Not 1/2: sharp turns that into a
 *   full decode plus a linear reduce, slower than a full decode plus our 2×2 box average (12 MP, CPU ms,
 *   median of 8: 4:2:0 123 vs 103; 4:4:4 309 vs 255);
 * - anything more than twice the working maximum otherwise: resampled by libvips while decoding, so no
 *   full-size buffer exists;
 * - else full size (box-averaged afterwards).
 */
function decodeSize(w: number, h: number, working: LongSide, shrinkOnLoad: boolean): [number, number] {
  const long = Math.max(w, h);
  if (long <= working.max) return [w, h];
  if (shrinkOnLoad) {
    for (const s of [8, 4]) {
      if (Math.ceil(long / s) >= working.min) return [Math.ceil(w / s), Math.ceil(h / s)];
    }
  }
  if (long <= 2 * working.max) return [w, h];
  const scale = working.max / long;
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

/**
 * shrinkToFit, then the EXIF orientation — in one pass when the fit is the 2×2 box average (every 12 MP
 * photo): each average is written straight to its upright place, saving the second 3 MP pass (12 MP, CPU ms,
 * loaded machine: turned 180° 15–20 instead of 32–37; turned 90° 31–36 instead of 34–48).
 */
async function fitUpright(img: GrayImage, size: LongSide, orientation: number): Promise<GrayImage> {
  const long = Math.max(img.width, img.height);
  if (long > size.max && Math.ceil(long / size.max) === 2 && Math.floor(long / 2) >= size.min) return boxDownscale(img, 2, orientation);
  return orientGray(await shrinkToFit(img, size), orientation);
}

/**
 * Fits a gray image into `size` (long side ≤ max, never enlarged): an integer box average when that lands
 * at or above the minimum (exact, cheap, no resampling kernel), else libvips' linear resize.
 */
export async function shrinkToFit(img: GrayImage, size: LongSide): Promise<GrayImage> {
  const long = Math.max(img.width, img.height);
  if (long <= size.max) return img;
  const k = Math.ceil(long / size.max);
  if (Math.floor(long / k) >= size.min) return boxDownscale(img, k);
  return downscaleGray(img, size.max);
}

/**
 * Averages k×k blocks (the last partial row/column of blocks is dropped), then applies an EXIF orientation
 * (default 1: none) — in the same pass for k = 2.
 */
export function boxDownscale(img: GrayImage, k: number, orientation = 1): GrayImage {
  if (k === 2) return boxDownscale2(img, orientation);
  if (orientation !== 1) return orientGray(boxDownscale(img, k), orientation);
  const w = Math.floor(img.width / k);
  const h = Math.floor(img.height / k);
  const out = new Uint8Array(w * h);
  const sums = new Uint32Array(w);
  const src = img.data;
  const n = k * k;
  const half = n >> 1;
  for (let y = 0; y < h; y++) {
    sums.fill(0);
    for (let dy = 0; dy < k; dy++) {
      let i = (y * k + dy) * img.width;
      for (let x = 0; x < w; x++) {
        let s = 0;
        for (let dx = 0; dx < k; dx++) s += src[i++];
        sums[x] += s;
      }
    }
    const row = y * w;
    for (let x = 0; x < w; x++) out[row + x] = ((sums[x] + half) / n) | 0;
  }
  return { width: w, height: h, data: out };
}

/**
 * boxDownscale for k = 2, written upright for an EXIF orientation (1 = as stored): the same values
 * ((sum + 2) >> 2 is round-half-up of sum / 4) from two source rows walked side by side, with no per-block
 * inner loop or row of sums (12 MP → 3 MP, CPU: 70 ms with the general loop, 18 here). Output rows that
 * stay rows are written in order; a turn by 90° writes in 64-px tiles so the scattered writes stay in cache.
 */
function boxDownscale2(img: GrayImage, orientation = 1): GrayImage {
  const w = img.width >> 1;
  const h = img.height >> 1;
  const { width, height, base, sx, sy } = orientationMap(w, h, orientation);
  const out = new Uint8Array(w * h);
  const src = img.data;
  const stride = img.width;
  const T = sx === 1 || sx === -1 ? w : 64;
  for (let ty = 0; ty < h; ty += T) {
    const yEnd = Math.min(h, ty + T);
    for (let tx = 0; tx < w; tx += T) {
      const xEnd = Math.min(w, tx + T);
      for (let y = ty; y < yEnd; y++) {
        let a = 2 * y * stride + 2 * tx;
        let b = a + stride;
        let o = base + tx * sx + y * sy;
        for (let x = tx; x < xEnd; x++) {
          out[o] = (src[a] + src[a + 1] + src[b] + src[b + 1] + 2) >> 2;
          a += 2;
          b += 2;
          o += sx;
        }
      }
    }
  }
  return { width, height, data: out };
}

/** Linear-kernel downscale of a gray image so its long side is at most `maxLongSide` (never enlarges). */
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
