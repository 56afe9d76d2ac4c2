/**
 * Which numbers the rekap adds up for one race: the C.Hasil-KWK form's fields (page 1: DPT, pengguna
 * hak pilih, surat suara, disabilitas; page 2: votes per paslon and suara sah / tidak sah / total), in a
 * fixed column order, plus two columns that do not come from the form: the registered DPT of the TPS
 * (master data), so a region's total can be compared with what its forms claim.
 *
 * Field ids are the ones printed on the form and stored in `tally_value.field_id` (see the templates in
 * resources/forms/pleno-kwk; test/rekap/fields.test.ts keeps this list and the templates in step).
 */

/** Page 1 of the C.Hasil-KWK, in the order the form prints them. */
export const PAGE1_FIELDS = [
  'I.A.L', 'I.A.P', 'I.A.LP',
  'I.B.1.L', 'I.B.1.P', 'I.B.1.LP',
  'I.B.2.L', 'I.B.2.P', 'I.B.2.LP',
  'I.B.3.L', 'I.B.3.P', 'I.B.3.LP',
  'I.B.4.L', 'I.B.4.P', 'I.B.4.LP',
  'II.1', 'II.2', 'II.3', 'II.4',
  'III.L', 'III.P', 'III.LP',
] as const;

/** Page 2 after the paslon rows. */
export const SUARA_FIELDS = ['V.A', 'V.B', 'V.C'] as const;

/** Registered voters of the TPS from master data (not written on the form by the KPPS). */
export const DPT_MASTER_L = 'DPT.L';
export const DPT_MASTER_P = 'DPT.P';

/** The Pilkada voter cap per TPS: any single count above it is an anomaly (the form itself holds up to 999). */
export const TPS_CAP_PILKADA = 600;

/**
 * Whether the TPS cap bounds a form field (the templates' `capped`): every voter count and every vote
 * count; not the ballots received, damaged or unused (II.1, II.3, II.4), which include the reserve.
 */
export function isCapped(id: string): boolean {
  return !(id === 'II.1' || id === 'II.3' || id === 'II.4');
}

export type FieldLayout = {
  /** Every column: form fields first (page 1, IV.1..IV.n, V.A..V.C), then the two master-data DPT columns. */
  readonly ids: readonly string[];
  /** How many of `ids` are form fields (the rest are master data). */
  readonly formCount: number;
  readonly paslonCount: number;
  /** Nomor urut per paslon, ascending; column of paslon k is `col('IV.' + nomorUrut[k])`. */
  readonly nomorUrut: readonly number[];
  /** Columns of the form fields the TPS cap bounds. */
  readonly cappedCols: readonly number[];
  col(id: string): number;
  has(id: string): boolean;
};

/**
 * The column layout of a race with these paslon numbers (1 to 6, each once). A single-pair race has two
 * vote rows, the pair and the empty box (kotak kosong, stored as its own `paslon` row): pass both.
 */
export function fieldLayout(nomorUrut: readonly number[]): FieldLayout {
  const sorted = [...nomorUrut].sort((a, b) => a - b);
  if (sorted.length < 1 || sorted.length > 6 || sorted.some((n, i) => !Number.isInteger(n) || n < 1 || n > 6 || n === sorted[i - 1])) {
    throw new Error(`fieldLayout: nomor urut paslon harus 1–6 berbeda, didapat ${JSON.stringify(nomorUrut)}`);
  }
  const form = [...PAGE1_FIELDS, ...sorted.map((n) => `IV.${n}`), ...SUARA_FIELDS];
  const ids = [...form, DPT_MASTER_L, DPT_MASTER_P];
  const index = new Map(ids.map((id, i) => [id, i]));
  return {
    ids,
    formCount: form.length,
    paslonCount: sorted.length,
    nomorUrut: sorted,
    cappedCols: form.filter(isCapped).map((id) => index.get(id)!),
    col(id) {
      const i = index.get(id);
      if (i === undefined) throw new Error(`fieldLayout: kolom tidak dikenal: ${id}`);
      return i;
    },
    has: (id) => index.has(id),
  };
}
