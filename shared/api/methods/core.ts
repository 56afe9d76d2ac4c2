/**
 * The spine's methods: app info, regions, TPS, elections, projector focus, settings.
 */
import { z } from 'zod';
import { Election, Region, RegionCode, RegionSummary, StatusCounts, Tps, TpsStatus } from '../../domain/types.ts';
import { Empty, method } from '../define.ts';

export const AppInfo = z.object({
  name: z.literal('Pleno'),
  version: z.string(),
  dataDir: z.string(),
  dbPath: z.string(),
  schemaVersion: z.number().int(),
  /** The region the database was seeded for (e.g. Kabupaten Kediri), null when empty. */
  homeRegion: Region.nullable(),
  demo: z.boolean(),
  face: z.enum(['electron', 'browser']),
  access: z.enum(['operator', 'viewer']),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const RegionDetail = z.object({
  region: RegionSummary,
  /** From the province down to this region, for breadcrumbs. */
  path: z.array(Region),
});
export type RegionDetail = z.infer<typeof RegionDetail>;

export const TpsPage = z.object({
  items: z.array(Tps),
  total: z.number().int(),
});

export const LevelCounts = z.object({
  provinsi: z.number().int(),
  kabkota: z.number().int(),
  kecamatan: z.number().int(),
  desa: z.number().int(),
  tps: z.number().int(),
  dpt: z.number().int(),
  status: StatusCounts,
});
export type LevelCounts = z.infer<typeof LevelCounts>;

export const ProjectorFocus = z.object({
  electionId: z.number().int().nullable(),
  regionCode: RegionCode.nullable(),
});
export type ProjectorFocus = z.infer<typeof ProjectorFocus>;

export const ProjectorState = z.object({
  focus: ProjectorFocus,
  region: Region.nullable(),
  election: Election.nullable(),
  /** Votes per paslon nomor urut; null while no TPS is verified. */
  votes: z.array(z.object({ nomorUrut: z.number().int(), suara: z.number().int().nullable() })),
  tpsTotal: z.number().int(),
  tpsDone: z.number().int(),
  updatedAt: z.string(),
});
export type ProjectorState = z.infer<typeof ProjectorState>;

export const Settings = z.object({
  /** electron-updater generic provider URL set by the KPU Kab/Kota; null = no update checks. */
  updateUrl: z.url({ protocol: /^https?$/ }).nullable(),
  deviceName: z.string().min(1).max(80),
});
export type Settings = z.infer<typeof Settings>;

export const coreMethods = {
  getAppInfo: method('read', Empty, AppInfo),
  getStatusSummary: method('read', z.object({ regionCode: RegionCode.optional() }).strict(), LevelCounts),
  /** Children of a region (null = the top regions present in the database), with counts. */
  listRegionChildren: method('read', z.object({ parentCode: RegionCode.nullable() }).strict(), z.array(RegionSummary)),
  getRegion: method('read', z.object({ code: RegionCode }).strict(), RegionDetail),
  /** TPS under any region (desa, kecamatan, kab/kota), ordered by code, paged. */
  listTps: method(
    'read',
    z.object({
      regionCode: RegionCode,
      status: TpsStatus.optional(),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(5000).default(500),
    }).strict(),
    TpsPage,
  ),
  listElections: method('read', Empty, z.array(Election)),
  getProjectorState: method('read', Empty, ProjectorState),
  setProjectorFocus: method('operator', ProjectorFocus.strict(), ProjectorFocus),
  getSettings: method('read', Empty, Settings),
  updateSettings: method('operator', Settings.partial().strict(), Settings),
} as const;
