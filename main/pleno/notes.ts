/**
 * Keberatan saksi and kejadian khusus: recorded per item with who raised them, decided by the pleno (now or
 * later, once). They go into the berita acara; each is in the audit log.
 */
import type { PlenoNote } from '../../shared/api/methods/pleno.ts';
import { appendAudit, getElection, getSettings } from '../store/index.ts';
import { noteById } from './read.ts';
import { openRow, type PlenoContext } from './sessions.ts';
import { fail, ok, type PlenoResult } from './result.ts';

export type NoteInput = {
  sessionId: number;
  kind: PlenoNote['kind'];
  itemCode: string | null;
  raisedBy: string;
  raisedByRole: PlenoNote['raisedByRole'];
  nomorUrut?: number;
  content: string;
  decision?: string;
};

export function recordNote(ctx: PlenoContext, input: NoteInput): PlenoResult<PlenoNote> {
  const { store } = ctx;
  const found = openRow(store, input.sessionId);
  if (!found.ok) return found;
  const session = found.value;
  if (input.itemCode !== null && !input.itemCode.startsWith(session.region_code)) {
    return fail('invalid', `butir ${input.itemCode} berada di luar wilayah sesi pleno #${session.id}`, 'itemCode');
  }
  if (input.raisedByRole === 'saksi' && input.nomorUrut === undefined) return fail('invalid', 'saksi harus menyebut nomor urut paslonnya', 'nomorUrut');
  if (input.nomorUrut !== undefined && !getElection(store, session.election_id)!.paslon.some((p) => p.nomorUrut === input.nomorUrut)) {
    return fail('invalid', `paslon nomor urut ${input.nomorUrut} tidak ada pada pemilihan ini`, 'nomorUrut');
  }
  const at = ctx.now().toISOString();
  const id = store.db.transaction(() => {
    const audit = appendAudit(store, {
      actor: ctx.actor, device: getSettings(store).deviceName, action: `pleno.${input.kind}`, entity: `pleno:${session.id}`,
      after: { ...input },
    });
    return Number(store.db.prepare(`
      INSERT INTO pleno_note (session_id, kind, item_code, raised_by, raised_by_role, nomor_urut, content, decision, decided_at, audit_id, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(session.id, input.kind, input.itemCode, input.raisedBy, input.raisedByRole, input.nomorUrut ?? null, input.content,
        input.decision ?? null, input.decision ? at : null, audit.id, at).lastInsertRowid);
  }).immediate();
  return ok(noteById(store, id)!);
}

export function decideNote(ctx: PlenoContext, noteId: number, decision: string): PlenoResult<PlenoNote> {
  const { store } = ctx;
  const note = noteById(store, noteId);
  if (!note) return fail('not_found', `catatan pleno tidak ditemukan: ${noteId}`, 'noteId');
  if (note.decision !== null) return fail('conflict', `catatan pleno #${noteId} sudah diputuskan`);
  const session = openRow(store, note.sessionId);
  if (!session.ok) return session;
  const at = ctx.now().toISOString();
  store.db.transaction(() => {
    appendAudit(store, {
      actor: ctx.actor, device: getSettings(store).deviceName, action: 'pleno.decide', entity: `pleno:${note.sessionId}`,
      before: { noteId }, after: { noteId, decision },
    });
    store.db.prepare('UPDATE pleno_note SET decision = ?, decided_at = ? WHERE id = ?').run(decision, at, noteId);
  }).immediate();
  return ok(noteById(store, noteId)!);
}
