/**
 * The values written on all pages of one TPS's form: a consistent scenario mapped onto the fields,
 * proven against every check of the templates, and — when asked — made inconsistent the way a
 * tired KPPS member does it: one or two digits written wrong (58 → 98, 120 → 170, 45 → 945).
 * The truth records which fields were changed and which checks now fail.
 */
import type { Field, FormTemplate } from '../../../main/recognition/templates/schema.ts';
import { templateFamily } from './blank-pages.ts';
import { evaluateChecks, fieldsInEqualities, type CheckOutcome, type TpsValues } from './checks.ts';
import { scenarioValue, voteRowCount } from './field-values.ts';
import type { Rng } from './rng.ts';
import { generateScenario, type TpsScenario } from './tps-scenario.ts';

export interface TpsValuesResult {
  scenario: TpsScenario;
  /** What is written on the pages (after any deliberate mistakes). */
  values: TpsValues;
  /** The consistent values before the mistakes. */
  intended: TpsValues;
  /** Changed fields, `templateId#fieldId`. */
  broken: string[];
  failedChecks: CheckOutcome[];
}

export interface ValuesOptions {
  /** Make the handwriting inconsistent (some digits wrong). */
  inconsistent?: boolean;
  /** Only fields of these templates may be changed (default: any page). */
  breakTemplates?: readonly string[];
}

function maxOf(f: Field): number {
  return Math.min(10 ** f.digits.length - 1, f.range?.max ?? 999);
}

/** Changes one digit of `value` as written in `nBoxes` boxes; null when no allowed change exists. */
export function miswriteDigit(rng: Rng, value: number, nBoxes: number, max: number): number | null {
  const digits = String(value).padStart(nBoxes, '0').split('').map(Number);
  const firstSig = Math.max(0, nBoxes - String(value).length);
  for (let attempt = 0; attempt < 30; attempt++) {
    // Mostly a wrong digit where there is one; sometimes a digit appears in an empty leading box.
    const pos = firstSig > 0 && rng.chance(0.2) ? rng.int(0, firstSig - 1) : rng.int(firstSig, nBoxes - 1);
    const d = pos < firstSig ? rng.int(1, 9) : rng.int(0, 9);
    if (d === digits[pos]) continue;
    const next = digits.slice();
    next[pos] = d;
    const v = Number(next.join(''));
    if (v !== value && v <= max) return v;
  }
  return null;
}

export function generateTpsValues(rng: Rng, templates: readonly FormTemplate[], opts: ValuesOptions = {}): TpsValuesResult {
  if (templates.length === 0) throw new Error('generateTpsValues: no templates');
  const family = templateFamily(templates[0]);
  const cap = templates[0].tpsCap ?? (family === 'pleno-kwk' ? 600 : 300);
  const scenario = generateScenario(rng.fork('scenario'), {
    cap,
    voteRows: Math.max(1, voteRowCount(templates)),
    reserveBase: templates.some((t) => t.fields.some((f) => f.id.startsWith('I.A.4.'))) ? 'dptAll' : 'dpt',
  });
  const intended: TpsValues = {};
  for (const t of templates) {
    intended[t.id] = Object.fromEntries(t.fields.map((f) => [f.id, scenarioValue(family, f.id, scenario)]));
    for (const f of t.fields) {
      const v = intended[t.id][f.id]!;
      if (v < 0 || v > maxOf(f)) throw new Error(`scenario value ${v} does not fit ${t.id}#${f.id}`);
    }
  }
  const failedIntended = evaluateChecks(templates, intended).filter((c) => c.status === 'failed');
  if (failedIntended.length > 0) {
    throw new Error(`synthetic generator bug: consistent values fail ${failedIntended.map((c) => `${c.templateId}:${c.checkId}`).join(', ')}`);
  }
  if (!opts.inconsistent) return { scenario, values: intended, intended, broken: [], failedChecks: [] };

  const r = rng.fork('mistakes');
  const allowed = new Set(opts.breakTemplates ?? templates.map((t) => t.id));
  const candidates = [...fieldsInEqualities(templates)].filter((q) => allowed.has(q.split('#')[0]) && intended[q.split('#')[0]]?.[q.split('#')[1]] !== undefined);
  if (candidates.length === 0) throw new Error('no field takes part in an equality check: cannot make an inconsistent sample');
  const fieldOf = (q: string) => {
    const [tid, fid] = q.split('#');
    const f = templates.find((t) => t.id === tid)!.fields.find((x) => x.id === fid)!;
    return { tid, fid, f };
  };
  for (let attempt = 0; attempt < 50; attempt++) {
    const values: TpsValues = Object.fromEntries(Object.entries(intended).map(([k, v]) => [k, { ...v }]));
    const howMany = r.chance(0.75) ? 1 : 2;
    const chosen = r.shuffle(candidates.slice()).slice(0, howMany);
    let okAll = true;
    for (const q of chosen) {
      const { tid, fid, f } = fieldOf(q);
      const v = miswriteDigit(r, values[tid][fid]!, f.digits.length, maxOf(f));
      if (v === null) { okAll = false; break; }
      values[tid][fid] = v;
    }
    if (!okAll) continue;
    const failedChecks = evaluateChecks(templates, values).filter((c) => c.status === 'failed');
    if (failedChecks.length > 0) return { scenario, values, intended, broken: chosen.sort(), failedChecks };
  }
  throw new Error('could not make an inconsistent sample');
}
