/**
 * Importing C.Hasil photos and PDFs (issue 4, "Import"): start an import from files on this machine (the
 * desktop app's picker and drops give paths) or from uploads (a browser sends the bytes, a chunk per call),
 * follow the persisted queue (counts, files/s, time left), cancel, and list what became of each file.
 * Progress is pushed as the `importProgress` event (contract.ts).
 */
import { z } from 'zod';
import { TpsCode } from '../../domain/types.ts';
import { method } from '../define.ts';

export const ImportItemState = z.enum(['queued', 'reading', 'done', 'failed', 'duplicate', 'cancelled']);
export type ImportItemState = z.infer<typeof ImportItemState>;

export const ImportCounts = z.object({
  queued: z.number().int(),
  reading: z.number().int(),
  done: z.number().int(),
  failed: z.number().int(),
  duplicate: z.number().int(),
  cancelled: z.number().int(),
  total: z.number().int(),
});
export type ImportCounts = z.infer<typeof ImportCounts>;

export const ImportProgress = z.object({
  batchIds: z.array(z.number().int()),
  counts: ImportCounts,
  /** Pages stored in this run. */
  pages: z.number().int(),
  filesPerSecond: z.number(),
  /** null until a rate is known. */
  etaSeconds: z.number().nullable(),
  elapsedMs: z.number(),
});
export type ImportProgress = z.infer<typeof ImportProgress>;

/** Why a page was stored but not attached (its numbers reach no TPS until an operator decides). */
export const ImportSheetProblem = z.enum(['identity_conflict', 'unknown_tps', 'no_tps', 'race_unknown']);
export type ImportSheetProblem = z.infer<typeof ImportSheetProblem>;

export const ImportSheet = z.object({
  sheetId: z.number().int(),
  /** Page in the file (a PDF has several). */
  page: z.number().int(),
  verdict: z.enum(['accepted', 'needs_review', 'not_a_form', 'unregistered']).nullable(),
  tpsCode: z.string().nullable(),
  electionId: z.number().int().nullable(),
  halaman: z.number().int().nullable(),
  withheld: z.boolean(),
  /** The withholding reason, or the recogniser's reason when it could not read the page. */
  reason: z.string().nullable(),
  problem: ImportSheetProblem.nullable(),
  problemDetail: z.string().nullable(),
});
export type ImportSheet = z.infer<typeof ImportSheet>;

export const ImportItem = z.object({
  itemId: z.number().int(),
  batchId: z.number().int(),
  name: z.string(),
  state: ImportItemState,
  /** Why it failed, what it duplicates (Bahasa Indonesia). */
  message: z.string().nullable(),
  sheets: z.array(ImportSheet),
});
export type ImportItem = z.infer<typeof ImportItem>;

export const ImportBatch = z.object({
  id: z.number().int(),
  source: z.string(),
  state: z.enum(['open', 'finished', 'cancelled']),
  actor: z.string(),
  electionId: z.number().int().nullable(),
  filedTps: z.string().nullable(),
  pattern: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  counts: ImportCounts,
});
export type ImportBatch = z.infer<typeof ImportBatch>;

export const ImportStatus = z.object({
  /** The queue is being read now. */
  running: z.boolean(),
  /** The latest progress of the running (or last) run; null before any run since the app started. */
  progress: ImportProgress.nullable(),
  /** Newest first. */
  batches: z.array(ImportBatch),
  /** The file-name pattern used when a start does not give one. */
  defaultPattern: z.string(),
});
export type ImportStatus = z.infer<typeof ImportStatus>;

/** What the operator sets for an import: the race, the TPS every file belongs to, the file-name pattern. */
const ImportSettings = {
  electionId: z.number().int().positive().nullable().optional(),
  /** The operator chose the TPS: every page is filed under it (a page that says otherwise is flagged). */
  filedTps: TpsCode.nullable().optional(),
  /** main/intake/README.md; null: file names say nothing; absent: the default pattern. */
  pattern: z.string().trim().min(1).max(200).nullable().optional(),
};

export const ImportStarted = z.object({
  batchId: z.number().int(),
  added: z.number().int(),
  /** Not photos or PDFs: left out. */
  skipped: z.array(z.string()),
  rejected: z.array(z.object({ name: z.string(), message: z.string() })),
});
export type ImportStarted = z.infer<typeof ImportStarted>;

/** Upload chunk size the UI uses: 512 KiB of bytes is ~683 KiB of base64, well inside the 1 MiB body limit. */
export const UPLOAD_CHUNK_BYTES = 512 * 1024;

export const UploadAnswer = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('partial'), uploadId: z.string(), received: z.number().int() }),
  /** The file is in the batch's queue as item `itemId`. */
  z.object({ kind: z.literal('queued'), uploadId: z.string(), itemId: z.number().int(), sha256: z.string() }),
  /** The file could not be taken (empty, too large): recorded as a failed item with this message. */
  z.object({ kind: z.literal('rejected'), uploadId: z.string(), itemId: z.number().int().nullable(), message: z.string() }),
]);
export type UploadAnswer = z.infer<typeof UploadAnswer>;

/** What the queue pushes while it works (event `importProgress`). */
export const ImportEvent = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('progress'), progress: ImportProgress }),
  z.object({ kind: z.literal('item'), item: ImportItem }),
  z.object({ kind: z.literal('tps'), tpsCode: z.string(), electionId: z.number().int(), status: z.string(), reason: z.string().nullable() }),
  /** Items were added (uploads, a new batch) or the queue went idle. */
  z.object({ kind: z.literal('queue'), running: z.boolean() }),
]);
export type ImportEvent = z.infer<typeof ImportEvent>;

/** What the operator's choice of TPS for a page did (attachImportSheet). */
export const AttachAnswer = z.discriminatedUnion('kind', [
  /** Attached: the TPS's status for the race as it now stands (re-derived), and the TPS the page left, if any. */
  z.object({
    kind: z.literal('attached'),
    sheetId: z.number().int(),
    tpsCode: z.string(),
    electionId: z.number().int(),
    status: z.string(),
    statusReason: z.string().nullable(),
    previousTps: z.string().nullable(),
  }),
  /** Not attached: the page's own QR / tag names `pageTps`; ask again with `againstPage: true` and a reason. */
  z.object({ kind: z.literal('confirm'), pageTps: z.string(), source: z.enum(['qr', 'page_tag']), message: z.string() }),
]);
export type AttachAnswer = z.infer<typeof AttachAnswer>;

export const intakeMethods = {
  // (in this order, so the API tests' valid inputs can build on each other: a batch, its files, then reads)
  /** A new, empty import that the browser then uploads files into (uploadImportChunk). */
  startUploadImport: method(
    'operator',
    z.object({ source: z.string().trim().min(1).max(200).optional(), ...ImportSettings }).strict(),
    z.object({ batchId: z.number().int() }),
  ),
  /** One chunk of one file (base64), in order; the last chunk queues the file. */
  uploadImportChunk: method(
    'operator',
    z.object({
      batchId: z.number().int().positive(),
      uploadId: z.string().max(64).nullable(),
      /** As the operator sees it: the file name, or its path inside a dropped folder. */
      name: z.string().trim().min(1).max(1024),
      size: z.number().int().min(0),
      offset: z.number().int().min(0),
      data: z.string().max(Math.ceil(UPLOAD_CHUNK_BYTES / 3) * 4 + 4),
    }).strict(),
    UploadAnswer,
  ),
  /** Files and folders on this machine (the desktop app's picker and drops). */
  importPaths: method(
    'operator',
    z.object({ paths: z.array(z.string().min(1).max(4096)).min(1).max(20_000), ...ImportSettings }).strict(),
    ImportStarted,
  ),
  getImportStatus: method('read', z.object({}).strict(), ImportStatus),
  listImportItems: method(
    'read',
    z.object({
      batchId: z.number().int().positive(),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(5000).default(1000),
    }).strict(),
    z.object({ batch: ImportBatch, items: z.array(ImportItem), total: z.number().int() }),
  ),
  cancelImport: method('operator', z.object({ batchId: z.number().int().positive() }).strict(), z.object({ cancelled: z.boolean() })),
  /**
   * The operator files a page under a TPS: a page no claim placed, or one whose identity contradicted the
   * TPS it was filed under. Audited (`sheet.attach`) with the active profile; the TPS's status is re-derived.
   */
  attachImportSheet: method(
    'operator',
    z.object({
      sheetId: z.number().int().positive(),
      tpsCode: TpsCode,
      /** Absent: the page's race, else the race its import was started for. */
      electionId: z.number().int().positive().optional(),
      /** Confirms filing against what the page's QR says (then `reason` is required). */
      againstPage: z.boolean().default(false),
      reason: z.string().trim().min(1).max(500).nullable().optional(),
    }).strict(),
    AttachAnswer,
  ),
} as const;
