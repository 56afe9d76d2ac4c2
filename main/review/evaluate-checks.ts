/**
 * The form's checks over the TPS's current values, evaluated with the joint decoder's own constraints so the
 * review and the recognizer agree on what "holds" means. A check naming a field without a value yet is
 * `incomplete` (neither green nor red); a reference to another page (`templateId#IV.2`) reads the TPS's value
 * of that field, since a TPS has one value per field.
 */
import { constraintFromCheck } from '../recognition/joint/constraints.ts';
import type { FormTemplate } from '../recognition/templates/schema.ts';
import type { CheckState, ReviewCheck } from './types.ts';

const fieldOf = (key: string) => (key.includes('#') ? key.slice(key.indexOf('#') + 1) : key);

export function evaluateChecks(
  templates: FormTemplate[],
  values: ReadonlyMap<string, number>,
  reasons: ReadonlyMap<string, string> = new Map(),
): ReviewCheck[] {
  const out: ReviewCheck[] = [];
  for (const template of templates) {
    for (const check of template.checks) {
      const constraint = constraintFromCheck(check);
      const fieldIds = [...new Set(constraint.keys.map(fieldOf))];
      const key = `${template.id}:${check.id}`;
      let state: CheckState;
      if (fieldIds.some((f) => !values.has(f))) state = 'incomplete';
      else state = constraint.holds((k) => values.get(fieldOf(k))!) ? 'holds' : 'fails';
      out.push({ key, label: check.label ?? describe(check), fieldIds, state, reason: reasons.get(key) ?? null });
    }
  }
  return out;
}

function describe(check: FormTemplate['checks'][number]): string {
  switch (check.type) {
    case 'sum': return `${check.left.map(fieldOf).join(' + ')} = ${fieldOf(check.right)}`;
    case 'equal': return `${fieldOf(check.left)} = ${fieldOf(check.right)}`;
    case 'lte': return `${fieldOf(check.left)} ≤ ${fieldOf(check.right)}${check.plusPercent ? ` + ${check.plusPercent}%` : ''}`;
  }
}
