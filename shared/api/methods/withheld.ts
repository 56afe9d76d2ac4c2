/**
 * Withheld C.Hasil pages (*ditahan / tidak dipublikasikan*, issue 4): the list (the PPK sees it; scoped to the
 * active profile's region), unlocking one (Operator KPU Kab/Kota only, with a reason; enforced by the API),
 * and a small thumbnail of any stored page for lists.
 */
import { z } from 'zod';
import { RegionCode, TpsStatus } from '../../domain/types.ts';
import { method } from '../define.ts';

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'sha256 harus 64 digit heksadesimal');

export const WithheldItem = z.object({
  sheetId: z.number().int(),
  sha256: Sha256,
  mime: z.string(),
  sourceName: z.string().nullable(),
  tpsCode: z.string().nullable(),
  tpsNumber: z.number().int().nullable(),
  desaName: z.string().nullable(),
  kecamatanName: z.string().nullable(),
  electionId: z.number().int().nullable(),
  electionName: z.string().nullable(),
  tpsStatus: TpsStatus.nullable(),
  reason: z.string(),
  /** withheld: still held; unlocked: set aside by KPU Kab/Kota, waiting for a new photo; replaced: a new photo came. */
  state: z.enum(['withheld', 'unlocked', 'replaced']),
  withheldAt: z.string(),
  withheldBy: z.string(),
  importedBy: z.string().nullable(),
  unlockedAt: z.string().nullable(),
  unlockedBy: z.string().nullable(),
  unlockReason: z.string().nullable(),
  newSheetId: z.number().int().nullable(),
  newSheetAt: z.string().nullable(),
});
export type WithheldItem = z.infer<typeof WithheldItem>;

export const WithheldList = z.object({
  /** The region listed (the profile's), null = everything. */
  regionCode: RegionCode.nullable(),
  /** Whether the active profile may unlock (Operator KPU Kab/Kota). */
  canUnlock: z.boolean(),
  items: z.array(WithheldItem),
});
export type WithheldList = z.infer<typeof WithheldList>;

export const withheldMethods = {
  listWithheld: method('operator', z.object({}).strict(), WithheldList),
  unlockWithheld: method(
    'operator',
    z.object({ sheetId: z.number().int().positive(), reason: z.string().trim().min(1, 'sebutkan alasannya').max(500) }).strict(),
    WithheldList,
  ),
  /** A stored page made small (JPEG, at most `width` px wide) for lists; null for a file that is not an image (PDF). */
  getSheetThumbnail: method(
    'read',
    z.object({ sha256: Sha256, width: z.number().int().min(32).max(640).default(240) }).strict(),
    z.object({ dataUrl: z.string().nullable() }),
  ),
} as const;
