/**
 * attachImportSheet: the operator files a flagged page (identity contradicting the TPS it was filed under,
 * no TPS at all) under a TPS. Refusals name the problem in Bahasa Indonesia; a page whose own QR names
 * another TPS needs an explicit confirmation and a reason, both audited under the active profile; the TPS's
 * status on the status board follows.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { callMethod } from '../../main/api/call-method.ts';
import { startCore, type AppCore } from '../../main/bootstrap.ts';
import { createIntake } from '../../main/intake/index.ts';
import { verifyAuditChain } from '../../main/store/index.ts';
import { ApiError } from '../../shared/api/contract.ts';
import { fakePhotoBytes, fakeReaderFactory, kwkPage } from './support/fake-reader.ts';
import { BUPATI, demoDbPath, GUBERNUR, TPS, writeFolder } from './support/fixture.ts';

let core: AppCore;
const sheets: Record<string, number> = {};
const call = <T>(name: string, input: unknown, access: 'operator' | 'viewer' = 'operator') =>
  callMethod(core.api, name as never, input, access) as Promise<T>;
type Answer = { kind: string; status?: string; statusReason?: string | null; pageTps?: string; message?: string; electionId?: number; previousTps?: string | null };

async function refused(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ApiError, String(error));
    return error;
  }
  assert.fail('expected a refusal');
}

const boardStatus = async (tpsCode: string) => {
  const page = await call<{ items: { code: string; status: string; note: string | null }[] }>('listStatusBoardTps', { regionCode: tpsCode.slice(0, 10) }, 'viewer');
  return page.items.find((t) => t.code === tpsCode)!;
};

describe('attachImportSheet', () => {
  before(async () => {
    const dbPath = demoDbPath();
    core = startCore({ dbPath, face: 'browser', validateOutputs: true });
    await call('setActiveProfile', { profile: { role: 'ppk', regionCode: '350601', name: 'Sri Wahyuni' } });
    // pages flagged by an import (the stand-in reader says what each page reads as)
    const intake = createIntake({ store: core.store, blobRoot: path.join(path.dirname(dbPath), 'blobs'), readerFactory: fakeReaderFactory() });
    const folder = writeFolder(path.dirname(dbPath), {
      // filed under TPS 1, the name says TPS 2
      [`${TPS[1]}_hal2.jpg`]: fakePhotoBytes({ id: 'name', pages: [kwkPage(2, 7)] }),
      // filed under TPS 1, the QR says TPS 3
      [`${TPS[0]}_qr_hal2.jpg`]: fakePhotoBytes({ id: 'qr', pages: [{ ...kwkPage(2, 9), identity: { source: 'qr', tpsCode: TPS[2], jenis: 'bupati', halaman: 2 } }] }),
      // a 4-paslon form: fits no race of Kediri
      [`${TPS[0]}_empat_hal2.jpg`]: fakePhotoBytes({ id: 'four', pages: [{ template: 'pleno-kwk-4paslon-hal2', fields: { 'IV.1': 1 } }] }),
    });
    const q = await intake.enqueueFolder(folder, { electionId: BUPATI, filedTps: TPS[0], pattern: '{tps}*' });
    assert.ok(q.ok);
    const noName = writeFolder(path.dirname(dbPath), { 'IMG_0001.jpg': fakePhotoBytes({ id: 'none', pages: [kwkPage(1, 3)] }) });
    assert.ok((await intake.enqueueFolder(noName, { electionId: BUPATI })).ok);
    await intake.run({ workers: 1 }).done;
    for (const row of core.store.db.prepare('SELECT s.id, s.source_name AS name, si.problem FROM sheet s JOIN sheet_intake si ON si.sheet_id = s.id').all() as { id: number; name: string; problem: string }[]) {
      sheets[row.name] = row.id;
      assert.ok(row.problem === 'identity_conflict' || row.problem === 'no_tps', `${row.name}: ${row.problem}`);
    }
    assert.equal(Object.keys(sheets).length, 4);
    // the board shows a TPS's least advanced race: the gubernur C.Hasil of these TPS is already in
    const now = new Date().toISOString();
    for (const tps of TPS.slice(0, 4)) {
      core.store.db.prepare(`INSERT INTO tps_status (tps_code, election_id, status, reason, updated_at) VALUES (?, ?, 'needs_review', NULL, ?)`).run(tps, GUBERNUR, now);
    }
  });
  after(() => core.close());

  test('a page whose name contradicts the TPS it was filed under lands where the operator puts it; the board follows', async () => {
    assert.equal((await boardStatus(TPS[1])).status, 'no_chasil', 'no bupati C.Hasil yet');
    const answer = await call<Answer>('attachImportSheet', { sheetId: sheets[`${TPS[1]}_hal2.jpg`], tpsCode: TPS[1] });
    assert.deepEqual(answer, {
      kind: 'attached', sheetId: sheets[`${TPS[1]}_hal2.jpg`], tpsCode: TPS[1], electionId: BUPATI,
      status: 'received', statusReason: 'halaman 1 dari 2 belum ada', previousTps: null,
    });
    const board = await boardStatus(TPS[1]);
    assert.equal(board.status, 'received');
    assert.equal(board.note, 'halaman 1 dari 2 belum ada');
    const audit = core.store.db.prepare(`SELECT action, actor FROM audit_log WHERE entity = ? ORDER BY id`).all(`tps:${TPS[1]}`) as { action: string; actor: string }[];
    assert.deepEqual(audit.map((a) => a.action), ['sheet.attach', 'tally.machine', 'tps.status']);
    assert.match(audit[0]!.actor, /Sri Wahyuni/);
    // its numbers reached the TPS
    assert.equal(core.store.db.prepare(`SELECT value FROM tally_value WHERE tps_code = ? AND field_id = 'IV.1'`).pluck().get(TPS[1]), 47);
  });

  test('a page with no TPS takes the race of its import; hal 1 joins hal 2 and the TPS is ready for review', async () => {
    const answer = await call<Answer>('attachImportSheet', { sheetId: sheets['IMG_0001.jpg'], tpsCode: TPS[1] });
    assert.equal(answer.kind, 'attached');
    assert.equal(answer.electionId, BUPATI);
    assert.equal(answer.status, 'needs_review');
    assert.equal((await boardStatus(TPS[1])).status, 'needs_review');
  });

  test('against its own QR: asks for confirmation, then a reason; both recorded', async () => {
    const sheetId = sheets[`${TPS[0]}_qr_hal2.jpg`];
    const ask = await call<Answer>('attachImportSheet', { sheetId, tpsCode: TPS[0] });
    assert.equal(ask.kind, 'confirm');
    assert.equal(ask.pageTps, TPS[2]);
    assert.match(ask.message!, new RegExp(`Kode QR pada halaman ini menyebut TPS ${TPS[2]}, bukan ${TPS[0]}`));
    assert.equal((await call<Answer>('attachImportSheet', { sheetId, tpsCode: TPS[0], againstPage: true })).kind, 'confirm', 'a reason is required too');
    assert.equal(core.store.db.prepare('SELECT tps_code FROM sheet WHERE id = ?').pluck().get(sheetId), null, 'not attached while unconfirmed');
    // to the TPS its QR names, no confirmation is needed — but here the operator overrides the page
    const done = await call<Answer>('attachImportSheet', { sheetId, tpsCode: TPS[0], againstPage: true, reason: 'KPPS memakai formulir cadangan TPS 3' });
    assert.equal(done.kind, 'attached');
    const entry = core.store.db.prepare(`SELECT actor, reason, after FROM audit_log WHERE action = 'sheet.attach' AND entity = ?`).get(`tps:${TPS[0]}`) as
      { actor: string; reason: string; after: string };
    assert.match(entry.actor, /Sri Wahyuni/);
    assert.equal(entry.reason, 'KPPS memakai formulir cadangan TPS 3');
    assert.deepEqual(JSON.parse(entry.after).againstPage, { source: 'qr', tps: TPS[2] });
    assert.equal((await boardStatus(TPS[0])).status, 'received');
    assert.ok(verifyAuditChain(core.store).ok);
  });

  test('refusals: unknown TPS, unknown race, a form that fits no race, a viewer', async () => {
    const sheetId = sheets[`${TPS[0]}_empat_hal2.jpg`];
    const unknown = await refused(call('attachImportSheet', { sheetId, tpsCode: '3506012001999' }));
    assert.equal(unknown.code, 'not_found');
    assert.equal(unknown.message, 'TPS 3506012001999 tidak ada di data induk');
    const race = await refused(call('attachImportSheet', { sheetId, tpsCode: TPS[3], electionId: 99 }));
    assert.equal(race.code, 'not_found');
    assert.match(race.message, /pemilihan #99 tidak ditemukan/);
    const form = await refused(call('attachImportSheet', { sheetId, tpsCode: TPS[3] }));
    assert.equal(form.code, 'invalid_input');
    assert.match(form.message, /4 kolom suara paslon.*3 paslon/);
    const missing = await refused(call('attachImportSheet', { sheetId: 9999, tpsCode: TPS[3] }));
    assert.equal(missing.code, 'not_found');
    assert.equal((await refused(call('attachImportSheet', { sheetId, tpsCode: TPS[3] }, 'viewer'))).code, 'forbidden');
    assert.equal(core.store.db.prepare('SELECT tps_code FROM sheet WHERE id = ?').pluck().get(sheetId), null);
    assert.equal((await boardStatus(TPS[3])).status, 'no_chasil');
  });
});
