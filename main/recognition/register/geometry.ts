/**
 * Plain-number projective geometry for registration: 3×3 homographies as row-major 9-arrays, mapping
 * points `canonical → image` unless named otherwise. Kept out of opencv so it is cheap and testable.
 */
export interface Pt {
  x: number;
  y: number;
}

/** Row-major 3×3: [h00 h01 h02 h10 h11 h12 h20 h21 h22]. */
export type Homography = [number, number, number, number, number, number, number, number, number];

export function applyH(H: Homography, p: Pt): Pt {
  const w = H[6] * p.x + H[7] * p.y + H[8];
  return { x: (H[0] * p.x + H[1] * p.y + H[2]) / w, y: (H[3] * p.x + H[4] * p.y + H[5]) / w };
}

/** The denominator of applyH: positive for points on the visible side of the projection. */
export function depthH(H: Homography, p: Pt): number {
  return H[6] * p.x + H[7] * p.y + H[8];
}

export function invertH(H: Homography): Homography {
  const [a, b, c, d, e, f, g, h, i] = H;
  const A = e * i - f * h;
  const B = -(d * i - f * g);
  const C = d * h - e * g;
  const det = a * A + b * B + c * C;
  if (Math.abs(det) < 1e-15) throw new Error('homography is singular');
  const inv: Homography = [
    A, -(b * i - c * h), b * f - c * e,
    B, a * i - c * g, -(a * f - c * d),
    C, -(a * h - b * g), a * e - b * d,
  ];
  return normalizeH(inv.map((v) => v / det) as Homography);
}

/** A ∘ B: first B, then A. */
export function composeH(A: Homography, B: Homography): Homography {
  const out = new Array<number>(9);
  for (let r = 0; r < 3; r++) {
    for (let c = 0; c < 3; c++) {
      out[r * 3 + c] = A[r * 3] * B[c] + A[r * 3 + 1] * B[3 + c] + A[r * 3 + 2] * B[6 + c];
    }
  }
  return normalizeH(out as Homography);
}

export function scaleH(sx: number, sy = sx): Homography {
  return [sx, 0, 0, 0, sy, 0, 0, 0, 1];
}

export function normalizeH(H: Homography): Homography {
  const s = H[8] !== 0 ? H[8] : 1;
  return H.map((v) => v / s) as Homography;
}

export function dist(a: Pt, b: Pt): number {
  return Math.hypot(a.x - b.x, a.y - b.y);
}

/** Signed area of a polygon (shoelace); positive when the vertices run clockwise in image coordinates (y down). */
export function polygonArea(pts: Pt[]): number {
  let s = 0;
  for (let i = 0; i < pts.length; i++) {
    const a = pts[i];
    const b = pts[(i + 1) % pts.length];
    s += a.x * b.y - b.x * a.y;
  }
  return s / 2;
}

export function rectCorners(r: { x: number; y: number; w: number; h: number }): Pt[] {
  return [
    { x: r.x, y: r.y },
    { x: r.x + r.w, y: r.y },
    { x: r.x + r.w, y: r.y + r.h },
    { x: r.x, y: r.y + r.h },
  ];
}

export function rectCenter(r: { x: number; y: number; w: number; h: number }): Pt {
  return { x: r.x + r.w / 2, y: r.y + r.h / 2 };
}

export function boundsOf(pts: Pt[]): { x: number; y: number; w: number; h: number } {
  const xs = pts.map((p) => p.x);
  const ys = pts.map((p) => p.y);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, w: Math.max(...xs) - x, h: Math.max(...ys) - y };
}

/**
 * Exact homography from 4 point pairs (src → dst) by solving the 8×8 linear system; undefined when the
 * points are degenerate (three collinear).
 */
export function homographyFrom4(src: Pt[], dst: Pt[]): Homography | undefined {
  const A: number[][] = [];
  const b: number[] = [];
  for (let i = 0; i < 4; i++) {
    const { x, y } = src[i];
    const { x: u, y: v } = dst[i];
    A.push([x, y, 1, 0, 0, 0, -u * x, -u * y]);
    b.push(u);
    A.push([0, 0, 0, x, y, 1, -v * x, -v * y]);
    b.push(v);
  }
  const h = solveLinear(A, b);
  if (!h) return undefined;
  return [h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7], 1];
}

/** Gaussian elimination with partial pivoting; undefined when singular. */
function solveLinear(A: number[][], b: number[]): number[] | undefined {
  const n = b.length;
  const M = A.map((row, i) => [...row, b[i]]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(M[r][col]) > Math.abs(M[pivot][col])) pivot = r;
    if (Math.abs(M[pivot][col]) < 1e-12) return undefined;
    [M[col], M[pivot]] = [M[pivot], M[col]];
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = M[r][col] / M[col][col];
      if (f === 0) continue;
      for (let c = col; c <= n; c++) M[r][c] -= f * M[col][c];
    }
  }
  return M.map((row, i) => row[n] / row[i]);
}

/** Exact affine map from 3 point pairs, as a homography; undefined when the points are collinear. */
export function affineFrom3(src: Pt[], dst: Pt[]): Homography | undefined {
  const [a, b, c] = src;
  const det = (b.x - a.x) * (c.y - a.y) - (c.x - a.x) * (b.y - a.y);
  if (Math.abs(det) < 1e-9) return undefined;
  // Solve [x y 1]·[p q r]ᵀ = u for each output coordinate.
  const solve = (u0: number, u1: number, u2: number): [number, number, number] => {
    const p = ((u1 - u0) * (c.y - a.y) - (u2 - u0) * (b.y - a.y)) / det;
    const q = ((u2 - u0) * (b.x - a.x) - (u1 - u0) * (c.x - a.x)) / det;
    return [p, q, u0 - p * a.x - q * a.y];
  };
  const [h0, h1, h2] = solve(dst[0].x, dst[1].x, dst[2].x);
  const [h3, h4, h5] = solve(dst[0].y, dst[1].y, dst[2].y);
  return [h0, h1, h2, h3, h4, h5, 0, 0, 1];
}

/** Convex hull (monotone chain), clockwise in image coordinates (y down). */
export function convexHull<T extends Pt>(points: T[]): T[] {
  const pts = [...points].sort((p, q) => p.x - q.x || p.y - q.y);
  if (pts.length <= 2) return pts;
  const cross = (o: Pt, a: Pt, b: Pt) => (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
  const lower: T[] = [];
  for (const p of pts) {
    while (lower.length >= 2 && cross(lower[lower.length - 2], lower[lower.length - 1], p) <= 0) lower.pop();
    lower.push(p);
  }
  const upper: T[] = [];
  for (let i = pts.length - 1; i >= 0; i--) {
    const p = pts[i];
    while (upper.length >= 2 && cross(upper[upper.length - 2], upper[upper.length - 1], p) <= 0) upper.pop();
    upper.push(p);
  }
  upper.pop();
  lower.pop();
  // Monotone chain gives counter-clockwise order in y-up axes, which is clockwise on screen (y down).
  return lower.concat(upper);
}
