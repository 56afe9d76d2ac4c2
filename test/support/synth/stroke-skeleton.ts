/**
 * The centre line of an MNIST digit's strokes, for drawing it with a thin pen.
 *
 * Cutting MNIST's grey density high (to thin its felt-tip strokes into a ballpoint's) keeps only the
 * ridge pixels, and bilinear magnification between ridge pixels of a diagonal stroke dips under the cut:
 * at the thinnest pen a third of the test digits fell apart into dashes, which no pen writes. A thin pen
 * instead follows the stroke's skeleton: the density is magnified 2× (so the skeleton's steps are half
 * an MNIST pixel), cut at mid grey, and thinned (Zhang–Suen, which keeps every stroke connected); each
 * pair of 8-adjacent skeleton pixels becomes one segment.
 *
 * Thinning keeps holes but cannot make them: a felt tip's small loop (the loop of a 6, 8, 9 or 0) is often
 * filled at the low cut, grey inside but never white, and its skeleton was a stub — a 6 written as an "l",
 * its truth still 6 (8 % of MNIST's test 6s, 7 % of its 8s, 3 % of its 9s). So the loops the density shows
 * at higher cuts (LOOP_CUTS) are carved out of the stroke grid before thinning.
 */

/** A segment of the skeleton in MNIST pixel coordinates (0..28, pixel centres at +0,5). */
export interface SkeletonSegment { u0: number; v0: number; u1: number; v1: number }

const UP = 2;
const N = 28 * UP;
/** Grey level (0..1) above which a magnified pixel is stroke. */
const STROKE_CUT = 0.35;
/** Higher cuts whose enclosed paper (a loop's inside) is paper in the stroke grid too. */
const LOOP_CUTS = [0.5, 0.65];
/** A loop's inside covers at least this many magnified pixels (one MNIST pixel): smaller gaps are noise. */
const MIN_LOOP_AREA = 4;

export function strokeSkeleton(pixels: Uint8Array): SkeletonSegment[] {
  const grid = strokeGrid(pixels, STROKE_CUT);
  for (const cut of LOOP_CUTS) carveLoops(grid, strokeGrid(pixels, cut));
  thin(grid);
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
function strokeGrid(pixels: Uint8Array, cut: number): Uint8Array {
  const grid = new Uint8Array(N * N);
  const at = (x: number, y: number) => (x < 0 || y < 0 || x > 27 || y > 27 ? 0 : pixels[y * 28 + x] / 255);
  for (let y = 0; y < N; y++) {
    for (let x = 0; x < N; x++) {
      const u = (x + 0.5) / UP - 0.5, v = (y + 0.5) / UP - 0.5;
      const iu = Math.floor(u), iv = Math.floor(v), fu = u - iu, fv = v - iv;
      const val = (at(iu, iv) * (1 - fu) + at(iu + 1, iv) * fu) * (1 - fv) + (at(iu, iv + 1) * (1 - fu) + at(iu + 1, iv + 1) * fu) * fv;
      grid[y * N + x] = val > cut ? 1 : 0;
    }
  }
  return grid;
}

/** Clears in grid every pixel of the paper that `higher` encloses (4-connected, not reaching the edge). */
function carveLoops(grid: Uint8Array, higher: Uint8Array): void {
  const seen = new Uint8Array(N * N);
  for (let start = 0; start < N * N; start++) {
    if (higher[start] || seen[start]) continue;
    const region = [start];
    seen[start] = 1;
    let open = false;
    for (let k = 0; k < region.length; k++) {
      const p = region[k];
      const x = p % N, y = (p - x) / N;
      if (x === 0 || y === 0 || x === N - 1 || y === N - 1) open = true;
      for (const q of [p - 1, p + 1, p - N, p + N]) {
        const qx = q % N;
        if (q < 0 || q >= N * N || Math.abs(qx - x) > 1 || higher[q] || seen[q]) continue;
        seen[q] = 1;
        region.push(q);
      }
    }
    if (!open && region.length >= MIN_LOOP_AREA) for (const p of region) grid[p] = 0;
  }
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
