/**
 * Who is reading: each runner registers itself (host, pid) and refreshes a heartbeat while it lives. An item
 * left `reading` by a runner that is gone — its process no longer exists, or its heartbeat stopped — goes
 * back to the queue; an item a live runner (say, the desktop app while `pleno import-photos` runs) is
 * reading is left alone, so no file is read twice.
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { Store } from '../store/open.ts';
import { withRelaxedSync } from '../store/relaxed-sync.ts';
import { stmt } from './statements.ts';

/** A heartbeat older than this means a runner on another machine (whose pid we cannot check) is gone. */
export const STALE_AFTER_MS = 60_000;
/**
 * On this machine the pid says whether the runner lives; the heartbeat only guards against the pid having
 * been reused by another process since, so it may be old (a long page read in-thread holds the timer up).
 */
export const STALE_LOCAL_AFTER_MS = 10 * 60_000;
export const HEARTBEAT_EVERY_MS = 10_000;

export interface RunnerLease {
  id: string;
  /** Refreshes the heartbeat (also done on a timer while the runner lives). */
  beat(): void;
  release(): void;
}

export function registerRunner(store: Store, now: () => number = Date.now): RunnerLease {
  const host = os.hostname();
  const id = `${host}:${process.pid}:${randomBytes(4).toString('hex')}`;
  stmt(store, 'INSERT INTO import_runner (id, host, pid, started_at, heartbeat_ms) VALUES (?, ?, ?, ?, ?)')
    .run(id, host, process.pid, new Date(now()).toISOString(), now());
  const beatStmt = stmt(store, 'UPDATE import_runner SET heartbeat_ms = ? WHERE id = ?');
  // a heartbeat lost to a power cut is harmless (the runner is gone then anyway): no wait for the disk
  const timer = setInterval(() => {
    if (store.db.open) withRelaxedSync(store, () => beatStmt.run(now(), id));
  }, HEARTBEAT_EVERY_MS);
  timer.unref();
  return {
    id,
    beat: () => {
      beatStmt.run(now(), id);
    },
    release: () => {
      clearInterval(timer);
      if (store.db.open) stmt(store, 'DELETE FROM import_runner WHERE id = ?').run(id);
    },
  };
}

/**
 * Puts items held by dead runners back to `queued` and forgets those runners; items without any runner
 * row (the runner crashed before registering could not have claimed them, but be safe) likewise.
 * Returns how many items were requeued. The crash is not the file's fault unless it repeats: `attempts`
 * keeps counting, and claimNext gives up on a file after MAX_ATTEMPTS.
 */
export function requeueOrphans(store: Store, now: () => number = Date.now): number {
  const { db } = store;
  const host = os.hostname();
  return db.transaction(() => {
    const runners = stmt(store, 'SELECT id, host, pid, heartbeat_ms FROM import_runner').all() as {
      id: string; host: string; pid: number; heartbeat_ms: number;
    }[];
    const dead = runners.filter((r) =>
      r.host === host ? !processAlive(r.pid) || now() - r.heartbeat_ms > STALE_LOCAL_AFTER_MS : now() - r.heartbeat_ms > STALE_AFTER_MS);
    for (const r of dead) stmt(store, 'DELETE FROM import_runner WHERE id = ?').run(r.id);
    const info = stmt(store, `UPDATE import_item SET state = 'queued', runner = NULL, updated_at = ?
      WHERE state = 'reading' AND runner NOT IN (SELECT id FROM import_runner)`).run(new Date(now()).toISOString());
    return info.changes;
  }).immediate();
}

function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
