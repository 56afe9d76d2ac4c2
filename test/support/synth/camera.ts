/**
 * Where the page lands in the photo: a pinhole camera looks at the page tilted by up to
 * `maxTiltDeg` about a random axis, rolled by any angle (mostly upright, sometimes sideways or
 * upside down), and the page fills a random share of a 3–12 MP frame. The result is the exact
 * page→photo homography.
 */
import { homographyFrom4, type Mat3 } from './homography.ts';
import type { Point } from './ink.ts';
import type { Rng } from './rng.ts';

export interface CameraOptions {
  /** Largest tilt of the page plane against the sensor, degrees (default 30). */
  maxTiltDeg?: number;
  /** Photo size range in megapixels (default 3..12). */
  minMegapixels?: number;
  maxMegapixels?: number;
  /** Fixed in-plane rotation in degrees instead of a random one. */
  rollDeg?: number;
  /** Share of the frame's limiting dimension the page occupies (default 0.7..0.95). */
  minFill?: number;
  maxFill?: number;
}

export interface CameraShot {
  width: number;
  height: number;
  homography: Mat3;
  /** Page corners in the photo: top-left, top-right, bottom-right, bottom-left of the page. */
  corners: Point[];
  tiltDeg: number;
  rollDeg: number;
}

function randomRollDeg(rng: Rng): number {
  const kind = rng.weighted([['upright', 0.6], ['sideways', 0.14], ['upsideDown', 0.08], ['any', 0.18]] as const);
  switch (kind) {
    case 'upright': return rng.normal(0, 4);
    case 'sideways': return (rng.chance(0.5) ? 90 : -90) + rng.normal(0, 4);
    case 'upsideDown': return 180 + rng.normal(0, 4);
    case 'any': return rng.uniform(-180, 180);
  }
}

export function shootPage(rng: Rng, pageW: number, pageH: number, opts: CameraOptions = {}): CameraShot {
  const maxTilt = opts.maxTiltDeg ?? 30;
  const tiltDeg = rng.uniform(0, maxTilt);
  const axis = rng.uniform(0, 2 * Math.PI);
  const rollDeg = opts.rollDeg ?? randomRollDeg(rng);
  // Page in 3D, centred, height 1. Rotate by `tilt` about an in-plane axis (Rodrigues), then roll.
  const ax = Math.cos(axis), ay = Math.sin(axis);
  const t = (tiltDeg * Math.PI) / 180, ct = Math.cos(t), st = Math.sin(t);
  const r = (rollDeg * Math.PI) / 180, cr = Math.cos(r), sr = Math.sin(r);
  // Camera distance relative to the page height; a phone's ~70° field of view.
  const dist = rng.uniform(1.15, 1.8);
  const focal = 1.0;
  const aspectPage = pageW / pageH;
  const src: Point[] = [{ x: 0, y: 0 }, { x: pageW, y: 0 }, { x: pageW, y: pageH }, { x: 0, y: pageH }];
  const projected = src.map(({ x, y }) => {
    const px = (x / pageW - 0.5) * aspectPage, py = y / pageH - 0.5;
    // Rodrigues rotation of (px, py, 0) about (ax, ay, 0).
    const dot = ax * px + ay * py;
    const X = px * ct + ax * dot * (1 - ct);
    const Y = py * ct + ay * dot * (1 - ct);
    const Z = (ax * py - ay * px) * st;
    const z = dist + Z;
    const u = (focal * X) / z, v = (focal * Y) / z;
    return { x: cr * u - sr * v, y: sr * u + cr * v };
  });
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const p of projected) {
    minX = Math.min(minX, p.x); maxX = Math.max(maxX, p.x);
    minY = Math.min(minY, p.y); maxY = Math.max(maxY, p.y);
  }
  const bw = maxX - minX, bh = maxY - minY;
  // Frame: portrait or landscape to match the page's footprint, 4:3 or (less often) 16:9.
  const ratio = rng.chance(0.8) ? 4 / 3 : 16 / 9;
  const mp = rng.uniform(opts.minMegapixels ?? 3, opts.maxMegapixels ?? 12) * 1e6;
  const long = Math.sqrt(mp * ratio), short = mp / long;
  const landscape = bw > bh;
  const width = 2 * Math.round((landscape ? long : short) / 2);
  const height = 2 * Math.round((landscape ? short : long) / 2);
  const fill = rng.uniform(opts.minFill ?? 0.7, opts.maxFill ?? 0.95);
  const scale = fill * Math.min(width / bw, height / bh);
  const offX = rng.uniform(0, width - bw * scale), offY = rng.uniform(0, height - bh * scale);
  const corners = projected.map((p) => ({ x: offX + (p.x - minX) * scale, y: offY + (p.y - minY) * scale }));
  return { width, height, homography: homographyFrom4(src, corners), corners, tiltDeg, rollDeg };
}
