/**
 * "Photographs" a page raster in software: perspective + rotation (camera.ts), a background around
 * the page with a soft contact shadow, paper tint, an optional fold crease, uneven light and
 * shadows (lighting.ts), sensor noise, lens/motion blur, JPEG at quality 60–95, optional EXIF
 * orientation. The warp is an inverse mapping with bilinear sampling; the page is first shrunk
 * (area-averaged by sharp) to about its footprint in the photo, so thin rules don't alias.
 */
import sharp from 'sharp';
import { RowUpsampler } from './coarse-field.ts';
import { BACKGROUND_KINDS, renderBackground, type BackgroundKind } from './backgrounds.ts';
import { shootPage, type CameraOptions } from './camera.ts';
import { invert, multiply, scaling, type Mat3 } from './homography.ts';
import { renderLight, type LightOptions } from './lighting.ts';
import type { RgbImage } from './rgb-image.ts';
import type { Rng } from './rng.ts';

export type ExifOrientation = 1 | 3 | 6 | 8;

export interface PhotoOptions extends CameraOptions, LightOptions {
  background?: BackgroundKind;
  /** JPEG quality, or the range to draw it from (default 60..95). */
  jpegQuality?: number | [number, number];
  /** Gaussian blur sigma in photo px at 12 MP (scaled with resolution); default random 0.3..2. */
  blurSigma?: number;
  /** Noise standard deviation in grey levels (default random 2..9). */
  noise?: number;
  /** Hand-shake blur length in photo px at 12 MP (default: none for 85 % of photos, else 1.5..5). */
  motionBlur?: number;
  /** EXIF orientation tag to write (the pixels are stored rotated so a viewer shows the same photo). */
  exifOrientation?: ExifOrientation;
  /** Chance of a random non-1 EXIF orientation when `exifOrientation` is not given (default 0.15). */
  exifRate?: number;
}

export interface PhotoResult {
  jpeg: Buffer;
  /** Page canonical px → pixel of the photo *as displayed* (after applying the EXIF orientation). */
  homography: Mat3;
  /** Size of the displayed photo. */
  width: number;
  height: number;
  exifOrientation: ExifOrientation;
  meta: { tiltDeg: number; rollDeg: number; background: BackgroundKind; jpegQuality: number; blurSigma: number; noise: number; motionBlur: number };
}

async function shrinkPage(page: RgbImage, factor: number): Promise<RgbImage> {
  const w = Math.max(16, Math.round(page.width * factor)), h = Math.max(16, Math.round(page.height * factor));
  const buf = await sharp(page.data, { raw: { width: page.width, height: page.height, channels: 3 } })
    .resize(w, h, { kernel: 'lanczos3', fit: 'fill' })
    .raw()
    .toBuffer();
  return { width: w, height: h, data: new Uint8Array(buf.buffer, buf.byteOffset, buf.length) };
}

/** How many photo px one page px covers, on average over the page. */
function meanScale(corners: { x: number; y: number }[], pageW: number, pageH: number): number {
  let area = 0;
  for (let i = 0; i < 4; i++) {
    const a = corners[i], b = corners[(i + 1) % 4];
    area += a.x * b.y - b.x * a.y;
  }
  return Math.sqrt(Math.abs(area) / 2 / (pageW * pageH));
}

/** Integer column range strictly inside the convex quad on the line y (shrunk by `margin`), or [0, 0). */
function rowInterior(q: { x: number; y: number }[], y: number, margin: number): [number, number] {
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < 4; i++) {
    const a = q[i], b = q[(i + 1) % 4];
    if ((a.y <= y && b.y > y) || (b.y <= y && a.y > y)) {
      const x = a.x + ((y - a.y) / (b.y - a.y)) * (b.x - a.x);
      if (x < lo) lo = x;
      if (x > hi) hi = x;
    }
  }
  const from = Math.ceil(lo + margin), to = Math.floor(hi - margin);
  return to > from ? [Math.max(0, from), Math.max(0, to)] : [0, 0];
}

export async function photographPage(rng: Rng, page: RgbImage, opts: PhotoOptions = {}): Promise<PhotoResult> {
  const shot = shootPage(rng.fork('camera'), page.width, page.height, opts);
  const { width, height } = shot;
  const style = rng.fork('style');
  const background = opts.background ?? style.pick(BACKGROUND_KINDS);
  const q = opts.jpegQuality ?? [60, 95];
  const jpegQuality = typeof q === 'number' ? q : style.int(q[0], q[1]);
  const resFactor = Math.sqrt((width * height) / 12e6);
  const blurSigma = (opts.blurSigma ?? style.uniform(0.3, 2)) * resFactor;
  const noise = opts.noise ?? style.uniform(2, 9);
  const motion = { length: (opts.motionBlur ?? (style.chance(0.15) ? style.uniform(1.5, 5) : 0)) * resFactor, angle: style.uniform(0, Math.PI) };
  const exifOrientation: ExifOrientation = opts.exifOrientation
    ?? (style.chance(opts.exifRate ?? 0.15) ? style.pick<ExifOrientation>([3, 6, 8]) : 1);
  // Paper: white to slightly cream (blue lowest), a little darker than the white point.
  const paperBright = style.uniform(0.9, 1), cream = style.uniform(0, 0.05);
  const paper = [paperBright, paperBright * (1 - cream * 0.4), paperBright * (1 - cream)];
  // White balance of the whole scene (warm lamp .. cool daylight).
  const warm = style.uniform(-0.06, 0.08);
  const tint = [1 + warm, 1, 1 - warm];
  const crease = style.chance(0.3) ? { v: style.uniform(0.3, 0.7), depth: style.uniform(0.03, 0.1), width: style.uniform(0.002, 0.01) } : null;
  const contactShadow = style.uniform(0.2, 0.55), contactWidth = style.uniform(3, 14) * resFactor;

  const bgRows = new RowUpsampler(renderBackground(rng.fork('background'), background, width, height), width, height);
  const lightRows = new RowUpsampler(renderLight(rng.fork('light'), width, height, opts), width, height);

  // Sample from a page shrunk to ~1.25× its footprint when the footprint is smaller than the raster.
  const s = meanScale(shot.corners, page.width, page.height);
  let src = page;
  let H = shot.homography;
  if (s < 0.8) {
    src = await shrinkPage(page, Math.min(1, s * 1.25));
    H = multiply(shot.homography, scaling(page.width / src.width, page.height / src.height));
  }
  const Hi = invert(H); // photo → (shrunk) page
  const pw = src.width, ph = src.height, sd = src.data;
  const pxPerPagePx = meanScale(shot.corners, pw, ph);
  const out = new Uint8ClampedArray(width * height * 3); // clamps and rounds on store
  const creaseV = crease ? crease.v * ph : 0, creaseW = crease ? crease.width * ph : 1;
  let seed = (rng.fork('grain').nextUint32() | 1) >>> 0;
  const [h0, h1, h2, h3, h4, h5, h6, h7, h8] = Hi;
  const noiseK = noise * 2.45; // (U1 + U2 − 1) has sd 0.408: scaled so the grain has sd `noise`
  // Hoisted constants: the loop below runs 3–12 million times.
  const [pr, pg, pb] = paper, [tr, tg, tb] = tint;
  const creaseDepth = crease ? crease.depth : 0;
  const n1k = noiseK / 2048, nck = (noiseK * 0.5) / 1024;
  for (let y = 0; y < height; y++) {
    const Y = y + 0.5;
    // Columns well inside the page never show the background: skip magnifying it there.
    // (The intersection over nearby lines keeps clear of near-horizontal edges too.)
    const [a0, a1] = rowInterior(shot.corners, Y - 3, 3), [b0, b1] = rowInterior(shot.corners, Y + 3, 3);
    const inFrom = Math.max(a0, b0), inTo = Math.min(a1, b1);
    const bd = bgRows.at(y, inFrom, inTo), ld = lightRows.at(y);
    let nu = h0 * 0.5 + h1 * Y + h2, nv = h3 * 0.5 + h4 * Y + h5, dw = h6 * 0.5 + h7 * Y + h8;
    for (let x = 0, j = y * width * 3, k = 0; x < width; x++, j += 3, k += 3, nu += h0, nv += h3, dw += h6) {
      const iw = 1 / dw;
      const u = nu * iw - 0.5, v = nv * iw - 0.5;
      let e = u + 0.5;
      const e2 = pw - 0.5 - u, e3 = v + 0.5, e4 = ph - 0.5 - v;
      if (e2 < e) e = e2;
      if (e3 < e) e = e3;
      if (e4 < e) e = e4;
      const edge = e * pxPerPagePx;
      const alpha = edge >= 0.5 ? 1 : edge <= -0.5 ? 0 : edge + 0.5;
      let r = 0, g = 0, b = 0;
      if (alpha < 1) {
        // Contact shadow: the background darkens close to the page edge.
        const sh = edge < 0 ? 1 - contactShadow * Math.exp(edge / contactWidth) : 1 - contactShadow;
        r = bd[k] * sh * (1 - alpha); g = bd[k + 1] * sh * (1 - alpha); b = bd[k + 2] * sh * (1 - alpha);
      }
      if (alpha > 0) {
        const uc = u < 0 ? 0 : u > pw - 1.001 ? pw - 1.001 : u;
        const vc = v < 0 ? 0 : v > ph - 1.001 ? ph - 1.001 : v;
        const iu = uc | 0, iv = vc | 0, fu = uc - iu, fv = vc - iv;
        const k00 = (iv * pw + iu) * 3, k10 = k00 + 3, k01 = k00 + pw * 3, k11 = k01 + 3;
        const w00 = (1 - fu) * (1 - fv), w10 = fu * (1 - fv), w01 = (1 - fu) * fv, w11 = fu * fv;
        let c = alpha;
        if (creaseDepth > 0) {
          const d = (vc - creaseV) / creaseW;
          c *= 1 - creaseDepth * Math.exp(-Math.abs(d)) * (d > 0 ? 1 : 0.35);
        }
        r += (sd[k00] * w00 + sd[k10] * w10 + sd[k01] * w01 + sd[k11] * w11) * pr * c;
        g += (sd[k00 + 1] * w00 + sd[k10 + 1] * w10 + sd[k01 + 1] * w01 + sd[k11 + 1] * w11) * pg * c;
        b += (sd[k00 + 2] * w00 + sd[k10 + 2] * w10 + sd[k01 + 2] * w01 + sd[k11 + 2] * w11) * pb * c;
      }
      const m = ld[x];
      // xorshift32 grain: one draw per pixel, split into a luminance part (two 11-bit uniforms
      // summed: roughly bell-shaped) shared by the channels and a smaller chroma part.
      seed ^= seed << 13; seed ^= seed >>> 17; seed ^= seed << 5;
      const n1 = ((seed & 2047) + ((seed >>> 11) & 2047) - 2047) * n1k;
      const nc = (((seed >>> 22) & 1023) - 511.5) * nck;
      const R = r * m * tr + n1 + nc, G = g * m * tg + n1, B = b * m * tb + n1 - nc;
      out[j] = R;
      out[j + 1] = G;
      out[j + 2] = B;
    }
  }

  const jpeg = await encodePhoto(out, width, height, { blurSigma, jpegQuality, exifOrientation, motion });
  return {
    jpeg,
    homography: shot.homography,
    width,
    height,
    exifOrientation,
    meta: { tiltDeg: shot.tiltDeg, rollDeg: shot.rollDeg, background, jpegQuality, blurSigma, noise, motionBlur: motion.length },
  };
}


/**
 * Blur (lens / hand shake), then JPEG with the EXIF orientation tag. The pixels are stored rotated
 * against the tag, so a viewer applying the tag shows `pixels` as given.
 */
export async function encodePhoto(
  pixels: Uint8Array | Uint8ClampedArray,
  width: number,
  height: number,
  o: { blurSigma: number; jpegQuality: number; exifOrientation: ExifOrientation; motion?: { length: number; angle: number } },
): Promise<Buffer> {
  let pipeline = sharp(pixels, { raw: { width, height, channels: 3 } });
  if (o.motion && o.motion.length >= 1.5) pipeline = pipeline.convolve(lineKernel(o.motion.length, o.motion.angle));
  if (o.blurSigma >= 0.3) pipeline = pipeline.blur(o.blurSigma);
  const storeRotation = { 1: 0, 3: 180, 6: 270, 8: 90 }[o.exifOrientation];
  if (storeRotation) pipeline = pipeline.rotate(storeRotation);
  return pipeline
    .withMetadata({ orientation: o.exifOrientation })
    .jpeg({ quality: o.jpegQuality, chromaSubsampling: o.jpegQuality >= 90 ? '4:4:4' : '4:2:0' })
    .toBuffer();
}

/** A normalised convolution kernel holding an anti-aliased line (camera shake along `angle`). */
function lineKernel(length: number, angle: number): { width: number; height: number; kernel: number[] } {
  const size = 2 * Math.ceil(length / 2) + 1, c = (size - 1) / 2;
  const k = new Array<number>(size * size).fill(0);
  const dx = Math.cos(angle), dy = Math.sin(angle);
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) {
    const px = x - c, py = y - c;
    const along = px * dx + py * dy, across = Math.abs(-px * dy + py * dx);
    if (Math.abs(along) <= length / 2 + 0.5) k[y * size + x] = Math.max(0, 1 - across);
  }
  const sum = k.reduce((a, b) => a + b, 0);
  return { width: size, height: size, kernel: k.map((v) => v / sum) };
}
