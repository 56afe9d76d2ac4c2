/**
 * How likely the KPPS wrote `written` in a field where the arithmetic wants `intended`: the prior of one slip,
 * relative to writing the intended value (the ε of joint decoding, per field and per value).
 *
 * Model: a page is miswritten with probability `pageRate`; the slip lands on one of the page's fields that an
 * equality ties (a slip anywhere else leaves no trace) and changes one of its boxes to another digit (one of
 * 9 × the field's boxes); a slip that changes more boxes is `farFactor` times as likely per value. Then
 *
 *   ε(written | intended) = pageRate / (1 − pageRate) / tiedFieldsOnPage × q(written | intended),
 *   q = 1 / (9 · boxes) for one box changed, farFactor / (9 · boxes) otherwise.
 *
 * Why per value: the posterior of "the reader is wrong, the arithmetic right" against "the reader is right, the
 * KPPS slipped" is own(intended) : ε · own(written). A flat ε per field (0,1 %) was too small on a page of three
 * fields (a slip there is one of three: the arithmetic "corrected" what the KPPS wrote) and too large on a page
 * of 34 (where one field's slip is rare, and the doubt kept pages whose arithmetic confirms every reading from
 * being accepted).
 */
import type { Constraint } from './constraints.ts';

export interface SlipPriorOptions {
  /** Probability that a page holds an arithmetic slip. */
  pageRate: number;
  /** A slip changing two or more boxes, per value, relative to one changing one box. */
  farFactor: number;
}

export type SlipPrior = (key: string, written: number, intended: number) => number;

/** The page a field key belongs to: `templateId#IV.2` → `templateId`, `IV.2` → ''. */
function pageOf(key: string): string {
  const hash = key.indexOf('#');
  return hash < 0 ? '' : key.slice(0, hash);
}

/** Boxes that differ between two values written right-aligned into `boxes` boxes (leading boxes empty). */
export function boxesChanged(a: number, b: number, boxes: number): number {
  let changed = 0;
  for (let i = 0; i < boxes; i++) {
    const placeA = Math.floor(a / 10 ** i);
    const placeB = Math.floor(b / 10 ** i);
    // Past a value's leading digit the box is empty (except the units box of 0): compare "empty" as -1.
    const da = placeA === 0 && i > 0 ? -1 : placeA % 10;
    const db = placeB === 0 && i > 0 ? -1 : placeB % 10;
    if (da !== db) changed++;
  }
  return changed;
}

export function slipPrior(
  fields: { key: string; boxes: number }[],
  constraints: Constraint[],
  options: SlipPriorOptions,
): SlipPrior {
  // Fields an equality can pin (a sum or an equality names them; inequalities imply nothing), per page.
  const tied = new Set<string>();
  for (const c of constraints) for (const k of c.keys) if (c.implied(k, () => 0) !== null) tied.add(k);
  const tiedPerPage = new Map<string, number>();
  for (const k of tied) tiedPerPage.set(pageOf(k), (tiedPerPage.get(pageOf(k)) ?? 0) + 1);
  const boxesOf = new Map(fields.map((f) => [f.key, Math.max(1, f.boxes)]));
  const odds = options.pageRate / (1 - options.pageRate);
  return (key, written, intended) => {
    const boxes = boxesOf.get(key) ?? 1;
    const perField = odds / Math.max(1, tiedPerPage.get(pageOf(key)) ?? 1);
    const q = (boxesChanged(written, intended, boxes) <= 1 ? 1 : options.farFactor) / (9 * boxes);
    return perField * q;
  };
}

/** A value one box away from `value` (its units box changed): the likeliest kind of slip. */
export function oneBoxAway(value: number): number {
  return value % 10 === 9 ? value - 1 : value + 1;
}

/** The largest ε any value of the field can get (a one-box slip): the conservative bound for values not listed. */
export function maxSlipPrior(prior: SlipPrior, key: string, intended: number): number {
  return prior(key, oneBoxAway(intended), intended);
}

/** The smallest ε any value of a field of `boxes` boxes can get (every box changed): how low a search must look. */
export function minSlipPrior(prior: SlipPrior, key: string, boxes: number): number {
  return prior(key, 0, 10 ** boxes - 1);
}
