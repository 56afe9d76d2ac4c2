/**
 * Decides from a page's operator list whether the page is "one scanned image" and, if so, how that image
 * sits on the page. Tracks the current transformation matrix through save/restore/transform and form
 * XObjects, so the image's placement (rotation, mirroring, coverage) is known exactly.
 */
import type { GrayImage } from '../gray-image.ts';
import { orientGray } from './orient.ts';

/** [a, b, c, d, e, f]: x' = a·x + c·y + e, y' = b·x + d·y + f (pdf.js / canvas convention). */
export type Affine = [number, number, number, number, number, number];

const IDENTITY: Affine = [1, 0, 0, 1, 0, 0];

function compose(A: Affine, B: Affine): Affine {
  return [
    A[0] * B[0] + A[2] * B[1],
    A[1] * B[0] + A[3] * B[1],
    A[0] * B[2] + A[2] * B[3],
    A[1] * B[2] + A[3] * B[3],
    A[0] * B[4] + A[2] * B[5] + A[4],
    A[1] * B[4] + A[3] * B[5] + A[5],
  ];
}

function apply(m: Affine, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

interface OpsTable {
  save: number;
  restore: number;
  transform: number;
  paintFormXObjectBegin: number;
  paintFormXObjectEnd: number;
  paintImageXObject: number;
  paintInlineImageXObject: number;
  paintImageXObjectRepeat: number;
  paintImageMaskXObject: number;
  paintInlineImageXObjectGroup: number;
}

export interface FullPageImage {
  objId: string;
  /** Turns the decoded image upright as the page shows it. */
  orient(img: GrayImage): GrayImage;
}

/** A single image must cover this share of the page for the page to count as a scan. */
const MIN_COVERAGE = 0.85;
/** Images smaller than this share of the page (logos, stamps) do not count. */
const NEGLIGIBLE = 0.02;

export function findFullPageImage(
  OPS: OpsTable,
  fnArray: number[],
  argsArray: unknown[],
  viewportTransform: Affine,
  page: { width: number; height: number },
): FullPageImage | undefined {
  const stack: Affine[] = [];
  let ctm: Affine = IDENTITY;
  const candidates: { objId: string | undefined; device: Affine; coverage: number }[] = [];

  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i];
    const args = argsArray[i] as unknown[] | null;
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? IDENTITY;
    else if (fn === OPS.transform && args) ctm = compose(ctm, args as unknown as Affine);
    else if (fn === OPS.paintFormXObjectBegin) {
      stack.push(ctm);
      const m = args?.[0];
      if (Array.isArray(m) && m.length === 6) ctm = compose(ctm, m as Affine);
    } else if (fn === OPS.paintFormXObjectEnd) ctm = stack.pop() ?? IDENTITY;
    else if (
      fn === OPS.paintImageXObject ||
      fn === OPS.paintInlineImageXObject ||
      fn === OPS.paintImageXObjectRepeat ||
      fn === OPS.paintImageMaskXObject ||
      fn === OPS.paintInlineImageXObjectGroup
    ) {
      // The image fills the unit square of its space; device = viewport ∘ ctm.
      const device = compose(viewportTransform, ctm);
      const coverage = coveredShare(device, page);
      if (coverage < NEGLIGIBLE) continue;
      const objId = fn === OPS.paintImageXObject && typeof args?.[0] === 'string' ? (args[0] as string) : undefined;
      candidates.push({ objId, device, coverage });
    }
  }
  if (candidates.length !== 1) return undefined;
  const [only] = candidates;
  if (!only.objId || only.coverage < MIN_COVERAGE) return undefined;
  const orientation = orientationOf(only.device);
  if (orientation === undefined) return undefined;
  return { objId: only.objId, orient: (img) => orientGray(img, orientation) };
}

/** Share of the page covered by the unit square mapped through `m` (its bounding box, clipped to the page). */
function coveredShare(m: Affine, page: { width: number; height: number }): number {
  const pts = [apply(m, 0, 0), apply(m, 1, 0), apply(m, 0, 1), apply(m, 1, 1)];
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  const x0 = Math.max(0, Math.min(...xs));
  const x1 = Math.min(page.width, Math.max(...xs));
  const y0 = Math.max(0, Math.min(...ys));
  const y1 = Math.min(page.height, Math.max(...ys));
  if (x1 <= x0 || y1 <= y0) return 0;
  return ((x1 - x0) * (y1 - y0)) / (page.width * page.height);
}

/**
 * The EXIF-style orientation (1–8) that turns the image's pixel grid into its on-page placement, or
 * undefined when the image is not placed at a multiple of 90°. pdf.js draws image row 0 at the top of the
 * unit square (y = 1), so pixel x runs along +u and pixel y along −v.
 */
function orientationOf(device: Affine): number | undefined {
  const ex = [device[0], device[1]]; // d(device)/du: image x axis
  const ey = [-device[2], -device[3]]; // d(device)/d(−v): image y axis
  const dirX = axisOf(ex);
  const dirY = axisOf(ey);
  if (!dirX || !dirY) return undefined;
  const key = `${dirX},${dirY}`;
  const table: Record<string, number> = {
    '+x,+y': 1,
    '-x,+y': 2,
    '-x,-y': 3,
    '+x,-y': 4,
    '+y,+x': 5,
    '+y,-x': 6,
    '-y,-x': 7,
    '-y,+x': 8,
  };
  return table[key];
}

function axisOf(v: number[]): string | undefined {
  const [x, y] = v;
  const len = Math.hypot(x, y);
  if (len === 0) return undefined;
  if (Math.abs(y) / len < 0.02) return x > 0 ? '+x' : '-x';
  if (Math.abs(x) / len < 0.02) return y > 0 ? '+y' : '-y';
  return undefined;
}
