/**
 * The form template schema: one JSON file describes ONE page of ONE form.
 *
 * Coordinates: every position is in CANONICAL PIXELS of the rectified page — origin at the top-left
 * corner of the physical page (paper edge, not the printed area), x to the right, y downwards, the
 * page raster being `canonical.width × canonical.height` px (same aspect as `size`). Registration
 * maps a photo onto that raster; everything after (fields, bubbles, words) is read in it.
 * Rects are `{x, y, w, h}` with (x, y) the top-left corner. Points are `{x, y}`.
 *
 * Keep this schema ADDITIVE: other stages (registration, synthetic data, field reading) depend on it.
 * See README.md beside this file for the full documentation with examples.
 */
import { z } from 'zod';

export const Point = z.object({ x: z.number(), y: z.number() });
export type Point = z.infer<typeof Point>;

export const Rect = z.object({
  x: z.number(),
  y: z.number(),
  w: z.number().positive(),
  h: z.number().positive(),
});
export type Rect = z.infer<typeof Rect>;

/** Which page corner (or table corner) a marker sits at. */
export const CornerPosition = z.enum(['tl', 'tr', 'br', 'bl']);
export type CornerPosition = z.infer<typeof CornerPosition>;

/** Fields common to every registration mark. */
const markBase = {
  /** Unique within the template, e.g. `corner-tl`, `tag`, `row-I.A.1`. */
  id: z.string().min(1),
  /** Bounding box of the printed mark (outer ink edge). */
  rect: Rect,
  /**
   * The precise point used for the homography (defaults to the centre of `rect`): for a corner marker
   * the point where its two squares touch, for a square its centre.
   */
  anchor: Point.optional(),
  /** Where to look for the mark on the canonical page (generous: allows for perspective and misprints). */
  search: Rect,
  /** Registration may succeed without this mark (e.g. mid-edge marks are a help, not a requirement). */
  optional: z.boolean().optional(),
};

/**
 * AprilTag page tag. `corners` are the 4 outer corners of the tag's black border in the order OpenCV's
 * ArucoDetector reports them for an upright tag: top-left, top-right, bottom-right, bottom-left.
 * The decoded id tells which page (and for Pleno forms which layout) a photo shows and its rotation.
 */
export const AprilTagMark = z.object({
  ...markBase,
  type: z.literal('apriltag'),
  family: z.literal('36h10'),
  tagId: z.number().int().min(0).max(2319),
  corners: z.tuple([Point, Point, Point, Point]),
});

/**
 * The official corner marker: two filled squares touching diagonally at one point (the anchor).
 * `squares` are the two squares; `position` says which page corner the marker belongs to.
 */
export const CornerMark = z.object({
  ...markBase,
  type: z.literal('corner'),
  position: CornerPosition,
  squares: z.tuple([Rect, Rect]),
});

/** A single filled square (NETGRIT's page markers); `rect` is the square, the anchor its centre. */
export const SquareMark = z.object({
  ...markBase,
  type: z.literal('square'),
});

/** A mark in the middle of a page edge; may be made of several squares (listed in `squares`). */
export const MidEdgeMark = z.object({
  ...markBase,
  type: z.literal('midEdge'),
  edge: z.enum(['top', 'bottom', 'left', 'right']),
  squares: z.array(Rect).min(1).optional(),
});

/**
 * A table marker (NETGRIT: a square beside a triangle at a table corner, or a square mid-way along a
 * table edge). `position` is the table corner it marks, absent for mid-edge table marks.
 */
export const TableMark = z.object({
  ...markBase,
  type: z.literal('table'),
  position: CornerPosition.optional(),
  /** Which table (free text, e.g. `I`, `II-III`, `IV`) — lets a reader register one table locally. */
  table: z.string().optional(),
});

/** A row marker: the filled bar at the right end of a row; `fields` are the fields on that row. */
export const RowMark = z.object({
  ...markBase,
  type: z.literal('row'),
  fields: z.array(z.string()).optional(),
});

/** A QR code. `content` describes what it encodes (e.g. `tps-code`, or the literal text when fixed). */
export const QrMark = z.object({
  ...markBase,
  type: z.literal('qr'),
  content: z.string().optional(),
});

export const RegistrationMark = z.discriminatedUnion('type', [
  AprilTagMark,
  CornerMark,
  SquareMark,
  MidEdgeMark,
  TableMark,
  RowMark,
  QrMark,
]);
export type RegistrationMark = z.infer<typeof RegistrationMark>;
export type MarkType = RegistrationMark['type'];

/** One OMR bubble column (one per digit box, hundreds → units): `centers[d]` is the bubble for digit d. */
export const BubbleColumn = z.object({
  radius: z.number().positive(),
  centers: z.array(Point).length(10),
});
export type BubbleColumn = z.infer<typeof BubbleColumn>;

/**
 * The words line: where the amount is written in words (capital letters). For comb boxes (one letter per
 * cell, NETGRIT) `cells` is the total number of cells and `lines` the number of comb rows inside the rect.
 */
export const WordsLine = Rect.extend({
  cells: z.number().int().positive().optional(),
  lines: z.number().int().positive().optional(),
});
export type WordsLine = z.infer<typeof WordsLine>;

/** A field id as printed on the form: `I.A.1.L`, `I.B.4.LP`, `II.3`, `IV.2`, `V.C`. */
export const FieldId = z.string().regex(/^[IVX]+(\.[A-Z0-9]+)*$/, 'id kolom harus seperti I.B.4.LP, II.3, IV.2, V.C');

export const Field = z.object({
  id: FieldId,
  /** Label in Bahasa Indonesia as the UI shows it. */
  label: z.string().min(1),
  /** Digit boxes, hundreds → units (1 to 3). Each rect is the box's outer border edge. */
  digits: z.array(Rect).min(1).max(3),
  /** Optional OMR bubbles, one column per digit box in the same order. */
  bubbles: z.array(BubbleColumn).min(1).max(3).optional(),
  /** Optional words line. */
  words: WordsLine.optional(),
  /** Optional tally-mark grid (informative: a reader may mask it out, never reads it). */
  tally: Rect.optional(),
  /** Expected range of the value; defaults to 0..999 (three boxes). */
  range: z.object({ min: z.number().int().min(0), max: z.number().int().max(999) }).optional(),
  /** True when the per-TPS voter cap (template `tpsCap`) bounds this count: above it is an anomaly. */
  capped: z.boolean().optional(),
});
export type Field = z.infer<typeof Field>;

/**
 * A reference to a field: `IV.2` on this page, or `templateId#fieldId` on another page of the same TPS
 * (e.g. `kpu-ppwp-2024-hal1#I.B.4.LP`). A check whose other page is not available is skipped, not failed.
 */
export const FieldRef = z.string().regex(/^([a-z0-9-]+#)?[IVX]+(\.[A-Z0-9]+)*$/, 'rujukan kolom: ID atau templateId#ID');
export type FieldRef = z.infer<typeof FieldRef>;

const checkBase = {
  /** Unique within the template; used in reading results (`checks: [...]`). */
  id: z.string().min(1),
  /** Short explanation in Bahasa Indonesia for the reviewer. */
  label: z.string().optional(),
};

/** Σ left = right. */
export const SumCheck = z.object({ ...checkBase, type: z.literal('sum'), left: z.array(FieldRef).min(1), right: FieldRef });
/** left = right. */
export const EqualCheck = z.object({ ...checkBase, type: z.literal('equal'), left: FieldRef, right: FieldRef });
/**
 * left ≤ right + ceil(right × plusPercent / 100) (plusPercent defaults to 0). Example: ballots received
 * II.1 ≤ DPT + 2 % reserve: `{type:'lte', left:'II.1', right:'I.A.LP', plusPercent: 2}`.
 */
export const LteCheck = z.object({
  ...checkBase,
  type: z.literal('lte'),
  left: FieldRef,
  right: FieldRef,
  plusPercent: z.number().min(0).optional(),
});

export const Check = z.discriminatedUnion('type', [SumCheck, EqualCheck, LteCheck]);
export type Check = z.infer<typeof Check>;

/** What identifies the TPS on the page besides the handwriting (QR or printed code). */
export const Identity = z.object({
  type: z.enum(['qr', 'printed-code']),
  rect: Rect,
  /** What the QR/text holds, e.g. `tps-code` (13 digits). */
  content: z.string(),
});

export const FormTemplate = z.object({
  /** Unique id, lower-case: `kpu-ppwp-2024-hal2`, `netgrit-ppwp-hal1`, `pleno-kwk-3paslon-hal1`. */
  id: z.string().regex(/^[a-z0-9-]+$/),
  /** The form (page set) this page belongs to, e.g. `kpu-c-hasil-ppwp-2024`, `pleno-c-hasil-kwk-3paslon`. */
  form: z.string().regex(/^[a-z0-9-]+$/),
  /** Human title, e.g. `Model C.HASIL-PPWP (plano 2024)`. */
  title: z.string(),
  /** 1-based page number and page count ("Halaman page dari pages"). */
  page: z.number().int().min(1),
  pages: z.number().int().min(1),
  /** Physical page size in millimetres. */
  size: z.object({ widthMm: z.number().positive(), heightMm: z.number().positive() }),
  /** The rectified raster all coordinates refer to (px); same aspect as `size`. */
  canonical: z.object({ width: z.number().int().positive(), height: z.number().int().positive() }),
  /** Where the numbers were measured from (file + method), so they can be re-measured. */
  source: z.string().optional(),
  /** Per-TPS voter cap for `capped` fields: 300 (Pemilu 2024), 600 (Pilkada 2024). */
  tpsCap: z.number().int().positive().optional(),
  /** How the digit boxes look, for the field reader. */
  digitStyle: z
    .object({
      /** Printed guide inside each box: the faint dotted "8", or nothing. */
      guide: z.enum(['dotted8', 'none']),
      /** Box border line width, canonical px. */
      borderPx: z.number().positive(),
      /** Border colour: black (official) or light grey (NETGRIT). */
      border: z.enum(['black', 'grey']),
    })
    .optional(),
  registration: z.object({ marks: z.array(RegistrationMark).min(1) }),
  identity: Identity.optional(),
  fields: z.array(Field),
  checks: z.array(Check),
});
export type FormTemplate = z.infer<typeof FormTemplate>;
