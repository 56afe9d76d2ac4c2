/**
 * The centre line of an MNIST digit's strokes, for drawing it with a thin pen.
 *
 * Cutting MNIST's grey density high (to thin its felt-tip strokes into a ballpoint's) keeps only the
 * ridge pixels, and bilinear magnification between ridge pixels of a diagonal stroke dips under the cut:
 * at the thinnest pen a third of the test digits fell apart into dashes, which no pen writes. A thin pen
 * instead follows the stroke's skeleton: the density is magnified 2× (so the skeleton's steps are half
 * an MNIST pixel), cut at mid grey, and thinned (Zhang–Suen, which keeps every stroke connected); each
 * pair of 8-adjacent skeleton pixels becomes one segment.
 */

/** A segment of the skeleton in MNIST pixel coordinates (0..28, pixel centres at +0,5). */
export interface SkeletonSegment { u0: number; v0: number; u1: number; v1: number }

const UP = 2;
const N = 28 * UP;
/** Grey level (0..1) above which a magnified pixel is stroke. */
const STROKE_CUT = 0.35;

export function strokeSkeleton(pixels: Uint8Array): SkeletonSegment[] {
  const grid = thin(strokeGrid(pixels));
  const segments: SkeletonSegment[] = [];
  const centre = (i: number) => (i + 0.5) / UP;
  for (let y = 0; y < N; y++) {
    for (let x = 0; x < N; x++) {
      if (!grid[y * N + x]) continue;
      // Each neighbour pair once: right, down-left, down, down-right.
      for (const [dx, dy] of [[1, 0], [-1, 1], [0, 1], [1, 1]] as const) {
        const X = x + dx, Y = y + dy;
        if (X < 0 || X >= N || Y >= N || !grid[Y * N + X]) continue;
        segments.push({ u0: centre(x), v0: centre(y), u1: centre(X), v1: centre(Y) });
      }
      if (isIsolated(grid, x, y)) segments.push({ u0: centre(x), v0: centre(y), u1: centre(x), v1: centre(y) });
    }
  }
  return segments;
}

/** The density magnified UP× bilinearly and cut: 1 = stroke. */
function strokeGrid(pixels: Uint8Array): Uint8Array {
  const grid = new Uint8Array(N * N);
  const at = (x: number, y: number) => (x < 0 || y < 0 || x > 27 || y > 27 ? 0 : pixels[y * 28 + x] / 255);
  for (let y = 0; y < N; y++) {
    for (let x = 0; x < N; x++) {
      const u = (x + 0.5) / UP - 0.5, v = (y + 0.5) / UP - 0.5;
      const iu = Math.floor(u), iv = Math.floor(v), fu = u - iu, fv = v - iv;
      const val = (at(iu, iv) * (1 - fu) + at(iu + 1, iv) * fu) * (1 - fv) + (at(iu, iv + 1) * (1 - fu) + at(iu + 1, iv + 1) * fu) * fv;
      grid[y * N + x] = val > STROKE_CUT ? 1 : 0;
    }
  }
  return grid;
}

/** Zhang–Suen thinning in place: peels boundary pixels in two alternating sub-passes until none go. */
function thin(grid: Uint8Array): Uint8Array {
  const p = (x: number, y: number) => (x < 0 || y < 0 || x >= N || y >= N ? 0 : grid[y * N + x]);
  let changed = true;
  while (changed) {
    changed = false;
    for (const pass of [0, 1]) {
      const remove: number[] = [];
      for (let y = 0; y < N; y++) {
        for (let x = 0; x < N; x++) {
          if (!grid[y * N + x]) continue;
          // Neighbours clockwise from north: P2..P9.
          const nb = [p(x, y - 1), p(x + 1, y - 1), p(x + 1, y), p(x + 1, y + 1), p(x, y + 1), p(x - 1, y + 1), p(x - 1, y), p(x - 1, y - 1)];
          const count = nb.reduce((a, b) => a + b, 0);
          if (count < 2 || count > 6) continue;
          let transitions = 0;
          for (let k = 0; k < 8; k++) if (!nb[k] && nb[(k + 1) % 8]) transitions++;
          if (transitions !== 1) continue;
          const [n, , e, , s, , w] = nb;
          if (pass === 0 ? n * e * s === 0 && e * s * w === 0 : n * e * w === 0 && n * s * w === 0) remove.push(y * N + x);
        }
      }
      for (const i of remove) grid[i] = 0;
      if (remove.length) changed = true;
    }
  }
  return grid;
}

function isIsolated(grid: Uint8Array, x: number, y: number): boolean {
  for (let dy = -1; dy <= 1; dy++) {
    for (let dx = -1; dx <= 1; dx++) {
      const X = x + dx, Y = y + dy;
      if ((dx || dy) && X >= 0 && Y >= 0 && X < N && Y < N && grid[Y * N + X]) return false;
    }
  }
  return true;
}
