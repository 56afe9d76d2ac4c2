/**
 * The rekap as CSV for spreadsheets: one row per child region (desa of a kecamatan, kecamatan of a kab/kota)
 * or per TPS (of a desa), then a JUMLAH row. Choices, for Excel in an Indonesian locale:
 * - UTF-8 with a BOM, so Excel reads names with non-ASCII letters correctly;
 * - `;` between fields: in id-ID the comma is the decimal mark, so Excel's list separator there is `;`;
 * - numbers as plain integers (1234, no grouping), so every cell is a number a formula can add;
 * - CRLF line ends (RFC 4180), fields quoted only when they hold `;`, `"` or a line break.
 */
import type { RegionTotals } from '../rekap/types.ts';
import type { ReportPaslon } from './types.ts';

export const CSV_SEPARATOR = ';';
const BOM = '\uFEFF';

/** Column name → how to read it from a RegionTotals. Paslon columns are added per race. */
const BASE_COLUMNS: [string, (t: RegionTotals) => number | string][] = [
  ['kode', (t) => t.regionCode],
  ['nama', (t) => t.name],
  ['tingkat', (t) => t.level],
  ['tps_jumlah', (t) => t.tps.total],
  ['tps_masuk', (t) => t.tps.included],
  ['tps_belum_masuk', (t) => t.tps.missing],
  ['tps_ditahan', (t) => t.tps.withheld],
  ['dpt_terdaftar', (t) => t.dptTerdaftar.wilayah.lp],
  ['dpt_l', (t) => t.dpt.l], ['dpt_p', (t) => t.dpt.p], ['dpt_lp', (t) => t.dpt.lp],
  ['pengguna_dpt_l', (t) => t.pengguna.dpt.l], ['pengguna_dpt_p', (t) => t.pengguna.dpt.p], ['pengguna_dpt_lp', (t) => t.pengguna.dpt.lp],
  ['pengguna_dptb_l', (t) => t.pengguna.dptb.l], ['pengguna_dptb_p', (t) => t.pengguna.dptb.p], ['pengguna_dptb_lp', (t) => t.pengguna.dptb.lp],
  ['pengguna_dpk_l', (t) => t.pengguna.dpk.l], ['pengguna_dpk_p', (t) => t.pengguna.dpk.p], ['pengguna_dpk_lp', (t) => t.pengguna.dpk.lp],
  ['pengguna_total_l', (t) => t.pengguna.total.l], ['pengguna_total_p', (t) => t.pengguna.total.p], ['pengguna_total_lp', (t) => t.pengguna.total.lp],
  ['surat_suara_diterima', (t) => t.suratSuara.diterima],
  ['surat_suara_digunakan', (t) => t.suratSuara.digunakan],
  ['surat_suara_rusak', (t) => t.suratSuara.rusak],
  ['surat_suara_sisa', (t) => t.suratSuara.sisa],
  ['disabilitas_l', (t) => t.disabilitas.l], ['disabilitas_p', (t) => t.disabilitas.p], ['disabilitas_lp', (t) => t.disabilitas.lp],
];

function cell(v: number | string): string {
  const s = String(v);
  return /[;"\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export type CsvInput = {
  paslon: ReportPaslon[];
  /** engine.getChildTotals(code, electionId) */
  rows: RegionTotals[];
  /** engine.getTotals(code, electionId): written last as the JUMLAH row (omit for no total row). */
  totals?: RegionTotals;
};

/** The CSV text, BOM first. Columns: BASE_COLUMNS, `paslon_<nomor urut>` per paslon, `suara_sah`, `suara_tidak_sah`, `suara_total`. */
export function exportRekapCsv(input: CsvInput): string {
  const columns: [string, (t: RegionTotals) => number | string][] = [
    ...BASE_COLUMNS,
    ...input.paslon.map((p): [string, (t: RegionTotals) => number] => [
      `paslon_${p.nomorUrut}`, (t) => t.paslon.find((x) => x.nomorUrut === p.nomorUrut)?.suara ?? 0,
    ]),
    ['suara_sah', (t) => t.suara.sah],
    ['suara_tidak_sah', (t) => t.suara.tidakSah],
    ['suara_total', (t) => t.suara.total],
  ];
  const lines = [columns.map(([name]) => name).join(CSV_SEPARATOR)];
  for (const t of input.rows) lines.push(columns.map(([, get]) => cell(get(t))).join(CSV_SEPARATOR));
  if (input.totals) {
    const total = { ...input.totals, name: `JUMLAH ${input.totals.name}` };
    lines.push(columns.map(([, get]) => cell(get(total))).join(CSV_SEPARATOR));
  }
  return BOM + lines.join('\r\n') + '\r\n';
}
