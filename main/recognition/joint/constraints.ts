/**
 * The form's arithmetic as constraints over field keys, built from a template's checks.
 * A constraint can test an assignment and, for equalities, say what value one field must take given the
 * others — that implied value becomes a candidate even when the field's own reading never proposed it.
 */
import type { Check } from '../templates/schema.ts';

export type Lookup = (key: string) => number;

export interface Constraint {
  id: string;
  label?: string;
  keys: string[];
  holds(get: Lookup): boolean;
  /** The value `key` must take for the constraint to hold given the others, or null when not determined. */
  implied(key: string, get: Lookup): number | null;
}

/** `IV.2` on the template's own page becomes `prefix + 'IV.2'`; a `templateId#IV.2` reference stays as is. */
export function resolveRef(ref: string, prefix: string): string {
  return ref.includes('#') ? ref : prefix + ref;
}

export function constraintFromCheck(check: Check, prefix = ''): Constraint {
  switch (check.type) {
    case 'sum': {
      const left = check.left.map((r) => resolveRef(r, prefix));
      const right = resolveRef(check.right, prefix);
      const sumLeft = (get: Lookup, skip?: string) => left.reduce((s, k) => (k === skip ? s : s + get(k)), 0);
      return {
        id: check.id, label: check.label, keys: [...left, right],
        holds: (get) => sumLeft(get) === get(right),
        implied: (key, get) => {
          if (key === right) return sumLeft(get);
          // A key listed twice on the left cannot be solved for by subtraction alone.
          if (left.filter((k) => k === key).length !== 1) return null;
          return get(right) - sumLeft(get, key);
        },
      };
    }
    case 'equal': {
      const a = resolveRef(check.left, prefix);
      const b = resolveRef(check.right, prefix);
      return {
        id: check.id, label: check.label, keys: [a, b],
        holds: (get) => get(a) === get(b),
        implied: (key, get) => (key === a ? get(b) : key === b ? get(a) : null),
      };
    }
    case 'lte': {
      const a = resolveRef(check.left, prefix);
      const b = resolveRef(check.right, prefix);
      const pct = check.plusPercent ?? 0;
      return {
        id: check.id, label: check.label, keys: [a, b],
        holds: (get) => get(a) <= get(b) + Math.ceil((get(b) * pct) / 100),
        implied: () => null,
      };
    }
  }
}
