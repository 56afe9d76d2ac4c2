/**
 * Laporan kemajuan: per desa (or per kecamatan / TPS) how many TPS of a race are verified, wait for review,
 * are withheld or have no C.Hasil yet, with a bar per row. Portrait A4: few columns, many rows.
 */
import { formatNumber, formatPercent, formatRegionCode } from './format.ts';
import { renderFramed, TABLE_LAYOUT } from './page-frame.ts';
import { RACE_TITLE, regionHeader } from './race-title.ts';
import type { ProgressRow } from './store-inputs.ts';
import type { Provenance, RenderedPdf, ReportElection, ReportRegion } from './types.ts';

export type ProgressInput = Provenance & {
  region: ReportRegion;
  election: ReportElection;
  /** progressRowsFromStore(store, region.code, election.id) */
  rows: ProgressRow[];
};

const BAR_WIDTH = 90;
const COLORS = { verified: '#2e7d32', needsReview: '#f9a825', withheld: '#c62828', missing: '#cfcfcf' };

/** A stacked bar: verified, needs review, withheld, missing — in that order, proportional to the row's TPS. */
function bar(r: Pick<ProgressRow, 'total' | 'verified' | 'needsReview' | 'withheld' | 'missing'>): unknown {
  const parts: unknown[] = [];
  let x = 0;
  for (const key of ['verified', 'needsReview', 'withheld', 'missing'] as const) {
    const w = r.total > 0 ? (r[key] / r.total) * BAR_WIDTH : 0;
    if (w > 0) parts.push({ type: 'rect', x, y: 1, w, h: 7, color: COLORS[key] });
    x += w;
  }
  return { canvas: parts.length > 0 ? parts : [{ type: 'rect', x: 0, y: 1, w: BAR_WIDTH, h: 7, color: COLORS.missing }] };
}

export function sumProgress(rows: ProgressRow[]): Omit<ProgressRow, 'code' | 'name'> {
  const t = { total: 0, verified: 0, needsReview: 0, withheld: 0, missing: 0 };
  for (const r of rows) for (const k of Object.keys(t) as (keyof typeof t)[]) t[k] += r[k];
  return t;
}

export async function renderProgressReportPdf(input: ProgressInput): Promise<RenderedPdf> {
  const { region, election, rows } = input;
  const total = sumProgress(rows);
  const n = formatNumber;
  const childLabel = region.level === 'kabkota' ? 'Kecamatan' : region.level === 'kecamatan' ? 'Desa/Kelurahan' : region.level === 'desa' ? 'TPS' : 'Kabupaten/Kota';
  const line = (r: Omit<ProgressRow, 'code' | 'name'>, no: string, name: string, bold: boolean) => {
    const style = bold ? 'total' : 'num';
    return [
      { text: no, style: 'td' }, { text: name, style: 'td', bold },
      { text: n(r.total), style }, { text: n(r.verified), style }, { text: n(r.needsReview), style },
      { text: n(r.withheld), style }, { text: n(r.missing), style },
      { text: formatPercent(r.verified, r.total), style }, bar(r),
    ];
  };
  // one row of swatch + label pairs, each as wide as its text
  const legend = (['verified', 'needsReview', 'withheld', 'missing'] as const).flatMap((k) => [
    { width: 10, canvas: [{ type: 'rect', x: 0, y: 1, w: 8, h: 7, color: COLORS[k] }] },
    { width: 'auto', text: { verified: 'Terverifikasi', needsReview: 'Perlu diperiksa', withheld: 'Ditahan', missing: 'Belum masuk' }[k], fontSize: 7.5, margin: [0, 0, 14, 0] },
  ]);
  const content: unknown[] = [
    { text: 'LAPORAN KEMAJUAN REKAPITULASI', style: 'title' },
    { text: `${RACE_TITLE[election.jenis]} TAHUN ${election.year}`, style: 'subtitle' },
    regionHeader(region),
    {
      text: `Kode wilayah ${formatRegionCode(region.code)}. Dari ${n(total.total)} TPS: ${n(total.verified)} terverifikasi (${formatPercent(total.verified, total.total)}), ${n(total.needsReview)} perlu diperiksa, ${n(total.withheld)} ditahan, ${n(total.missing)} belum masuk.`,
      style: 'small', margin: [0, 0, 0, 6],
    },
    { columns: legend, margin: [0, 0, 0, 6] },
    {
      table: {
        headerRows: 1,
        dontBreakRows: true,
        widths: [16, '*', 34, 52, 44, 36, 40, 44, BAR_WIDTH],
        body: [
          ['No', childLabel, 'TPS', 'Terverifikasi', 'Perlu diperiksa', 'Ditahan', 'Belum masuk', 'Selesai', 'Kemajuan'].map((text) => ({ text, style: 'th' })),
          ...rows.map((r, i) => line(r, String(i + 1), r.name, false)),
          line(total, '', 'JUMLAH', true),
        ],
      },
      layout: TABLE_LAYOUT,
    },
  ];
  return renderFramed({
    kind: 'laporan-kemajuan',
    hashed: { ...input, generatedAt: input.generatedAt.toISOString() },
    title: `Laporan kemajuan ${region.name} — ${election.name}`,
    orientation: 'portrait',
    content,
    provenance: input,
  });
}
