/** Sessions as the API returns them: rows of pleno_session and its tables turned into plain JSON. */
import type {
  Attendee, PlenoCorrection, PlenoLevel, PlenoNote, PlenoSession, PlenoSessionSummary,
} from '../../shared/api/methods/pleno.ts';
import type { Store } from '../store/index.ts';
import { sessionItems } from './items.ts';
import { sessionLocks } from './locks.ts';

export type SessionRow = {
  id: number; election_id: number; region_code: string; level: PlenoLevel; held_on: string; place: string;
  state: 'open' | 'closed'; current_item: string | null; opened_by: string; opened_at: string;
  closed_at: string | null; close_note: string | null; reopens_lock_id: number | null; reopen_reason: string | null;
};

const LEVEL_NAME: Record<PlenoLevel, string> = { kecamatan: 'Kecamatan', kabkota: 'Kabupaten/Kota' };

export function sessionRow(store: Store, id: number): SessionRow | null {
  return (store.db.prepare('SELECT * FROM pleno_session WHERE id = ?').get(id) as SessionRow | undefined) ?? null;
}

export function regionName(store: Store, code: string): string {
  return (store.db.prepare('SELECT name FROM region WHERE code = ?').pluck().get(code) as string | undefined) ?? code;
}

/** What locks and documents cite: "Sesi pleno #3 Kecamatan Semen (2024-11-28)". */
export function sessionReference(row: Pick<SessionRow, 'id' | 'level' | 'held_on'>, name: string): string {
  return `Sesi pleno #${row.id} ${LEVEL_NAME[row.level]} ${name} (${row.held_on})`;
}

export function summarize(store: Store, row: SessionRow): PlenoSessionSummary {
  const name = regionName(store, row.region_code);
  const items = sessionItems(store, row.level, row.region_code);
  return {
    id: row.id,
    electionId: row.election_id,
    regionCode: row.region_code,
    regionName: name,
    level: row.level,
    heldOn: row.held_on,
    place: row.place,
    state: row.state,
    reference: sessionReference(row, name),
    currentItem: items.find((i) => i.code === row.current_item) ?? null,
    itemCount: items.length,
    openedBy: row.opened_by,
    openedAt: row.opened_at,
    closedAt: row.closed_at,
    closeNote: row.close_note,
    reopensLockId: row.reopens_lock_id,
    reopenReason: row.reopen_reason,
  };
}

export function fullSession(store: Store, row: SessionRow): PlenoSession {
  const attendees = (store.db.prepare('SELECT role, name, title, nomor_urut FROM pleno_attendee WHERE session_id = ? ORDER BY id')
    .all(row.id) as { role: Attendee['role']; name: string; title: string | null; nomor_urut: number | null }[])
    .map((a) => ({ role: a.role, name: a.name, title: a.title, nomorUrut: a.nomor_urut }));
  return {
    ...summarize(store, row),
    attendees,
    items: sessionItems(store, row.level, row.region_code),
    corrections: listCorrections(store, { sessionId: row.id }),
    notes: listNotes(store, row.id),
    locks: sessionLocks(store, row.id),
  };
}

type CorrectionRow = {
  id: number; session_id: number; election_id: number; tps_code: string; field_id: string; old_value: number | null;
  new_value: number; reason: string; basis: string; actor: string; audit_id: number; created_at: string;
};

export function correctionFromRow(r: CorrectionRow): PlenoCorrection {
  return {
    id: r.id, sessionId: r.session_id, electionId: r.election_id, tpsCode: r.tps_code, fieldId: r.field_id,
    oldValue: r.old_value, newValue: r.new_value, reason: r.reason, basis: r.basis, actor: r.actor, auditId: r.audit_id, at: r.created_at,
  };
}

export function listCorrections(store: Store, where: { sessionId?: number; afterId?: number; limit?: number }): PlenoCorrection[] {
  return (store.db.prepare(`
    SELECT * FROM pleno_correction WHERE (@s IS NULL OR session_id = @s) AND id > @after ORDER BY id LIMIT @limit`)
    .all({ s: where.sessionId ?? null, after: where.afterId ?? 0, limit: where.limit ?? 100000 }) as CorrectionRow[]).map(correctionFromRow);
}

/** The newest correction of a race inside a region (what the projector shows as "koreksi terakhir"). */
export function lastCorrectionIn(store: Store, electionId: number, regionCode: string): PlenoCorrection | null {
  const row = store.db.prepare(`
    SELECT * FROM pleno_correction WHERE election_id = ? AND tps_code >= ? AND tps_code < ? ORDER BY id DESC LIMIT 1`)
    .get(electionId, regionCode, `${regionCode}:`) as CorrectionRow | undefined;
  return row ? correctionFromRow(row) : null;
}

type NoteRow = {
  id: number; session_id: number; kind: PlenoNote['kind']; item_code: string | null; raised_by: string;
  raised_by_role: PlenoNote['raisedByRole']; nomor_urut: number | null; content: string; decision: string | null;
  decided_at: string | null; created_at: string;
};

export function noteFromRow(r: NoteRow): PlenoNote {
  return {
    id: r.id, sessionId: r.session_id, kind: r.kind, itemCode: r.item_code, raisedBy: r.raised_by, raisedByRole: r.raised_by_role,
    nomorUrut: r.nomor_urut, content: r.content, decision: r.decision, decidedAt: r.decided_at, at: r.created_at,
  };
}

export function listNotes(store: Store, sessionId: number): PlenoNote[] {
  return (store.db.prepare('SELECT * FROM pleno_note WHERE session_id = ? ORDER BY id').all(sessionId) as NoteRow[]).map(noteFromRow);
}

export function noteById(store: Store, id: number): PlenoNote | null {
  const row = store.db.prepare('SELECT * FROM pleno_note WHERE id = ?').get(id) as NoteRow | undefined;
  return row ? noteFromRow(row) : null;
}

export function listSessionRows(store: Store, filter: { electionId?: number; regionCode?: string }): SessionRow[] {
  const code = filter.regionCode ?? null;
  return store.db.prepare(`
    SELECT * FROM pleno_session
    WHERE (@e IS NULL OR election_id = @e)
      AND (@code IS NULL OR (region_code >= @code AND region_code < @code || ':') OR @code >= region_code AND @code < region_code || ':')
    ORDER BY id`).all({ e: filter.electionId ?? null, code }) as SessionRow[];
}
