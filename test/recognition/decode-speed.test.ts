/**
 * The decoding shortcuts taken for speed keep the pixels the slow way would give: an embedded sRGB profile
 * is skipped (no full-resolution colour transform for nothing) while any other profile is still applied, and
 * the working image of a 12 MP photo is exactly the 2×2 box average of the photo's green channel.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { openInput, PREVIEW_SIZE, WORKING_SIZE } from '../../main/recognition/decode/index.ts';
import { isSrgbProfile } from '../../main/recognition/decode/icc.ts';
import { boxDownscale } from '../../main/recognition/decode/raster.ts';
import { orientGray } from '../../main/recognition/decode/orient.ts';
import type { GrayImage } from '../../main/recognition/gray-image.ts';

/** Saturated colour gradients with fine texture: a colour transform and any resampling both show in it. */
function colourful(width: number, height: number): Buffer {
  const px = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = 3 * (y * width + x);
      px[i] = (x * 255) / width;
      px[i + 1] = ((y * 255) / height + ((x * 7 + y * 13) % 23) * 4) & 255;
      px[i + 2] = ((x + y) * 97) & 255;
    }
  }
  return px;
}

async function jpegWith(profile: 'none' | 'srgb' | 'p3', width: number, height: number): Promise<Buffer> {
  const pipe = sharp(colourful(width, height), { raw: { width, height, channels: 3 } });
  return (profile === 'none' ? pipe : pipe.withIccProfile(profile)).jpeg({ quality: 90 }).toBuffer();
}

async function load(jpeg: Buffer, size = WORKING_SIZE): Promise<GrayImage> {
  const opened = await openInput(jpeg);
  assert.ok(opened.ok);
  const r = await opened.value.pages[0].load(size);
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  return r.value;
}

test('isSrgbProfile: sRGB profiles (libvips, lcms, v2 and v4) yes; Display P3, CMYK and junk no', async () => {
  const iccOf = async (profile: string) => (await sharp(await jpegWith(profile === 'srgb' ? 'srgb' : 'p3', 16, 16)).metadata()).icc;
  assert.equal(isSrgbProfile(await iccOf('srgb')), true);
  assert.equal(isSrgbProfile(await iccOf('p3')), false);
  // The profile sharp embeds by default (withMetadata), as the synthetic photos carry.
  const withMeta = await sharp(colourful(16, 16), { raw: { width: 16, height: 16, channels: 3 } }).withMetadata().jpeg().toBuffer();
  assert.equal(isSrgbProfile((await sharp(withMeta).metadata()).icc), true);
  const cmyk = await sharp(colourful(16, 16), { raw: { width: 16, height: 16, channels: 3 } }).toColourspace('cmyk').jpeg().toBuffer();
  assert.equal(isSrgbProfile((await sharp(cmyk).metadata()).icc), false);
  assert.equal(isSrgbProfile(undefined), false);
  assert.equal(isSrgbProfile(new Uint8Array(200)), false);
});

test('an embedded sRGB profile (skipped) leaves the pixels as without a profile; a Display P3 one is still converted', async () => {
  const [none, srgb, p3] = await Promise.all((['none', 'srgb', 'p3'] as const).map((p) => jpegWith(p, 1200, 900)));
  for (const size of [WORKING_SIZE, PREVIEW_SIZE]) {
    const a = await load(none, size);
    const b = await load(srgb, size);
    const c = await load(p3, size);
    assert.deepEqual(Buffer.from(b.data), Buffer.from(a.data), 'sRGB profile: no transform');
    let differ = 0;
    for (let i = 0; i < a.data.length; i++) if (Math.abs(a.data[i] - c.data[i]) > 2) differ++;
    assert.ok(differ > a.data.length / 10, `P3 profile converted (${differ} px differ)`);
  }
});

/** k×k block means rounded half up, the plain way (the reference for the fast loops). */
function blockMeans(img: GrayImage, k: number): GrayImage {
  const width = Math.floor(img.width / k);
  const height = Math.floor(img.height / k);
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let sum = 0;
      for (let dy = 0; dy < k; dy++) for (let dx = 0; dx < k; dx++) sum += img.data[(y * k + dy) * img.width + x * k + dx];
      data[y * width + x] = Math.floor(sum / (k * k) + 0.5);
    }
  }
  return { width, height, data };
}

test('box averages (k = 2 and 3, odd sizes) equal plain block means, turned by every EXIF orientation', () => {
  const img: GrayImage = { width: 203, height: 131, data: new Uint8Array(203 * 131).map((_, i) => (i * 2654435761) >>> 24) };
  for (const k of [2, 3]) {
    const plain = blockMeans(img, k);
    for (let o = 1; o <= 8; o++) {
      const ours = boxDownscale(img, k, o);
      const expected = orientGray(plain, o);
      assert.deepEqual([ours.width, ours.height], [expected.width, expected.height], `k ${k} orientation ${o}`);
      assert.deepEqual(Buffer.from(ours.data), Buffer.from(expected.data), `k ${k} orientation ${o}`);
    }
  }
});

test('the working image of a 12 MP JPEG is exactly the 2×2 box average of its green channel', async () => {
  const jpeg = await jpegWith('none', 4000, 3000);
  const full = await sharp(jpeg).extractChannel(1).raw().toBuffer({ resolveWithObject: true });
  const expected = blockMeans({ width: full.info.width, height: full.info.height, data: new Uint8Array(full.data) }, 2);
  const work = await load(jpeg);
  assert.deepEqual([work.width, work.height], [2000, 1500]);
  assert.deepEqual(Buffer.from(work.data), Buffer.from(expected.data));
});
