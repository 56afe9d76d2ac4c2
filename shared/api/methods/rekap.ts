/**
 * The rekap's methods: totals, the D.Hasil rows of a region's parts, and the checks (naming the TPS that
 * fail them), for one race. The schemas mirror main/rekap/types.ts, which the engine returns as plain JSON.
 */
import { z } from 'zod';
import { RegionCode, RegionLevel, TpsCode } from '../../domain/types.ts';
import { method } from '../define.ts';

const Count = z.number().int().min(0);
export const LP = z.object({ l: Count, p: Count, lp: Count });

export const TpsCounts = z.object({ total: Count, included: Count, missing: Count, withheld: Count });
export type TpsCounts = z.infer<typeof TpsCounts>;

export const LockInfo = z.object({
  regionCode: RegionCode,
  electionId: z.number().int(),
  reference: z.string(),
  lockedAt: z.string(),
});
export type LockInfo = z.infer<typeof LockInfo>;

export const RekapLevel = z.union([RegionLevel, z.literal('tps')]);

export const RegionTotals = z.object({
  electionId: z.number().int(),
  regionCode: z.union([RegionCode, TpsCode]),
  level: RekapLevel,
  name: z.string(),
  tps: TpsCounts,
  locked: LockInfo.nullable(),
  version: z.number().int(),
  paslon: z.array(z.object({ nomorUrut: z.number().int().min(1).max(6), suara: Count })),
  suara: z.object({ sah: Count, tidakSah: Count, total: Count }),
  dpt: LP,
  dptTerdaftar: z.object({ tpsMasuk: LP, wilayah: LP }),
  pengguna: z.object({ dpt: LP, dptb: LP, dpk: LP, total: LP }),
  suratSuara: z.object({ diterima: Count, digunakan: Count, rusak: Count, sisa: Count }),
  disabilitas: LP,
  fields: z.record(z.string(), z.number().int()),
});
export type RegionTotals = z.infer<typeof RegionTotals>;

export const CheckResult = z.object({
  id: z.string(),
  label: z.string(),
  kind: z.enum(['eq', 'lte', 'cap', 'complete']),
  holds: z.boolean(),
  summed: z.object({ left: z.number().int(), right: z.number().int() }).nullable(),
  failingCount: Count,
  failingTps: z.array(TpsCode),
});
export type CheckResult = z.infer<typeof CheckResult>;

export const RegionChecks = z.object({
  electionId: z.number().int(),
  regionCode: z.union([RegionCode, TpsCode]),
  level: RekapLevel,
  tps: TpsCounts,
  ok: z.boolean(),
  checks: z.array(CheckResult),
  version: z.number().int(),
});
export type RegionChecks = z.infer<typeof RegionChecks>;

export const TpsRekap = z.object({
  electionId: z.number().int(),
  tpsCode: TpsCode,
  state: z.enum(['verified', 'withheld', 'missing']),
  values: z.record(z.string(), z.number().int()).nullable(),
  failing: z.array(z.string()),
  locked: LockInfo.nullable(),
});
export type TpsRekap = z.infer<typeof TpsRekap>;

/** A region's rekap: its totals, its parts' rows (the D.Hasil table), and its checks. */
export const Rekap = z.object({
  totals: RegionTotals,
  children: z.array(RegionTotals),
  checks: RegionChecks,
});
export type Rekap = z.infer<typeof Rekap>;

export const rekapMethods = {
  /** Totals, D.Hasil rows (desa of a kecamatan, kecamatan of a kab/kota, TPS of a desa) and checks. */
  getRekap: method(
    'read',
    z.object({
      electionId: z.number().int().min(1),
      regionCode: RegionCode,
      /** At most this many failing TPS named per check (the count is always exact). */
      failingLimit: z.number().int().min(0).max(5000).default(50),
    }).strict(),
    Rekap,
  ),
  /** One TPS of a race: state, verified values by field, failing checks, lock. */
  getRekapTps: method('read', z.object({ electionId: z.number().int().min(1), tpsCode: TpsCode }).strict(), TpsRekap),
} as const;
