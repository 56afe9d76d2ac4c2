import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { callMethod } from '../../main/api/call-method.ts';
import { startCore } from '../../main/bootstrap.ts';
import { listAudit, verifyAuditChain } from '../../main/store/index.ts';
import { ApiError, type EventName, type ProjectorState } from '../../shared/api/contract.ts';
import { BUPATI, GUBERNUR, KECAMATAN, openInput, plenoCore, type PlenoTestCore } from './support/pleno-core.ts';

async function apiError(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ApiError, `expected ApiError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the call to fail');
}

function record(core: PlenoTestCore): { name: EventName; payload: unknown; at: number }[] {
  const seen: { name: EventName; payload: unknown; at: number }[] = [];
  core.api.events.onAny((name, payload) => seen.push({ name, payload, at: performance.now() }));
  return seen;
}

const op = <T>(core: PlenoTestCore, name: Parameters<typeof callMethod>[1], input: unknown) =>
  callMethod(core.api, name as never, input, 'operator') as Promise<T>;

describe('a kecamatan pleno from open to close', () => {
  let core: PlenoTestCore;
  before(() => {
    core = plenoCore();
  });
  after(() => core.close());

  test('open: attendees on record, the walk is desa by desa then their TPS, the projector follows', async () => {
    const seen = record(core);
    const session = await callMethod(core.api, 'openPlenoSession', openInput(), 'operator');
    assert.equal(session.state, 'open');
    assert.equal(session.level, 'kecamatan');
    assert.match(session.reference, /^Sesi pleno #1 Kecamatan /);
    assert.deepEqual(session.attendees.map((a) => a.role), ['anggota', 'anggota', 'saksi', 'saksi', 'saksi', 'pengawas']);
    assert.deepEqual(session.attendees.filter((a) => a.role === 'saksi').map((a) => a.nomorUrut), [1, 2, 3]);
    const tpsCount = (core.store.db.prepare('SELECT count(*) FROM tps WHERE code >= ? AND code < ?').pluck().get(KECAMATAN, `${KECAMATAN}:`) as number);
    const desaCount = (core.store.db.prepare("SELECT count(*) FROM region WHERE parent_code = ?").pluck().get(KECAMATAN) as number);
    assert.equal(session.items.length, tpsCount + desaCount);
    assert.equal(session.items[0]!.kind, 'desa');
    assert.equal(session.items[1]!.kind, 'tps');
    assert.ok(session.items[1]!.code.startsWith(session.items[0]!.code));
    assert.deepEqual(session.items.map((i) => i.position), session.items.map((_, i) => i + 1));
    assert.equal(session.currentItem?.code, session.items[0]!.code);
    assert.ok(seen.some((e) => e.name === 'projectorChanged'));
    const state = await callMethod(core.api, 'getProjectorState', {}, 'viewer');
    assert.equal(state.session?.id, session.id);
    assert.deepEqual(state.focus, { electionId: BUPATI, regionCode: KECAMATAN });
    assert.equal(state.item?.kind, 'desa');
    assert.equal(state.rekap?.tps.included, tpsCount);
    assert.equal(state.rekap?.desa.total, desaCount);
    assert.equal(state.rekap?.desa.done, desaCount);
    assert.equal(state.tpsDone, tpsCount);
    assert.equal(listAudit(core.store).at(-1)!.action, 'pleno.open');
    // a second open session for the same race and kecamatan is refused
    assert.equal((await apiError(callMethod(core.api, 'openPlenoSession', openInput(), 'operator'))).code, 'conflict');
  });

  test('next / previous / by code move the current item; the projector shows the TPS with its numbers', async () => {
    const seen = record(core);
    const next = await callMethod(core.api, 'movePlenoItem', { sessionId: 1, direction: 'next' }, 'operator');
    assert.equal(next.currentItem?.kind, 'tps');
    assert.equal(next.currentItem?.position, 2);
    const pushed = seen.find((e) => e.name === 'projectorChanged')!.payload as ProjectorState;
    assert.equal(pushed.item?.code, next.currentItem!.code);
    assert.equal(pushed.item?.state, 'verified');
    assert.equal(pushed.item?.tps.total, 1);
    assert.ok(pushed.item!.suaraSah > 0);
    assert.equal(pushed.item!.paslon.reduce((n, p) => n + p.suara, 0), pushed.item!.suaraSah);
    const back = await callMethod(core.api, 'movePlenoItem', { sessionId: 1, direction: 'previous' }, 'operator');
    assert.equal(back.currentItem?.position, 1);
    const stay = await callMethod(core.api, 'movePlenoItem', { sessionId: 1, direction: 'previous' }, 'operator');
    assert.equal(stay.currentItem?.position, 1, 'the first item stays first');
    const session = await callMethod(core.api, 'getPlenoSession', { sessionId: 1 }, 'viewer');
    const third = session.items[2]!;
    const jumped = await callMethod(core.api, 'movePlenoItem', { sessionId: 1, itemCode: third.code }, 'operator');
    assert.equal(jumped.currentItem?.code, third.code);
    const outside = await apiError(callMethod(core.api, 'movePlenoItem', { sessionId: 1, itemCode: '3506021001001' }, 'operator'));
    assert.equal(outside.code, 'invalid_input');
    assert.equal(outside.issues?.[0]?.path, 'itemCode');
  });

  test('a correction: old → new on record with reason and basis, in the audit log, totals and projector updated', async () => {
    const session = await callMethod(core.api, 'getPlenoSession', { sessionId: 1 }, 'viewer');
    const tps = session.currentItem!.code;
    const engine = core.rekap.engine();
    const before = engine.getTps(tps, BUPATI);
    assert.ok(before.ok && before.value.values);
    const old1 = before.value.values['IV.1']!;
    const oldA = before.value.values['V.A']!;
    const oldC = before.value.values['V.C']!;
    const oldB = before.value.values['V.B']!;
    const kecBefore = engine.getTotals(KECAMATAN, BUPATI);
    const kabBefore = engine.getTotals('3506', BUPATI);
    assert.ok(kecBefore.ok && kabBefore.ok);
    // the pleno moves 2 votes from paslon 1 to tidak sah: IV.1 −2, V.A −2, V.B +2 (V.C unchanged)
    const seen = record(core);
    const auditBefore = listAudit(core.store, { limit: 100000 }).length;
    const started = performance.now();
    const result = await callMethod(core.api, 'correctPlenoTally', {
      sessionId: 1, tpsCode: tps,
      changes: [{ fieldId: 'IV.1', value: old1 - 2 }, { fieldId: 'V.A', value: oldA - 2 }, { fieldId: 'V.B', value: oldB + 2 }, { fieldId: 'V.C', value: oldC }],
      reason: 'Dua surat suara paslon 1 tercoblos dua kali; pleno menyatakan tidak sah',
    }, 'operator');
    const projectorEvent = seen.find((e) => e.name === 'projectorChanged');
    assert.ok(projectorEvent, 'projectorChanged emitted');
    const latencyMs = projectorEvent.at - started;
    assert.ok(latencyMs < 200, `correction → projectorChanged in ${latencyMs.toFixed(1)} ms`);
    console.log(`# correction → projectorChanged (in process): ${latencyMs.toFixed(2)} ms`);
    // V.C did not change: three corrections, not four
    assert.deepEqual(result.corrections.map((c) => [c.fieldId, c.oldValue, c.newValue]), [['IV.1', old1, old1 - 2], ['V.A', oldA, oldA - 2], ['V.B', oldB, oldB + 2]]);
    assert.ok(result.corrections.every((c) => c.basis === 'keputusan pleno' && c.sessionId === 1 && c.reason.startsWith('Dua surat')));
    assert.equal(result.tps.values?.['IV.1'], old1 - 2);
    assert.deepEqual(result.tps.failing, []);
    // audit: one entry, before/after, reason; the chain still holds
    const audit = listAudit(core.store, { limit: 100000 });
    assert.equal(audit.length, auditBefore + 1);
    const entry = audit.at(-1)!;
    assert.equal(entry.action, 'tally.correct');
    assert.equal(entry.entity, `tps:${tps}`);
    assert.deepEqual((entry.before as { values: unknown }).values, { 'IV.1': old1, 'V.A': oldA, 'V.B': oldB });
    assert.equal((entry.after as { basis: string }).basis, 'keputusan pleno');
    assert.equal(entry.id, result.corrections[0]!.auditId);
    assert.equal(verifyAuditChain(core.store).ok, true);
    // the tally itself, marked as a pleno value
    const stored = core.store.db.prepare("SELECT value, source, audit_id FROM tally_value WHERE election_id = ? AND tps_code = ? AND field_id = 'IV.1'").get(BUPATI, tps) as { value: number; source: string; audit_id: number };
    assert.deepEqual(stored, { value: old1 - 2, source: 'pleno', audit_id: entry.id });
    // totals moved at every level, nothing else did
    const kecAfter = engine.getTotals(KECAMATAN, BUPATI);
    const kabAfter = engine.getTotals('3506', BUPATI);
    assert.ok(kecAfter.ok && kabAfter.ok);
    assert.equal(kecAfter.value.paslon[0]!.suara, kecBefore.value.paslon[0]!.suara - 2);
    assert.equal(kabAfter.value.paslon[0]!.suara, kabBefore.value.paslon[0]!.suara - 2);
    assert.equal(kecAfter.value.suara.tidakSah, kecBefore.value.suara.tidakSah + 2);
    assert.equal(kecAfter.value.paslon[1]!.suara, kecBefore.value.paslon[1]!.suara);
    // the projector shows the correction and the new running total
    const pushed = projectorEvent.payload as ProjectorState;
    assert.equal(pushed.lastCorrection?.tpsCode, tps);
    assert.equal(pushed.lastCorrection?.oldValue, oldB);
    assert.equal(pushed.lastCorrection?.newValue, oldB + 2);
    assert.equal(pushed.votes[0]!.suara, kecAfter.value.paslon[0]!.suara);
    assert.equal(pushed.item?.paslon[0]!.suara, old1 - 2);
    // corrections are append-only
    assert.throws(() => core.store.db.prepare('UPDATE pleno_correction SET new_value = 1').run(), /hanya boleh ditambah/);
    // nothing changed → refused; a field not on the form → refused naming it
    const same = await apiError(callMethod(core.api, 'correctPlenoTally', { sessionId: 1, tpsCode: tps, changes: [{ fieldId: 'IV.1', value: old1 - 2 }], reason: 'x' }, 'operator'));
    assert.equal(same.code, 'invalid_input');
    const field = await apiError(callMethod(core.api, 'correctPlenoTally', { sessionId: 1, tpsCode: tps, changes: [{ fieldId: 'IV.5', value: 3 }], reason: 'x' }, 'operator'));
    assert.equal(field.code, 'invalid_input');
    assert.equal(field.issues?.[0]?.path, 'changes.0.fieldId');
    const elsewhere = await apiError(callMethod(core.api, 'correctPlenoTally', { sessionId: 1, tpsCode: '3506021001001', changes: [{ fieldId: 'IV.1', value: 3 }], reason: 'x' }, 'operator'));
    assert.equal(elsewhere.issues?.[0]?.path, 'tpsCode');
  });

  test('keberatan saksi and kejadian khusus: per item, who raised it, decided once', async () => {
    const session = await callMethod(core.api, 'getPlenoSession', { sessionId: 1 }, 'viewer');
    const tps = session.currentItem!.code;
    const objection = await callMethod(core.api, 'recordPlenoNote', {
      sessionId: 1, kind: 'keberatan', itemCode: tps, raisedBy: 'Rina Kartika', raisedByRole: 'saksi', nomorUrut: 2,
      content: 'Saksi paslon 2 keberatan atas jumlah suara tidak sah',
    }, 'operator');
    assert.equal(objection.decision, null);
    const decided = await callMethod(core.api, 'decidePlenoNote', { noteId: objection.id, decision: 'Ditolak: hitung ulang sesuai C.Hasil plano' }, 'operator');
    assert.match(decided.decision!, /^Ditolak/);
    assert.ok(decided.decidedAt);
    assert.equal((await apiError(callMethod(core.api, 'decidePlenoNote', { noteId: objection.id, decision: 'lagi' }, 'operator'))).code, 'conflict');
    await callMethod(core.api, 'recordPlenoNote', {
      sessionId: 1, kind: 'kejadian_khusus', itemCode: null, raisedBy: 'Siti Rahmawati', raisedByRole: 'anggota',
      content: 'Listrik padam 20 menit; pleno diskors', decision: 'Pleno dilanjutkan pukul 14.00',
    }, 'operator');
    const saksiWithoutPaslon = await apiError(callMethod(core.api, 'recordPlenoNote', {
      sessionId: 1, kind: 'keberatan', itemCode: null, raisedBy: 'X', raisedByRole: 'saksi', content: 'y',
    }, 'operator'));
    assert.equal(saksiWithoutPaslon.issues?.[0]?.path, 'nomorUrut');
    const full = await callMethod(core.api, 'getPlenoSession', { sessionId: 1 }, 'viewer');
    assert.deepEqual(full.notes.map((n) => n.kind), ['keberatan', 'kejadian_khusus']);
    assert.ok(listAudit(core.store, { entity: 'pleno:1' }).some((e) => e.action === 'pleno.keberatan'));
    assert.throws(() => core.store.db.prepare('DELETE FROM pleno_note').run(), /tidak boleh dihapus/);
  });

  test('close: the totals are locked, in the engine, in the store and through the API', async () => {
    const closed = await callMethod(core.api, 'closePlenoSession', { sessionId: 1, note: 'Pleno selesai, D.Hasil ditandatangani' }, 'operator');
    assert.equal(closed.state, 'closed');
    assert.equal(closed.locks.length, 1);
    assert.equal(closed.locks[0]!.regionCode, KECAMATAN);
    assert.equal(closed.locks[0]!.reference, closed.reference);
    const totals = core.rekap.engine().getTotals(KECAMATAN, BUPATI);
    assert.ok(totals.ok);
    assert.equal(totals.value.locked?.reference, closed.reference);
    const state = await callMethod(core.api, 'getProjectorState', {}, 'viewer');
    assert.equal(state.rekap?.lockedBy, closed.reference);
    // the closed session takes nothing more
    const tps = closed.items.find((i) => i.kind === 'tps')!.code;
    assert.equal((await apiError(callMethod(core.api, 'correctPlenoTally', { sessionId: 1, tpsCode: tps, changes: [{ fieldId: 'IV.1', value: 1 }], reason: 'x' }, 'operator'))).code, 'conflict');
    assert.equal((await apiError(callMethod(core.api, 'movePlenoItem', { sessionId: 1, direction: 'next' }, 'operator'))).code, 'conflict');
    assert.throws(() => core.store.db.prepare("UPDATE pleno_session SET place = 'x' WHERE id = 1").run(), /sudah ditutup/);
    // store level: no writer can move a locked number
    const { db } = core.store;
    assert.throws(() => db.prepare("UPDATE tally_value SET value = value + 1 WHERE election_id = ? AND tps_code = ? AND field_id = 'IV.1'").run(BUPATI, tps), /dikunci/);
    assert.throws(() => db.prepare('DELETE FROM tally_value WHERE election_id = ? AND tps_code = ?').run(BUPATI, tps), /dikunci/);
    assert.throws(() => db.prepare("UPDATE tps_status SET status = 'needs_review' WHERE election_id = ? AND tps_code = ?").run(BUPATI, tps), /dikunci/);
    assert.throws(() => db.prepare("UPDATE tps_status SET status = 'withheld', reason = 'x' WHERE election_id = ? AND tps_code = ?").run(BUPATI, tps), /dikunci/);
    // the other race in the same kecamatan is not locked; nor is the neighbouring kecamatan
    const now = new Date().toISOString();
    db.prepare("INSERT INTO tps_status (tps_code, election_id, status, updated_at) VALUES (?, ?, 'received', ?)").run(tps, GUBERNUR, now);
    db.prepare("UPDATE tps_status SET status = 'verified' WHERE tps_code = ? AND election_id = ?").run(tps, GUBERNUR);
    const neighbour = db.prepare("SELECT code FROM tps WHERE code >= '350602' AND code < '350602:' LIMIT 1").pluck().get() as string;
    db.prepare("INSERT INTO tps_status (tps_code, election_id, status, updated_at) VALUES (?, ?, 'verified', ?)").run(neighbour, BUPATI, now);
    // a lock is never deleted
    assert.throws(() => db.prepare('DELETE FROM rekap_lock').run(), /tidak boleh dihapus/);
  });

  test('reopen needs a later session with its reason on record', async () => {
    const refused = await apiError(callMethod(core.api, 'openPlenoSession', openInput({ heldOn: '2024-11-30' }), 'operator'));
    assert.equal(refused.code, 'conflict');
    assert.match(refused.message, /dikunci/);
    const pointless = await apiError(callMethod(core.api, 'openPlenoSession', openInput({ regionCode: '350602', reopenReason: 'tidak perlu' }), 'operator'));
    assert.equal(pointless.issues?.[0]?.path, 'reopenReason');
    const reopened = await callMethod(core.api, 'openPlenoSession', openInput({ heldOn: '2024-11-30', reopenReason: 'Rekomendasi Panwascam: hitung ulang TPS 001' }), 'operator');
    assert.equal(reopened.reopensLockId, 1);
    assert.equal(reopened.locks[0]!.unlockedBySessionId, reopened.id);
    const totals = core.rekap.engine().getTotals(KECAMATAN, BUPATI);
    assert.ok(totals.ok);
    assert.equal(totals.value.locked, null);
    assert.ok(listAudit(core.store, { entity: `pleno:${reopened.id}` }).some((e) => e.action === 'pleno.reopen' && e.reason?.startsWith('Rekomendasi')));
    const tps = reopened.items.find((i) => i.kind === 'tps')!.code;
    const fixed = await callMethod(core.api, 'correctPlenoTally', { sessionId: reopened.id, tpsCode: tps, changes: [{ fieldId: 'III.L', value: 0 }, { fieldId: 'III.P', value: 0 }, { fieldId: 'III.LP', value: 0 }], reason: 'Hitung ulang disabilitas' }, 'operator');
    assert.ok(fixed.corrections.length >= 1);
    await callMethod(core.api, 'closePlenoSession', { sessionId: reopened.id }, 'operator');
    const sessions = await callMethod(core.api, 'listPlenoSessions', { electionId: BUPATI }, 'viewer');
    assert.deepEqual(sessions.map((s) => [s.id, s.state]), [[1, 'closed'], [reopened.id, 'closed']]);
  });
});

describe('a kab/kota pleno walks kecamatan and can reopen one', () => {
  test('items are kecamatan; a locked kecamatan is reopened by the kab/kota session, which then locks the kab/kota', async () => {
    const core = plenoCore();
    try {
      const kec = await callMethod(core.api, 'openPlenoSession', openInput(), 'operator');
      await callMethod(core.api, 'closePlenoSession', { sessionId: kec.id }, 'operator');
      const kab = await callMethod(core.api, 'openPlenoSession', openInput({ regionCode: '3506', place: 'Aula KPU Kabupaten Kediri' }), 'operator');
      assert.equal(kab.level, 'kabkota');
      assert.equal(kab.items.length, 26);
      assert.ok(kab.items.every((i) => i.kind === 'kecamatan'));
      const tps = kec.items.find((i) => i.kind === 'tps')!.code;
      const locked = await apiError(callMethod(core.api, 'correctPlenoTally', { sessionId: kab.id, tpsCode: tps, changes: [{ fieldId: 'IV.2', value: 0 }], reason: 'x' }, 'operator'));
      assert.equal(locked.code, 'conflict');
      assert.match(locked.message, /dikunci/);
      const lock = await callMethod(core.api, 'reopenPlenoLock', { sessionId: kab.id, regionCode: KECAMATAN, reason: 'Keberatan saksi diterima pleno kabupaten' }, 'operator');
      assert.equal(lock.unlockedBySessionId, kab.id);
      const corrected = await callMethod(core.api, 'correctPlenoTally', { sessionId: kab.id, tpsCode: tps, changes: [{ fieldId: 'V.B', value: 7 }], reason: 'Keputusan pleno kabupaten' }, 'operator');
      assert.equal(corrected.tps.values?.['V.B'], 7);
      assert.ok(corrected.tps.failing.length > 0, 'the engine names the checks this breaks');
      const rekap = await callMethod(core.api, 'getRekap', { electionId: BUPATI, regionCode: KECAMATAN }, 'viewer');
      assert.ok(rekap.checks.checks.some((c) => !c.holds && c.failingTps.includes(tps)));
      const closed = await callMethod(core.api, 'closePlenoSession', { sessionId: kab.id }, 'operator');
      assert.deepEqual(closed.locks.map((l) => [l.regionCode, l.unlockedBySessionId]), [[KECAMATAN, kab.id], ['3506', null]]);
      // a kecamatan session under a locked kab/kota is refused
      const under = await apiError(callMethod(core.api, 'openPlenoSession', openInput({ regionCode: '350602' }), 'operator'));
      assert.equal(under.code, 'conflict');
      assert.deepEqual(core.internalErrors, []);
    } finally {
      core.close();
    }
  });
});

describe('persistence', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pleno-session-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('after a restart the locks hold again and the projector returns to the open session', async () => {
    const dbPath = path.join(dir, 'pleno.db');
    const first = plenoCore({ dbPath });
    const a = await callMethod(first.api, 'openPlenoSession', openInput(), 'operator');
    await callMethod(first.api, 'closePlenoSession', { sessionId: a.id }, 'operator');
    const b = await callMethod(first.api, 'openPlenoSession', openInput({ regionCode: '350602' }), 'operator');
    await callMethod(first.api, 'movePlenoItem', { sessionId: b.id, direction: 'next' }, 'operator');
    first.close();

    const again = startCore({ dbPath, face: 'browser', validateOutputs: true, dataDir: dir });
    try {
      const totals = again.rekap.engine().getTotals(KECAMATAN, BUPATI);
      assert.ok(totals.ok);
      assert.equal(totals.value.locked?.reference, a.reference);
      const tps = a.items.find((i) => i.kind === 'tps')!.code;
      assert.equal(again.rekap.engine().canChange(tps, BUPATI).ok, false);
      const state = await callMethod(again.api, 'getProjectorState', {}, 'viewer');
      assert.equal(state.session?.id, b.id);
      assert.equal(state.item?.position, 2);
    } finally {
      again.close();
    }
  });
});
