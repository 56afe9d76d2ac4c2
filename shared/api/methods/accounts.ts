/**
 * Who is working at this device: the local operator profiles (issue 4, "Roles"). A profile is chosen at
 * start and remembered per device; every audit entry names it. Real accounts with passwords and keys can
 * replace these later behind the same methods (see main/accounts/README.md).
 */
import { z } from 'zod';
import { RegionCode } from '../../domain/types.ts';
import { method } from '../define.ts';

/** `ppk`: Operator PPK, bound to one kecamatan. `kpu_kabkota`: Operator KPU Kab/Kota (may unlock withheld TPS). */
export const Role = z.enum(['ppk', 'kpu_kabkota']);
export type Role = z.infer<typeof Role>;

/** What the operator picks in the chooser. */
export const ProfileChoice = z.object({
  role: Role,
  /** A kecamatan for `ppk`; the kab/kota for `kpu_kabkota`. */
  regionCode: RegionCode,
  /** The person's own name, optional; shown in the header and the audit log. */
  name: z.string().trim().max(60).nullable().default(null),
}).strict();
export type ProfileChoice = z.infer<typeof ProfileChoice>;

export const Profile = z.object({
  /** Stable id of the profile, e.g. `ppk:350601`, `kpu_kabkota:3506`. */
  id: z.string(),
  role: Role,
  regionCode: RegionCode,
  regionName: z.string(),
  name: z.string().nullable(),
  /** How the header and the audit log name this user: "Operator PPK Kecamatan Semen — Sari". */
  label: z.string(),
  since: z.string(),
});
export type Profile = z.infer<typeof Profile>;

export const ActiveProfile = z.object({ profile: Profile.nullable() });
export type ActiveProfile = z.infer<typeof ActiveProfile>;

export const accountMethods = {
  getActiveProfile: method('operator', z.object({}).strict(), ActiveProfile),
  /** Choose a profile (null: leave it, the chooser shows again). */
  setActiveProfile: method('operator', z.object({ profile: ProfileChoice.nullable() }).strict(), ActiveProfile),
} as const;
