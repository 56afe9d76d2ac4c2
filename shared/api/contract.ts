/**
 * The API contract: the one list of what the UI, the CLI and remote viewers may ask of Pleno.
 * main/api implements it once; Electron IPC (preload) and the HTTP/WebSocket host both expose exactly
 * these methods, validating every input with the schema here before the implementation sees it.
 *
 * `access: 'read'`     — anyone allowed to view (projector screens on the LAN, read-only viewers).
 * `access: 'operator'` — only the local operator (the Electron window, or a browser on this machine
 *                        holding the operator token).
 */
import { z } from 'zod';
import { Election, Region, RegionCode, RegionSummary, StatusCounts, Tps, TpsStatus } from '../domain/types.ts';

const Empty = z.object({}).strict();

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

function method<I extends z.ZodType, O extends z.ZodType>(access: 'read' | 'operator', input: I, output: O) {
  return { access, input, output };
}

export const methods = {
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

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Methods[M]['output']>;
export const methodNames = Object.keys(methods) as MethodName[];

/** Push events: the projector and every open console follow these live. */
export const events = {
  projectorChanged: ProjectorState,
  dataChanged: z.object({ scope: z.string(), regionCode: RegionCode.nullable() }),
} as const;
export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;
export const eventNames = Object.keys(events) as EventName[];

/** The client-side shape: what the preload exposes as `window.pleno` and what the browser client implements. */
export type PlenoApi = {
  [M in MethodName]: (input: MethodInput<M>) => Promise<MethodOutput<M>>;
} & {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};

/** Expected failures crossing the API boundary: a code the UI can act on and a message in Bahasa Indonesia. */
export const ApiErrorCode = z.enum(['invalid_input', 'not_found', 'forbidden', 'conflict', 'internal']);
export type ApiErrorCode = z.infer<typeof ApiErrorCode>;
export const ApiErrorBody = z.object({
  code: ApiErrorCode,
  message: z.string(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type ApiErrorBody = z.infer<typeof ApiErrorBody>;

export class ApiError extends Error {
  constructor(readonly code: ApiErrorCode, message: string, readonly issues?: ApiErrorBody['issues']) {
    super(message);
    this.name = 'ApiError';
  }
  toBody(): ApiErrorBody {
    return { code: this.code, message: this.message, ...(this.issues ? { issues: this.issues } : {}) };
  }
}
