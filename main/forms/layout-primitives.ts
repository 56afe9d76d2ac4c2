/**
 * A printed page as plain data, in MILLIMETRES from the paper's top-left corner: what to draw, and where the
 * readable parts are. The PDF renderer draws it; the template builder converts the same numbers to canonical
 * pixels. One source of truth for both.
 */
export interface RectMm {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface PointMm {
  x: number;
  y: number;
}

/**
 * Text may hold `{slot}` placeholders (e.g. `{desa}`, `{paslon.2.kepala}`) that the renderer fills from the
 * TPS and race it prints for. Position: `x, y` is the top-left of the text box, `w` its width.
 */
export interface TextPrim {
  kind: 'text';
  x: number;
  y: number;
  w: number;
  text: string;
  sizePt: number;
  bold?: boolean;
  italics?: boolean;
  align?: 'left' | 'center' | 'right';
  color?: string;
}

export type Prim =
  | { kind: 'rect'; r: RectMm; fill?: string; stroke?: string; lineMm?: number }
  | { kind: 'line'; x1: number; y1: number; x2: number; y2: number; color: string; lineMm: number; dash?: { on: number; off: number } }
  | { kind: 'circle'; c: PointMm; r: number; stroke: string; lineMm: number; fill?: string }
  | TextPrim
  /** A QR code of a fixed version (so its size never depends on the text): `modules` × `moduleMm`. */
  | { kind: 'qr'; x: number; y: number; version: number; modules: number; moduleMm: number; slot: string };

export interface BubbleColumnMm {
  radius: number;
  centers: PointMm[];
}

export interface FieldMm {
  id: string;
  label: string;
  digits: RectMm[];
  bubbles: BubbleColumnMm[];
  words?: RectMm;
  capped: boolean;
  range?: { min: number; max: number };
}

export interface CornerMarkMm {
  position: 'tl' | 'tr' | 'br' | 'bl';
  squares: [RectMm, RectMm];
  anchor: PointMm;
}

export interface TagMm {
  tagId: number;
  /** Outer edge of the black border, 8 × 8 cells. */
  rect: RectMm;
  cell: number;
}

export interface PageLayout {
  widthMm: number;
  heightMm: number;
  page: number;
  pages: number;
  corners: CornerMarkMm[];
  tag: TagMm;
  qr: { rect: RectMm; content: string };
  fields: FieldMm[];
  prims: Prim[];
}
