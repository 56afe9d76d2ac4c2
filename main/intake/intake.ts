/**
 * Photo intake, the public face: enqueue files (a folder, dropped files, uploaded bytes) into a persisted
 * batch, run the queue (resuming whatever a crash left), cancel, and let the operator attach a page to a TPS.
 *
 *   const intake = createIntake({ store, blobRoot: blobRootFor(dbPath), onDataChanged: api.publishDataChanged });
 *   const queued = await intake.enqueueFolder('/media/kpps', { electionId: 2 });
 *   const run = intake.run({ workers: 2, onEvent });  await run.done;
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Store } from '../store/open.ts';
import { createBlobStore, type BlobStore } from './blob-store.ts';
import type { DataChanged } from './change-notifier.ts';
import { collectFiles, IMPORTABLE_EXTENSIONS } from './collect-files.ts';
import { stmt } from './statements.ts';
import { compilePattern, DEFAULT_PATTERN } from './file-pattern.ts';
import { attachSheetByOperator, type AttachChoice, type AttachResult } from './operator-attach.ts';
import {
  addFailedItem, addItems, cancelBatch, getBatch, recordBlob, countItems, createBatch, findOpenBatchBySource, updateBatchOptions, type NewItem,
} from './queue-store.ts';
import { recognitionReader } from './recognition-reader.ts';
import { startRun, type RunHandle, type RunOptions } from './runner.ts';
import type { IntakeEvent, ItemCounts, PageReaderFactory } from './types.ts';

const EMPTY_FILE = 'Berkas kosong (0 byte): tidak ada gambar untuk dibaca.';

export interface IntakeOptions {
  store: Store;
  /** Where the photos are kept (blobRootFor(dbPath): `blobs/` beside the database). */
  blobRoot: string;
  /** Default: Pleno's recognition engine in worker threads. */
  readerFactory?: PageReaderFactory;
  /** Who the audit log names when an enqueue does not say. */
  actor?: string;
  /** The API's publishDataChanged, so screens follow the import. */
  onDataChanged?: DataChanged;
}

export interface EnqueueOptions {
  /** File-name pattern (main/intake/README.md); default DEFAULT_PATTERN; null: names say nothing. */
  pattern?: string | null;
  /** The race every page belongs to. */
  electionId?: number | null;
  /** The TPS every file belongs to (the operator filed them under it). */
  filedTps?: string | null;
  actor?: string;
}

export type EnqueueResult =
  | { ok: true; batchId: number; added: number; skipped: string[]; resumed: boolean; rejected: { name: string; message: string }[] }
  | { ok: false; message: string };

export interface Intake {
  readonly blobs: BlobStore;
  enqueueFolder(folder: string, options?: EnqueueOptions): Promise<EnqueueResult>;
  enqueueFiles(files: readonly { path: string; name?: string }[], options?: EnqueueOptions & { source?: string }): Promise<EnqueueResult>;
  enqueueBytes(files: readonly { name: string; bytes: Uint8Array }[], options?: EnqueueOptions & { source?: string }): Promise<EnqueueResult>;
  /**
   * What the operator picked or dropped in the desktop app: files and whole folders, mixed. A folder's files
   * are named with the folder's own name in front (`kpps/3506…_hal1.jpg`), so folder patterns still match.
   */
  enqueuePaths(paths: readonly string[], options?: EnqueueOptions & { source?: string }): Promise<EnqueueResult>;
  /** An empty open batch that uploads are added to one file at a time (addStored / addRejected). */
  openBatch(options?: EnqueueOptions & { source?: string }): { ok: true; batchId: number } | { ok: false; message: string };
  /** A file already in the blob store (an upload) as the batch's next item. False when the batch was cancelled. */
  addStored(batchId: number, file: { name: string; sha256: string; size: number; mime: string }): number | null;
  /** A file that never reached the store (empty, too large) as a failed item, so the list shows it. */
  addRejected(batchId: number, file: { name: string; message: string }): number | null;
  /** Works the open batches (or the given ones) until done, paused (signal) or cancelled. */
  run(options: Omit<RunOptions, 'workers'> & { workers?: number }): RunHandle;
  /**
   * For the app: one run over every open batch at a time. Called while a run is active, it returns that
   * run and makes sure another follows it if files were enqueued too late for it. Events go to `subscribe`rs.
   */
  ensureRunning(options?: { workers?: number }): RunHandle;
  /** Every event of every run (progress bar, live item list). Returns the unsubscribe function. */
  subscribe(listener: (event: IntakeEvent) => void): () => void;
  isRunning(): boolean;
  /**
   * Before the database closes (the app quits, `pleno serve` gets Ctrl+C): pauses every run — files being
   * read go back to the queue, nothing is lost — and resolves once they have stopped. No run starts after.
   */
  stop(): Promise<void>;
  /** Cancels a batch: through the running run when there is one (aborts its reads), else in the store. */
  cancel(batchId: number): boolean;
  counts(batchIds: readonly number[]): ItemCounts;
  attachSheet(choice: AttachChoice): AttachResult;
}

export function createIntake(options: IntakeOptions): Intake {
  const { store } = options;
  const blobs = createBlobStore(options.blobRoot);
  const readerFactory = options.readerFactory ?? recognitionReader;
  const running = new Set<RunHandle>();
  const listeners = new Set<(event: IntakeEvent) => void>();
  const broadcast = (event: IntakeEvent) => {
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch (error) {
        console.error('pleno: pendengar impor gagal:', error);
      }
    }
  };
  let background: RunHandle | null = null;
  let again = false;
  const stopping = new AbortController();
  const defaultWorkers = () => Math.max(1, os.availableParallelism());
  const start = (o: Omit<RunOptions, 'workers'> & { workers?: number }): RunHandle => {
    const handle = startRun(
      { store, blobs, readerFactory, onDataChanged: options.onDataChanged },
      {
        ...o,
        signal: o.signal ? AbortSignal.any([o.signal, stopping.signal]) : stopping.signal,
        workers: o.workers ?? defaultWorkers(),
        onEvent: (event) => {
          o.onEvent?.(event);
          broadcast(event);
        },
      },
    );
    running.add(handle);
    void handle.done.finally(() => running.delete(handle)).catch(() => {});
    return handle;
  };

  type Checked = { ok: true; pattern: string | null; electionId: number | null; filedTps: string | null } | { ok: false; message: string };
  const check = (o: EnqueueOptions): Checked => {
    const pattern = o.pattern === undefined ? DEFAULT_PATTERN : o.pattern;
    if (pattern !== null) {
      const compiled = compilePattern(pattern);
      if (!compiled.ok) return { ok: false, message: `pola nama berkas tidak sah: ${compiled.message}` };
    }
    const electionId = o.electionId ?? null;
    if (electionId !== null && !store.db.prepare('SELECT 1 FROM election WHERE id = ?').get(electionId)) {
      return { ok: false, message: `pemilihan #${electionId} tidak ditemukan` };
    }
    const filedTps = o.filedTps ?? null;
    if (filedTps !== null && !store.db.prepare('SELECT 1 FROM tps WHERE code = ?').get(filedTps)) {
      return { ok: false, message: `TPS ${filedTps} tidak ada di data induk` };
    }
    return { ok: true, pattern, electionId, filedTps };
  };

  const enqueue = (source: string, items: NewItem[], o: EnqueueOptions, resume: boolean, checked: Extract<Checked, { ok: true }>) =>
    store.db.transaction(() => {
      // The same folder again while its batch is open resumes that batch; changed options (pattern, race,
      // TPS) apply to the files not read yet.
      const existing = resume ? findOpenBatchBySource(store, source) : null;
      const settings = { pattern: checked.pattern, electionId: checked.electionId, filedTps: checked.filedTps };
      if (existing) {
        updateBatchOptions(store, existing.id, settings);
        return { batchId: existing.id, added: addItems(store, existing.id, items), resumed: true };
      }
      const batchId = createBatch(store, { source, ...settings, actor: o.actor ?? options.actor ?? 'operator' });
      return { batchId, added: addItems(store, batchId, items), resumed: false };
    }).immediate();

  function ensureRunning(o: { workers?: number } = {}): RunHandle {
    if (background) {
      again = true;
      return background;
    }
    const handle = start({ workers: o.workers });
    background = handle;
    void handle.done
      .catch(() => {})
      .finally(() => {
        background = null;
        if (again && !stopping.signal.aborted) {
          again = false;
          ensureRunning(o);
        }
      });
    return handle;
  }

  return {
    blobs,

    async enqueueFolder(folder, o = {}) {
      const checked = check(o);
      if (!checked.ok) return checked;
      const source = path.resolve(folder);
      let collected;
      try {
        collected = await collectFiles(source);
      } catch {
        return { ok: false, message: `folder tidak dapat dibaca: ${folder}` };
      }
      if (collected.files.length === 0) {
        return { ok: false, message: `tidak ada foto (JPEG, PNG, WebP, TIFF) atau PDF di folder ${folder}` };
      }
      const items = collected.files.map((f) => ({ path: f.path, name: f.name }));
      const result = enqueue(source, items, o, true, checked);
      options.onDataChanged?.('intake', null);
      return { ok: true, ...result, skipped: collected.skipped, rejected: [] };
    },

    async enqueueFiles(files, o = {}) {
      const checked = check(o);
      if (!checked.ok) return checked;
      if (files.length === 0) return { ok: false, message: 'tidak ada berkas untuk diimpor' };
      const items = files.map((f) => ({ path: path.resolve(f.path), name: f.name ?? path.basename(f.path) }));
      const result = enqueue(o.source ?? 'berkas pilihan operator', items, o, false, checked);
      options.onDataChanged?.('intake', null);
      return { ok: true, ...result, skipped: [], rejected: [] };
    },

    async enqueueBytes(files, o = {}) {
      const checked = check(o);
      if (!checked.ok) return checked;
      const items: NewItem[] = [];
      const rejected: { name: string; message: string }[] = [];
      for (const file of files) {
        const stored = await blobs.ingestBytes(file.bytes);
        if (!stored.ok) {
          rejected.push({ name: file.name, message: stored.message });
          continue;
        }
        store.db.prepare('INSERT OR IGNORE INTO blob (sha256, size, mime, created_at) VALUES (?, ?, ?, ?)')
          .run(stored.blob.sha256, stored.blob.size, stored.blob.mime, new Date().toISOString());
        items.push({ path: null, name: file.name, blobSha256: stored.blob.sha256 });
      }
      if (items.length === 0) return { ok: false, message: rejected[0]?.message ?? 'tidak ada berkas untuk diimpor' };
      const result = enqueue(o.source ?? 'unggahan', items, o, false, checked);
      options.onDataChanged?.('intake', null);
      return { ok: true, ...result, skipped: [], rejected };
    },

    async enqueuePaths(paths, o = {}) {
      const checked = check(o);
      if (!checked.ok) return checked;
      const items: NewItem[] = [];
      const skipped: string[] = [];
      const rejected: { name: string; message: string }[] = [];
      const empty: string[] = [];
      for (const given of paths) {
        const full = path.resolve(given);
        const stat = await fs.stat(full).catch(() => null);
        if (!stat) {
          rejected.push({ name: path.basename(full), message: 'Berkas atau folder tidak ditemukan.' });
        } else if (stat.isDirectory()) {
          const collected = await collectFiles(full).catch(() => null);
          if (!collected) {
            rejected.push({ name: path.basename(full), message: 'Folder tidak dapat dibaca.' });
            continue;
          }
          const prefix = path.basename(full);
          for (const f of collected.files) items.push({ path: f.path, name: `${prefix}/${f.name}` });
          skipped.push(...collected.skipped.map((name) => `${prefix}/${name}`));
        } else if (stat.isFile()) {
          const name = path.basename(full);
          if (!IMPORTABLE_EXTENSIONS.includes(path.extname(full).toLowerCase())) skipped.push(name);
          // known unreadable without reading: listed in the batch as failed, never queued
          else if (stat.size === 0) empty.push(name);
          else items.push({ path: full, name });
        }
      }
      if (items.length === 0 && empty.length === 0) {
        return { ok: false, message: rejected[0]?.message ?? 'tidak ada foto (JPEG, PNG, WebP, TIFF) atau PDF di antara berkas yang dipilih' };
      }
      const result = enqueue(o.source ?? 'berkas pilihan operator', items, o, false, checked);
      for (const name of empty) addFailedItem(store, result.batchId, name, EMPTY_FILE);
      options.onDataChanged?.('intake', null);
      return { ok: true, ...result, skipped, rejected };
    },

    openBatch(o = {}) {
      const checked = check(o);
      if (!checked.ok) return checked;
      const batchId = createBatch(store, {
        source: o.source ?? 'unggahan', pattern: checked.pattern, electionId: checked.electionId, filedTps: checked.filedTps,
        actor: o.actor ?? options.actor ?? 'operator',
      });
      options.onDataChanged?.('intake', null);
      return { ok: true, batchId };
    },

    addStored(batchId, file) {
      return store.db.transaction(() => {
        if (getBatch(store, batchId)?.state === 'cancelled') return null;
        recordBlob(store, file);
        const before = stmt(store, 'SELECT coalesce(max(id), 0) FROM import_item').pluck().get() as number;
        addItems(store, batchId, [{ path: null, name: file.name, blobSha256: file.sha256 }]);
        return stmt(store, 'SELECT max(id) FROM import_item WHERE batch_id = ? AND id > ?').pluck().get(batchId, before) as number;
      }).immediate();
    },

    addRejected(batchId, file) {
      if (getBatch(store, batchId)?.state === 'cancelled') return null;
      return addFailedItem(store, batchId, file.name, file.message);
    },

    run: start,

    ensureRunning,

    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    isRunning: () => running.size > 0,

    async stop() {
      again = false;
      if (!stopping.signal.aborted) stopping.abort(new Error('aplikasi ditutup'));
      await Promise.allSettled([...running].map((h) => h.done));
    },

    cancel(batchId) {
      if (running.size === 0) return cancelBatch(store, batchId);
      let changed = false;
      for (const handle of running) changed = handle.cancelBatch(batchId) || changed;
      return changed;
    },

    counts: (batchIds) => countItems(store, batchIds),

    attachSheet(choice) {
      const result = attachSheetByOperator(store, choice);
      if (result.ok) {
        options.onDataChanged?.('tps', choice.tpsCode.slice(0, 10));
        if (result.previous && result.previous.tpsCode !== choice.tpsCode) options.onDataChanged?.('tps', result.previous.tpsCode.slice(0, 10));
      }
      return result;
    },
  };
}
