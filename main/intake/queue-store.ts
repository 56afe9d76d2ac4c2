/**
 * The persisted import queue in SQLite: batches and their items (migration 4). Every state change is one
 * short statement or transaction, so whatever moment the process dies at, each item is in exactly one
 * state and nothing half-done is visible.
 */
import type { Store } from '../store/open.ts';
import { ITEM_STATES, type BatchState, type ItemCounts, type ItemState } from './types.ts';
import { stmt } from './statements.ts';

export interface BatchRow {
  id: number;
  source: string;
  pattern: string | null;
  electionId: number | null;
  filedTps: string | null;
  actor: string;
  state: BatchState;
  createdAt: string;
  finishedAt: string | null;
}

export interface ItemRow {
  id: number;
  batchId: number;
  seq: number;
  path: string | null;
  name: string;
  blobSha256: string | null;
  filedTps: string | null;
  state: ItemState;
  runner: string | null;
  attempts: number;
  pages: number | null;
  duplicateOf: number | null;
  message: string | null;
}

export interface NewBatch {
  source: string;
  pattern: string | null;
  electionId: number | null;
  filedTps: string | null;
  actor: string;
}

export interface NewItem {
  path: string | null;
  name: string;
  blobSha256?: string | null;
  filedTps?: string | null;
}

/** A file that has stopped the reader this many times (crash, kill) is given up on. */
export const MAX_ATTEMPTS = 3;

const iso = () => new Date().toISOString();

export function createBatch(store: Store, batch: NewBatch): number {
  const info = stmt(store, `INSERT INTO import_batch (source, pattern, election_id, filed_tps, actor, state, created_at)
              VALUES (?, ?, ?, ?, ?, 'open', ?)`)
    .run(batch.source, batch.pattern, batch.electionId, batch.filedTps, batch.actor, iso());
  return Number(info.lastInsertRowid);
}

export function updateBatchOptions(store: Store, batchId: number, options: Pick<NewBatch, 'pattern' | 'electionId' | 'filedTps'>): void {
  stmt(store, 'UPDATE import_batch SET pattern = ?, election_id = ?, filed_tps = ? WHERE id = ?')
    .run(options.pattern, options.electionId, options.filedTps, batchId);
}

/**
 * Appends items in one transaction (a batch of 1,000 files is enqueued whole or not at all). Paths already in
 * the batch are left out, so enqueueing a folder again only adds what is new. Returns how many were added.
 */
export function addItems(store: Store, batchId: number, items: readonly NewItem[]): number {
  const { db } = store;
  return db.transaction(() => {
    const known = new Set(
      (stmt(store, 'SELECT path FROM import_item WHERE batch_id = ? AND path IS NOT NULL').pluck().all(batchId) as string[]),
    );
    let seq = (stmt(store, 'SELECT coalesce(max(seq), 0) FROM import_item WHERE batch_id = ?').pluck().get(batchId) as number);
    const insert = stmt(store, `INSERT INTO import_item (batch_id, seq, path, name, blob_sha256, filed_tps, state, updated_at)
                               VALUES (?, ?, ?, ?, ?, ?, 'queued', ?)`);
    const now = iso();
    let added = 0;
    for (const item of items) {
      if (item.path !== null && known.has(item.path)) continue;
      if (item.path !== null) known.add(item.path);
      insert.run(batchId, ++seq, item.path, item.name, item.blobSha256 ?? null, item.filedTps ?? null, now);
      added++;
    }
    if (added > 0) stmt(store, `UPDATE import_batch SET state = 'open', finished_at = NULL WHERE id = ? AND state = 'finished'`).run(batchId);
    return added;
  }).immediate();
}

/**
 * Records a file that never reached the store (an empty or oversized upload) as a failed item of the batch,
 * so the batch's list shows every file the operator gave. Its `path` is the name the file came with: there
 * are no bytes to read, and a failed item is never read.
 */
export function addFailedItem(store: Store, batchId: number, name: string, message: string): number {
  return store.db.transaction(() => {
    const seq = (stmt(store, 'SELECT coalesce(max(seq), 0) FROM import_item WHERE batch_id = ?').pluck().get(batchId) as number) + 1;
    const info = stmt(store, `INSERT INTO import_item (batch_id, seq, path, name, state, message, pages, updated_at)
                              VALUES (?, ?, ?, ?, 'failed', ?, 0, ?)`).run(batchId, seq, name, name, message, iso());
    stmt(store, `UPDATE import_batch SET state = 'open', finished_at = NULL WHERE id = ? AND state = 'finished'`).run(batchId);
    return Number(info.lastInsertRowid);
  }).immediate();
}

export function getBatch(store: Store, batchId: number): BatchRow | null {
  const row = stmt(store, 'SELECT * FROM import_batch WHERE id = ?').get(batchId) as RawBatch | undefined;
  return row ? toBatch(row) : null;
}

/** The newest batches first (the import screen's list). */
export function listBatches(store: Store, limit = 50): BatchRow[] {
  return (stmt(store, 'SELECT * FROM import_batch ORDER BY id DESC LIMIT ?').all(limit) as RawBatch[]).map(toBatch);
}

export function openBatchIds(store: Store): number[] {
  return stmt(store, `SELECT id FROM import_batch WHERE state = 'open' ORDER BY id`).pluck().all() as number[];
}

/** The newest open batch that imports this folder (so running the same import again resumes it). */
export function findOpenBatchBySource(store: Store, source: string): BatchRow | null {
  const row = stmt(store, `SELECT * FROM import_batch WHERE state = 'open' AND source = ? ORDER BY id DESC LIMIT 1`)
    .get(source) as RawBatch | undefined;
  return row ? toBatch(row) : null;
}

export function getItem(store: Store, itemId: number): ItemRow | null {
  const row = stmt(store, 'SELECT * FROM import_item WHERE id = ?').get(itemId) as RawItem | undefined;
  return row ? toItem(row) : null;
}

export function listItems(store: Store, batchId: number, state?: ItemState): ItemRow[] {
  const rows = stmt(store, 'SELECT * FROM import_item WHERE batch_id = ? AND (? IS NULL OR state = ?) ORDER BY seq')
    .all(batchId, state ?? null, state ?? null) as RawItem[];
  return rows.map(toItem);
}

/**
 * Takes up to `max` queued items of the given open batches for this runner (state → reading, attempts + 1),
 * in queue order, in one transaction: one durable commit hands out work for several files. An item that
 * already stopped the reader MAX_ATTEMPTS times is failed here instead of being handed out.
 */
export function claimItems(store: Store, batchIds: readonly number[], runnerId: string, max: number): ItemRow[] {
  if (batchIds.length === 0 || max < 1) return [];
  const { db } = store;
  const marks = batchIds.map(() => '?').join(', ');
  const next = stmt(store, `
    SELECT i.* FROM import_item i JOIN import_batch b ON b.id = i.batch_id
    WHERE i.batch_id IN (${marks}) AND i.state = 'queued' AND b.state = 'open'
    ORDER BY i.batch_id, i.seq LIMIT ?`);
  return db.transaction(() => {
    const claimed: ItemRow[] = [];
    while (claimed.length < max) {
      const found = next.all(...batchIds, max - claimed.length) as RawItem[];
      if (found.length === 0) break;
      const now = iso();
      for (const row of found) {
        if (row.attempts >= MAX_ATTEMPTS) {
          stmt(store, `UPDATE import_item SET state = 'failed', message = ?, updated_at = ? WHERE id = ?`).run(
            `Pembacaan berkas ini terhenti ${MAX_ATTEMPTS} kali (aplikasi tertutup saat membacanya); berkas dilewati. ` +
              'Periksa berkasnya, lalu impor ulang bila perlu.',
            now,
            row.id,
          );
          continue;
        }
        stmt(store, `UPDATE import_item SET state = 'reading', runner = ?, attempts = attempts + 1, updated_at = ? WHERE id = ?`)
          .run(runnerId, now, row.id);
        claimed.push(toItem({ ...row, state: 'reading', runner: runnerId, attempts: row.attempts + 1 }));
      }
    }
    return claimed;
  }).immediate();
}

/** Records a stored file (idempotent). The bytes must already be in the blob store, fsynced. */
export function recordBlob(store: Store, blob: { sha256: string; size: number; mime: string }): void {
  stmt(store, 'INSERT OR IGNORE INTO blob (sha256, size, mime, created_at) VALUES (?, ?, ?, ?)').run(blob.sha256, blob.size, blob.mime, iso());
}

export type ItemEnd =
  | { state: 'done'; pages: number; message?: string | null }
  | { state: 'failed'; message: string; pages?: number }
  | { state: 'duplicate'; message: string; duplicateOf: number | null };

/**
 * Settles an item this runner holds, recording its stored file (`blob`: the row is written here, in the
 * same transaction, so a settled item and its blob row commit together). Returns false (and changes
 * nothing) when the item is no longer this runner's to settle (cancelled meanwhile, or taken back as a
 * dead runner's): a caller inside a transaction must then roll back.
 */
export function finishItem(
  store: Store,
  itemId: number,
  runnerId: string,
  end: ItemEnd,
  blob?: { sha256: string; size: number; mime: string } | null,
): boolean {
  return store.db.transaction(() => {
    if (blob) recordBlob(store, blob);
    const info = stmt(store, `UPDATE import_item SET state = @state, runner = NULL, pages = @pages, duplicate_of = @dup, message = @message,
                  blob_sha256 = coalesce(@blob, blob_sha256), updated_at = @now
                WHERE id = @id AND state = 'reading' AND runner = @runner`)
      .run({
        id: itemId,
        runner: runnerId,
        state: end.state,
        pages: end.state === 'duplicate' ? 0 : (end.pages ?? 0),
        dup: end.state === 'duplicate' ? end.duplicateOf : null,
        message: end.message ?? null,
        blob: blob?.sha256 ?? null,
        now: iso(),
      });
    if (info.changes !== 1) throw new NotHeld();
    return true;
  })();
}

class NotHeld extends Error {}

/** finishItem that answers false instead of throwing when the item is not held (outside a transaction). */
export function tryFinishItem(...args: Parameters<typeof finishItem>): boolean {
  try {
    return finishItem(...args);
  } catch (error) {
    if (error instanceof NotHeld) return false;
    throw error;
  }
}

export function isNotHeld(error: unknown): boolean {
  return error instanceof NotHeld;
}

/** Gives an item back: to the queue (paused; the claim does not count as an attempt) or as cancelled. */
export function releaseItem(store: Store, itemId: number, runnerId: string, to: 'queued' | 'cancelled'): void {
  stmt(store, `UPDATE import_item SET state = ?, runner = NULL, attempts = attempts - (? = 'queued'), updated_at = ?
              WHERE id = ? AND state = 'reading' AND runner = ?`)
    .run(to, to, iso(), itemId, runnerId);
}

/** Marks finished every given open batch that has nothing queued or reading left. Returns those finished. */
export function settleBatches(store: Store, batchIds: readonly number[]): number[] {
  const finished: number[] = [];
  const done = stmt(store, `UPDATE import_batch SET state = 'finished', finished_at = ? WHERE id = ? AND state = 'open'
    AND NOT EXISTS (SELECT 1 FROM import_item WHERE batch_id = import_batch.id AND state IN ('queued', 'reading'))`);
  for (const id of batchIds) if (done.run(iso(), id).changes === 1) finished.push(id);
  return finished;
}

/** Stops a batch for good: its queued items become cancelled (kept, listed). Items being read are the runner's to cancel. */
export function cancelBatch(store: Store, batchId: number): boolean {
  const { db } = store;
  return db.transaction(() => {
    const changed = stmt(store, `UPDATE import_batch SET state = 'cancelled', finished_at = ? WHERE id = ? AND state = 'open'`).run(iso(), batchId);
    if (changed.changes === 0) return false;
    stmt(store, `UPDATE import_item SET state = 'cancelled', updated_at = ? WHERE batch_id = ? AND state = 'queued'`).run(iso(), batchId);
    return true;
  }).immediate();
}

export function countItems(store: Store, batchIds: readonly number[]): ItemCounts {
  const counts = Object.fromEntries(ITEM_STATES.map((s) => [s, 0])) as ItemCounts;
  counts.total = 0;
  if (batchIds.length === 0) return counts;
  const marks = batchIds.map(() => '?').join(', ');
  const rows = stmt(store, `SELECT state, count(*) AS n FROM import_item WHERE batch_id IN (${marks}) GROUP BY state`)
    .all(...batchIds) as { state: ItemState; n: number }[];
  for (const row of rows) {
    counts[row.state] = row.n;
    counts.total += row.n;
  }
  return counts;
}

/**
 * An earlier item holding the same bytes that was already read (done) or found unreadable (failed): this
 * one is then a duplicate of it. (Two runners reading the same bytes at once meet at the sheet's
 * UNIQUE (blob, page) when committing: the second is settled as a duplicate then.)
 */
export function findOriginal(store: Store, sha256: string, itemId: number): ItemRow | null {
  const row = stmt(store, `SELECT * FROM import_item WHERE blob_sha256 = ? AND id <> ? AND state IN ('done', 'failed')
              ORDER BY id LIMIT 1`)
    .get(sha256, itemId) as RawItem | undefined;
  return row ? toItem(row) : null;
}

type RawBatch = {
  id: number; source: string; pattern: string | null; election_id: number | null; filed_tps: string | null;
  actor: string; state: BatchState; created_at: string; finished_at: string | null;
};

type RawItem = {
  id: number; batch_id: number; seq: number; path: string | null; name: string; blob_sha256: string | null;
  filed_tps: string | null; state: ItemState; runner: string | null; attempts: number; pages: number | null;
  duplicate_of: number | null; message: string | null;
};

function toBatch(r: RawBatch): BatchRow {
  return {
    id: r.id, source: r.source, pattern: r.pattern, electionId: r.election_id, filedTps: r.filed_tps,
    actor: r.actor, state: r.state, createdAt: r.created_at, finishedAt: r.finished_at,
  };
}

function toItem(r: RawItem): ItemRow {
  return {
    id: r.id, batchId: r.batch_id, seq: r.seq, path: r.path, name: r.name, blobSha256: r.blob_sha256,
    filedTps: r.filed_tps, state: r.state, runner: r.runner, attempts: r.attempts, pages: r.pages,
    duplicateOf: r.duplicate_of, message: r.message,
  };
}
