/**
 * Domain vocabulary shared by the main process, the renderer and the CLI.
 * Indonesian words where they are the users' own words (tps, paslon, dpt).
 */
import { z } from 'zod';

/** Kemendagri region codes written without dots: 2, 4, 6 or 10 digits; a TPS adds 3 digits (13). */
export const RegionLevel = z.enum(['provinsi', 'kabkota', 'kecamatan', 'desa']);
export type RegionLevel = z.infer<typeof RegionLevel>;

export const REGION_CODE_LENGTH: Record<RegionLevel, number> = {
  provinsi: 2,
  kabkota: 4,
  kecamatan: 6,
  desa: 10,
};

export const RegionCode = z.string().regex(/^(\d{2}|\d{4}|\d{6}|\d{10})$/, 'kode wilayah harus 2, 4, 6 atau 10 digit');
export const TpsCode = z.string().regex(/^\d{13}$/, 'kode TPS harus 13 digit');

export function levelOfCode(code: string): RegionLevel {
  switch (code.length) {
    case 2: return 'provinsi';
    case 4: return 'kabkota';
    case 6: return 'kecamatan';
    case 10: return 'desa';
    default: throw new Error(`bukan kode wilayah: ${code}`);
  }
}

/** What stage a TPS's C.Hasil has reached. At the spine stage every TPS is `no_chasil`. */
export const TpsStatus = z.enum(['no_chasil', 'received', 'needs_review', 'verified', 'withheld']);
export type TpsStatus = z.infer<typeof TpsStatus>;

export const JenisPemilihan = z.enum(['gubernur', 'bupati', 'walikota']);
export type JenisPemilihan = z.infer<typeof JenisPemilihan>;

export const Region = z.object({
  code: RegionCode,
  name: z.string(),
  level: RegionLevel,
  parentCode: RegionCode.nullable(),
});
export type Region = z.infer<typeof Region>;

export const StatusCounts = z.object({
  no_chasil: z.number().int(),
  received: z.number().int(),
  needs_review: z.number().int(),
  verified: z.number().int(),
  withheld: z.number().int(),
});
export type StatusCounts = z.infer<typeof StatusCounts>;

/** A region with what the tree and the status board show beside it. */
export const RegionSummary = Region.extend({
  childCount: z.number().int(),
  desaCount: z.number().int(),
  tpsCount: z.number().int(),
  dptTotal: z.number().int(),
  status: StatusCounts,
});
export type RegionSummary = z.infer<typeof RegionSummary>;

export const Tps = z.object({
  code: TpsCode,
  desaCode: RegionCode,
  nomor: z.number().int().min(1).max(999),
  dptL: z.number().int().min(0),
  dptP: z.number().int().min(0),
  status: TpsStatus,
});
export type Tps = z.infer<typeof Tps>;

export const Paslon = z.object({
  nomorUrut: z.number().int().min(1).max(6),
  kepala: z.string(),
  wakil: z.string(),
  /** The single-candidate race: the pair runs against the empty box, which is listed as its own row. */
  kotakKosong: z.boolean(),
});
export type Paslon = z.infer<typeof Paslon>;

export const Election = z.object({
  id: z.number().int(),
  jenis: JenisPemilihan,
  /** The region the race is for: a provinsi (gubernur) or a kab/kota (bupati, walikota). */
  regionCode: RegionCode,
  name: z.string(),
  year: z.number().int(),
  demo: z.boolean(),
  paslon: z.array(Paslon),
});
export type Election = z.infer<typeof Election>;
