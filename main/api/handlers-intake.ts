/**
 * API handlers for importing photos and PDFs (shared/api/methods/intake.ts, main/intake). One intake per
 * API, made on first use: its queue runs in the background (reading in worker threads), its events are
 * pushed as `importProgress`, and what it changes reaches the rekap engine and every screen.
 *
 * A queue left open by a crash or a closed app resumes on the first status read: startCore (main/bootstrap.ts)
 * makes that read at start-up for the cores that serve, so the queue moves before any screen asks.
 */
import os from 'node:os';
import { ApiError } from '../../shared/api/contract.ts';
import type { ImportBatch, ImportProgress } from '../../shared/api/methods/intake.ts';
import type { Accounts } from '../accounts/types.ts';
import { blobRootFor } from '../intake/blob-store.ts';
import { DEFAULT_PATTERN } from '../intake/file-pattern.ts';
import { createIntake, type EnqueueOptions, type EnqueueResult, type Intake } from '../intake/intake.ts';
import { listItemOutcomes } from '../intake/item-list.ts';
import { defaultElectionFor } from '../intake/operator-attach.ts';
import { countItems, getBatch, listBatches, openBatchIds, type BatchRow } from '../intake/queue-store.ts';
import { createUploadSessions, type UploadSessions } from '../intake/upload-sessions.ts';
import type { RekapHolder } from '../pleno/rekap-holder.ts';
import type { Store } from '../store/open.ts';
import type { EventBus } from './events.ts';
import type { Handlers } from './types.ts';

type IntakeHandlers = Pick<
  Handlers,
  'getImportStatus' | 'listImportItems' | 'importPaths' | 'startUploadImport' | 'uploadImportChunk' | 'cancelImport' | 'attachImportSheet'
>;

/** Reader threads: PLENO_IMPORT_WORKERS, else one per core (recognition is CPU-bound, the host thread only commits). */
function importWorkers(): number {
  const fromEnv = Number(process.env.PLENO_IMPORT_WORKERS);
  if (Number.isInteger(fromEnv) && fromEnv >= 0 && fromEnv <= 16) return fromEnv;
  return Math.max(1, os.availableParallelism());
}

export function createIntakeHandlers(deps: {
  store: Store;
  accounts: Accounts;
  events: EventBus;
  rekap: RekapHolder;
  /** Engine syncs made inside a method call: the call tells the screens itself (create-api.ts). */
  quietly: <T>(work: () => T) => T;
  /** Registers what must finish before the database closes (PlenoCoreApi.shutdown). */
  onShutdown: (hook: () => Promise<void>) => void;
}): IntakeHandlers {
  const { store, accounts, events, rekap } = deps;
  let intake: Intake | null = null;
  let uploads: UploadSessions | null = null;
  let lastProgress: ImportProgress | null = null;
  let resumed = false;
  // the queue's reads pause (back to the queue, resumed at the next start) before the database closes
  deps.onShutdown(() => intake?.stop() ?? Promise.resolve());

  /** What an import changed: the engine re-reads the desa (the projector follows through rekap.onChange), screens hear of it. */
  const publish = (scope: string, regionCode: string | null) => {
    if (scope === 'tps' && regionCode !== null) rekap.syncRegion(regionCode);
    events.emit('dataChanged', { scope, regionCode });
  };

  const theIntake = (): Intake => {
    if (intake) return intake;
    const made = createIntake({ store, blobRoot: blobRootFor(store.path), onDataChanged: publish });
    made.subscribe((event) => {
      if (event.kind === 'progress') {
        lastProgress = event.progress;
        events.emit('importProgress', { kind: 'progress', progress: event.progress });
      } else if (event.kind === 'item') {
        // from what the runner already holds: no query on the main thread per settled file
        const { itemId, batchId, name, state, message, sheets } = event.outcome;
        events.emit('importProgress', {
          kind: 'item',
          item: {
            itemId, batchId, name, state, message,
            sheets: sheets.map((s) => ({
              sheetId: s.sheetId, page: s.page, verdict: s.verdict, tpsCode: s.tpsCode, electionId: s.electionId, halaman: s.halaman,
              withheld: s.withheld, reason: s.reason, problem: s.problem, problemDetail: s.problemDetail,
            })),
          },
        });
      } else {
        events.emit('importProgress', { kind: 'tps', tpsCode: event.tpsCode, electionId: event.electionId, status: event.status, reason: event.reason });
      }
    });
    intake = made;
    uploads = createUploadSessions(made.blobs);
    return made;
  };

  const queueChanged = () => events.emit('importProgress', { kind: 'queue', running: intake?.isRunning() ?? false });

  const run = () => {
    const handle = theIntake().ensureRunning({ workers: importWorkers() });
    void handle.done.catch((error: unknown) => console.error('pleno: antrean impor berhenti:', error)).finally(() => setImmediate(queueChanged));
  };

  const batchOut = (batch: BatchRow): ImportBatch => ({
    id: batch.id, source: batch.source, state: batch.state, actor: batch.actor, electionId: batch.electionId, filedTps: batch.filedTps,
    pattern: batch.pattern, createdAt: batch.createdAt, finishedAt: batch.finishedAt, counts: countItems(store, [batch.id]),
  });

  const settings = (input: { electionId?: number | null; filedTps?: string | null; pattern?: string | null }): EnqueueOptions => ({
    electionId: input.electionId ?? null,
    filedTps: input.filedTps ?? null,
    ...(input.pattern === undefined ? {} : { pattern: input.pattern }),
    actor: accounts.actor(),
  });

  const started = (result: EnqueueResult) => {
    if (!result.ok) throw new ApiError('invalid_input', result.message);
    run();
    queueChanged();
    return { batchId: result.batchId, added: result.added, skipped: result.skipped, rejected: result.rejected };
  };

  const openBatchOrThrow = (batchId: number) => {
    const batch = getBatch(store, batchId);
    if (!batch) throw new ApiError('not_found', `impor #${batchId} tidak ditemukan`);
    if (batch.state === 'cancelled') throw new ApiError('conflict', `impor #${batchId} sudah dibatalkan`);
    return batch;
  };

  return {
    getImportStatus: () => {
      const it = theIntake();
      if (!resumed) {
        resumed = true;
        // whatever a crash or a closed app left in the queue is read now, once
        const open = countItems(store, openBatchIds(store));
        if (open.queued + open.reading > 0 && !it.isRunning()) run();
      }
      return { running: it.isRunning(), progress: lastProgress, batches: listBatches(store, 20).map(batchOut), defaultPattern: DEFAULT_PATTERN };
    },

    listImportItems: ({ batchId, offset, limit }) => {
      const batch = getBatch(store, batchId);
      if (!batch) throw new ApiError('not_found', `impor #${batchId} tidak ditemukan`);
      return { batch: batchOut(batch), ...listItemOutcomes(store, batchId, offset, limit) };
    },

    importPaths: async (input) => started(await theIntake().enqueuePaths(input.paths, settings(input))),

    startUploadImport: (input) => {
      const opened = theIntake().openBatch({ ...settings(input), source: input.source ?? 'unggahan dari peramban' });
      if (!opened.ok) throw new ApiError('invalid_input', opened.message);
      queueChanged();
      return { batchId: opened.batchId };
    },

    uploadImportChunk: async (input) => {
      const it = theIntake();
      openBatchOrThrow(input.batchId);
      const answer = await uploads!.chunk({ ...input, bytes: Buffer.from(input.data, 'base64') });
      switch (answer.kind) {
        case 'partial':
          return answer;
        case 'refused':
          throw new ApiError('conflict', answer.message);
        case 'rejected': {
          const itemId = it.addRejected(input.batchId, { name: input.name, message: answer.message });
          run(); // settles the batch when this was its last file
          queueChanged();
          return { kind: 'rejected', uploadId: answer.uploadId, itemId, message: answer.message };
        }
        case 'stored': {
          const itemId = it.addStored(input.batchId, { name: input.name, sha256: answer.sha256, size: answer.size, mime: answer.mime });
          if (itemId === null) throw new ApiError('conflict', `impor #${input.batchId} sudah dibatalkan`);
          run();
          queueChanged();
          return { kind: 'queued', uploadId: answer.uploadId, itemId, sha256: answer.sha256 };
        }
      }
    },

    cancelImport: ({ batchId }) => {
      if (!getBatch(store, batchId)) throw new ApiError('not_found', `impor #${batchId} tidak ditemukan`);
      const cancelled = theIntake().cancel(batchId);
      queueChanged();
      return { cancelled };
    },

    attachImportSheet: ({ sheetId, tpsCode, electionId, againstPage, reason }) => {
      const race = electionId ?? defaultElectionFor(store, sheetId);
      if (race === undefined) throw new ApiError('not_found', `halaman #${sheetId} tidak ditemukan`);
      if (race === null) throw new ApiError('invalid_input', 'pilih pemilihannya: halaman ini belum tercatat untuk pemilihan mana pun');
      const choice = { sheetId, tpsCode, electionId: race, actor: accounts.actor(), reason: reason ?? null, againstPage };
      const result = deps.quietly(() => theIntake().attachSheet(choice));
      if (!result.ok) {
        if (result.code === 'confirm') return { kind: 'confirm', pageTps: result.page.tps, source: result.page.source, message: result.message };
        throw new ApiError(result.code === 'not_found' ? 'not_found' : 'invalid_input', result.message);
      }
      return {
        kind: 'attached', sheetId, tpsCode, electionId: race, status: result.status.status, statusReason: result.status.reason,
        previousTps: result.previous?.tpsCode ?? null,
      };
    },
  };
}
