/** How roles and profiles are named on screen and in the audit log (Bahasa Indonesia). */
import type { Role } from './types.ts';

export const ROLE_LABEL: Record<Role, string> = {
  ppk: 'Operator PPK',
  kpu_kabkota: 'Operator KPU Kab/Kota',
};

/** "Operator PPK Kecamatan Semen — Sari", "Operator KPU Kab/Kota Kabupaten Kediri". */
export function profileLabel(role: Role, regionTitle: string, name: string | null): string {
  const base = `${ROLE_LABEL[role]} ${regionTitle}`;
  return name ? `${base} — ${name}` : base;
}

/** Master data writes names in capitals (SEMEN); "Kecamatan Semen" reads better in a log. */
export function regionTitle(level: 'kecamatan' | 'kabkota', code: string, name: string): string {
  const proper = name === name.toUpperCase()
    ? name.toLowerCase().replace(/(^|[\s\-/(.'])(\p{L})/gu, (_, sep: string, c: string) => sep + c.toUpperCase())
    : name;
  const word = level === 'kecamatan' ? 'Kecamatan' : Number(code.slice(2, 4)) >= 71 ? 'Kota' : 'Kabupaten';
  return proper.toLowerCase().startsWith(word.toLowerCase()) ? proper : `${word} ${proper}`;
}
