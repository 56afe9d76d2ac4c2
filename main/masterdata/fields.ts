/** Parsers for the cells of master-data files. Each returns the value or a message (Bahasa Indonesia). */
export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** A whole number written with digits only (no sign, no separators), within [min, max]. */
export function wholeNumber(text: string, min: number, max: number): Parsed<number> {
  if (text === '') return { ok: false, message: 'wajib diisi' };
  if (!/^\d+$/.test(text)) return { ok: false, message: `"${text}" bukan bilangan bulat` };
  const value = Number(text);
  if (value < min || value > max) return { ok: false, message: `${value} di luar batas ${min}–${max}` };
  return { ok: true, value };
}

/**
 * A Kemendagri region code: 2, 4, 6 or 10 digits, written without dots, none of its parts zero
 * (province 11–99, kab/kota 01–99, kecamatan 01–99, desa 0001–9999).
 */
export function regionCode(text: string, lengths: readonly number[] = [2, 4, 6, 10]): Parsed<string> {
  if (text === '') return { ok: false, message: 'wajib diisi' };
  if (!/^\d+$/.test(text)) return { ok: false, message: `"${text}" bukan kode wilayah: hanya angka, tanpa titik` };
  if (!lengths.includes(text.length)) {
    return { ok: false, message: `kode "${text}" berisi ${text.length} digit; seharusnya ${lengths.join(', ')} digit` };
  }
  const parts = [text.slice(0, 2), text.slice(2, 4), text.slice(4, 6), text.slice(6, 10)].filter((p) => p !== '');
  if (parts.some((p) => /^0+$/.test(p))) return { ok: false, message: `kode "${text}" memuat bagian 00 yang tidak sah` };
  return { ok: true, value: text };
}

/** Free text of 1..max characters, spaces collapsed. */
export function name(text: string, max = 200): Parsed<string> {
  const value = text.replace(/\s+/g, ' ').trim();
  if (value === '') return { ok: false, message: 'wajib diisi' };
  if (value.length > max) return { ok: false, message: `terlalu panjang (${value.length} karakter, paling banyak ${max})` };
  return { ok: true, value };
}

/** ya/tidak, as people write it in a spreadsheet; empty means tidak. */
export function yesNo(text: string): Parsed<boolean> {
  const t = text.toLowerCase();
  if (['ya', 'y', '1', 'true', 'benar'].includes(t)) return { ok: true, value: true };
  if (['', 'tidak', 't', '0', 'false', 'salah'].includes(t)) return { ok: true, value: false };
  return { ok: false, message: `"${text}" harus "ya" atau "tidak"` };
}

/** The longest region code (2, 4, 6 or 10 digits) that prefixes every code given; '' when they share none. */
export function commonRegion(codes: Iterable<string>): string {
  let prefix: string | null = null;
  for (const code of codes) {
    if (prefix === null) {
      prefix = code;
      continue;
    }
    let k = 0;
    while (k < prefix.length && k < code.length && prefix[k] === code[k]) k++;
    prefix = prefix.slice(0, k);
  }
  if (!prefix) return '';
  const level = [10, 6, 4, 2].find((n) => n <= prefix!.length);
  return level === undefined ? '' : prefix.slice(0, level);
}
