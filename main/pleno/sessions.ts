/**
 * Pleno sessions: open, walk, close, reopen. Every change is one transaction with its audit entry; the rekap
 * engine is told after the commit (locks lifted or set), so the store and the engine never disagree.
 */
import type { PlenoLock, PlenoSession, PlenoSessionSummary } from '../../shared/api/methods/pleno.ts';
import type { z } from 'zod';
import type { OpenSessionInput } from '../../shared/api/methods/pleno.ts';
import { appendAudit, getElection, getRegion, getSettings, type Store } from '../store/index.ts';
import { sessionItems } from './items.ts';
import { getLock, locksAround } from './locks.ts';
import { fullSession, regionName, sessionReference, sessionRow, summarize, type SessionRow } from './read.ts';
import type { RekapHolder } from './rekap-holder.ts';
import { fail, ok, type PlenoResult } from './result.ts';

export type PlenoContext = { store: Store; rekap: RekapHolder; actor: string; now: () => Date };

export type OpenSession = z.output<typeof OpenSessionInput>;

export function openSession(ctx: PlenoContext, input: OpenSession): PlenoResult<PlenoSession> {
  const { store } = ctx;
  const election = getElection(store, input.electionId);
  if (!election) return fail('not_found', `pemilihan tidak ditemukan: ${input.electionId}`, 'electionId');
  const region = getRegion(store, input.regionCode);
  if (!region) return fail('not_found', `wilayah tidak ditemukan: ${input.regionCode}`, 'regionCode');
  if (!input.regionCode.startsWith(election.regionCode)) {
    return fail('invalid', `${region.name} berada di luar wilayah ${election.name}`, 'regionCode');
  }
  const nomor = new Set(election.paslon.map((p) => p.nomorUrut));
  const strange = input.saksi.find((s) => !nomor.has(s.nomorUrut));
  if (strange) return fail('invalid', `paslon nomor urut ${strange.nomorUrut} tidak ada pada ${election.name}`, 'saksi');
  const already = store.db.prepare("SELECT id FROM pleno_session WHERE election_id = ? AND region_code = ? AND state = 'open'")
    .pluck().get(election.id, region.code) as number | undefined;
  if (already !== undefined) return fail('conflict', `sesi pleno #${already} untuk ${region.name} masih terbuka; tutup dulu sebelum membuka sesi baru`);

  const { covering } = locksAround(store, election.id, region.code);
  const above = covering.find((l) => l.regionCode !== region.code);
  if (above) return fail('locked', `rekap ${regionName(store, above.regionCode)} sudah dikunci (${above.reference}); buka kembali di tingkat itu lebih dulu`);
  const own = covering.find((l) => l.regionCode === region.code) ?? null;
  if (own && !input.reopenReason) {
    return fail('locked', `rekap ${region.name} sudah dikunci (${own.reference}); sesi baru membukanya kembali hanya dengan alasan yang dicatat`, 'reopenReason');
  }
  if (!own && input.reopenReason) return fail('invalid', `rekap ${region.name} tidak sedang dikunci: tidak ada yang dibuka kembali`, 'reopenReason');

  const level = region.level === 'kecamatan' ? 'kecamatan' : 'kabkota';
  const at = ctx.now().toISOString();
  const first = sessionItems(store, level, region.code)[0]?.code ?? null;
  const device = getSettings(store).deviceName;
  const id = store.db.transaction(() => {
    const sessionId = Number(store.db.prepare(`
      INSERT INTO pleno_session (election_id, region_code, level, held_on, place, state, current_item, opened_by, opened_at, reopens_lock_id, reopen_reason)
      VALUES (?, ?, ?, ?, ?, 'open', ?, ?, ?, ?, ?)`)
      .run(election.id, region.code, level, input.heldOn, input.place, first, ctx.actor, at, own?.id ?? null, own ? input.reopenReason! : null)
      .lastInsertRowid);
    const attendee = store.db.prepare('INSERT INTO pleno_attendee (session_id, role, name, title, nomor_urut) VALUES (?, ?, ?, ?, ?)');
    for (const a of input.anggota) attendee.run(sessionId, 'anggota', a.name, a.title ?? null, null);
    for (const s of input.saksi) attendee.run(sessionId, 'saksi', s.name, null, s.nomorUrut);
    for (const p of input.pengawas) attendee.run(sessionId, 'pengawas', p.name, p.title ?? null, null);
    const reference = sessionReference({ id: sessionId, level, held_on: input.heldOn }, region.name);
    appendAudit(store, {
      actor: ctx.actor, device, action: 'pleno.open', entity: `pleno:${sessionId}`,
      after: { electionId: election.id, regionCode: region.code, heldOn: input.heldOn, place: input.place, anggota: input.anggota, saksi: input.saksi, pengawas: input.pengawas },
      reason: reference,
    });
    if (own) unlockInTx(ctx, own, sessionId, input.reopenReason!, at, device);
    return sessionId;
  }).immediate();
  if (own) unlockEngine(ctx, own, id);
  return ok(fullSession(store, sessionRow(store, id)!));
}

export function getSession(store: Store, id: number): PlenoResult<PlenoSession> {
  const row = sessionRow(store, id);
  return row ? ok(fullSession(store, row)) : fail('not_found', `sesi pleno tidak ditemukan: ${id}`, 'sessionId');
}

function openRow(store: Store, id: number): PlenoResult<SessionRow> {
  const row = sessionRow(store, id);
  if (!row) return fail('not_found', `sesi pleno tidak ditemukan: ${id}`, 'sessionId');
  if (row.state !== 'open') return fail('conflict', `sesi pleno #${id} sudah ditutup`);
  return ok(row);
}

export { openRow };

export type Move = { sessionId: number; direction: 'next' | 'previous' } | { sessionId: number; itemCode: string };

/** Moves the current item; at either end of the walk it stays where it is. */
export function moveItem(ctx: PlenoContext, move: Move): PlenoResult<PlenoSessionSummary> {
  const found = openRow(ctx.store, move.sessionId);
  if (!found.ok) return found;
  const row = found.value;
  const items = sessionItems(ctx.store, row.level, row.region_code);
  const at = items.findIndex((i) => i.code === row.current_item);
  let next: number;
  if ('itemCode' in move) {
    next = items.findIndex((i) => i.code === move.itemCode);
    if (next < 0) return fail('invalid', `butir ${move.itemCode} tidak ada dalam sesi pleno #${row.id}`, 'itemCode');
  } else {
    next = Math.min(Math.max(move.direction === 'next' ? at + 1 : at - 1, 0), items.length - 1);
  }
  const code = items[next]?.code ?? null;
  if (code !== row.current_item) ctx.store.db.prepare('UPDATE pleno_session SET current_item = ? WHERE id = ?').run(code, row.id);
  return ok(summarize(ctx.store, { ...row, current_item: code }));
}

/** Closes the session and locks its region's totals for its race (unless a wider lock already holds them). */
export function closeSession(ctx: PlenoContext, sessionId: number, note: string | undefined): PlenoResult<PlenoSession> {
  const { store } = ctx;
  const found = openRow(store, sessionId);
  if (!found.ok) return found;
  const row = found.value;
  const name = regionName(store, row.region_code);
  const reference = sessionReference(row, name);
  const at = ctx.now().toISOString();
  const { covering } = locksAround(store, row.election_id, row.region_code);
  const device = getSettings(store).deviceName;
  store.db.transaction(() => {
    store.db.prepare("UPDATE pleno_session SET state = 'closed', closed_at = ?, close_note = ? WHERE id = ?").run(at, note ?? null, row.id);
    let lockId: number | null = null;
    if (covering.length === 0) {
      lockId = Number(store.db.prepare('INSERT INTO rekap_lock (election_id, region_code, session_id, reference, locked_at) VALUES (?, ?, ?, ?, ?)')
        .run(row.election_id, row.region_code, row.id, reference, at).lastInsertRowid);
    }
    appendAudit(store, {
      actor: ctx.actor, device, action: 'pleno.close', entity: `pleno:${row.id}`,
      after: { electionId: row.election_id, regionCode: row.region_code, lockId, coveredBy: covering[0]?.id ?? null },
      reason: note ?? reference,
    });
  }).immediate();
  if (covering.length === 0) {
    const locked = ctx.rekap.engine().lock(row.region_code, row.election_id, { reference });
    if (!locked.ok) console.error(`pleno: kunci rekap ${row.region_code} tidak diterapkan di mesin rekap: ${locked.error.message}`);
  }
  return ok(fullSession(store, sessionRow(store, row.id)!));
}

/** A later, open session reopens totals an earlier one locked inside its region (a kecamatan at a kab/kota pleno). */
export function reopenLock(ctx: PlenoContext, sessionId: number, regionCode: string, reason: string): PlenoResult<PlenoLock> {
  const { store } = ctx;
  const found = openRow(store, sessionId);
  if (!found.ok) return found;
  const row = found.value;
  if (!regionCode.startsWith(row.region_code)) {
    return fail('invalid', `${regionCode} berada di luar wilayah sesi pleno #${row.id}`, 'regionCode');
  }
  const lock = locksAround(store, row.election_id, regionCode).covering.find((l) => l.regionCode === regionCode);
  if (!lock) return fail('not_found', `rekap ${regionName(store, regionCode)} tidak sedang dikunci`, 'regionCode');
  const at = ctx.now().toISOString();
  const device = getSettings(store).deviceName;
  store.db.transaction(() => unlockInTx(ctx, lock, row.id, reason, at, device)).immediate();
  unlockEngine(ctx, lock, row.id);
  return ok(getLock(store, lock.id)!);
}

function unlockInTx(ctx: PlenoContext, lock: PlenoLock, sessionId: number, reason: string, at: string, device: string): void {
  ctx.store.db.prepare('UPDATE rekap_lock SET unlocked_at = ?, unlocked_by_session_id = ? WHERE id = ?').run(at, sessionId, lock.id);
  appendAudit(ctx.store, {
    actor: ctx.actor, device, action: 'pleno.reopen', entity: `pleno:${sessionId}`,
    before: { lockId: lock.id, regionCode: lock.regionCode, electionId: lock.electionId, reference: lock.reference },
    reason,
  });
}

function unlockEngine(ctx: PlenoContext, lock: PlenoLock, sessionId: number): void {
  const unlocked = ctx.rekap.engine().unlock(lock.regionCode, lock.electionId, { reference: `sesi pleno #${sessionId}` });
  if (!unlocked.ok) console.error(`pleno: kunci rekap ${lock.regionCode} tidak dibuka di mesin rekap: ${unlocked.error.message}`);
}
