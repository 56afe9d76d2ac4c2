/**
 * What registration needs from a form template, pre-digested once per template: the page tag, the
 * primary marks (corner markers: at least 3 of them must be found) and the secondary marks (mid-edge,
 * square, row markers) that add points and tell apart pages that share the same corners.
 */
import type { FormTemplate, Rect } from '../templates/schema.ts';
import { rectCenter, rectCorners, type Pt } from './geometry.ts';

export interface TagSpec {
  markId: string;
  tagId: number;
  /** Canonical positions of OpenCV's corners 0..3 of the upright tag. */
  corners: [Pt, Pt, Pt, Pt];
}

/** One solid dark shape of a mark: a filled rectangle, or a filled right triangle (NETGRIT's row labels). */
export interface Piece {
  rect: Rect;
  /** Canonical outline: 4 corners of the rectangle, or the triangle's 3 vertices. */
  poly: Pt[];
  /** Canonical ink centroid. */
  centroid: Pt;
}

/** A mark found by its solid dark pieces (squares, bars, triangles); `anchor` is its canonical point. */
export interface SolidMark {
  id: string;
  type: 'corner' | 'square' | 'midEdge' | 'row' | 'table';
  optional: boolean;
  pieces: Piece[];
  anchor: Pt;
  search: Rect;
}

export interface RegistrationModel {
  template: FormTemplate;
  tag?: TagSpec;
  /** Page-corner markers (the 3-of-4 rule applies to these). */
  primary: SolidMark[];
  /** Other solid marks: extra homography points and verification of the page identity. */
  secondary: SolidMark[];
  /**
   * Tagless pages only: secondary marks that no other tagless page of the same size has in (about) the
   * same place, upright or turned 180°, nor this page turned 180° — the marks whose presence tells this
   * page, the right way up, apart from the others (see distinctMarks).
   */
  distinct?: ReadonlySet<string>;
}

export function registrationModel(template: FormTemplate): RegistrationModel {
  let tag: TagSpec | undefined;
  const solid: SolidMark[] = [];
  for (const m of template.registration.marks) {
    switch (m.type) {
      case 'apriltag':
        if (!tag) tag = { markId: m.id, tagId: m.tagId, corners: m.corners };
        break;
      case 'corner':
        solid.push(solidMark(m.id, 'corner', m.optional, m.squares, m.anchor ?? centroidOf(m.squares), m.search));
        break;
      case 'square':
        solid.push(solidMark(m.id, 'square', m.optional, [m.rect], m.anchor ?? rectCenter(m.rect), m.search));
        break;
      case 'midEdge': {
        const pieces = m.squares ?? [m.rect];
        solid.push(solidMark(m.id, 'midEdge', m.optional, pieces, m.anchor ?? centroidOf(pieces), m.search));
        break;
      }
      case 'row': {
        // A row mark whose anchor sits on a corner of its rect is a right triangle with its right angle
        // there (NETGRIT's ◥ at the end of each row label); otherwise a solid bar.
        const anchor = m.anchor ?? rectCenter(m.rect);
        const corner = rectCorners(m.rect).findIndex((c) => Math.hypot(c.x - anchor.x, c.y - anchor.y) < 1.5);
        const piece = corner >= 0 ? trianglePiece(m.rect, corner) : boxPiece(m.rect);
        solid.push({ id: m.id, type: 'row', optional: m.optional ?? false, pieces: [piece], anchor, search: m.search });
        break;
      }
      case 'table': {
        // NETGRIT's table-corner mark: a square on the outer side and a right triangle on the inner side
        // (measured on the template rasters; see tablePieces). Its place differs between the two pages,
        // so it helps tell them apart. Mid-edge table marks (no position) are plain squares in the
        // templates ('square' marks); a table mark without a corner is not used.
        const pieces = m.position && tablePieces(m.rect, m.position);
        if (pieces) {
          solid.push({ id: m.id, type: 'table', optional: m.optional ?? false, pieces, anchor: m.anchor ?? rectCenter(m.rect), search: m.search });
        }
        break;
      }
      case 'qr':
        // A QR code's modules move with its content: not used for the homography.
        break;
    }
  }
  const corners = solid.filter((s) => s.type === 'corner');
  // Forms whose page corners carry single squares instead of corner markers use those squares.
  const primary = corners.length >= 3 ? corners : pageCornerSquares(solid, template);
  const primaryIds = new Set(primary.map((p) => p.id));
  return { template, tag, primary, secondary: solid.filter((s) => !primaryIds.has(s.id)) };
}

function solidMark(
  id: string,
  type: SolidMark['type'],
  optional: boolean | undefined,
  rects: Rect[],
  anchor: Pt,
  search: Rect,
): SolidMark {
  return { id, type, optional: optional ?? false, pieces: rects.map(boxPiece), anchor, search };
}

function boxPiece(rect: Rect): Piece {
  return { rect, poly: rectCorners(rect), centroid: rectCenter(rect) };
}

/** Right triangle inside `rect` with its right angle at corner `k` (0 tl, 1 tr, 2 br, 3 bl). */
function trianglePiece(rect: Rect, k: number): Piece {
  const c = rectCorners(rect);
  const poly = [c[(k + 3) % 4], c[k], c[(k + 1) % 4]];
  return { rect, poly, centroid: { x: (poly[0].x + poly[1].x + poly[2].x) / 3, y: (poly[0].y + poly[1].y + poly[2].y) / 3 } };
}

/**
 * The two pieces of a table-corner mark whose rect is about twice as wide as tall: a square (side = the
 * rect's height) at the end away from the table's middle (left for tl/bl, right for tr/br), and a right
 * triangle of the same size at the other end with its right angle at the named corner (◤ ◥ ◢ ◣). On
 * NETGRIT's rasters the measured ink matches this within ½ px. Undefined for other proportions.
 */
function tablePieces(rect: Rect, position: 'tl' | 'tr' | 'br' | 'bl'): Piece[] | undefined {
  const side = rect.h;
  if (rect.w < 2 * side || rect.w > 2.6 * side) return undefined;
  const outerLeft = position === 'tl' || position === 'bl';
  const square = { x: outerLeft ? rect.x : rect.x + rect.w - side, y: rect.y, w: side, h: side };
  const tri = { x: outerLeft ? rect.x + rect.w - side : rect.x, y: rect.y, w: side, h: side };
  const corner = { tl: 0, tr: 1, br: 2, bl: 3 }[position];
  return [boxPiece(square), trianglePiece(tri, corner)];
}

/** Area-weighted centre of a set of rectangles. */
function centroidOf(rects: Rect[]): Pt {
  let a = 0;
  let x = 0;
  let y = 0;
  for (const r of rects) {
    const ar = r.w * r.h;
    const c = rectCenter(r);
    a += ar;
    x += c.x * ar;
    y += c.y * ar;
  }
  return { x: x / a, y: y / a };
}

/** For each page corner, the square mark nearest to it (within 20 % of the page diagonal). */
function pageCornerSquares(solid: SolidMark[], t: FormTemplate): SolidMark[] {
  const { width: W, height: H } = t.canonical;
  const squares = solid.filter((s) => s.type === 'square' || s.type === 'corner');
  const out: SolidMark[] = [];
  for (const c of [{ x: 0, y: 0 }, { x: W, y: 0 }, { x: W, y: H }, { x: 0, y: H }]) {
    let best: SolidMark | undefined;
    let bestD = 0.2 * Math.hypot(W, H);
    for (const s of squares) {
      const d = Math.hypot(s.anchor.x - c.x, s.anchor.y - c.y);
      if (d < bestD && !out.includes(s)) {
        best = s;
        bestD = d;
      }
    }
    if (best) out.push(best);
  }
  return out;
}

/** Registration models for a set of templates, indexed by page-tag id. */
export interface ModelIndex {
  all: RegistrationModel[];
  byTagId: Map<number, RegistrationModel>;
  /** Templates without a page tag (NETGRIT): identified from their marks alone. */
  tagless: RegistrationModel[];
}

const indexCache = new WeakMap<readonly FormTemplate[], ModelIndex>();

export function modelIndex(templates: readonly FormTemplate[]): ModelIndex {
  const cached = indexCache.get(templates);
  if (cached) return cached;
  const all = templates.map(registrationModel).filter((m) => m.tag || m.primary.length >= 3);
  const byTagId = new Map<number, RegistrationModel>();
  for (const m of all) if (m.tag) byTagId.set(m.tag.tagId, m);
  const tagless = all.filter((m) => !m.tag);
  for (const m of tagless) m.distinct = distinctMarks(m, tagless);
  const index = { all, byTagId, tagless };
  indexCache.set(templates, index);
  return index;
}

/**
 * How close (share of the canonical diagonal) another page's mark may be for a mark not to count as
 * distinct: beyond the secondary search window (1.2 % of the diagonal) so a mark of the other page can't be
 * found in its place.
 */
const DISTINCT_SHARE = 0.015;

/** `model`'s secondary marks found on no other page of `models` in its place (see RegistrationModel.distinct). */
function distinctMarks(model: RegistrationModel, models: RegistrationModel[]): Set<string> {
  const { width: W, height: H } = model.template.canonical;
  const r = DISTINCT_SHARE * Math.hypot(W, H);
  const others: Pt[] = [];
  for (const m of models) {
    if (m.template.canonical.width !== W || m.template.canonical.height !== H) continue;
    for (const k of [...m.primary, ...m.secondary]) {
      if (m !== model) others.push(k.anchor);
      others.push({ x: W - k.anchor.x, y: H - k.anchor.y });
    }
  }
  const out = new Set<string>();
  for (const k of model.secondary) {
    if (!others.some((o) => Math.hypot(o.x - k.anchor.x, o.y - k.anchor.y) < r)) out.add(k.id);
  }
  return out;
}
