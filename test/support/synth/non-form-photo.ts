/**
 * Photos that are not a C.Hasil form, for the `not_a_form` path: an outdoor landscape (sky,
 * clouds, hills, fields) or an indoor scene (wall, floor, a table edge), with the same camera
 * noise, blur and JPEG as the form photos.
 */
import { RowUpsampler, type CoarseField } from './coarse-field.ts';
import { ValueNoise } from './noise-field.ts';
import { encodePhoto } from './photograph.ts';
import { Rng } from './rng.ts';

export type SceneKind = 'landscape' | 'indoor';

export interface NonFormPhoto {
  jpeg: Buffer;
  width: number;
  height: number;
  kind: SceneKind;
}

type Rgb = [number, number, number];
const mix = (a: Rgb, b: Rgb, t: number): Rgb => [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];

function landscape(rng: Rng, w: number, h: number): Float32Array {
  const data = new Float32Array(w * h * 3);
  const clouds = new ValueNoise(rng.fork('clouds'), 64);
  const ridge = new ValueNoise(rng.fork('ridge'), 64);
  const grass = new ValueNoise(rng.fork('grass'), 256);
  const skyTop: Rgb = [rng.uniform(40, 90), rng.uniform(100, 150), rng.uniform(190, 235)];
  const skyLow: Rgb = [rng.uniform(180, 230), rng.uniform(200, 230), rng.uniform(220, 245)];
  const horizon = rng.uniform(0.35, 0.6);
  const layers = Array.from({ length: rng.int(2, 3) }, (_, i) => ({
    base: horizon + i * 0.06,
    amp: rng.uniform(0.05, 0.15) / (i + 1),
    color: mix([70, 95, 120], [40, 90, 40], i / 2) as Rgb,
    freq: rng.uniform(2, 5) * (i + 1),
    off: rng.uniform(0, 50),
  }));
  const field: Rgb = [rng.uniform(60, 110), rng.uniform(110, 150), rng.uniform(40, 70)];
  for (let y = 0; y < h; y++) {
    const py = y / h;
    for (let x = 0; x < w; x++) {
      const px = x / w;
      let c = mix(skyTop, skyLow, Math.min(1, py / horizon));
      const cl = clouds.fbm(px * 6, py * 12, 4);
      if (cl > 0.55) c = mix(c, [245, 245, 248], Math.min(1, (cl - 0.55) * 4) * (1 - py / horizon * 0.5));
      for (const l of layers) {
        const top = l.base - l.amp * ridge.fbm(px * l.freq + l.off, l.off, 3) * 2;
        if (py > top) c = mix(l.color, [30, 60, 30], Math.min(1, (py - top) * 2));
      }
      const ground = layers[layers.length - 1].base + 0.08;
      if (py > ground) {
        const g = grass.fbm(px * 80, py * 30, 3);
        c = mix(field, [field[0] * 0.6, field[1] * 0.7, field[2] * 0.5], g);
      }
      const j = (y * w + x) * 3;
      data[j] = c[0]; data[j + 1] = c[1]; data[j + 2] = c[2];
    }
  }
  return data;
}

function indoor(rng: Rng, w: number, h: number): Float32Array {
  const data = new Float32Array(w * h * 3);
  const n = new ValueNoise(rng.fork('n'), 64);
  const wall: Rgb = [rng.uniform(190, 235), rng.uniform(180, 225), rng.uniform(150, 210)];
  const floor: Rgb = [rng.uniform(90, 160), rng.uniform(60, 110), rng.uniform(40, 80)];
  const line = rng.uniform(0.45, 0.7), tilt = rng.uniform(-0.15, 0.15);
  const winX = rng.uniform(0.1, 0.7), winW = rng.uniform(0.15, 0.3);
  for (let y = 0; y < h; y++) {
    const py = y / h;
    for (let x = 0; x < w; x++) {
      const px = x / w;
      let c: Rgb;
      if (py < line + tilt * (px - 0.5)) {
        c = mix(wall, [wall[0] * 0.8, wall[1] * 0.8, wall[2] * 0.8], px * 0.6 + n.fbm(px * 8, py * 8, 2) * 0.2);
        if (px > winX && px < winX + winW && py > 0.1 && py < line - 0.1) c = mix([235, 240, 250], [200, 215, 235], py);
      } else {
        c = mix(floor, [floor[0] * 0.7, floor[1] * 0.7, floor[2] * 0.7], n.fbm(px * 20, py * 4, 3));
      }
      const j = (y * w + x) * 3;
      data[j] = c[0]; data[j + 1] = c[1]; data[j + 2] = c[2];
    }
  }
  return data;
}

export async function generateNonFormPhoto(opts: { seed: number | string; kind?: SceneKind; megapixels?: number }): Promise<NonFormPhoto> {
  const rng = new Rng(`nonform/${opts.seed}`);
  const kind = opts.kind ?? (rng.chance(0.6) ? 'landscape' : 'indoor');
  const mp = (opts.megapixels ?? rng.uniform(3, 12)) * 1e6;
  const portrait = rng.chance(0.3);
  const long = Math.sqrt(mp * (4 / 3)), short = mp / long;
  const width = 2 * Math.round((portrait ? short : long) / 2), height = 2 * Math.round((portrait ? long : short) / 2);
  const reduce = Math.max(2, Math.max(width, height) / 1000);
  const cw = Math.ceil(width / reduce), ch = Math.ceil(height / reduce);
  const scene: CoarseField = { width: cw, height: ch, channels: 3, data: kind === 'landscape' ? landscape(rng.fork('scene'), cw, ch) : indoor(rng.fork('scene'), cw, ch) };
  const rows = new RowUpsampler(scene, width, height);
  const out = new Uint8ClampedArray(width * height * 3);
  const noise = rng.uniform(2, 8);
  let seed = (rng.nextUint32() | 1) >>> 0;
  for (let y = 0; y < height; y++) {
    const row = rows.at(y);
    for (let x = 0, j = y * width * 3; x < width * 3; x++, j++) {
      seed ^= seed << 13; seed ^= seed >>> 17; seed ^= seed << 5;
      out[j] = row[x] + ((seed >>> 0) / 4294967296 - 0.5) * noise * 2;
    }
  }
  const jpeg = await encodePhoto(out, width, height, { blurSigma: rng.uniform(0.3, 1.2), jpegQuality: rng.int(60, 95), exifOrientation: 1 });
  return { jpeg, width, height, kind };
}
