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

const Count = z.number().int().min(0);
/** One current C.Hasil page of a TPS: getSheetImage({ sha256, sheetId }) shows it (a PDF's page as an image, a photo rectified). */
export const ItemPage = z.object({ sheetId: z.number().int(), sha256: z.string(), halaman: z.number().int().nullable() });
export type ItemPage = z.infer<typeof ItemPage>;

const ProjectorTpsCounts = z.object({ total: Count, included: Count, missing: Count, withheld: Count });

/** Running totals of the focused race and region, from the rekap engine (verified TPS only). */
export const ProjectorRekap = z.object({
  paslon: z.array(z.object({ nomorUrut: z.number().int(), suara: Count })),
  suaraSah: Count,
  suaraTidakSah: Count,
  tps: ProjectorTpsCounts,
  /** Desa whose every TPS is in (verified or withheld): "desa selesai". */
  desa: z.object({ total: Count, done: Count }),
  /** The reference of the closed session locking these totals, null while open. */
  lockedBy: z.string().nullable(),
  /** Checks that fail here, with (up to 5) TPS named. */
  failingChecks: z.array(z.object({ id: z.string(), label: z.string(), failingCount: Count, failingTps: z.array(z.string()) })),
  version: z.number().int(),
});
export type ProjectorRekap = z.infer<typeof ProjectorRekap>;

/** The pleno session the projector follows (issue 5). */
export const ProjectorSession = z.object({
  id: z.number().int(),
  reference: z.string(),
  level: z.enum(['kecamatan', 'kabkota']),
  state: z.enum(['open', 'closed']),
  heldOn: z.string(),
  place: z.string(),
});
export type ProjectorSession = z.infer<typeof ProjectorSession>;

/** The item the room is on: a desa, a TPS or a kecamatan, with its own numbers and checks. */
export const ProjectorItem = z.object({
  kind: z.enum(['kecamatan', 'desa', 'tps']),
  code: z.string(),
  name: z.string(),
  /** Names above it inside the session ("Desa Mojo" for a TPS). */
  parentName: z.string().nullable(),
  position: z.number().int(),
  count: z.number().int(),
  /** For a TPS: whether its numbers are in the totals. */
  state: z.enum(['verified', 'withheld', 'missing']).nullable(),
  paslon: z.array(z.object({ nomorUrut: z.number().int(), suara: Count })),
  suaraSah: Count,
  suaraTidakSah: Count,
  tps: ProjectorTpsCounts,
  failingChecks: z.array(z.object({ id: z.string(), label: z.string(), failingTps: z.array(z.string()) })),
  /** The TPS's current C.Hasil pages, in page order (the form beside the numbers). */
  photos: z.array(ItemPage),
});
export type ProjectorItem = z.infer<typeof ProjectorItem>;

/** The latest pleno correction in the focused region: shown as struck old value → new value. */
export const ProjectorCorrection = z.object({
  id: z.number().int(),
  sessionId: z.number().int(),
  tpsCode: z.string(),
  tpsName: z.string(),
  fieldId: z.string(),
  oldValue: z.number().int().nullable(),
  newValue: z.number().int(),
  reason: z.string(),
  at: z.string(),
});
export type ProjectorCorrection = z.infer<typeof ProjectorCorrection>;

export const ProjectorState = z.object({
  focus: ProjectorFocus,
  region: Region.nullable(),
  election: Election.nullable(),
  /** Votes per paslon nomor urut; null while no TPS is verified. */
  votes: z.array(z.object({ nomorUrut: z.number().int(), suara: z.number().int().nullable() })),
  tpsTotal: z.number().int(),
  tpsDone: z.number().int(),
  updatedAt: z.string(),
  /** Added by the rekap/pleno work; absent fields read as null (older hosts). */
  rekap: ProjectorRekap.nullable().default(null),
  session: ProjectorSession.nullable().default(null),
  item: ProjectorItem.nullable().default(null),
  lastCorrection: ProjectorCorrection.nullable().default(null),
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
