/**
 * What a homography cannot express: paper that curls, sags or was folded. Registration fits the
 * homography first, then a thin-plate spline through the marks' remaining offsets (image px), so the
 * rectified page follows the paper where marks show how it bends. With only corner markers and a tag
 * (the official and Pleno forms) there is nothing to bend and the field stays zero.
 */
import { applyH, type Homography, type Pt } from './geometry.ts';

export interface ControlPoint {
  id: string;
  canonical: Pt;
  image: Pt;
}

export interface WarpField {
  /** Offset (image px) to add to H(p) at canonical point p. */
  at(p: Pt): Pt;
}

/** Smoothing: how much the spline may stray from the points, relative to bending (measurement noise ~1 px). */
const LAMBDA = 1e-3;

export function fitWarpField(H: Homography, pts: ControlPoint[], size: { width: number; height: number }): WarpField | undefined {
  if (pts.length < 6) return undefined;
  const norm = Math.hypot(size.width, size.height);
  const nodes = pts.map((p) => ({ x: p.canonical.x / norm, y: p.canonical.y / norm }));
  const offsets = pts.map((p) => {
    const q = applyH(H, p.canonical);
    return { x: p.image.x - q.x, y: p.image.y - q.y };
  });
  return solveTps(nodes, offsets, norm);
}

function kernel(r2: number): number {
  return r2 > 0 ? 0.5 * r2 * Math.log(r2) : 0; // r² log r
}

/**
 * Thin-plate spline through `nodes` (canonical px / `norm`) with values `vals` (both coordinates), or undefined
 * if singular.
 */
function solveTps(nodes: Pt[], vals: Pt[], norm: number): ThinPlateField | undefined {
  const n = nodes.length;
  const m = n + 3;
  const A: number[][] = Array.from({ length: m }, () => new Array<number>(m).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const dx = nodes[i].x - nodes[j].x;
      const dy = nodes[i].y - nodes[j].y;
      A[i][j] = i === j ? LAMBDA : kernel(dx * dx + dy * dy);
    }
    A[i][n] = 1;
    A[i][n + 1] = nodes[i].x;
    A[i][n + 2] = nodes[i].y;
    A[n][i] = 1;
    A[n + 1][i] = nodes[i].x;
    A[n + 2][i] = nodes[i].y;
  }
  const bx = [...vals.map((v) => v.x), 0, 0, 0];
  const by = [...vals.map((v) => v.y), 0, 0, 0];
  const sol = solve(A, [bx, by]);
  if (!sol) return undefined;
  const [wx, wy] = sol;
  return new ThinPlateField(nodes, wx, wy, norm);
}

/**
 * The fitted spline. A class, not a closure made per page: V8 keeps a closure's optimised code only while an
 * instance of it lives, and rectify's tile warp, which inlines `at`, was thrown away with each page's closure
 * ("weak objects") and compiled again on the next bent page.
 */
class ThinPlateField implements WarpField {
  constructor(
    private readonly nodes: Pt[],
    private readonly wx: number[],
    private readonly wy: number[],
    private readonly norm: number,
  ) {}

  at(canonical: Pt): Pt {
    const { nodes, wx, wy, norm } = this;
    const n = nodes.length;
    const px = canonical.x / norm;
    const py = canonical.y / norm;
    let x = wx[n] + wx[n + 1] * px + wx[n + 2] * py;
    let y = wy[n] + wy[n + 1] * px + wy[n + 2] * py;
    for (let i = 0; i < n; i++) {
      const dx = px - nodes[i].x;
      const dy = py - nodes[i].y;
      const k = kernel(dx * dx + dy * dy);
      x += wx[i] * k;
      y += wy[i] * k;
    }
    return { x, y };
  }
}

/** Solves A·x = b for several right-hand sides (Gaussian elimination, partial pivoting). */
function solve(A0: number[][], rhs: number[][]): number[][] | undefined {
  const n = A0.length;
  const A = A0.map((row) => [...row]);
  const B = rhs.map((b) => [...b]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(A[r][c]) > Math.abs(A[p][c])) p = r;
    if (Math.abs(A[p][c]) < 1e-12) return undefined;
    [A[c], A[p]] = [A[p], A[c]];
    for (const b of B) [b[c], b[p]] = [b[p], b[c]];
    for (let r = c + 1; r < n; r++) {
      const f = A[r][c] / A[c][c];
      if (f === 0) continue;
      for (let k = c; k < n; k++) A[r][k] -= f * A[c][k];
      for (const b of B) b[r] -= f * b[c];
    }
  }
  return B.map((b) => {
    const x = new Array<number>(n).fill(0);
    for (let r = n - 1; r >= 0; r--) {
      let s = b[r];
      for (let k = r + 1; k < n; k++) s -= A[r][k] * x[k];
      x[r] = s / A[r][r];
    }
    return x;
  });
}
