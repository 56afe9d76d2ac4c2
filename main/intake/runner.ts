/**
 * The import runner: takes queued items one by one per lane (as many lanes as reader workers), stores each
 * file's bytes in the blob store, recognises duplicates, reads the file and commits the result in its own
 * transaction. Reports progress after every item.
 *
 * Crash-safety comes from the queue's states: an item is `reading` only while this (registered) runner
 * holds it; its result and its `done` land in one transaction. A runner that dies leaves `reading` items,
 * which the next runner puts back to `queued` (runner-lease.ts) — read again, because nothing of them was
 * committed; items already `done` are never touched again.
 *
 * Pausing (the signal) gives in-flight items back to the queue; cancelling a batch marks its unread items
 * `cancelled`. Neither deletes anything.
 */
import type { Store } from '../store/open.ts';
import { withRelaxedSync } from '../store/relaxed-sync.ts';
import { getSettings } from '../store/queries/settings.ts';
import { loadAttachContext } from './attach.ts';
import type { BlobStore } from './blob-store.ts';
import { changeNotifier, type DataChanged } from './change-notifier.ts';
import { commitReadings, type CommitContext } from './commit-reading.ts';
import { compilePattern, type CompiledPattern } from './file-pattern.ts';
import { preloadFormInfo } from './form-info.ts';
import {
  cancelBatch, claimItems, countItems, findOriginal, getBatch, openBatchIds, releaseItem, settleBatches, tryFinishItem,
  type BatchRow, type ItemEnd, type ItemRow,
} from './queue-store.ts';
import { RateMeter } from './rate-meter.ts';
import { registerRunner, requeueOrphans } from './runner-lease.ts';
import type { ImportProgress, IntakeEvent, ItemCounts, ItemOutcome, PageReader, PageReaderFactory, SheetOutcome } from './types.ts';
import { stmt } from './statements.ts';

export interface RunnerDeps {
  store: Store;
  blobs: BlobStore;
  readerFactory: PageReaderFactory;
  onDataChanged?: DataChanged;
}

export interface RunOptions {
  /** Batches to work on; default: every open batch, including batches opened while the run goes on. */
  batchIds?: readonly number[];
  /** Reader workers (and lanes); 0 reads in this thread. */
  workers: number;
  /** Aborting pauses: in-flight items go back to the queue, the batch stays open for the next run. */
  signal?: AbortSignal;
  onEvent?: (event: IntakeEvent) => void;
}

export interface RunSummary {
  batchIds: number[];
  counts: ItemCounts;
  pages: number;
  elapsedMs: number;
  /** The run stopped because it was paused, with items left in the queue. */
  paused: boolean;
  /** Items put back in the queue at the start because a previous runner died holding them. */
  recovered: number;
}

export interface RunHandle {
  done: Promise<RunSummary>;
  /** Stops a batch for good (unread items cancelled, in-flight reads aborted). */
  cancelBatch(batchId: number): boolean;
}

export function startRun(deps: RunnerDeps, options: RunOptions): RunHandle {
  const cancelled = new Set<number>();
  const inFlight = new Map<number, { batchId: number; controller: AbortController }>();
  const cancel = (batchId: number) => {
    const changed = cancelBatch(deps.store, batchId);
    cancelled.add(batchId);
    for (const item of inFlight.values()) if (item.batchId === batchId) item.controller.abort(new Error('dibatalkan'));
    return changed;
  };
  const done = run(deps, options, cancelled, inFlight);
  return { done, cancelBatch: cancel };
}

async function run(
  deps: RunnerDeps,
  options: RunOptions,
  cancelled: Set<number>,
  inFlight: Map<number, { batchId: number; controller: AbortController }>,
): Promise<RunSummary> {
  const { store, blobs } = deps;
  const started = performance.now();
  const recovered = requeueOrphans(store);
  // Fixed batches, or (no batchIds given) every open batch, picking up ones enqueued while running.
  const batchIds = [...(options.batchIds ?? openBatchIds(store))];
  const refreshBatches = () => {
    if (options.batchIds) return;
    for (const id of openBatchIds(store)) if (!batchIds.includes(id)) batchIds.push(id);
  };
  // The queue's own writes (claims, results, heartbeats) can be redone: see relaxed-sync.ts.
  const relaxed = <T>(work: () => T): T => withRelaxedSync(store, work);
  const lease = registerRunner(store);
  const notifier = changeNotifier(deps.onDataChanged);
  const meter = new RateMeter();
  const emit = (event: IntakeEvent) => options.onEvent?.(event);
  let pages = 0;
  const progress = (): ImportProgress => {
    const counts = countItems(store, batchIds);
    const rate = meter.perSecond(started);
    const left = counts.queued + counts.reading;
    return {
      batchIds: [...batchIds], counts, pages,
      filesPerSecond: rate,
      etaSeconds: rate > 0 ? left / rate : left === 0 ? 0 : null,
      elapsedMs: performance.now() - started,
    };
  };

  let reader: PageReader | null = null;
  const onPause = () => {
    for (const item of inFlight.values()) item.controller.abort(options.signal?.reason ?? new Error('dijeda'));
  };
  options.signal?.addEventListener('abort', onPause);
  try {
    emit({ kind: 'progress', progress: progress() });
    const hasWork = () => countItems(store, batchIds).queued > 0;
    if (hasWork() && !options.signal?.aborted) {
      preloadFormInfo();
      reader = await deps.readerFactory(options.workers);
      const ctx: CommitContext = {
        store, runnerId: lease.id, engine: reader.engine, device: getSettings(store).deviceName,
        attach: loadAttachContext(store), pattern: null,
      };
      const patterns = new Map<string, CompiledPattern | null>();
      const patternOf = (batch: BatchRow) => {
        const key = batch.pattern ?? '';
        if (!patterns.has(key)) {
          const compiled = batch.pattern ? compilePattern(batch.pattern) : null;
          patterns.set(key, compiled?.ok ? compiled.pattern : null);
        }
        return patterns.get(key)!;
      };
      const reading = new Map<string, Promise<void>>();

      const settle = (item: ItemRow, end: ItemEnd | null, sheets: SheetOutcome[]) => {
        meter.record();
        pages += sheets.length;
        notifier.queue();
        const state = end?.state ?? 'cancelled';
        const outcome: ItemOutcome = {
          itemId: item.id, batchId: item.batchId, name: item.name, state,
          message: end?.message ?? null, sheets,
        };
        emit({ kind: 'item', outcome });
        emit({ kind: 'progress', progress: progress() });
      };
      const end = (item: ItemRow, result: ItemEnd, blob: { sha256: string; size: number; mime: string } | null = null) => {
        if (relaxed(() => tryFinishItem(store, item.id, lease.id, result, blob))) settle(item, result, []);
      };

      const ingestedBlobs = new Map<number, { sha256: string; size: number; mime: string }>();
      const blobOf = (item: ItemRow) => ingestedBlobs.get(item.id) ?? null;
      const processItem = async (item: ItemRow) => {
        const batch = getBatch(store, item.batchId)!;
        const controller = new AbortController();
        inFlight.set(item.id, { batchId: item.batchId, controller });
        try {
          // Bytes into the blob store first (the blob row is written with the item's result, in one commit).
          let blob: { sha256: string; size: number; mime: string };
          if (item.blobSha256 === null) {
            const ingested = await blobs.ingestFile(item.path!);
            if (!ingested.ok) return end(item, { state: 'failed', message: ingested.message });
            blob = ingested.blob;
          } else {
            const known = stmt(store, 'SELECT sha256, size, mime FROM blob WHERE sha256 = ?').get(item.blobSha256) as typeof blob | undefined;
            if (!known || !blobs.has(item.blobSha256)) {
              return end(item, { state: 'failed', message: 'Salinan berkas di penyimpanan foto hilang; impor ulang berkas aslinya.' });
            }
            blob = known;
          }
          const sha = blob.sha256;
          ingestedBlobs.set(item.id, blob);
          // The same bytes in another lane right now: wait for that one, then this is its duplicate.
          while (reading.has(sha)) await reading.get(sha);
          const original = findOriginal(store, sha, item.id);
          if (original) {
            const failed = original.state === 'failed' ? ', yang gagal dibaca' : '';
            return end(item, {
              state: 'duplicate',
              duplicateOf: original.id,
              message: `Sama persis dengan berkas "${original.name}" (impor #${original.batchId}${failed}); tidak dibaca ulang.`,
            }, blob);
          }
          let release!: () => void;
          reading.set(sha, new Promise<void>((resolve) => (release = resolve)));
          try {
            const readings = await reader!.read(blobs.pathOf(sha), controller.signal);
            controller.signal.throwIfAborted();
            const result = relaxed(() => commitReadings({ ...ctx, pattern: patternOf(batch) }, batch, item, blob, readings));
            if (!result.committed) return settle(item, null, []);
            for (const s of result.sheets) if (s.tpsCode) notifier.tps(s.tpsCode);
            settle(item, result.end, result.sheets);
            for (const change of result.statusChanges) {
              emit({ kind: 'tps', tpsCode: change.tpsCode, electionId: change.electionId, ...change.status });
            }
          } finally {
            reading.delete(sha);
            release();
          }
        } catch (error) {
          if (controller.signal.aborted) {
            relaxed(() => releaseItem(store, item.id, lease.id, cancelled.has(item.batchId) ? 'cancelled' : 'queued'));
            notifier.queue();
          } else {
            // Not the file's fault as far as we know (a bug, a worker that died): say so, keep the others going.
            end(item, { state: 'failed', message: `Gagal membaca berkas: ${error instanceof Error ? error.message : String(error)}` }, blobOf(item));
          }
        } finally {
          inFlight.delete(item.id);
          ingestedBlobs.delete(item.id);
        }
      };

      // Items are claimed a few at a time (one commit for several files); lanes share them.
      const lanes = Math.max(1, options.workers);
      const claimed: ItemRow[] = [];
      const next = (): ItemRow | null => {
        if (claimed.length === 0) {
          refreshBatches();
          claimed.push(...relaxed(() => claimItems(store, batchIds.filter((id) => !cancelled.has(id)), lease.id, lanes * 2)));
        }
        return claimed.shift() ?? null;
      };
      const lane = async () => {
        while (!options.signal?.aborted) {
          const item = next();
          if (!item) return;
          if (cancelled.has(item.batchId)) {
            relaxed(() => releaseItem(store, item.id, lease.id, 'cancelled'));
            continue;
          }
          await processItem(item);
        }
      };
      try {
        await Promise.all(Array.from({ length: lanes }, lane));
      } finally {
        // claimed but never started (paused): back to the queue, the claim not counted as an attempt
        for (const item of claimed.splice(0)) releaseItem(store, item.id, lease.id, cancelled.has(item.batchId) ? 'cancelled' : 'queued');
      }
    }
    settleBatches(store, batchIds);
    const last = progress();
    emit({ kind: 'progress', progress: last });
    return {
      batchIds, counts: last.counts, pages, elapsedMs: last.elapsedMs,
      paused: options.signal?.aborted === true && last.counts.queued > 0, recovered,
    };
  } finally {
    options.signal?.removeEventListener('abort', onPause);
    notifier.flush();
    lease.release();
    await reader?.close();
  }
}
