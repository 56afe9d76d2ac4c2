/**
 * Maps a TPS scenario onto the printed field ids of a template, per form family. The official
 * plano and Pleno's KWK number the ballots section II.1 received … II.4 unused; the NETGRIT draft
 * numbers it the other way round (II.1 used … II.4 received) and has DPTb/DPK rows in section I.A.
 * An unknown field id is a generator bug and throws (never a silent default).
 */
import type { FormTemplate } from '../../../main/recognition/templates/schema.ts';
import type { FormFamily } from './blank-pages.ts';
import type { BySex, Sex, TpsScenario } from './tps-scenario.ts';

function bySex(x: BySex, sex: string): number {
  return x[sex as Sex];
}

export function scenarioValue(family: FormFamily, fieldId: string, s: TpsScenario): number {
  let m: RegExpExecArray | null;
  if ((m = /^I\.A\.(L|P|LP)$/.exec(fieldId))) return bySex(s.dpt, m[1]);
  if ((m = /^I\.A\.([1-4])\.(L|P|LP)$/.exec(fieldId))) return bySex([s.dpt, s.dptbReg, s.dpkReg, s.dptAll][Number(m[1]) - 1], m[2]);
  if ((m = /^I\.B\.([1-4])\.(L|P|LP)$/.exec(fieldId))) return bySex([s.b1, s.b2, s.b3, s.b4][Number(m[1]) - 1], m[2]);
  if ((m = /^II\.([1-4])$/.exec(fieldId))) {
    const b = s.ballots;
    const order = family === 'netgrit-ppwp' ? [b.used, b.damaged, b.unused, b.received] : [b.received, b.used, b.damaged, b.unused];
    return order[Number(m[1]) - 1];
  }
  if ((m = /^III\.(L|P|LP)$/.exec(fieldId))) return bySex(s.disab, m[1]);
  if ((m = /^III\.([12])\.(L|P|LP)$/.exec(fieldId))) return bySex(m[1] === '1' ? s.disabReg : s.disab, m[2]);
  if ((m = /^IV\.(\d+)$/.exec(fieldId))) {
    const v = s.votes[Number(m[1]) - 1];
    if (v === undefined) throw new Error(`scenario has ${s.votes.length} vote rows, template wants ${fieldId}`);
    return v;
  }
  if (fieldId === 'V.A') return s.sah;
  if (fieldId === 'V.B') return s.tidakSah;
  if (fieldId === 'V.C') return s.total;
  throw new Error(`synthetic generator: no scenario value for field ${fieldId} (${family})`);
}

/** Number of vote rows (IV.n fields) over the pages of a form. */
export function voteRowCount(templates: readonly FormTemplate[]): number {
  let n = 0;
  for (const t of templates) for (const f of t.fields) {
    const m = /^IV\.(\d+)$/.exec(f.id);
    if (m) n = Math.max(n, Number(m[1]));
  }
  return n;
}
