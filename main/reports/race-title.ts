/** The race names as KPU prints them on document titles. */
import type { JenisPemilihan } from '../../shared/domain/types.ts';
import type { ReportRegion } from './types.ts';

export const RACE_TITLE: Record<JenisPemilihan, string> = {
  gubernur: 'PEMILIHAN GUBERNUR DAN WAKIL GUBERNUR',
  bupati: 'PEMILIHAN BUPATI DAN WAKIL BUPATI',
  walikota: 'PEMILIHAN WALI KOTA DAN WAKIL WALI KOTA',
};

/** The header's region lines (Provinsi / Kabupaten/Kota / Kecamatan), as far down as the region goes. */
export function regionLines(region: ReportRegion): [string, string][] {
  const lines: [string, string][] = [['Provinsi', region.provinsi]];
  if (region.kabkota) lines.push(['Kabupaten/Kota', region.kabkota]);
  if (region.kecamatan) lines.push(['Kecamatan', region.kecamatan]);
  if (region.level === 'desa') lines.push(['Desa/Kelurahan', region.name]);
  return lines;
}

export function regionHeader(region: ReportRegion): unknown {
  return {
    margin: [0, 6, 0, 4],
    table: {
      widths: [90, 6, '*'],
      body: regionLines(region).map(([k, v]) => [{ text: k, fontSize: 9 }, { text: ':', fontSize: 9 }, { text: v.toUpperCase(), fontSize: 9, bold: true }]),
    },
    layout: 'noBorders',
  };
}
