/** The rekap locks on record (table `rekap_lock`, migration 5): read, set on close, lifted by a later session. */
import type { PlenoLock } from '../../shared/api/methods/pleno.ts';
import type { LockInfo } from '../rekap/index.ts';
import type { Store } from '../store/index.ts';

type LockRow = {
  id: number; election_id: number; region_code: string; session_id: number; reference: string;
  locked_at: string; unlocked_at: string | null; unlocked_by_session_id: number | null;
};

export function lockFromRow(r: LockRow): PlenoLock {
  return {
    id: r.id, electionId: r.election_id, regionCode: r.region_code, sessionId: r.session_id, reference: r.reference,
    lockedAt: r.locked_at, unlockedAt: r.unlocked_at, unlockedBySessionId: r.unlocked_by_session_id,
  };
}

/** Active locks in the engine's terms: what `loadRekapFromStore` restores at start. */
export function activeLocks(store: Store): LockInfo[] {
  return (store.db.prepare('SELECT * FROM rekap_lock WHERE unlocked_at IS NULL ORDER BY election_id, region_code').all() as LockRow[])
    .map((r) => ({ regionCode: r.region_code, electionId: r.election_id, reference: r.reference, lockedAt: r.locked_at }));
}

/** Active locks of a race that cover `regionCode` (on it or above it) or lie inside it. */
export function locksAround(store: Store, electionId: number, regionCode: string): { covering: PlenoLock[]; inside: PlenoLock[] } {
  const rows = store.db.prepare(`
    SELECT * FROM rekap_lock WHERE election_id = @electionId AND unlocked_at IS NULL
      AND (region_code IN (substr(@code, 1, 2), substr(@code, 1, 4), substr(@code, 1, 6), substr(@code, 1, 10))
           OR (region_code > @code AND region_code < @code || ':'))
    ORDER BY region_code`).all({ electionId, code: regionCode }) as LockRow[];
  const locks = rows.map(lockFromRow);
  return {
    covering: locks.filter((l) => regionCode.startsWith(l.regionCode)),
    inside: locks.filter((l) => l.regionCode.length > regionCode.length),
  };
}

export function getLock(store: Store, id: number): PlenoLock | null {
  const row = store.db.prepare('SELECT * FROM rekap_lock WHERE id = ?').get(id) as LockRow | undefined;
  return row ? lockFromRow(row) : null;
}

/** Locks a session set or lifted. */
export function sessionLocks(store: Store, sessionId: number): PlenoLock[] {
  return (store.db.prepare('SELECT * FROM rekap_lock WHERE session_id = @s OR unlocked_by_session_id = @s ORDER BY id')
    .all({ s: sessionId }) as LockRow[]).map(lockFromRow);
}
