/**
 * Laporan selisih: every check that fails in a region, with the TPS that cause it and, per TPS, the two
 * sides of the check (or the fields above the cap / without a value), so the pleno can open exactly those
 * C.Hasil. Checks that hold are listed at the end in one line each, so an empty report is visibly complete.
 */
import { checkDefs, fieldLayout, type CheckDef } from '../rekap/index.ts';
import type { CheckResult, RegionChecks } from '../rekap/types.ts';
import { formatNumber, formatRegionCode, formatTpsCode } from './format.ts';
import { renderFramed, TABLE_LAYOUT } from './page-frame.ts';
import { RACE_TITLE, regionHeader } from './race-title.ts';
import type { Provenance, RenderedPdf, ReportElection, ReportPaslon, ReportRegion } from './types.ts';

/** What the report shows of one failing TPS: its name, verified values and registered DPT. */
export type DiscrepancyTps = { name: string; values: Record<string, number> | null; dptL: number; dptP: number };

export type DiscrepancyInput = Provenance & {
  region: ReportRegion;
  election: ReportElection;
  paslon: ReportPaslon[];
  /** engine.getChecks(region.code, election.id) — without a limit, so every failing TPS is named. */
  checks: RegionChecks;
  /** Every TPS named in a failing check (discrepancyTpsFromEngine builds it). */
  tps: Record<string, DiscrepancyTps>;
};

/** One TPS's side of a check, in words and numbers. */
export function explainAtTps(def: CheckDef, tps: DiscrepancyTps, formFields: readonly string[]): { kiri: string; kanan: string; selisih: string } {
  const v = tps.values ?? {};
  const val = (id: string) => (id === 'DPT.L' ? tps.dptL : id === 'DPT.P' ? tps.dptP : v[id]);
  const sum = (ids: string[]) => ids.reduce((s, id) => s + (val(id) ?? 0), 0);
  const terms = (ids: string[]) => ids.map((id) => `${id} ${val(id) === undefined ? '–' : formatNumber(val(id)!)}`).join(' + ');
  switch (def.kind) {
    case 'eq': {
      const l = sum(def.left);
      const r = sum(def.right);
      return { kiri: `${terms(def.left)} = ${formatNumber(l)}`, kanan: `${terms(def.right)} = ${formatNumber(r)}`, selisih: formatNumber(l - r) };
    }
    case 'lte': {
      const l = sum(def.left);
      const r = sum(def.right);
      const bound = r + Math.ceil((r * def.plusPercent) / 100);
      return { kiri: `${terms(def.left)} = ${formatNumber(l)}`, kanan: `batas ${formatNumber(bound)} (${terms(def.right)}${def.plusPercent ? ` + ${def.plusPercent} %` : ''})`, selisih: formatNumber(l - bound) };
    }
    case 'cap': {
      const over = formFields.filter((id) => (v[id] ?? 0) > def.max);
      return { kiri: over.map((id) => `${id} ${formatNumber(v[id]!)}`).join(', '), kanan: `batas ${formatNumber(def.max)}`, selisih: `${over.length} isian` };
    }
    case 'complete': {
      const empty = formFields.filter((id) => v[id] === undefined);
      return { kiri: `kosong: ${empty.join(', ')}`, kanan: `${formFields.length} isian`, selisih: `${empty.length} isian` };
    }
  }
}

export async function renderDiscrepancyReportPdf(input: DiscrepancyInput): Promise<RenderedPdf> {
  const { region, election, paslon, checks, tps } = input;
  const layout = fieldLayout(paslon.map((p) => p.nomorUrut));
  const defs = new Map(checkDefs(layout).map((d) => [d.id, d]));
  const formFields = layout.ids.slice(0, layout.formCount);
  const failing = checks.checks.filter((c) => !c.holds);
  const holding = checks.checks.filter((c) => c.holds);
  const n = formatNumber;

  const section = (c: CheckResult, i: number): unknown[] => {
    const def = defs.get(c.id);
    const head = [
      { text: `${i + 1}. ${c.label}`, style: 'section', color: '#b00000' },
      {
        text: `${n(c.failingCount)} TPS tidak memenuhi${c.summed ? `; jumlah wilayah: kiri ${n(c.summed.left)}, kanan ${n(c.summed.right)}` : ''}.`
          + (c.failingCount === 0 ? ' Setiap TPS memenuhi, tetapi jumlah wilayah berbeda.' : ''),
        style: 'small', margin: [0, 0, 0, 3],
      },
    ];
    if (c.failingTps.length === 0) return head;
    return [...head, {
      table: {
        headerRows: 1,
        dontBreakRows: true,
        widths: [16, 112, 110, '*', '*', 40],
        body: [
          ['No', 'Kode TPS', 'Desa, TPS', 'Sisi kiri', 'Sisi kanan', 'Selisih'].map((text) => ({ text, style: 'th' })),
          ...c.failingTps.map((code, k) => {
            const t = tps[code];
            const e = t && def ? explainAtTps(def, t, formFields) : { kiri: '(data TPS tidak tersedia)', kanan: '', selisih: '' };
            return [
              { text: String(k + 1), style: 'td' }, { text: formatTpsCode(code), style: 'td' }, { text: t?.name ?? code, style: 'td' },
              { text: e.kiri, style: 'td' }, { text: e.kanan, style: 'td' }, { text: e.selisih, style: 'num' },
            ];
          }),
        ],
      },
      layout: TABLE_LAYOUT,
    }];
  };

  const content: unknown[] = [
    { text: 'LAPORAN SELISIH (PEMERIKSAAN ARITMETIKA)', style: 'title' },
    { text: `${RACE_TITLE[election.jenis]} TAHUN ${election.year}`, style: 'subtitle' },
    regionHeader(region),
    {
      text: `Kode wilayah ${formatRegionCode(region.code)}. Diperiksa: ${n(checks.tps.included)} TPS terverifikasi dari ${n(checks.tps.total)} TPS `
        + `(${n(checks.tps.missing)} belum masuk, ${n(checks.tps.withheld)} ditahan, tidak diperiksa). `
        + (failing.length === 0 ? `Seluruh ${checks.checks.length} pemeriksaan terpenuhi.` : `${failing.length} dari ${checks.checks.length} pemeriksaan TIDAK terpenuhi.`),
      style: 'small', margin: [0, 0, 0, 4],
    },
    ...failing.flatMap(section),
    { text: 'Pemeriksaan yang terpenuhi', style: 'section' },
    holding.length === 0 ? { text: 'Tidak ada.', style: 'small' } : { ul: holding.map((c) => ({ text: c.label, style: 'small' })) },
  ];
  return renderFramed({
    kind: 'laporan-selisih',
    hashed: { ...input, generatedAt: input.generatedAt.toISOString() },
    title: `Laporan selisih ${region.name} — ${election.name}`,
    orientation: 'portrait',
    content,
    provenance: input,
  });
}
