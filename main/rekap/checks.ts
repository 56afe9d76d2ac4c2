/**
 * The arithmetic the rekap checks on every included TPS and, summed, on every region: the C.Hasil form's
 * own rules (domain.md, "Arithmetic that must hold") plus the two the pleno cares about across forms — no
 * TPS above its registered DPT + 2 %, and the form's DPT equal to the registered one.
 *
 * Checks are data (which columns on each side), compiled once per race to column numbers, and evaluated
 * per TPS into a bit mask: bit i set = check i fails at that TPS. Region counts of failing TPS are kept per
 * check, so a region's check answer never scans its TPS unless it has to name them.
 */
import { DPT_MASTER_L, DPT_MASTER_P, TPS_CAP_PILKADA, type FieldLayout } from './fields.ts';

export type CheckDef =
  /** Σ left = Σ right. */
  | { id: string; label: string; kind: 'eq'; left: string[]; right: string[] }
  /** Σ left ≤ R + ceil(R × plusPercent / 100), R = Σ right. */
  | { id: string; label: string; kind: 'lte'; left: string[]; right: string[]; plusPercent: number }
  /** No form field the cap bounds is above `max`. */
  | { id: string; label: string; kind: 'cap'; max: number }
  /** Every form field has a value. */
  | { id: string; label: string; kind: 'complete' };

export type CheckKind = CheckDef['kind'];

const lp = (row: string) => [`${row}.L`, `${row}.P`];

/** The checks for a race with this layout, in the order reports list them. At most 32 (one mask bit each). */
export function checkDefs(layout: FieldLayout, tpsCap: number = TPS_CAP_PILKADA): CheckDef[] {
  const paslon = layout.nomorUrut.map((n) => `IV.${n}`);
  const rowSum = (row: string, label: string): CheckDef => ({
    id: `${row}.L+P`, label: `${label}: L + P = L+P`, kind: 'eq', left: lp(row), right: [`${row}.LP`],
  });
  const b4 = (g: 'L' | 'P' | 'LP'): CheckDef => ({
    id: `I.B.4.${g}=B.1+B.2+B.3`,
    label: `Pengguna hak pilih: B.4 = B.1 + B.2 + B.3 (${g === 'LP' ? 'L+P' : g})`,
    kind: 'eq', left: ['I.B.1', 'I.B.2', 'I.B.3'].map((r) => `${r}.${g}`), right: [`I.B.4.${g}`],
  });
  return [
    { id: 'V.A=ΣIV', label: 'Jumlah suara semua paslon = suara sah', kind: 'eq', left: paslon, right: ['V.A'] },
    { id: 'V.C=V.A+V.B', label: 'Suara sah + suara tidak sah = jumlah suara', kind: 'eq', left: ['V.A', 'V.B'], right: ['V.C'] },
    { id: 'V.C=I.B.4', label: 'Jumlah suara = jumlah pengguna hak pilih', kind: 'eq', left: ['V.C'], right: ['I.B.4.LP'] },
    { id: 'V.C=II.2', label: 'Jumlah suara = surat suara digunakan', kind: 'eq', left: ['V.C'], right: ['II.2'] },
    { id: 'II.2=I.B.4', label: 'Surat suara digunakan = jumlah pengguna hak pilih', kind: 'eq', left: ['II.2'], right: ['I.B.4.LP'] },
    { id: 'II.1=II.2+II.3+II.4', label: 'Surat suara diterima = digunakan + rusak + tidak digunakan', kind: 'eq', left: ['II.2', 'II.3', 'II.4'], right: ['II.1'] },
    {
      id: 'I.B.4<=DPT+2%', label: 'Pengguna hak pilih tidak melebihi DPT terdaftar + 2 %',
      kind: 'lte', left: ['I.B.4.LP'], right: [DPT_MASTER_L, DPT_MASTER_P], plusPercent: 2,
    },
    { id: 'II.1<=I.A+2%', label: 'Surat suara diterima tidak melebihi DPT + 2 % cadangan', kind: 'lte', left: ['II.1'], right: ['I.A.LP'], plusPercent: 2 },
    { id: 'I.B.1<=I.A', label: 'Pengguna hak pilih dari DPT tidak melebihi DPT', kind: 'lte', left: ['I.B.1.LP'], right: ['I.A.LP'], plusPercent: 0 },
    { id: 'III<=I.B.4', label: 'Pemilih disabilitas tidak melebihi pengguna hak pilih', kind: 'lte', left: ['III.LP'], right: ['I.B.4.LP'], plusPercent: 0 },
    { id: 'I.A=DPT', label: 'DPT pada formulir = DPT terdaftar', kind: 'eq', left: ['I.A.LP'], right: [DPT_MASTER_L, DPT_MASTER_P] },
    rowSum('I.A', 'DPT'),
    rowSum('I.B.1', 'Pengguna DPT'),
    rowSum('I.B.2', 'Pengguna DPTb'),
    rowSum('I.B.3', 'Pengguna DPK'),
    rowSum('I.B.4', 'Jumlah pengguna hak pilih'),
    rowSum('III', 'Pemilih disabilitas'),
    b4('L'),
    b4('P'),
    b4('LP'),
    { id: 'batas-TPS', label: `Tidak ada angka pemilih atau suara di atas ${tpsCap} per TPS`, kind: 'cap', max: tpsCap },
    { id: 'lengkap', label: 'Semua kolom formulir terisi', kind: 'complete' },
  ];
}

/**
 * The checks of a race compiled to flat typed arrays, so evaluating a TPS (done for every TPS at load:
 * 821k × ~20 checks for the country) is a tight loop without property lookups. Check i's left columns are
 * `cols[leftAt[i] .. rightAt[i])`, its right columns `cols[rightAt[i] .. leftAt[i + 1])`.
 */
export type CompiledChecks = {
  readonly defs: readonly CheckDef[];
  readonly count: number;
  readonly kind: Uint8Array;
  readonly leftAt: Int32Array;
  readonly rightAt: Int32Array;
  readonly cols: Int32Array;
  readonly plusPercent: Float64Array;
  readonly max: Int32Array;
  /** Form columns the cap bounds, and how many form columns there are (for `complete`). */
  readonly cappedCols: Int32Array;
  readonly formCount: number;
};

const KIND_CODE: Record<CheckKind, number> = { eq: 0, lte: 1, cap: 2, complete: 3 };

export function compileChecks(layout: FieldLayout, defs: readonly CheckDef[]): CompiledChecks {
  if (defs.length > 32) throw new Error('compileChecks: lebih dari 32 pemeriksaan');
  const cols: number[] = [];
  const leftAt = new Int32Array(defs.length + 1);
  const rightAt = new Int32Array(defs.length);
  defs.forEach((def, i) => {
    leftAt[i] = cols.length;
    if (def.kind === 'eq' || def.kind === 'lte') cols.push(...def.left.map((id) => layout.col(id)));
    rightAt[i] = cols.length;
    if (def.kind === 'eq' || def.kind === 'lte') cols.push(...def.right.map((id) => layout.col(id)));
  });
  leftAt[defs.length] = cols.length;
  return {
    defs,
    count: defs.length,
    kind: Uint8Array.from(defs.map((d) => KIND_CODE[d.kind])),
    leftAt,
    rightAt,
    cols: Int32Array.from(cols),
    plusPercent: Float64Array.from(defs.map((d) => (d.kind === 'lte' ? d.plusPercent : 0))),
    max: Int32Array.from(defs.map((d) => (d.kind === 'cap' ? d.max : 0))),
    cappedCols: Int32Array.from(layout.cappedCols),
    formCount: layout.formCount,
  };
}

/**
 * The failing-check mask of one TPS whose values start at `at` in `v` (bit i set = check i fails). A check
 * that needs a field the TPS has no value for (-1) fails: its arithmetic cannot be shown to hold (and the
 * region's summed arithmetic, which counts the missing value as 0, would otherwise fail with no TPS to blame).
 */
export function failMask(c: CompiledChecks, v: Int16Array, at: number): number {
  const { kind, leftAt, rightAt, cols, plusPercent, max, cappedCols, formCount, count } = c;
  // "no value" is -1: OR-ing the values keeps the sign bit when any is missing, without a branch per value
  let mask = 0;
  for (let i = 0; i < count; i++) {
    const k = kind[i]!;
    let fails: boolean;
    if (k <= 1) {
      let l = 0;
      let r = 0;
      let any = 0;
      const mid = rightAt[i]!;
      const end = leftAt[i + 1]!;
      for (let j = leftAt[i]!; j < mid; j++) {
        const x = v[at + cols[j]!]!;
        l += x;
        any |= x;
      }
      for (let j = mid; j < end; j++) {
        const x = v[at + cols[j]!]!;
        r += x;
        any |= x;
      }
      fails = any < 0 || (k === 0 ? l !== r : l > r + Math.ceil((r * plusPercent[i]!) / 100));
    } else if (k === 2) {
      let top = 0;
      for (let j = 0; j < cappedCols.length; j++) top = Math.max(top, v[at + cappedCols[j]!]!);
      fails = top > max[i]!;
    } else {
      let any = 0;
      for (let col = 0; col < formCount; col++) any |= v[at + col]!;
      fails = any < 0;
    }
    if (fails) mask |= 1 << i;
  }
  return mask;
}
