import type { JenisPemilihan } from '../../shared/domain/types.ts';

const TITLE: Record<JenisPemilihan, string> = {
  gubernur: 'Gubernur dan Wakil Gubernur',
  bupati: 'Bupati dan Wakil Bupati',
  walikota: 'Wali Kota dan Wakil Wali Kota',
};

/** "Pemilihan Bupati dan Wakil Bupati Kediri 2024" from the race, the region's name as stored (upper case) and the year. */
export function electionName(jenis: JenisPemilihan, regionName: string, year: number): string {
  return `Pemilihan ${TITLE[jenis]} ${titleCase(regionName)} ${year}`;
}

/** KEDIRI → Kediri, DKI JAKARTA → DKI Jakarta, KOTA BARU → Kota Baru. */
export function titleCase(text: string): string {
  const keepUpper = new Set(['DKI', 'DI']);
  return text
    .split(/\s+/)
    .filter((w) => w !== '')
    .map((w) => (keepUpper.has(w.toUpperCase()) ? w.toUpperCase() : w.charAt(0).toUpperCase() + w.slice(1).toLowerCase()))
    .join(' ');
}
