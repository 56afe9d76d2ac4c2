/** The words the UI shows for domain values (Bahasa Indonesia), in one place. */
import type { Election, JenisPemilihan, Region, RegionLevel, TpsStatus } from '../../shared/domain/types.ts';

export const STATUS_ORDER: readonly TpsStatus[] = ['no_chasil', 'received', 'needs_review', 'verified', 'withheld'];

export const STATUS_LABEL: Record<TpsStatus, string> = {
  no_chasil: 'Belum ada C.Hasil',
  received: 'Diterima',
  needs_review: 'Perlu diperiksa',
  verified: 'Terverifikasi',
  withheld: 'Ditahan',
};

export const JENIS_LABEL: Record<JenisPemilihan, string> = {
  gubernur: 'Pemilihan Gubernur dan Wakil Gubernur',
  bupati: 'Pemilihan Bupati dan Wakil Bupati',
  walikota: 'Pemilihan Wali Kota dan Wakil Wali Kota',
};

export const JENIS_SHORT: Record<JenisPemilihan, string> = {
  gubernur: 'Gubernur',
  bupati: 'Bupati',
  walikota: 'Wali Kota',
};

const CHILD_LEVEL_PLURAL: Record<RegionLevel, string> = {
  provinsi: 'kab/kota',
  kabkota: 'kecamatan',
  kecamatan: 'desa/kel.',
  desa: 'TPS',
};

export function childLevelLabel(level: RegionLevel): string {
  return CHILD_LEVEL_PLURAL[level];
}

/**
 * The administrative word before a region's name. Kemendagri codes tell kabupaten (01–69) from kota (71–99)
 * and kelurahan (desa part starting 1) from desa (starting 2).
 */
export function levelWord(region: Pick<Region, 'code' | 'level'>): string {
  switch (region.level) {
    case 'provinsi':
      return 'Provinsi';
    case 'kabkota':
      return Number(region.code.slice(2, 4)) >= 71 ? 'Kota' : 'Kabupaten';
    case 'kecamatan':
      return 'Kecamatan';
    case 'desa':
      return region.code[6] === '1' ? 'Kelurahan' : 'Desa';
  }
}

/** Master data spells names in capitals (KEDIRI); people read "Kediri" more easily on screen. */
export function displayName(name: string): string {
  if (name !== name.toUpperCase()) return name;
  return name.toLowerCase().replace(/(^|[\s\-/(.'])(\p{L})/gu, (_, sep: string, letter: string) => sep + letter.toUpperCase());
}

/** "Kecamatan Semen", "Kabupaten Kediri"; leaves names that already carry their level alone. */
export function regionTitle(region: Pick<Region, 'code' | 'level' | 'name'>): string {
  const word = levelWord(region);
  const name = displayName(region.name);
  return name.toLowerCase().startsWith(word.toLowerCase()) || /^(kab\.|kab |kota )/i.test(name) ? name : `${word} ${name}`;
}

/** "Pemilihan Bupati dan Wakil Bupati Kediri 2024": the race's own name, with its year unless the name has it. */
export function raceTitle(election: Pick<Election, 'name' | 'jenis' | 'year'>): string {
  const name = election.name.trim() || JENIS_LABEL[election.jenis];
  return name.includes(String(election.year)) ? name : `${name} ${election.year}`;
}
