/**
 * Photo intake (issue 4): content-addressed photo store, the persisted import queue with crash-resume,
 * TPS attachment from QR / file name / operator choice, and TPS status from the pages received.
 * See README.md in this folder (file-name pattern syntax, states, guarantees).
 */
export { createIntake, type Intake, type IntakeOptions, type EnqueueOptions, type EnqueueResult } from './intake.ts';
export { blobRootFor, createBlobStore, type BlobStore, type BlobInfo, type IngestResult } from './blob-store.ts';
export { compilePattern, DEFAULT_PATTERN, type CompiledPattern, type NameClaim } from './file-pattern.ts';
export { collectFiles, IMPORTABLE_EXTENSIONS } from './collect-files.ts';
export { recognitionReader, recognitionReaderWith, identityFromQr } from './recognition-reader.ts';
export { attachSheetByOperator, type AttachChoice, type AttachResult } from './operator-attach.ts';
export { deriveTpsStatus, refreshTpsStatus, type DerivedStatus } from './tps-status.ts';
export { countItems, listItems, listBatches, getBatch, openBatchIds, type BatchRow, type ItemRow } from './queue-store.ts';
export { batchReport, type BatchReport, type AttentionEntry, type AttentionKind } from './batch-report.ts';
export type { RunHandle, RunOptions, RunSummary } from './runner.ts';
export type {
  ImportProgress, IntakeEvent, IntakeReading, ItemCounts, ItemOutcome, ItemState, PageIdentity, PageReader,
  PageReaderFactory, SheetOutcome, SheetProblem,
} from './types.ts';
