/**
 * One KPPS member's hand: pen, digit style and habits, drawn once per page so that a page looks
 * written by one person (consistent pen and slant), with per-mark variation on top.
 */
import { randomWriterStyle, type DigitStyle } from './handwritten-digit.ts';
import type { Pen } from './ink.ts';
import type { Rng } from './rng.ts';

export interface Writer {
  pen: Pen;
  digit: DigitStyle;
  /** Unused leading boxes: crossed with an X (else left blank); a per-field slip flips it. */
  crossesLeadingBoxes: boolean;
  /** Fills the 0 bubble for an unused leading box (else leaves that column empty). */
  fillsLeadingZeroBubble: boolean;
  bubbleFill: 'solid' | 'scribble';
  /** Chance per bubble of a half-hearted fill, and per column of a stray mark on another bubble. */
  partialFillRate: number;
  strayMarkRate: number;
  /** Writes 12..19 as one word ("DELAPANBELAS"), as on the real NETGRIT photo. */
  joinsBelas: boolean;
  /** Letter height as a share of the words line / cell height… */
  letterHeight: number;
  /** …but never taller than this (px): people write words at their hand's size, not the line's. */
  letterMaxPx: number;
}

const PENS: readonly (readonly [number, number, number])[] = [
  [28, 48, 140], // blue ballpoint
  [22, 32, 95], // dark blue
  [30, 30, 36], // black ballpoint
  [35, 65, 175], // blue gel
  [45, 45, 55], // grey-black felt tip
];

/** `boxHeight`: a typical digit box height on the page (pen width scales with the form). */
export function randomWriter(rng: Rng, boxHeight: number): Writer {
  return {
    pen: {
      color: rng.pick(PENS),
      opacity: rng.uniform(0.72, 1),
      width: boxHeight * rng.uniform(0.035, 0.075),
    },
    digit: randomWriterStyle(rng),
    crossesLeadingBoxes: rng.chance(0.5),
    fillsLeadingZeroBubble: rng.chance(0.5),
    bubbleFill: rng.chance(0.6) ? 'solid' : 'scribble',
    partialFillRate: rng.chance(0.7) ? 0.03 : 0.15,
    strayMarkRate: rng.chance(0.8) ? 0.01 : 0.06,
    joinsBelas: rng.chance(0.3),
    letterHeight: rng.uniform(0.5, 0.8),
    letterMaxPx: boxHeight * rng.uniform(0.45, 0.75),
  };
}
