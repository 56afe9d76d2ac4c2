import type { GrayImage } from '../gray-image.ts';

/**
 * Turns the crop of ONE handwritten digit box (a bit larger than the box, so it contains the
 * printed border and maybe the faint dotted "8" guide) into the 28×28 MNIST-style input of the
 * digit net. Training renders synthetic boxes and passes them through this very function, so
 * whatever it does (or gets wrong) the net has seen.
 *
 * Steps: paper level → relative darkness → remove long straight border lines near the edges
 * (keeping strokes that cross them) → adaptive ink threshold against the crop's own contrast
 * (faint guide dots fall below it) → connected components, dropping specks, guide dots and
 * remnants outside the box → ink bounding box scaled to 20 px, centred by centre of mass in 28×28.
 */

export interface NormalizeOptions {
  /** Paper brightness if the caller knows it from the page (else estimated from the crop). */
  paper?: number;
  /** Minimum ink darkness relative to paper (0..1). Guide dots print at ~0.2. */
  minContrast?: number;
  /** Output buffer (784) to fill instead of allocating one. */
  out?: Float32Array;
  /**
   * Where the caller expects the printed box (its outer edges, crop px, exclusive ends) — known when the
   * crop was cut around a template box on a registered page. Border lines are then looked for near these
   * edges only (a long horizontal stroke such as a 2's base next to the border is otherwise taken for the
   * border itself, and the part beyond it erased), and a band there needs no corner confirmation.
   */
  expectedBox?: { x0: number; y0: number; x1: number; y1: number };
}

export interface BoxInterior {
  x0: number;
  y0: number;
  x1: number; // exclusive
  y1: number; // exclusive
  /** Which sides had a printed line found and removed. */
  lines: { top: boolean; bottom: boolean; left: boolean; right: boolean };
}

export interface NormalizedBox {
  /** 28×28 row-major, 0 = background, 1 = full ink (MNIST polarity). All zero when empty. */
  input: Float32Array;
  /** Kept ink pixels / box interior area (0 when empty). */
  inkFraction: number;
  inkPixels: number;
  /** No ink worth reading: too little, or only specks/dots/border remnants. */
  empty: boolean;
  /** The result does not depend on minContrast (any value ≤ the one given, down to 0): ink set the threshold. */
  thresholdFromInk?: boolean;
  /** Ink bounding box in crop coordinates (exclusive ends), null when empty. */
  inkBox: { x0: number; y0: number; x1: number; y1: number } | null;
  interior: BoxInterior;
}

export const NORMALIZED_SIZE = 28;
/** Fainter ink a kept stroke grows into: this fraction of its threshold (and of minContrast). */
const GROW = 0.7;
const GROW_MIN = 0.6;
/**
 * The ink threshold's share of the box's darkest ink (see inkThreshold). A thin pen's stroke is not as dark
 * as its darkest pixels: where the line is narrower than a pixel, or the writer pressed lightly, it is paler,
 * and at 45 % of the darkest ink a thin 1, the loop of a 9 or the base of a 2 fell below the cut and the digit
 * was misread (tune-1: 225 digits wrong, 151 of them wrong on the generator's page before the camera too,
 * three times as many with its thinnest pens). At 25 % they stay; the fainter guide dots (~0.2) are still
 * dropped as specks by the component filter.
 */
const INK_SHARE = 0.25;
/** The share used before, and where it still sets the cut (faint boxes, see inkThreshold). */
const INK_SHARE_FAINT = 0.45;
/** The cut never goes below this on ink alone (= the reader's first ink threshold, readers.ts). */
const INK_FLOOR = 0.15;
/** A component with less than this share of its pixels inside the box interior belongs to a neighbour. */
const MIN_INSIDE = 0.5;
const FIT = 20; // MNIST: ink bounding box fitted into 20×20, centre of mass at the centre of 28×28

/** Reusable scratch buffers, grown on demand, so steady-state calls do not allocate much. */
class Scratch {
  dark = new Float32Array(0);
  paper = new Float32Array(0);
  /** localPaper's horizontal max pass (the vertical pass reads it). */
  tmpA = new Float32Array(0);
  mask = new Uint8Array(0);
  label = new Int32Array(0);
  stack = new Int32Array(0);
  /** Darkness bins of the line statistics (darknessBins). */
  bins = new Uint8Array(0);
  levels = new Float32Array(0);
  uniform = new Uint8Array(0);
  used = new Uint8Array(0);
  /** trimBand's dark pixels per line of a band. */
  trimCounts = new Int32Array(0);
  /** lineLevels' histogram, all zero between uses. */
  lineHist = new Uint32Array(101);
  /** percentile's and darkestInk's histograms. */
  hist256 = new Uint32Array(256);
  hist101 = new Uint32Array(101);
  /** lineCover's second result. */
  cover = new Uint32Array(1);
  colSum = new Int32Array(0);
  fwd = new Float32Array(0);
  bwd = new Float32Array(0);
  pad = new Float32Array(0);
  /** maxColumns' running maxima, whole padded rows. */
  colFwd = new Float32Array(0);
  colBwd = new Float32Array(0);
  /** Step 5's ink intensity (kept apart from dark, which a PreparedBox still needs). */
  inten = new Float32Array(0);
  /** Counts prepareBoxCrop calls: a PreparedBox is good while this is its generation. */
  generation = 0;
  ensure(n: number, w: number, h: number): void {
    if (this.dark.length < n) {
      this.dark = new Float32Array(n);
      this.paper = new Float32Array(n);
      this.tmpA = new Float32Array(n);
      this.mask = new Uint8Array(n);
      this.label = new Int32Array(n);
      this.stack = new Int32Array(n);
      this.bins = new Uint8Array(n);
      this.inten = new Float32Array(n);
    }
    const m = Math.max(w, h);
    if (this.levels.length < m) {
      this.levels = new Float32Array(m);
      this.uniform = new Uint8Array(m);
      this.used = new Uint8Array(m);
      this.trimCounts = new Int32Array(m);
    }
  }
}
const scratch = new Scratch();

function percentile(img: GrayImage, frac: number): number {
  const hist = scratch.hist256.fill(0);
  const { data } = img;
  const n = img.width * img.height;
  for (let i = 0; i < n; i++) hist[data[i]]++;
  const target = frac * n;
  let acc = 0;
  for (let v = 0; v < 256; v++) {
    acc += hist[v];
    if (acc >= target) return v;
  }
  return 255;
}

/** Window radius (fraction of the crop's shorter side) of the local paper level. */
const LOCAL_PAPER_RADIUS = 0.12;
/** The local paper level never drops below this fraction of the crop's global paper level. */
const PAPER_FLOOR = 0.8;

/**
 * Per-pixel paper level into scratch.paper: a 3×3 mean (so one bright noise pixel does not count),
 * then a separable max filter of the given radius.
 */
function localPaper(crop: GrayImage, s: Scratch, r: number): void {
  const { width: w, height: h, data } = crop;
  // Max over [x − r, x + r] ∩ row of each row's 3×3 mean, then the same down the columns (van Herk /
  // Gil-Werman: blocks of 2r + 1, a running max from each block's start and from its end; values are ≥ 0,
  // so zero padding changes nothing).
  const k = 2 * r + 1;
  const padded = Math.ceil((w + 2 * r) / k) * k;
  if (s.pad.length < padded) {
    s.fwd = new Float32Array(padded);
    s.bwd = new Float32Array(padded);
    s.pad = new Float32Array(padded);
  }
  const col = s.colSum.length >= w ? s.colSum : (s.colSum = new Int32Array(w));
  const rowMax = s.tmpA;
  // The padding is zero for every row: only [r, r + w) is written below.
  s.pad.fill(0, 0, r);
  s.pad.fill(0, r + w, padded);
  for (let y = 0; y < h; y++) {
    mean3x3Row(data, w, h, y, col, s.pad, r);
    maxRow(s.pad, padded, k, s.fwd, s.bwd, rowMax, y * w, w);
  }
  maxColumns(rowMax, s.paper, w, h, r, s);
}

/**
 * Row y of the 3×3 mean of data into out[offset …] (window clipped at the edges): the column sums of its (up to)
 * 3 rows, then 3 of those per pixel. The sums are integers, so exact in any order; each mean is one division.
 */
function mean3x3Row(data: Uint8Array, w: number, h: number, y: number, col: Int32Array, out: Float32Array, offset: number): void {
  const row = y * w;
  if (y > 0 && y < h - 1) {
    // Inside the crop (all but 2 rows): the three column sums of each window carried along in variables.
    const up = row - w;
    const down = row + w;
    let a = data[up] + data[row] + data[down];
    let b = data[up + 1] + data[row + 1] + data[down + 1];
    out[offset] = (a + b) / 6;
    for (let x = 1; x < w - 1; x++) {
      const c = data[up + x + 1] + data[row + x + 1] + data[down + x + 1];
      out[offset + x] = (a + b + c) / 9;
      a = b;
      b = c;
    }
    out[offset + w - 1] = (a + b) / 6;
    return;
  }
  for (let x = 0; x < w; x++) col[x] = data[row + x];
  if (y > 0) for (let x = 0, up = row - w; x < w; x++) col[x] += data[up + x];
  if (y < h - 1) for (let x = 0, down = row + w; x < w; x++) col[x] += data[down + x];
  const rows = (y > 0 ? 1 : 0) + 1 + (y < h - 1 ? 1 : 0);
  const edge = rows * 2;
  const inner = rows * 3;
  out[offset] = (col[0] + col[1]) / edge;
  for (let x = 1; x < w - 1; x++) out[offset + x] = (col[x - 1] + col[x] + col[x + 1]) / inner;
  out[offset + w - 1] = (col[w - 2] + col[w - 1]) / edge;
}

/**
 * out[offset + i] (i < n) = max of pad[i … i + k − 1]: pad is a row with r = (k − 1) / 2 zeros before it and
 * enough after it to fill `padded` (a multiple of k); fwd/bwd are the running maxima from each block's
 * start and from its end.
 */
function maxRow(pad: Float32Array, padded: number, k: number, fwd: Float32Array, bwd: Float32Array, out: Float32Array, offset: number, n: number): void {
  // Only what the windows below read: bwd[0, n) and fwd[k − 1, n + k − 1) (see maxColumns).
  for (let b0 = 0; b0 < padded; b0 += k) {
    let m = 0;
    if (b0 > 0) for (let i = b0, end = Math.min(b0 + k, n + k - 1); i < end; i++) fwd[i] = m = pad[i] > m ? pad[i] : m;
    if (b0 >= n) continue;
    m = 0;
    for (let i = b0 + k - 1; i >= b0; i--) bwd[i] = m = pad[i] > m ? pad[i] : m;
  }
  fwd[k - 1] = bwd[0];
  // Window [i, i + k − 1] in padded coordinates = [x − r, x + r] for x = i.
  for (let i = 0; i < n; i++) {
    const f = fwd[i + k - 1];
    const g = bwd[i];
    out[offset + i] = f > g ? f : g;
  }
}

/**
 * The vertical pass of the max filter: out[y, x] = max of inp over rows y − r … y + r (within the image), the
 * same van Herk / Gil-Werman blocks as maxRow, but a whole row at a time (contiguous memory, no per-column
 * copies). Rows beyond the image count as zeros, so they leave a running max as it was.
 */
function maxColumns(inp: Float32Array, out: Float32Array, w: number, h: number, r: number, s: Scratch): void {
  const k = 2 * r + 1;
  const padded = Math.ceil((h + 2 * r) / k) * k;
  if (s.colFwd.length < padded * w) {
    s.colFwd = new Float32Array(padded * w);
    s.colBwd = new Float32Array(padded * w);
  }
  const { colFwd: fwd, colBwd: bwd } = s;
  // Padded row q holds image row q − r.
  // Only what the windows below read: backward maxima of rows [0, h), forward maxima of rows [2r, h + 2r).
  // In the first block that is its last row alone, the block's max — which is also the backward max at 0.
  for (let b0 = 0; b0 < padded; b0 += k) {
    if (b0 < h) runningMaxRows(inp, bwd, w, h, r, b0 + k - 1, b0 - 1, -1);
    if (b0 > 0) runningMaxRows(inp, fwd, w, h, r, b0, Math.min(b0 + k, h + 2 * r), 1);
  }
  fwd.set(bwd.subarray(0, w), 2 * r * w);
  // Window [y − r, y + r] = padded rows [y, y + 2r]: the forward max at its end, the backward max at its start.
  for (let y = 0; y < h; y++) {
    const fo = (y + 2 * r) * w;
    const bo = y * w;
    for (let x = 0; x < w; x++) {
      const f = fwd[fo + x];
      const g = bwd[bo + x];
      out[bo + x] = f > g ? f : g;
    }
  }
}

/** acc rows q = from, from + dir, … (until `to`, exclusive) = the running max of inp's rows q − r since `from`. */
function runningMaxRows(inp: Float32Array, acc: Float32Array, w: number, h: number, r: number, from: number, to: number, dir: number): void {
  for (let q = from; q !== to; q += dir) {
    const y = q - r;
    const o = q * w;
    if (q === from) {
      if (y < 0 || y >= h) acc.fill(0, o, o + w);
      else acc.set(inp.subarray(y * w, y * w + w), o);
    } else if (y < 0 || y >= h) {
      acc.copyWithin(o, o - dir * w, o - dir * w + w);
    } else {
      const io = y * w;
      const po = o - dir * w;
      for (let x = 0; x < w; x++) {
        const v = inp[io + x];
        const m = acc[po + x];
        acc[o + x] = v > m ? v : m;
      }
    }
  }
}

/**
 * Line statistics are taken over the central part of the span only, so the perpendicular
 * border lines at both ends do not count towards a row looking "dark along its length".
 * A band is a printed line when it covers (nearly) all of that central part and 80 % of the
 * whole crop; a shorter one only when it forms a rectangle's corners with perpendicular bands
 * (see confirmLines). MNIST's widest handwritten bars cover at most ~75 % of its tight crop.
 */
const CENTRAL = 0.15; // ignore this fraction of the span at each end
const LINE_STRONG = 0.8; // of the FULL span (crop margins ≤ ~12 % of the box per side)
const LINE_WEAK = 0.6;
const LEVEL_AT = 0.5;
/** How far (fraction of the crop side, plus 2 px) a border may sit from the caller's expected box edge. */
const EXPECT_TOL = 0.08; // a row's "level" is the darkness reached along this fraction of the central span

interface Band {
  a: number; // first line index (inclusive)
  b: number; // last (inclusive)
  /** Where the caller's expected box edge is (see NormalizeOptions.expectedBox). */
  expected: boolean;
  /** Fraction of the central span dark at half the peak level, in the band's darkest line. */
  cover: number;
  /** The same over the whole span: a box border runs nearly edge to edge of its crop. */
  fullCover: number;
  /** That peak level (relative darkness), and the line where it is reached. */
  level: number;
  peak: number;
}

/**
 * Finds candidate printed lines parallel to one axis. Each row (or column) is max-pooled over a
 * 3-line window (tolerates the ~1° residual rotation of a rectified page); its level is the
 * darkness reached along half of the central span — the line's own darkness when a line runs
 * there, paper otherwise — so light-gray borders are found as well as black ones. Around each
 * peak a band grows while the level stays above half the peak; only thin, uniform bands near the
 * crop edges count. On each side the band covering most wins, ties to the innermost.
 */
function findLineBands(
  dark: Float32Array,
  bins: Uint8Array,
  w: number,
  h: number,
  horizontal: boolean,
  s: Scratch,
  expect: { near: number; far: number } | null,
): SideBands {
  const len = horizontal ? h : w; // number of candidate lines
  const span = horizontal ? w : h; // length of each line
  const j0 = Math.floor(CENTRAL * span);
  const j1 = span - j0;
  const central = j1 - j0;
  const { levels, uniform, used } = s;
  lineLevels(bins, w, len, horizontal, j0, j1, s.lineHist, levels, uniform);
  const minLevel = 0.07;
  const maxBand = Math.max(6, Math.round(0.1 * len + 4));
  used.fill(0, 0, len);
  let near: Band | null = null;
  let far: Band | null = null;
  let nearDarkest: Band | null = null;
  let farDarkest: Band | null = null;
  for (;;) {
    let peak = -1;
    for (let i = 0; i < len; i++) if (!used[i] && levels[i] >= minLevel && (peak < 0 || levels[i] > levels[peak])) peak = i;
    if (peak < 0) break;
    const P = levels[peak];
    let a = peak, b = peak;
    while (a > 0 && !used[a - 1] && levels[a - 1] >= 0.45 * P) a--;
    while (b + 1 < len && !used[b + 1] && levels[b + 1] >= 0.45 * P) b++;
    for (let i = a; i <= b; i++) used[i] = 1;
    // The anti-aliased fringe of a line must not pose as a line of its own.
    for (let i = a - 1; i >= Math.max(0, a - 2) && levels[i] >= 0.12 * P; i--) used[i] = 1;
    for (let i = b + 1; i <= Math.min(len - 1, b + 2) && levels[i] >= 0.12 * P; i++) used[i] = 1;
    const centre = (a + b) / 2;
    if (b - a + 1 > maxBand || !uniform[peak]) continue;
    if (centre >= 0.3 * len && centre <= 0.7 * len) continue;
    // With the box's expected edges known, a band away from them is a stroke, not the border. The
    // tolerance covers the printed line's own width and a registration error of a few pixels.
    const nearSide = centre < 0.3 * len;
    const expected = expect ? (nearSide ? expect.near : expect.far) : 0;
    const dist = expect ? Math.abs(centre - expected) : 0;
    if (expect && dist > EXPECT_TOL * len + 2) continue;
    const full = lineCover(dark, w, len, horizontal, peak, span, j0, j1, 0.5 * P, s.cover);
    const band: Band = { a, b, expected: expect !== null, cover: s.cover[0] / central, fullCover: full / span, level: P, peak };
    if (band.cover < LINE_WEAK) continue;
    // Take in the anti-aliased fringe just outside the band.
    if (band.a > 0 && levels[band.a - 1] >= 0.2 * P) band.a--;
    if (band.b + 1 < len && levels[band.b + 1] >= 0.2 * P) band.b++;
    const toExpected = expect ? expected : null;
    if (nearSide) {
      if (betterBand(band, near, near !== null && band.a > near.a, toExpected, dist)) near = band;
      if (!nearDarkest || band.level > nearDarkest.level) nearDarkest = band;
    } else {
      if (betterBand(band, far, far !== null && band.b < far.b, toExpected, dist)) far = band;
      if (!farDarkest || band.level > farDarkest.level) farDarkest = band;
    }
  }
  return { near, far, nearDarkest, farDarkest };
}

/** The border band chosen on each side of one axis, and the darkest candidate there (see matchSideLevels). */
interface SideBands {
  near: Band | null;
  far: Band | null;
  nearDarkest: Band | null;
  farDarkest: Band | null;
}

/** A side's band under this share of the other sides' (median) level is not the printed line (matchSideLevels). */
const FAINT_SIDE_SHARE = 1 / 3;

/**
 * The four sides of a printed box are printed with the same ink. A side whose chosen band is far fainter than
 * the other sides' takes that side's darkest candidate instead, when that one is as dark as they are. Nearness
 * to the expected edge chooses among candidates (betterBand), and on a low-contrast photo a paper-level shade
 * (darkness 0,07) lying nearer the expected edge than the black top line beat it: the line then stayed in the
 * box as ink and empty boxes read as 1 or 7 (tune-2 page 0073). A plain "darker wins" rule instead let dark digit
 * bars beat light-gray borders (KPU); matching the other sides keeps both right, and faint borders all round
 * (NETGRIT, darkness 0,05–0,3) match each other.
 */
function matchSideLevels(hb: SideBands, vb: SideBands): void {
  // A loop and a module-level comparator, not callbacks made per call: this runs for every box, and V8 keeps a
  // closure's optimised code only while an instance of it lives.
  const chosen = [hb.near, hb.far, vb.near, vb.far];
  const darkest = [hb.nearDarkest, hb.farDarkest, vb.nearDarkest, vb.farDarkest];
  const result = chosen.slice();
  const others: number[] = [];
  for (let i = 0; i < 4; i++) {
    const band = chosen[i];
    const alt = darkest[i];
    if (!band || !alt || alt === band) continue;
    others.length = 0;
    for (let k = 0; k < 4; k++) if (k !== i && chosen[k]) others.push(chosen[k]!.level);
    if (others.length < 2) continue;
    others.sort(byNumber);
    const ref = others[others.length >> 1];
    const faint = band.level < FAINT_SIDE_SHARE * ref;
    const matches = alt.level >= FAINT_SIDE_SHARE * ref && alt.level * FAINT_SIDE_SHARE <= ref;
    if (faint && matches) result[i] = alt;
  }
  [hb.near, hb.far, vb.near, vb.far] = result;
}

function byNumber(a: number, b: number): number {
  return a - b;
}

/**
 * Each line's level and uniformity into levels/uniform (see findLineBands). The 3-line max of the darkness
 * bins (darknessBins) along the central span [j0, j1) is counted in hist, which must be all zero on entry and
 * is left so. The histogram is kept in bins (not darkness values): the max of the bins is the bin of the max.
 */
function lineLevels(
  bins: Uint8Array,
  w: number,
  len: number,
  horizontal: boolean,
  j0: number,
  j1: number,
  hist: Uint32Array,
  levels: Float32Array,
  uniform: Uint8Array,
): void {
  const central = j1 - j0;
  const atLevel = LEVEL_AT * central;
  const atUniform = 0.2 * central;
  const along = horizontal ? 1 : w; // element step along a line
  const across = horizontal ? w : 1; // step from one line to the next
  for (let i = 0; i < len; i++) {
    const mid = i * across;
    // A neighbour line beyond the crop: the line itself again, which leaves the max unchanged.
    const prev = i > 0 ? mid - across : mid;
    const next = i + 1 < len ? mid + across : mid;
    let top = 0;
    for (let j = j0; j < j1; j++) {
      const o = j * along;
      let b = bins[mid + o];
      const u = bins[prev + o];
      if (u > b) b = u;
      const v = bins[next + o];
      if (v > b) b = v;
      hist[b]++;
      if (b > top) top = b;
    }
    // The darkness reached along LEVEL_AT (and 0,2) of the span: counting down from the darkest bin.
    let acc = 0;
    let b20 = -1;
    let b50 = 0;
    for (let b = top; b >= 0; b--) {
      acc += hist[b];
      if (b20 < 0 && acc >= atUniform) b20 = b;
      if (acc >= atLevel) {
        b50 = b;
        break;
      }
    }
    hist.fill(0, 0, top + 1);
    levels[i] = b50 / 100;
    // Printed lines are evenly dark; a digit arc is dark in a few places and pale elsewhere.
    uniform[i] = levels[i] >= 0.5 * (b20 / 100) ? 1 : 0;
  }
}

/**
 * How much of a line (3-line max pooled, like lineLevels) is at least `half` dark: returns the count over the
 * whole span, and puts the count over the central span [j0, j1) in central[0].
 */
function lineCover(
  dark: Float32Array,
  w: number,
  len: number,
  horizontal: boolean,
  line: number,
  span: number,
  j0: number,
  j1: number,
  half: number,
  central: Uint32Array,
): number {
  let c = 0;
  let full = 0;
  for (let j = 0; j < span; j++) {
    let m = 0;
    for (let ii = line - 1; ii <= line + 1; ii++) {
      if (ii < 0 || ii >= len) continue;
      const v = dark[horizontal ? ii * w + j : j * w + ii];
      if (v > m) m = v;
    }
    if (m < half) continue;
    full++;
    if (j >= j0 && j < j1) c++;
  }
  central[0] = c;
  return full;
}

/**
 * Whether band should replace old as its side's border: nearer the expected edge (when known, dist = the band's
 * distance from it); else the band covering more; among similar ones the darker; among equals the inner one
 * (a neighbouring box's border sits further out and looks the same).
 */
function betterBand(band: Band, old: Band | null, inner: boolean, expected: number | null, dist: number): boolean {
  if (!old) return true;
  if (expected !== null) {
    const oldDist = Math.abs((old.a + old.b) / 2 - expected);
    if (Math.abs(dist - oldDist) > 1.5) return dist < oldDist;
  }
  if (Math.abs(band.cover - old.cover) > 0.05) return band.cover > old.cover;
  if (Math.abs(band.level - old.level) > 0.3 * Math.max(band.level, old.level)) return band.level > old.level;
  return inner;
}


/**
 * Keeps a weak band only when it closes dark corners with perpendicular bands at BOTH its ends,
 * i.e. it is one side of a printed rectangle. A round "0" fills a tight crop with four arcs but
 * its corners are paper; a "5" has one corner, not two.
 */
function confirmLines(
  dark: Float32Array,
  w: number,
  hb: { near: Band | null; far: Band | null },
  vb: { near: Band | null; far: Band | null },
): void {
  // Mutual support: drop failing bands until the remaining set is consistent.
  for (let changed = true; changed; ) {
    changed = false;
    const hn = strongLine(hb.near) || (isCorner(dark, w, hb.near, vb.near) && isCorner(dark, w, hb.near, vb.far));
    const hf = strongLine(hb.far) || (isCorner(dark, w, hb.far, vb.near) && isCorner(dark, w, hb.far, vb.far));
    const vn = strongLine(vb.near) || (isCorner(dark, w, hb.near, vb.near) && isCorner(dark, w, hb.far, vb.near));
    const vf = strongLine(vb.far) || (isCorner(dark, w, hb.near, vb.far) && isCorner(dark, w, hb.far, vb.far));
    if (hb.near && !hn) { hb.near = null; changed = true; }
    if (hb.far && !hf) { hb.far = null; changed = true; }
    if (vb.near && !vn) { vb.near = null; changed = true; }
    if (vb.far && !vf) { vb.far = null; changed = true; }
  }
}

/** A band that is a printed line on its own: where the box was expected, or covering (nearly) the whole crop. */
function strongLine(b: Band | null): boolean {
  return !!b && (b.expected || (b.cover >= 0.94 && b.fullCover >= LINE_STRONG));
}

/**
 * Whether a horizontal and a vertical band meet in a dark corner, where the two lines' centres cross: printed
 * corners are square and dark there, while a round stroke passes inside that point.
 */
function isCorner(dark: Float32Array, w: number, hBand: Band | null, vBand: Band | null): boolean {
  if (!hBand || !vBand) return false;
  return dark[hBand.peak * w + vBand.peak] >= 0.4 * Math.min(hBand.level, vBand.level);
}

/** A band this many lines wider than the crop's thinnest border holds more than the printed line. */
const TRIM_SLACK = 1;

/**
 * Narrows border bands that are much wider than the crop's thinnest border to the printed line itself. A
 * digit's bar running along the border (the flat top of a 3 just under the box's top line) is as dark as the
 * line along most of the span, so the band grew over both and erasing it cut the bar off (a 3 read as 5). The
 * printed line is the part that runs along the whole crop: the window of the thinnest border's width whose
 * lines are dark along most of the span, the outer one on ties.
 */
function trimWideBands(dark: Float32Array, w: number, h: number, hb: { near: Band | null; far: Band | null }, vb: { near: Band | null; far: Band | null }): void {
  let ref = Infinity;
  let found = 0;
  for (const b of [hb.near, hb.far, vb.near, vb.far]) {
    if (!b) continue;
    found++;
    ref = Math.min(ref, b.b - b.a + 1);
  }
  if (found < 2) return;
  trimBand(dark, w, h, true, hb.near, ref, true);
  trimBand(dark, w, h, true, hb.far, ref, false);
  trimBand(dark, w, h, false, vb.near, ref, true);
  trimBand(dark, w, h, false, vb.far, ref, false);
}

function trimBand(dark: Float32Array, w: number, h: number, horizontal: boolean, band: Band | null, ref: number, near: boolean): void {
  if (!band || band.b - band.a + 1 <= ref + TRIM_SLACK) return;
  const half = 0.5 * band.level;
  const counts = scratch.trimCounts;
  for (let line = band.a; line <= band.b; line++) counts[line - band.a] = lineDarkCount(dark, w, h, horizontal, line, half);
  // Windows of the thinnest border's width, from the outer side inwards; an inner one must cover strictly more.
  const step = near ? 1 : -1;
  let bestStart = near ? band.a : band.b - ref + 1;
  let best = -1;
  for (let a = bestStart; a >= band.a && a + ref - 1 <= band.b; a += step) {
    let sum = 0;
    for (let line = a; line < a + ref; line++) sum += counts[line - band.a];
    if (sum > best) {
      best = sum;
      bestStart = a;
    }
  }
  band.a = bestStart;
  band.b = bestStart + ref - 1;
  if (band.peak < band.a || band.peak > band.b) band.peak = near ? band.b - Math.floor(ref / 2) : band.a + Math.floor(ref / 2);
}

/** Pixels of one row (horizontal) or column at least `thr` dark. */
function lineDarkCount(dark: Float32Array, w: number, h: number, horizontal: boolean, line: number, thr: number): number {
  const span = horizontal ? w : h;
  const along = horizontal ? 1 : w;
  const start = horizontal ? line * w : line;
  let c = 0;
  for (let j = 0; j < span; j++) if (dark[start + j * along] >= thr) c++;
  return c;
}

/** Erases a line band, except where a stroke is dark on both sides of it (it crosses the line). */
function eraseBand(
  dark: Float32Array,
  w: number,
  h: number,
  horizontal: boolean,
  band: Band,
  strokeThr: number,
): void {
  const len = horizontal ? h : w;
  const span = horizontal ? w : h;
  const along = horizontal ? 1 : w; // element step along a line
  const across = horizontal ? w : 1; // step from one line to the next
  const before = band.a - 1;
  const after = band.b + 1;
  // The two lines on each side that a crossing stroke must be dark in (the same line twice at the crop's edge).
  const canCross = before >= 0 && after < len;
  const b1 = before * across;
  const b2 = before > 0 ? b1 - across : b1;
  const a1 = after * across;
  const a2 = after + 1 < len ? a1 + across : a1;
  for (let j = 0; j < span; j++) {
    if (canCross && darkNear(dark, j, span, along, b1, b2, strokeThr) && darkNear(dark, j, span, along, a1, a2, strokeThr)) continue;
    for (let line = band.a; line <= band.b; line++) dark[line * across + j * along] = 0;
  }
}

/** Whether line l1 or l2 (start offsets) is at least thr dark at position j − 1, j or j + 1 along it. */
function darkNear(dark: Float32Array, j: number, span: number, along: number, l1: number, l2: number, thr: number): boolean {
  for (let jj = j > 0 ? j - 1 : 0; jj <= j + 1 && jj < span; jj++) {
    if (dark[l1 + jj * along] >= thr || dark[l2 + jj * along] >= thr) return true;
  }
  return false;
}

export function normalizeBoxCrop(crop: GrayImage, options: NormalizeOptions = {}): NormalizedBox {
  return finishBoxCrop(prepareBoxCrop(crop, options), options);
}

/**
 * A crop after steps 1–2 of normalizeBoxCrop (darkness, border lines found and erased) and the darkest ink of
 * step 3: all that the ink threshold does not change. Only the stroke threshold of the band erasing depends on
 * minContrast, and it is max(minContrast, 0,3): the same for every minContrast up to 0,3. A reader that tries
 * several ink thresholds on one box prepares it once and finishes it per threshold (finishBoxCrop).
 *
 * The darkness map lives in this thread's scratch buffers: a PreparedBox is good until the next
 * prepareBoxCrop or normalizeBoxCrop call (finishing a stale one throws).
 */
export interface PreparedBox {
  readonly width: number;
  readonly height: number;
  readonly interior: BoxInterior;
  /** No room for ink: the crop, or the box inside the border lines found, is under 4 px on a side. */
  readonly tooSmall: boolean;
  /** max(minContrast, 0,3) it was prepared with: finishing needs the same. */
  readonly strokeThr: number;
  /** Step 3's darkest ink of the interior (darkestInk). */
  readonly dmax: number;
  /** scratch.generation when prepared. */
  readonly generation: number;
}

/** Band erasing keeps strokes darker than this on both sides of a line (never below the ink threshold). */
function strokeThreshold(minContrast: number): number {
  return Math.max(minContrast, 0.3);
}

/** Whether finishing `prepared` at minContrast gives what normalizeBoxCrop would (the same stroke threshold). */
export function sharesPreparation(prepared: PreparedBox, minContrast: number): boolean {
  return strokeThreshold(minContrast) === prepared.strokeThr;
}

/** Steps 1–2 and the darkest ink (see PreparedBox). options.out is not used. */
export function prepareBoxCrop(crop: GrayImage, options: NormalizeOptions = {}): PreparedBox {
  const w = crop.width;
  const h = crop.height;
  const n = w * h;
  const strokeThr = strokeThreshold(options.minContrast ?? 0.25);
  const generation = ++scratch.generation;
  const fullInterior: BoxInterior = { x0: 0, y0: 0, x1: w, y1: h, lines: { top: false, bottom: false, left: false, right: false } };
  if (w < 4 || h < 4) return { width: w, height: h, interior: fullInterior, tooSmall: true, strokeThr, dmax: 0, generation };

  scratch.ensure(n, w, h);
  const dark = scratch.dark;

  // 1. Paper level. A photographed page is not evenly lit: a shadow or light gradient across one crop
  //    (one side 10–20 % darker) made the whole darker side pass for ink, so the border there was too
  //    wide to be found as a line and stayed as a bar. The paper level is therefore taken per pixel: the
  //    brightest (lightly smoothed) value within a window wider than any stroke or border line.
  darknessInto(crop, options.paper, dark);

  // 2. Border lines.
  const eb = options.expectedBox;
  // Line index of each expected edge: the printed line starts at the box's outer edge and is a few px wide.
  darknessBins(dark, n, scratch.bins);
  const hb = findLineBands(dark, scratch.bins, w, h, true, scratch, eb ? { near: eb.y0, far: eb.y1 } : null);
  const vb = findLineBands(dark, scratch.bins, w, h, false, scratch, eb ? { near: eb.x0, far: eb.x1 } : null);
  matchSideLevels(hb, vb);
  confirmLines(dark, w, hb, vb);
  trimWideBands(dark, w, h, hb, vb);
  const interior: BoxInterior = {
    x0: vb.near ? vb.near.b + 1 : 0,
    x1: vb.far ? vb.far.a : w,
    y0: hb.near ? hb.near.b + 1 : 0,
    y1: hb.far ? hb.far.a : h,
    lines: { top: !!hb.near, bottom: !!hb.far, left: !!vb.near, right: !!vb.far },
  };
  if (interior.x1 - interior.x0 < 4 || interior.y1 - interior.y0 < 4) return { width: w, height: h, interior, tooSmall: true, strokeThr, dmax: 0, generation };
  // Everything beyond a found line is outside the box: erase the band and keep strokes crossing it.
  if (hb.near) eraseBand(dark, w, h, true, hb.near, strokeThr);
  if (hb.far) eraseBand(dark, w, h, true, hb.far, strokeThr);
  if (vb.near) eraseBand(dark, w, h, false, vb.near, strokeThr);
  if (vb.far) eraseBand(dark, w, h, false, vb.far, strokeThr);

  // 3, first half: the darkest ink in the box, which the ink threshold is a share of.
  const dmax = darkestInk(dark, w, interior, (interior.x1 - interior.x0) * (interior.y1 - interior.y0));
  return { width: w, height: h, interior, tooSmall: false, strokeThr, dmax, generation };
}

/**
 * Steps 3–6 of normalizeBoxCrop at options.minContrast on a prepared crop (see PreparedBox); leaves the
 * prepared darkness as it was, so the same box can be finished at another threshold.
 */
export function finishBoxCrop(prepared: PreparedBox, options: { minContrast?: number; out?: Float32Array } = {}): NormalizedBox {
  const out = options.out ?? new Float32Array(NORMALIZED_SIZE * NORMALIZED_SIZE);
  if (out.length !== NORMALIZED_SIZE * NORMALIZED_SIZE) throw new Error('normalizeBoxCrop: out must hold 784 values');
  out.fill(0);
  const minContrast = options.minContrast ?? 0.25;
  if (prepared.generation !== scratch.generation) throw new Error('finishBoxCrop: the box was prepared before another crop');
  if (strokeThreshold(minContrast) !== prepared.strokeThr) throw new Error('finishBoxCrop: prepared for another stroke threshold');
  const { width: w, height: h, interior, dmax } = prepared;
  if (prepared.tooSmall) return emptyBox(out, interior);
  const n = w * h;
  const dark = scratch.dark;
  const iw = interior.x1 - interior.x0;
  const ih = interior.y1 - interior.y0;
  const interiorArea = iw * ih;

  // 3. Adaptive threshold: a share of the darkest ink in the box (inkThreshold), never below minContrast.
  const thrInk = inkThreshold(dmax);
  const thr = Math.max(minContrast, thrInk);
  const mask = scratch.mask;
  // 2 = ink, 1 = fainter ink a kept stroke may grow into (see step 4b), 0 = paper.
  const thrGrow = Math.max(GROW_MIN * minContrast, GROW * thr);
  for (let i = 0; i < n; i++) mask[i] = dark[i] >= thr ? 2 : dark[i] >= thrGrow ? 1 : 0;

  // 4. Connected components (8-connected). Keep ink that reaches into the box interior and is
  //    not a speck: guide dots, dust and neighbouring boxes' remnants are dropped here.
  const label = scratch.label;
  const comps = labelComponents(mask, label, scratch.stack, w, h, interior);
  const keep = keptComponents(comps, interiorArea, w, h);

  let { inkPixels, bx0, by0, bx1, by1 } = keptInk(comps, keep, w, h);
  const minSide = Math.min(iw, ih);
  if (inkPixels === 0 || Math.max(bx1 - bx0 + 1, by1 - by0 + 1) < 0.2 * minSide || inkPixels < 0.006 * interiorArea) {
    return emptyBox(out, interior, inkPixels, inkPixels / interiorArea, thrInk >= minContrast);
  }

  // 4b. Grow the kept strokes into fainter ink connected to them. A thin or faint pen stroke is not evenly
  //     dark after blur and JPEG: its palest stretches fell below thr, the stroke came apart, and pieces
  //     small enough to pass for specks were dropped (a 2 lost its base, an 8 became dots). Growing from
  //     kept ink only, never seeding new components, leaves blank boxes (guide dots, remnants) as they were;
  //     and whether a box is empty is decided before growing.
  growKept(mask, label, keep, comps, scratch.stack, w, h, bx0, by0, bx1, by1);
  ({ inkPixels, bx0, by0, bx1, by1 } = keptInk(comps, keep, w, h));

  // 5. Ink intensity: kept pixels plus their soft (anti-aliased) rim, scaled against this
  //    crop's own ink darkness so a faint pen and a black marker look alike.
  const region = inkRegion(bx0, by0, bx1, by1, w, h);
  const inten = scratch.inten;
  const { cx, cy } = inkIntensity(dark, inten, mask, label, keep, w, h, 0.5 * thr, Math.max(0.85 * dmax, 1.2 * thr), region);

  // 6. MNIST geometry: the larger side of the ink box becomes 20 px, aspect kept, and the centre
  //    of mass lands on the centre of the 28×28 field.
  resampleToMnist(inten, w, h, cx, cy, Math.max(bx1 - bx0 + 1, by1 - by0 + 1), out, region);
  return {
    input: out,
    inkFraction: inkPixels / interiorArea,
    inkPixels,
    empty: false,
    thresholdFromInk: thrInk >= minContrast,
    inkBox: { x0: bx0, y0: by0, x1: bx1 + 1, y1: by1 + 1 },
    interior,
  };
}

/** The result for a box with no ink worth reading (out stays all 0). */
function emptyBox(out: Float32Array, interior: BoxInterior, inkPixels = 0, inkFraction = 0, thresholdFromInk = true): NormalizedBox {
  return { input: out, inkFraction, inkPixels, empty: true, thresholdFromInk, inkBox: null, interior };
}

// The steps of normalizeBoxCrop, each its own function: V8 optimises (and, on a branch it has not seen run,
// deoptimises) a function as a whole, and the single 300-line function spent most of its calls deoptimised
// (tune-1 crops: 53 deopts, 1,27 ms per call).

/** Step 1 into dark: relative darkness against the paper level (given, or per pixel: localPaper). */
function darknessInto(crop: GrayImage, paperLevel: number | undefined, dark: Float32Array): void {
  const { width: w, height: h, data: src } = crop;
  const n = w * h;
  if (paperLevel !== undefined) {
    const paper = Math.max(paperLevel, 24);
    for (let i = 0; i < n; i++) {
      const d = (paper - src[i]) / paper;
      dark[i] = d > 0 ? d : 0;
    }
    return;
  }
  localPaper(crop, scratch, Math.max(3, Math.round(LOCAL_PAPER_RADIUS * Math.min(w, h))));
  const pl = scratch.paper;
  const minPaper = Math.max(percentile(crop, 0.7), 24) * PAPER_FLOOR;
  for (let i = 0; i < n; i++) {
    const local = pl[i];
    const paper = local > minPaper ? local : minPaper;
    const v = src[i];
    // Paper-bright pixels are 0 without a division ((paper − v) / paper > 0 exactly when paper > v).
    dark[i] = paper > v ? (paper - v) / paper : 0;
  }
}

/**
 * Per-pixel histogram bin of darkness for the line statistics: ⌊100·d⌋, 100 from d = 1 up. Zero darkness (most
 * of the paper) is bin 0 without the arithmetic.
 */
function darknessBins(dark: Float32Array, n: number, bins: Uint8Array): void {
  for (let i = 0; i < n; i++) {
    const d = dark[i];
    bins[i] = d === 0 ? 0 : d >= 1 ? 100 : Math.floor(d * 100);
  }
}

/** Step 3: the darkness the darkest 0,4 % of the interior reaches (at least 3 pixels), to 1/100. */
function darkestInk(dark: Float32Array, w: number, interior: BoxInterior, interiorArea: number): number {
  const hist = scratch.hist101.fill(0);
  for (let y = interior.y0; y < interior.y1; y++) {
    for (let x = interior.x0; x < interior.x1; x++) {
      const d = dark[y * w + x];
      hist[d >= 1 ? 100 : Math.floor(d * 100)]++;
    }
  }
  const target = Math.max(3, 0.004 * interiorArea);
  let acc = 0;
  for (let b = 100; b >= 0; b--) {
    acc += hist[b];
    if (acc >= target) return (b + 0.5) / 100;
  }
  return 0;
}

interface Comp {
  area: number;
  inArea: number;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  inside: boolean;
}

/** Step 4: 8-connected components of mask = 2, labelled 1… in label (0 elsewhere). */
function labelComponents(mask: Uint8Array, label: Int32Array, stack: Int32Array, w: number, h: number, interior: BoxInterior): Comp[] {
  const n = w * h;
  label.fill(0, 0, n);
  const comps: Comp[] = [];
  for (let start = 0; start < n; start++) {
    if (mask[start] !== 2 || label[start]) continue;
    const id = comps.length + 1;
    const comp: Comp = { area: 0, inArea: 0, x0: w, y0: h, x1: -1, y1: -1, inside: false };
    let sp = 0;
    stack[sp++] = start;
    label[start] = id;
    while (sp > 0) {
      const p = stack[--sp];
      const py = (p / w) | 0;
      const px = p - py * w;
      comp.area++;
      if (px < comp.x0) comp.x0 = px;
      if (px > comp.x1) comp.x1 = px;
      if (py < comp.y0) comp.y0 = py;
      if (py > comp.y1) comp.y1 = py;
      if (px >= interior.x0 && px < interior.x1 && py >= interior.y0 && py < interior.y1) {
        comp.inside = true;
        comp.inArea++;
      }
      for (let dy = -1; dy <= 1; dy++) {
        const qy = py + dy;
        if (qy < 0 || qy >= h) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const qx = px + dx;
          if (qx < 0 || qx >= w) continue;
          const q = qy * w + qx;
          if (mask[q] === 2 && !label[q]) {
            label[q] = id;
            stack[sp++] = q;
          }
        }
      }
    }
    comps.push(comp);
  }
  return comps;
}

/** Step 4, continued: which components are the box's ink (keep[id] = 1), not specks, neighbours or border remnants. */
function keptComponents(comps: Comp[], interiorArea: number, w: number, h: number): Uint8Array {
  let largest = 0;
  for (const c of comps) if (c.inside && c.area > largest) largest = c.area;
  const minArea = Math.max(3, 0.004 * interiorArea, 0.05 * largest);
  const keep = new Uint8Array(comps.length + 1);
  const edgeBand = 0.15;
  for (let i = 0; i < comps.length; i++) {
    const c = comps[i];
    if (!c.inside || c.area < minArea) continue;
    // Mostly beyond the border: the neighbouring box's digit or cross reaching over the line, not ours.
    if (c.inArea < MIN_INSIDE * c.area) continue;
    // A sliver hugging a crop edge where no line was found is a border remnant, not a digit.
    const cw = c.x1 - c.x0 + 1;
    const ch = c.y1 - c.y0 + 1;
    const hugsLeft = c.x0 === 0 && c.x1 < edgeBand * w && ch > 3 * cw;
    const hugsRight = c.x1 === w - 1 && c.x0 >= (1 - edgeBand) * w && ch > 3 * cw;
    const hugsTop = c.y0 === 0 && c.y1 < edgeBand * h && cw > 3 * ch;
    const hugsBottom = c.y1 === h - 1 && c.y0 >= (1 - edgeBand) * h && cw > 3 * ch;
    if (hugsLeft || hugsRight || hugsTop || hugsBottom) continue;
    keep[i + 1] = 1;
  }
  return keep;
}

/** Step 4b: kept components grow into connected fainter ink (mask = 1), which joins them (mask 2, their label). */
function growKept(
  mask: Uint8Array,
  label: Int32Array,
  keep: Uint8Array,
  comps: Comp[],
  stack: Int32Array,
  w: number,
  h: number,
  bx0: number,
  by0: number,
  bx1: number,
  by1: number,
): void {
  // Seeds: the kept ink, in scan order; it all lies in the kept ink's box (inclusive ends bx0…bx1, by0…by1).
  let sp = 0;
  for (let y = by0; y <= by1; y++) {
    for (let i = y * w + bx0, end = y * w + bx1; i <= end; i++) if (mask[i] === 2 && keep[label[i]]) stack[sp++] = i;
  }
  while (sp > 0) {
    const p = stack[--sp];
    const id = label[p];
    const c = comps[id - 1];
    const py = (p / w) | 0;
    const px = p - py * w;
    for (let dy = -1; dy <= 1; dy++) {
      const qy = py + dy;
      if (qy < 0 || qy >= h) continue;
      for (let dx = -1; dx <= 1; dx++) {
        const qx = px + dx;
        if (qx < 0 || qx >= w) continue;
        const q = qy * w + qx;
        if (!mask[q] || keep[label[q]]) continue;
        label[q] = id;
        mask[q] = 2;
        c.area++;
        if (qx < c.x0) c.x0 = qx;
        if (qx > c.x1) c.x1 = qx;
        if (qy < c.y0) c.y0 = qy;
        if (qy > c.y1) c.y1 = qy;
        stack[sp++] = q;
      }
    }
  }
}

/** A pixel rectangle (exclusive ends). */
interface Rect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/**
 * Where steps 5 and 6 can find non-zero ink intensity: the kept ink's bounding box (inclusive ends bx0…bx1,
 * by0…by1) grown by the 1-pixel rim inkIntensity may add, within the crop.
 */
function inkRegion(bx0: number, by0: number, bx1: number, by1: number, w: number, h: number): Rect {
  return { x0: Math.max(0, bx0 - 1), y0: Math.max(0, by0 - 1), x1: Math.min(w, bx1 + 2), y1: Math.min(h, by1 + 2) };
}

/**
 * Step 5 into inten: the ink intensity (0..1 between lo and hi) of kept pixels and of their rim (pixels ≥ lo
 * next to kept ink), 0 elsewhere; returns the intensity's centre of mass. label is overwritten; dark is not
 * (a prepared box can be finished again at another threshold).
 * Only the ink region (inkRegion) is looked at: beyond it no pixel is kept ink or next to it, so its intensity
 * is 0, and leaving zeros out of the sums changes none of them (x + 0 = x).
 */
function inkIntensity(dark: Float32Array, inten: Float32Array, mask: Uint8Array, label: Int32Array, keep: Uint8Array, w: number, h: number, lo: number, hi: number, region: Rect): { cx: number; cy: number } {
  const { x0: rx0, y0: ry0, x1: rx1, y1: ry1 } = region;
  for (let y = ry0; y < ry1; y++) {
    for (let x = rx0; x < rx1; x++) {
      const i = y * w + x;
      let near = keep[label[i]] === 1 && mask[i] === 2;
      if (!near && dark[i] >= lo) {
        for (let dy = -1; dy <= 1 && !near; dy++) {
          const qy = y + dy;
          if (qy < 0 || qy >= h) continue;
          for (let dx = -1; dx <= 1; dx++) {
            const qx = x + dx;
            if (qx < 0 || qx >= w) continue;
            const q = qy * w + qx;
            if (mask[q] === 2 && keep[label[q]]) {
              near = true;
              break;
            }
          }
        }
      }
      // label[] doubles as a "near kept ink" flag for the pass below.
      label[i] = near ? 1 : 0;
    }
  }
  zeroOutside(inten, w, h, region);
  let mass = 0, mx = 0, my = 0;
  for (let y = ry0; y < ry1; y++) {
    for (let x = rx0; x < rx1; x++) {
      const i = y * w + x;
      let v = 0;
      if (label[i]) {
        v = (dark[i] - lo) / (hi - lo);
        v = v < 0 ? 0 : v > 1 ? 1 : v;
      }
      inten[i] = v;
      mass += v;
      mx += v * (x + 0.5);
      my += v * (y + 0.5);
    }
  }
  return { cx: mx / mass, cy: my / mass };
}

/** Sets the w×h image img to 0 outside rect. */
function zeroOutside(img: Float32Array, w: number, h: number, rect: Rect): void {
  img.fill(0, 0, rect.y0 * w);
  for (let y = rect.y0; y < rect.y1; y++) {
    img.fill(0, y * w, y * w + rect.x0);
    img.fill(0, y * w + rect.x1, (y + 1) * w);
  }
  img.fill(0, rect.y1 * w, h * w);
}

/** Bilinear tap positions of resampleToMnist along one axis: pixel index (floor) and fraction, per output index and tap. */
class TapTable {
  pos = new Int32Array(NORMALIZED_SIZE * MAX_TAPS);
  frac = new Float64Array(NORMALIZED_SIZE * MAX_TAPS);
  /** Output indices [from, to) whose taps reach [lo, hi): the others sample only zero intensity. */
  from = 0;
  to = 0;
  /** Taps of output o along an axis whose ink centre is c (crop px), scale s, `taps` taps `step` apart. */
  fill(c: number, s: number, taps: number, step: number, lo: number, hi: number): void {
    const half = NORMALIZED_SIZE / 2;
    this.from = NORMALIZED_SIZE;
    this.to = 0;
    for (let o = 0; o < NORMALIZED_SIZE; o++) {
      const s0 = c + (o - half) / s; // left (top) edge of this output pixel in crop coordinates
      for (let t = 0; t < taps; t++) {
        const f = s0 + (t + 0.5) * step - 0.5; // pixel centres sit at +0.5
        const p = Math.floor(f);
        this.pos[o * taps + t] = p;
        this.frac[o * taps + t] = f - p;
        // The tap reads pixels p and p + 1.
        if (p + 1 >= lo && p < hi) {
          if (o < this.from) this.from = o;
          this.to = o + 1;
        }
      }
    }
  }
}
const MAX_TAPS = 6;
const tapsX = new TapTable();
const tapsY = new TapTable();

/**
 * Step 6 into out: the ink box's larger side (inkSide px) scaled to 20 px, the centre of mass (cx, cy) on the
 * centre of the 28×28 field; area-averaged (n×n bilinear taps), then brightened so the strongest pixel is full
 * ink (at most ×3: thin strokes come out dim, MNIST strokes peak at full ink). out must be all 0 on entry: output
 * pixels whose taps all fall outside `region` (where inten is 0) are left so — their sum of zeros is 0.
 */
function resampleToMnist(inten: Float32Array, w: number, h: number, cx: number, cy: number, inkSide: number, out: Float32Array, region: Rect): void {
  const s = FIT / inkSide;
  const taps = Math.min(MAX_TAPS, Math.max(1, Math.ceil(1 / s)));
  const step = 1 / (s * taps);
  tapsX.fill(cx, s, taps, step, region.x0, region.x1);
  tapsY.fill(cy, s, taps, step, region.y0, region.y1);
  const { pos: X0, frac: AX } = tapsX;
  const { pos: Y0, frac: AY } = tapsY;
  let outMax = 0;
  for (let oy = tapsY.from; oy < tapsY.to; oy++) {
    for (let ox = tapsX.from; ox < tapsX.to; ox++) {
      let acc = 0;
      for (let ty = 0; ty < taps; ty++) {
        const y0 = Y0[oy * taps + ty];
        const ay = AY[oy * taps + ty];
        for (let tx = 0; tx < taps; tx++) {
          const x0 = X0[ox * taps + tx];
          const ax = AX[ox * taps + tx];
          if (x0 + 1 < 0 || y0 + 1 < 0 || x0 >= w || y0 >= h) continue;
          const v00 = x0 >= 0 && y0 >= 0 ? inten[y0 * w + x0] : 0;
          const v10 = x0 + 1 < w && y0 >= 0 ? inten[y0 * w + x0 + 1] : 0;
          const v01 = x0 >= 0 && y0 + 1 < h ? inten[(y0 + 1) * w + x0] : 0;
          const v11 = x0 + 1 < w && y0 + 1 < h ? inten[(y0 + 1) * w + x0 + 1] : 0;
          acc += (v00 * (1 - ax) + v10 * ax) * (1 - ay) + (v01 * (1 - ax) + v11 * ax) * ay;
        }
      }
      const v = acc / (taps * taps);
      out[oy * NORMALIZED_SIZE + ox] = v;
      if (v > outMax) outMax = v;
    }
  }
  if (outMax > 0) {
    const gain = Math.min(3, 1 / outMax);
    for (let i = 0; i < out.length; i++) out[i] = Math.min(1, out[i] * gain);
  }
}

/**
 * The ink threshold a box's own ink sets (the caller's minContrast may raise it): INK_SHARE of the darkest
 * ink, but not below INK_FLOOR while INK_SHARE_FAINT of it is above that. So a box with ink darker than
 * INK_FLOOR / INK_SHARE_FAINT (0.33) has a cut independent of any minContrast ≤ 0.15, exactly as with the
 * old 45 % share: the reader's second, lower threshold pass (skipped when thresholdFromInk) stays as rare as
 * it was (at 25 % alone it ran on 54 % instead of 19 % of tune-1's boxes: the reader ~20 % slower).
 */
function inkThreshold(dmax: number): number {
  return Math.max(INK_SHARE * dmax, Math.min(INK_SHARE_FAINT * dmax, INK_FLOOR));
}

/** MNIST stores ink as 255 on black; a GrayImage has ink 0 on white. */
export function mnistToGray(pixels: Uint8Array, offset = 0): GrayImage {
  const data = new Uint8Array(784);
  for (let i = 0; i < 784; i++) data[i] = 255 - pixels[offset + i];
  return { width: 28, height: 28, data };
}

/** The kept components' ink: pixel count and bounding box (bx1 < 0 when nothing is kept). */
function keptInk(
  comps: readonly { area: number; x0: number; y0: number; x1: number; y1: number }[],
  keep: ArrayLike<number>,
  w: number,
  h: number,
): { inkPixels: number; bx0: number; by0: number; bx1: number; by1: number } {
  let inkPixels = 0;
  let bx0 = w, by0 = h, bx1 = -1, by1 = -1;
  for (let i = 0; i < comps.length; i++) {
    if (!keep[i + 1]) continue;
    const c = comps[i];
    inkPixels += c.area;
    if (c.x0 < bx0) bx0 = c.x0;
    if (c.y0 < by0) by0 = c.y0;
    if (c.x1 > bx1) bx1 = c.x1;
    if (c.y1 > by1) by1 = c.y1;
  }
  return { inkPixels, bx0, by0, bx1, by1 };
}
