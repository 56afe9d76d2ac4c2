/**
 * Evaluates a form's arithmetic checks over written values, across the pages of one TPS.
 * The generator uses it to prove a "consistent" sample satisfies every check and that an
 * "inconsistent" one really breaks at least one.
 */
import type { Check, FormTemplate } from '../../../main/recognition/templates/schema.ts';

/** Values of one TPS: template id → field id → value (null = boxes left empty). */
export type TpsValues = Record<string, Record<string, number | null>>;

export interface CheckOutcome {
  templateId: string;
  checkId: string;
  /** 'skipped' when a referenced page is not part of the TPS values or a value is null. */
  status: 'ok' | 'failed' | 'skipped';
}

/** Resolves `IV.2` (this page) or `other-template#IV.2` to a value, or undefined when unavailable. */
export function resolveRef(values: TpsValues, templateId: string, ref: string): number | null | undefined {
  const hash = ref.indexOf('#');
  const [tid, fid] = hash >= 0 ? [ref.slice(0, hash), ref.slice(hash + 1)] : [templateId, ref];
  return values[tid]?.[fid];
}

export function evaluateCheck(values: TpsValues, templateId: string, check: Check): CheckOutcome['status'] {
  const get = (ref: string) => resolveRef(values, templateId, ref);
  const refs = check.type === 'sum' ? [...check.left, check.right] : [check.left, check.right];
  const vals = refs.map(get);
  if (vals.some((v) => v === undefined || v === null)) return 'skipped';
  const n = vals as number[];
  switch (check.type) {
    case 'sum': return n.slice(0, -1).reduce((a, b) => a + b, 0) === n[n.length - 1] ? 'ok' : 'failed';
    case 'equal': return n[0] === n[1] ? 'ok' : 'failed';
    case 'lte': return n[0] <= n[1] + Math.ceil((n[1] * (check.plusPercent ?? 0)) / 100) ? 'ok' : 'failed';
  }
}

export function evaluateChecks(templates: readonly FormTemplate[], values: TpsValues): CheckOutcome[] {
  const out: CheckOutcome[] = [];
  for (const t of templates) {
    if (!values[t.id]) continue;
    for (const c of t.checks) out.push({ templateId: t.id, checkId: c.id, status: evaluateCheck(values, t.id, c) });
  }
  return out;
}

/** Field ids (qualified `templateId#fieldId`) that appear in a sum or equal check: changing one breaks it. */
export function fieldsInEqualities(templates: readonly FormTemplate[]): Set<string> {
  const out = new Set<string>();
  for (const t of templates) {
    for (const c of t.checks) {
      if (c.type === 'lte') continue;
      const refs = c.type === 'sum' ? [...c.left, c.right] : [c.left, c.right];
      for (const r of refs) out.add(r.includes('#') ? r : `${t.id}#${r}`);
    }
  }
  return out;
}
