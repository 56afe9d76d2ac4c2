/**
 * Real JPEG photos that are not a C.Hasil (sky, hills, a field), different bytes per seed, made in a few
 * milliseconds: what the real recognition engine must call `not_a_form`.
 */
import sharp from 'sharp';

export /** A photo of something that is not a form: sky, hills, a field — different bytes per seed. */
async function scenery(seed: number): Promise<Buffer> {
  const w = 1200;
  const h = 900;
  const px = Buffer.alloc(w * h * 3);
  let s = seed * 7919 + 1;
  const rnd = () => ((s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const horizon = 0.45 + 0.1 * rnd();
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 3;
      const hill = horizon + 0.08 * Math.sin(x / (90 + 40 * seed % 50) + seed);
      const sky = y / h < hill;
      const n = rnd() * 18;
      px[i] = sky ? 110 + 80 * (y / h) + n : 60 + n;
      px[i + 1] = sky ? 150 + 60 * (y / h) + n : 110 + 30 * Math.sin(y / 13) + n;
      px[i + 2] = sky ? 230 - n : 50 + n;
    }
  }
  return sharp(px, { raw: { width: w, height: h, channels: 3 } }).jpeg({ quality: 85 }).toBuffer();
}
