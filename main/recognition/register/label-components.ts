/**
 * 8-connected components of a binary image (non-zero = foreground) with their bounding boxes, areas and
 * centroids: what cv.connectedComponentsWithStats(bin, labels, stats, centroids, 8, CV_32S) gives — the same
 * labels in the same order, the same stats and centroids (checked against opencv.js on the corner scans'
 * images and in test/recognition/label-components.test.ts).
 *
 * Why not opencv.js: on a 1600 × 1200 scan its labelling costs ~30–50 ms CPU per call (the corner scan's
 * largest part), on a mark's ~120 px window ~0,5 ms; this two-pass union-find in plain JS costs a fraction.
 *
 * Label order: OpenCV's default algorithm (Spaghetti) scans 2 × 2 blocks in raster order and numbers each
 * component when its first block is met (the pixels of one block are always 8-connected), so components
 * are numbered here by the first block (in that order) holding one of their pixels.
 */

/** Row i holds component i's left, top, width, height, area (row 0: the background), as OpenCV's stats. */
export const STAT_STRIDE = 5;

export interface LabeledComponents {
  /** Components including the background (label 0). */
  count: number;
  /**
   * Provisional label per pixel, row-major; pixel p's label is `finalOf[provisional[p]]` (see labelAt).
   * Relabelling every pixel would cost as much again as labelling, and a caller looks at a few boxes only.
   * Both are scratch buffers the next call overwrites: use them before calling again.
   */
  provisional: Int32Array;
  finalOf: Int32Array;
  /** count × STAT_STRIDE values (see STAT_STRIDE). */
  stats: Int32Array;
  /** count × 2: each component's mean x, y (row 0: the background's), as OpenCV computes them (sum / area). */
  centroids: Float64Array;
}

/** The component label of pixel `p` (row-major index), as OpenCV's labels Mat holds it. */
export function labelAt(c: LabeledComponents, p: number): number {
  return c.finalOf[c.provisional[p]];
}

// Scratch buffers reused across calls (a scan's labels are ~8 MB: allocating them per call feeds the GC).
let labelBuf = new Int32Array(0);
/** Per provisional label: union-find parent, then its final label. */
let parent = new Int32Array(4096);
/** Per provisional label: min x, min y, max x, max y, area, first block (see numbering). */
const P_STRIDE = 6;
let prov = new Int32Array(P_STRIDE * 4096);
/** Per provisional label: sums of x and y (doubles: a large component's sums pass 2^31). */
let sums = new Float64Array(2 * 4096);

export function labelComponents8(bin: Uint8Array, width: number, height: number): LabeledComponents {
  const n = width * height;
  if (labelBuf.length < n) labelBuf = new Int32Array(n);
  const provCount = firstPass(bin, width, height, labelBuf);
  const { count, stats, centroids } = finalLabels(provCount, bin, width, height);
  parent[0] = 0;
  return { count, provisional: labelBuf.subarray(0, n), finalOf: parent, stats, centroids };
}

/** Provisional labels (unions in `parent`: a root is its own parent, a union keeps the smaller root) and their boxes. Returns the number of provisional labels + 1. */
function firstPass(bin: Uint8Array, width: number, height: number, labels: Int32Array): number {
  let next = 1;
  const halfWidth = (width + 1) >> 1;
  labels.fill(0, 0, width * height);
  // Background pixels are most of a page: skipped four at a time where the 32-bit word they fill is zero.
  const words = (bin.byteOffset & 3) === 0 ? new Uint32Array(bin.buffer, bin.byteOffset, bin.length >> 2) : undefined;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    const up = row - width;
    const blockRow = (y >> 1) * halfWidth;
    for (let x = 0; x < width; x++) {
      const p = row + x;
      if (bin[p] === 0) {
        if (words !== undefined && (p & 3) === 3) {
          // p + 1 starts a word: skip whole zero words while they stay inside this row.
          let w = (p + 1) >> 2;
          const end = (row + width) >> 2;
          while (w < end && words[w] === 0) w++;
          x = (w << 2) - row - 1;
        }
        continue;
      }
      let l: number;
      // Up: its row neighbours are 8-connected to it and the left pixel is diagonal to it, so nothing to join.
      if (y > 0 && bin[up + x] !== 0) {
        l = labels[up + x];
      } else {
        const ur = y > 0 && x + 1 < width && bin[up + x + 1] !== 0 ? labels[up + x + 1] : 0;
        const left = x > 0 && bin[p - 1] !== 0 ? labels[p - 1] : 0;
        const ul = y > 0 && x > 0 && bin[up + x - 1] !== 0 ? labels[up + x - 1] : 0;
        if (ur !== 0) {
          l = ur;
          // Left and up-left are vertical neighbours (one component): join whichever is there with up-right.
          if (left !== 0) join(left, ur);
          else if (ul !== 0) join(ul, ur);
        } else if (left !== 0) {
          l = left;
        } else if (ul !== 0) {
          l = ul;
        } else {
          l = newLabel(next++, x, y);
        }
      }
      labels[p] = l;
      const b = P_STRIDE * l;
      const q = prov;
      if (x < q[b]) q[b] = x;
      if (x > q[b + 2]) q[b + 2] = x;
      q[b + 3] = y;
      q[b + 4]++;
      const block = blockRow + (x >> 1);
      if (block < q[b + 5]) q[b + 5] = block;
      sums[2 * l] += x;
      sums[2 * l + 1] += y;
    }
  }
  return next;
}

function newLabel(l: number, x: number, y: number): number {
  if (l >= parent.length) {
    const grownParent = new Int32Array(parent.length * 2);
    grownParent.set(parent);
    parent = grownParent;
    const grownProv = new Int32Array(prov.length * 2);
    grownProv.set(prov);
    prov = grownProv;
    const grownSums = new Float64Array(sums.length * 2);
    grownSums.set(sums);
    sums = grownSums;
  }
  sums[2 * l] = 0;
  sums[2 * l + 1] = 0;
  parent[l] = l;
  const b = P_STRIDE * l;
  prov[b] = x;
  prov[b + 1] = y;
  prov[b + 2] = x;
  prov[b + 3] = y;
  prov[b + 4] = 0;
  prov[b + 5] = 0x7fffffff;
  return l;
}

function find(a: number): number {
  while (parent[a] !== a) a = parent[a];
  return a;
}

function join(a: number, b: number): void {
  const ra = find(a);
  const rb = find(b);
  if (ra < rb) parent[rb] = ra;
  else if (rb < ra) parent[ra] = rb;
}

/**
 * Roots numbered by their component's first block, each provisional label's box merged into its root's;
 * afterwards `parent[l]` is provisional label l's final label.
 */
function finalLabels(provCount: number, bin: Uint8Array, width: number, height: number): { count: number; stats: Int32Array; centroids: Float64Array } {
  const par = parent;
  const q = prov;
  // Parents are never larger than their children: one pass in increasing order sends each label to its root.
  for (let l = 1; l < provCount; l++) {
    const r = (par[l] = par[par[l]]);
    if (r === l) continue;
    const a = P_STRIDE * l;
    const b = P_STRIDE * r;
    if (q[a] < q[b]) q[b] = q[a];
    if (q[a + 1] < q[b + 1]) q[b + 1] = q[a + 1];
    if (q[a + 2] > q[b + 2]) q[b + 2] = q[a + 2];
    if (q[a + 3] > q[b + 3]) q[b + 3] = q[a + 3];
    q[b + 4] += q[a + 4];
    if (q[a + 5] < q[b + 5]) q[b + 5] = q[a + 5];
    sums[2 * r] += sums[2 * l];
    sums[2 * r + 1] += sums[2 * l + 1];
  }
  const roots: number[] = [];
  for (let l = 1; l < provCount; l++) if (par[l] === l) roots.push(l);
  // No two components share a first block (a block's pixels are 8-connected).
  roots.sort((a, b) => q[P_STRIDE * a + 5] - q[P_STRIDE * b + 5]);
  const count = roots.length + 1;
  const stats = new Int32Array(STAT_STRIDE * count);
  const centroids = new Float64Array(2 * count);
  let foreground = 0;
  let fgSumX = 0;
  let fgSumY = 0;
  for (let i = 0; i < roots.length; i++) {
    const b = P_STRIDE * roots[i];
    const s = STAT_STRIDE * (i + 1);
    stats[s] = q[b];
    stats[s + 1] = q[b + 1];
    stats[s + 2] = q[b + 2] - q[b] + 1;
    stats[s + 3] = q[b + 3] - q[b + 1] + 1;
    stats[s + 4] = q[b + 4];
    foreground += q[b + 4];
    centroids[2 * (i + 1)] = sums[2 * roots[i]] / q[b + 4];
    centroids[2 * (i + 1) + 1] = sums[2 * roots[i] + 1] / q[b + 4];
    fgSumX += sums[2 * roots[i]];
    fgSumY += sums[2 * roots[i] + 1];
  }
  const background = width * height - foreground;
  backgroundStats(bin, width, height, background, stats);
  // The background's sums are the whole image's minus the foreground's (all exact integers in doubles).
  centroids[0] = (((width - 1) * width) / 2 * height - fgSumX) / background;
  centroids[1] = (((height - 1) * height) / 2 * width - fgSumY) / background;
  // Final labels: roots first (their rank), then every other label from its root (roots are smaller).
  for (let i = 0; i < roots.length; i++) par[roots[i]] = -(i + 1);
  for (let l = 1; l < provCount; l++) par[l] = par[l] < 0 ? -par[l] : par[par[l]];
  return { count, stats, centroids };
}

/** Row 0 of the stats: the background's box (found from the image's edges inwards) and area. */
function backgroundStats(bin: Uint8Array, width: number, height: number, area: number, stats: Int32Array): void {
  stats[4] = area;
  if (area === 0) return;
  let top = 0;
  while (top < height && rowFull(bin, width, top)) top++;
  let bottom = height - 1;
  while (bottom > top && rowFull(bin, width, bottom)) bottom--;
  let left = width;
  let right = -1;
  for (let y = top; y <= bottom; y++) {
    const row = y * width;
    for (let x = 0; x < left; x++) {
      if (bin[row + x] === 0) {
        left = x;
        break;
      }
    }
    for (let x = width - 1; x > right; x--) {
      if (bin[row + x] === 0) {
        right = x;
        break;
      }
    }
  }
  stats[0] = left;
  stats[1] = top;
  stats[2] = right - left + 1;
  stats[3] = bottom - top + 1;
}

function rowFull(bin: Uint8Array, width: number, y: number): boolean {
  const row = y * width;
  for (let x = 0; x < width; x++) if (bin[row + x] === 0) return false;
  return true;
}
