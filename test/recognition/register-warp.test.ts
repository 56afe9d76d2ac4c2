/**
 * The plain-TypeScript perspective warp (register/warp-bilinear.ts) writes what opencv's
 * warpPerspective(INTER_LINEAR | WARP_INVERSE_MAP, BORDER_CONSTANT 255) writes, pixel for pixel: on noise
 * (every grey level and sub-pixel weight matters), for homographies that shrink, enlarge, turn, tilt and
 * leave the source partly or wholly, into whole images and into rectangles of a larger one.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadOpenCv } from '../../main/recognition/opencv/load.ts';
import { matToGray, withMats } from '../../main/recognition/opencv/gray-mat.ts';
import { createGrayImage, type GrayImage } from '../../main/recognition/gray-image.ts';
import { warpBilinearInto } from '../../main/recognition/register/warp-bilinear.ts';
import { composeH, type Homography } from '../../main/recognition/register/geometry.ts';

/** Deterministic pseudo-random numbers (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function noise(width: number, height: number, seed: number): GrayImage {
  const r = rng(seed);
  const img = createGrayImage(width, height, 0);
  for (let i = 0; i < img.data.length; i++) img.data[i] = Math.floor(r() * 256);
  return img;
}

/** A homography around the source: scale, turn, shift and a perspective term, all drawn at random. */
function randomH(r: () => number, sw: number, sh: number): Homography {
  const s = 0.3 + 2.5 * r();
  const a = (r() - 0.5) * 2 * Math.PI;
  const c = s * Math.cos(a);
  const d = s * Math.sin(a);
  const tx = (r() - 0.3) * sw;
  const ty = (r() - 0.3) * sh;
  const p = (r() - 0.5) * 2e-3;
  const q = (r() - 0.5) * 2e-3;
  return [c, -d, tx, d, c, ty, p, q, 1];
}

async function opencvWarp(src: GrayImage, T: Homography, w: number, h: number): Promise<GrayImage> {
  const cv = await loadOpenCv();
  return withMats((track) => {
    const m = track(new cv.Mat(src.height, src.width, cv.CV_8UC1));
    m.data.set(src.data);
    const out = track(new cv.Mat());
    const Tm = track(cv.matFromArray(3, 3, cv.CV_64F, T));
    cv.warpPerspective(m, out, Tm, new cv.Size(w, h), cv.INTER_LINEAR + cv.WARP_INVERSE_MAP, cv.BORDER_CONSTANT, new cv.Scalar(255));
    return matToGray(out);
  });
}

const view = (g: GrayImage) => ({ data: g.data, width: g.width, height: g.height, step: g.width });

function differing(a: Uint8Array, b: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) n++;
  return n;
}

test('whole images: identical to opencv for 40 random homographies', async () => {
  const src = noise(173, 121, 1);
  const r = rng(2);
  for (let k = 0; k < 40; k++) {
    const T = randomH(r, src.width, src.height);
    const w = 20 + Math.floor(r() * 200);
    const h = 1 + Math.floor(r() * 90);
    const want = await opencvWarp(src, T, w, h);
    const got = createGrayImage(w, h, 255);
    warpBilinearInto(view(src), got, T, 0, 0, w, h);
    assert.equal(differing(got.data, want.data), 0, `homography ${k} (${w}×${h}): ${T.map((v) => v.toFixed(4)).join(' ')}`);
  }
});

test('half-pixel positions round to even as opencv does (translation by 1/64 px steps)', async () => {
  const src = noise(40, 30, 3);
  for (const t of [0.015625, 0.046875, -0.015625, 1.5 / 32]) {
    const T: Homography = [1, 0, t, 0, 1, 2 * t, 0, 0, 1];
    const want = await opencvWarp(src, T, 40, 30);
    const got = createGrayImage(40, 30, 255);
    warpBilinearInto(view(src), got, T, 0, 0, 40, 30);
    assert.equal(differing(got.data, want.data), 0, `shift ${t}`);
  }
});

test('rectangles of a larger output: each equals opencv warping that rectangle alone, the rest stays white', async () => {
  const src = noise(300, 220, 4);
  const r = rng(5);
  const M = randomH(r, src.width, src.height);
  const out = createGrayImage(400, 300, 255);
  const rects = [
    { x: 0, y: 0, w: 64, h: 64 },
    { x: 64, y: 128, w: 192, h: 64 },
    { x: 320, y: 256, w: 80, h: 44 },
  ];
  for (const q of rects) warpBilinearInto(view(src), out, composeH(M, [1, 0, q.x, 0, 1, q.y, 0, 0, 1]), q.x, q.y, q.w, q.h);
  let white = 0;
  for (let y = 0; y < out.height; y++) {
    for (let x = 0; x < out.width; x++) {
      if (!rects.some((q) => x >= q.x && x < q.x + q.w && y >= q.y && y < q.y + q.h) && out.data[y * out.width + x] === 255) white++;
    }
  }
  assert.equal(white, out.width * out.height - rects.reduce((a, q) => a + q.w * q.h, 0));
  for (const q of rects) {
    const want = await opencvWarp(src, composeH(M, [1, 0, q.x, 0, 1, q.y, 0, 0, 1]), q.w, q.h);
    const got = new Uint8Array(q.w * q.h);
    for (let y = 0; y < q.h; y++) got.set(out.data.subarray((q.y + y) * out.width + q.x, (q.y + y) * out.width + q.x + q.w), y * q.w);
    assert.equal(differing(got, want.data), 0, `rect ${JSON.stringify(q)}`);
  }
});
