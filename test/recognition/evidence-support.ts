/**
 * Field evidence written by hand for the joint decoder and verdict tests: boxes and bubble columns read with a
 * chosen certainty.
 */
import { BOX_CROSS, type FieldEvidence } from '../../main/recognition/joint/index.ts';

/** 12 box classes: `cls` at p, the rest spread evenly. */
export function box(cls: number, p = 0.9999): number[] {
  return Array.from({ length: 12 }, (_, k) => (k === cls ? p : (1 - p) / 11));
}

/** 11 bubble-column classes (0–9, none): `cls` at p. */
export function column(cls: number, p = 0.995): number[] {
  return Array.from({ length: 11 }, (_, k) => (k === cls ? p : (1 - p) / 10));
}

/** The bubble column's class for "nothing filled". */
export const NONE = 10;

/** A field whose boxes (a digit or BOX_CROSS each) and bubbles are both clear; a crossed box has an empty column. */
export function clearField(key: string, boxes: number[]): FieldEvidence {
  return { key, boxes: boxes.map((d) => box(d)), bubbles: boxes.map((d) => column(d === BOX_CROSS ? NONE : d)) };
}
