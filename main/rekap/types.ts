/**
 * What the rekap engine takes and returns. Everything returned is plain JSON (numbers, strings, arrays,
 * objects), fresh on every call: the API can send it as is, documents and the projector can keep it.
 * When the API contract grows rekap methods, these shapes are the ones to mirror as schemas in shared/.
 */
import type { RegionLevel } from '../../shared/domain/types.ts';

/** The race a rekap is for: its region (provinsi for gubernur, kab/kota otherwise) and its paslon numbers. */
export type RekapElection = { id: number; regionCode: string; nomorUrut: readonly number[] };

/**
 * What the rekap knows of one TPS for one race. Only `verified` values count; `withheld` (ditahan: not a
 * form, or held back by the PPK) and `missing` (no C.Hasil yet, or not verified yet) are counted beside
 * the totals so nobody mistakes a partial total for a final one.
 */
export type TpsInput =
  | { state: 'verified'; values: Readonly<Record<string, number>> }
  | { state: 'withheld' }
  | { state: 'missing' };

export type TpsState = TpsInput['state'];

export type LP = { l: number; p: number; lp: number };

export type TpsCounts = {
  /** TPS in the region (for a TPS: 1). */
  total: number;
  /** Verified: their numbers are in the totals. */
  included: number;
  /** No verified C.Hasil yet. */
  missing: number;
  /** Withheld (ditahan). */
  withheld: number;
};

export type LockInfo = {
  regionCode: string;
  electionId: number;
  /** Who/what locked it, e.g. the pleno session's reference. */
  reference: string;
  lockedAt: string;
};

export type RegionTotals = {
  electionId: number;
  /** A region code, or a 13-digit TPS code. */
  regionCode: string;
  level: RegionLevel | 'tps';
  name: string;
  /** Beside every total below: how many TPS it is made of, and how many are still out. */
  tps: TpsCounts;
  /** The lock covering this region (its own or an ancestor's), null when open. */
  locked: LockInfo | null;
  /** Changes to this race so far (TPS changes, loads, locks): a screen showing version v is current while it is unchanged. */
  version: number;
  paslon: { nomorUrut: number; suara: number }[];
  suara: { sah: number; tidakSah: number; total: number };
  /** DPT as written on the included forms (I.A). */
  dpt: LP;
  /** Registered DPT (master data): of the included TPS, and of every TPS in the region. */
  dptTerdaftar: { tpsMasuk: LP; wilayah: LP };
  pengguna: { dpt: LP; dptb: LP; dpk: LP; total: LP };
  suratSuara: { diterima: number; digunakan: number; rusak: number; sisa: number };
  disabilitas: LP;
  /** Every form field's total by field id (`I.B.4.LP`, `IV.2`, `V.C`): what CSV and documents list. */
  fields: Record<string, number>;
};

export type CheckResult = {
  id: string;
  label: string;
  kind: 'eq' | 'lte' | 'cap' | 'complete';
  /** False when any included TPS fails it, or (for `eq`) the region's summed sides differ. */
  holds: boolean;
  /** For `eq`: both sides summed over the included TPS. Null for the other kinds (a per-TPS bound). */
  summed: { left: number; right: number } | null;
  /** How many included TPS fail the check. */
  failingCount: number;
  /** The TPS that fail it, in code order (at most the `limit` asked for). */
  failingTps: string[];
};

export type RegionChecks = {
  electionId: number;
  regionCode: string;
  level: RegionLevel | 'tps';
  tps: TpsCounts;
  /** True when every check holds. */
  ok: boolean;
  checks: CheckResult[];
  version: number;
};

/** One TPS of a race: its state, its values by field (verified only), and the checks it fails. */
export type TpsRekap = {
  electionId: number;
  tpsCode: string;
  state: TpsState;
  values: Record<string, number> | null;
  failing: string[];
  locked: LockInfo | null;
};

/** Told to subscribers after every applied change, with the regions whose totals moved (desa upwards). */
export type RekapChange = {
  electionId: number;
  tpsCode: string;
  state: TpsState;
  /** Desa, kecamatan, kab/kota (and provinsi for a gubernur race) codes, bottom up. */
  regionCodes: string[];
  version: number;
};
