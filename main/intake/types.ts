/**
 * The shapes of photo intake: what reads a page (injected, so the queue does not depend on how recognition
 * is built), what a queue item is, and what the runner reports while it works.
 */
import type { JenisPemilihan } from '../../shared/domain/types.ts';
import type { PageReading } from '../../shared/recognition/reading.ts';

/** What the page itself says about where it belongs (a decoded QR, a printed page tag), when the reader knows. */
export interface PageIdentity {
  source: 'qr' | 'page_tag';
  tpsCode?: string;
  jenis?: JenisPemilihan;
  /** "Halaman N" as printed. */
  halaman?: number;
}

/** One page as intake sees it: recognition's reading plus the page's own identity, when decoded. */
export interface IntakeReading extends PageReading {
  identity?: PageIdentity;
}

/**
 * Reads one stored file into one reading per page (a PDF gives several). Expected failures (corrupt, empty,
 * unsupported file) come back as a reading with `error`; `read` rejects only when aborted or on a bug.
 */
export interface PageReader {
  /** Recorded with every reading (`reading.engine`). */
  readonly engine: string;
  read(file: string, signal?: AbortSignal): Promise<IntakeReading[]>;
  close(): Promise<void>;
}

/** Makes a reader with this many workers (0 = read in the calling thread). */
export type PageReaderFactory = (workers: number) => Promise<PageReader>;

export const ITEM_STATES = ['queued', 'reading', 'done', 'failed', 'duplicate', 'cancelled'] as const;
export type ItemState = (typeof ITEM_STATES)[number];

export type BatchState = 'open' | 'finished' | 'cancelled';

export type ItemCounts = Record<ItemState, number> & { total: number };

/** What a running import reports, after every item that changes state (and on start and end). */
export interface ImportProgress {
  batchIds: number[];
  counts: ItemCounts;
  /** Pages stored as sheets in this run. */
  pages: number;
  /** Files settled per second over the last half minute of this run (0 until one settles). */
  filesPerSecond: number;
  /** Seconds left at that rate; null until a rate is known. */
  etaSeconds: number | null;
  elapsedMs: number;
}

/** How one file ended, for the operator (lists of problems, the CLI summary). */
export interface ItemOutcome {
  itemId: number;
  batchId: number;
  name: string;
  state: ItemState;
  message: string | null;
  /** Sheets created for this file, with what became of each. */
  sheets: SheetOutcome[];
}

export interface SheetOutcome {
  sheetId: number;
  page: number;
  verdict: PageReading['verdict'];
  tpsCode: string | null;
  electionId: number | null;
  halaman: number | null;
  withheld: boolean;
  /** The withholding reason, or the recogniser's reason for its verdict (what the operator reads in the list). */
  reason: string | null;
  problem: SheetProblem | null;
  problemDetail: string | null;
}

export type SheetProblem = 'identity_conflict' | 'unknown_tps' | 'no_tps' | 'race_unknown';

export type TpsIntakeStatus = 'no_chasil' | 'received' | 'needs_review' | 'verified' | 'withheld';

export type IntakeEvent =
  | { kind: 'progress'; progress: ImportProgress }
  | { kind: 'item'; outcome: ItemOutcome }
  | { kind: 'tps'; tpsCode: string; electionId: number; status: TpsIntakeStatus; reason: string | null };
