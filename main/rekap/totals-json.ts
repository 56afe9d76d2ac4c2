/**
 * Turns one row of column totals (a region's sums, or a TPS's own values) into the RegionTotals JSON.
 * The row is read through `get(column)` so both sources share one builder.
 */
import type { FieldLayout } from './fields.ts';
import type { LP, RegionTotals } from './types.ts';

export type TotalsFrame = Omit<RegionTotals, 'paslon' | 'suara' | 'dpt' | 'dptTerdaftar' | 'pengguna' | 'suratSuara' | 'disabilitas' | 'fields'>;

export function totalsJson(
  frame: TotalsFrame,
  layout: FieldLayout,
  get: (col: number) => number,
  dptWilayah: { l: number; p: number },
): RegionTotals {
  const f = (id: string) => get(layout.col(id));
  const lp = (row: string): LP => ({ l: f(`${row}.L`), p: f(`${row}.P`), lp: f(`${row}.LP`) });
  const fields: Record<string, number> = {};
  for (let c = 0; c < layout.formCount; c++) fields[layout.ids[c]!] = get(c);
  const masukL = f('DPT.L');
  const masukP = f('DPT.P');
  return {
    ...frame,
    paslon: layout.nomorUrut.map((n) => ({ nomorUrut: n, suara: f(`IV.${n}`) })),
    suara: { sah: f('V.A'), tidakSah: f('V.B'), total: f('V.C') },
    dpt: lp('I.A'),
    dptTerdaftar: {
      tpsMasuk: { l: masukL, p: masukP, lp: masukL + masukP },
      wilayah: { l: dptWilayah.l, p: dptWilayah.p, lp: dptWilayah.l + dptWilayah.p },
    },
    pengguna: { dpt: lp('I.B.1'), dptb: lp('I.B.2'), dpk: lp('I.B.3'), total: lp('I.B.4') },
    suratSuara: { diterima: f('II.1'), digunakan: f('II.2'), rusak: f('II.3'), sisa: f('II.4') },
    disabilitas: lp('III'),
    fields,
  };
}
