/**
 * Writes that may be redone after a power cut, committed without waiting for the disk.
 *
 * The store runs `synchronous = FULL` (a saved number survives a power cut: every commit waits for fsync).
 * An import commits a reading per file, and each fsync blocks the main thread — 10–450 ms when the disk is
 * busy with the photos themselves — which is the whole of the UI's stalls during a big import. Import
 * writes can afford less: in WAL mode `synchronous = NORMAL` survives a crash of the app, and a power cut
 * can only lose the last few of these commits together with their queue state, so those files are simply
 * read again on resume. The next FULL commit (any operator's write) syncs the WAL and with it everything
 * committed before.
 */
import type { Store } from './open.ts';

export function withRelaxedSync<T>(store: Store, work: () => T): T {
  const { db } = store;
  db.pragma('synchronous = NORMAL');
  try {
    return work();
  } finally {
    if (db.open) db.pragma('synchronous = FULL');
  }
}
