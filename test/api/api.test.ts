import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  ApiError,
  methodNames,
  methods,
  type EventName,
  type MethodName,
} from '../../shared/api/contract.ts';
import { callMethod } from '../../main/api/call-method.ts';
import { appendAudit, listAudit } from '../../main/store/index.ts';
import { demoCore, type TestCore } from './demo-core.ts';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { plantTps, consistentKwk3 } from '../review/support/plant.ts';
const REVIEW_TPS = '3506032001001';
const EMPTY_PHOTO = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pleno-api-')), 'kosong.jpg');
fs.writeFileSync(EMPTY_PHOTO, '');
const REVIEW_PHOTO = crypto.createHash('sha256').update('api-test-photo').digest();
const REVIEW_SHA = crypto.createHash('sha256').update(REVIEW_PHOTO).digest('hex');
async function prepareReview(core: TestCore): Promise<void> {
  const { hal1, hal2 } = consistentKwk3();
  await plantTps(core.store, REVIEW_TPS, 2, [
    { templateId: 'pleno-kwk-3paslon-hal1', values: hal1, bytes: REVIEW_PHOTO },
    { templateId: 'pleno-kwk-3paslon-hal2', values: hal2 },
  ]);
  const [withheldSheet] = await plantTps(core.store, '3506032001002', 2, [{ templateId: 'pleno-kwk-3paslon-hal1', values: {}, bytes: Buffer.from('api-test-withheld') }]); // sheet 3, for unlockWithheld
  core.store.db.prepare("UPDATE sheet SET withheld = 1, withheld_reason = 'bukan formulir C.Hasil' WHERE id = ?").run(withheldSheet);
  await callMethod(core.api, 'setActiveProfile', { profile: { role: 'kpu_kabkota', regionCode: '3506', name: null } }, 'operator');
}

/** Runs a call expected to fail and returns its ApiError (failing the test on anything else). */
async function apiError(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ApiError, `expected ApiError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the call to fail');
}

function recordEvents(core: TestCore): { name: EventName; payload: unknown }[] {
  const seen: { name: EventName; payload: unknown }[] = [];
  core.api.events.onAny((name, payload) => seen.push({ name, payload }));
  return seen;
}

/** A TPS of kecamatan 350601 (Kediri demo). */
const TPS_350601 = '3506012001001';
const PLENO_OPEN = {
  electionId: 2, regionCode: '350601', heldOn: '2024-11-28', place: 'Aula Kecamatan',
  anggota: [{ name: 'Ketua PPK' }], saksi: [{ nomorUrut: 1, name: 'Saksi 1' }],
};

/** Pleno sessions the VALID inputs refer to: #1 closed over 350602 (its totals locked), #2 open over 3506. */
async function preparePleno(core: TestCore): Promise<void> {
  await callMethod(core.api, 'openPlenoSession', { ...PLENO_OPEN, regionCode: '350602' }, 'operator');
  await callMethod(core.api, 'closePlenoSession', { sessionId: 1 }, 'operator');
  await callMethod(core.api, 'openPlenoSession', { ...PLENO_OPEN, regionCode: '3506' }, 'operator');
}

/** One valid input per method (each must pass the contract's own input schema). */
const VALID: { [M in MethodName]: unknown } = {
  getTpsReview: { tpsCode: REVIEW_TPS, electionId: 2 },
  setReviewValue: { tpsCode: REVIEW_TPS, electionId: 2, fieldId: 'IV.1', value: 90 },
  verifyTps: { tpsCode: REVIEW_TPS, electionId: 2 },
  getSheetImage: { sha256: REVIEW_SHA },
  listWithheld: {},
  unlockWithheld: { sheetId: 3, reason: 'foto bukan C.Hasil, dibuka untuk foto ulang' },
  getSheetThumbnail: { sha256: REVIEW_SHA },
  // import: batch #1 gets an empty upload and is settled; importPaths takes an empty file (never read)
  startUploadImport: { electionId: 2 },
  uploadImportChunk: { batchId: 1, uploadId: null, name: 'kosong.jpg', size: 0, offset: 0, data: '' },
  importPaths: { paths: [EMPTY_PHOTO], electionId: 2 },
  getImportStatus: {},
  listImportItems: { batchId: 1 },
  cancelImport: { batchId: 2 },
  attachImportSheet: { sheetId: 2, tpsCode: REVIEW_TPS, electionId: 2 },
  getAppInfo: {},
  getStatusSummary: { regionCode: '3506' },
  listRegionChildren: { parentCode: '3506' },
  getRegion: { code: '350601' },
  listTps: { regionCode: '350601', limit: 10 },
  listElections: {},
  getProjectorState: {},
  setProjectorFocus: { electionId: 2, regionCode: '350601' },
  getSettings: {},
  updateSettings: { deviceName: 'Laptop PPK Semen' },
  listStatusBoardTps: { regionCode: '350601', limit: 10 },
  exportStatusCsv: { regionCode: '350601' },
  getStatusCounts: { regionCode: '350601', electionId: 2 },
  getActiveProfile: {},
  setActiveProfile: { profile: { role: 'kpu_kabkota', regionCode: '3506', name: null } },
  // rekap and pleno: preparePleno() leaves session 1 closed (350602 locked) and session 2 open over 3506
  getRekap: { electionId: 2, regionCode: '350601' },
  getRekapTps: { electionId: 2, tpsCode: TPS_350601 },
  listPlenoSessions: {},
  getPlenoSession: { sessionId: 1 },
  getPlenoItem: { sessionId: 1 },
  getPlenoDocument: { sessionId: 1, kind: 'csv' },
  openPlenoSession: PLENO_OPEN,
  movePlenoItem: { sessionId: 2, direction: 'next' },
  correctPlenoTally: { sessionId: 2, tpsCode: TPS_350601, changes: [{ fieldId: 'IV.1', value: 12 }], reason: 'keputusan pleno', verify: true },
  recordPlenoNote: { sessionId: 2, kind: 'keberatan', itemCode: '350601', raisedBy: 'Saksi 1', raisedByRole: 'saksi', nomorUrut: 1, content: 'keberatan' },
  decidePlenoNote: { noteId: 1, decision: 'diterima' },
  closePlenoSession: { sessionId: 3 },
  reopenPlenoLock: { sessionId: 2, regionCode: '350602', reason: 'hitung ulang' },
};

/** Inputs each method must refuse as invalid_input, with the path the issue must name. */
const INVALID: { [M in MethodName]: [input: unknown, path: string][] } = {
  getTpsReview: [[{ tpsCode: '350601', electionId: 2 }, 'tpsCode'], [{ tpsCode: REVIEW_TPS, electionId: 0 }, 'electionId']],
  setReviewValue: [
    [{ tpsCode: REVIEW_TPS, electionId: 2, fieldId: 'IV.1', value: 1000 }, 'value'],
    [{ tpsCode: REVIEW_TPS, electionId: 2, fieldId: 'iv1', value: 1 }, 'fieldId'],
    [{ tpsCode: REVIEW_TPS, electionId: 2, fieldId: 'IV.1', value: 1, basis: { kind: 'pleno', reference: ' ' } }, 'basis.reference'],
  ],
  verifyTps: [[{ tpsCode: REVIEW_TPS }, 'electionId']],
  getSheetImage: [[{ sha256: 'abc' }, 'sha256']],
  listWithheld: [[{ region: '3506' }, '']],
  unlockWithheld: [[{ sheetId: 3, reason: ' ' }, 'reason'], [{ sheetId: 0, reason: 'x' }, 'sheetId']],
  getSheetThumbnail: [[{ sha256: REVIEW_SHA, width: 10 }, 'width']],
  startUploadImport: [[{ filedTps: '35060' }, 'filedTps'], [{ pattern: '' }, 'pattern']],
  uploadImportChunk: [[{ batchId: 1, uploadId: null, name: 'a.jpg', size: -1, offset: 0, data: '' }, 'size'], [{ batchId: 1, name: 'a.jpg', size: 1, offset: 0, data: '' }, 'uploadId']],
  importPaths: [[{ paths: [] }, 'paths']],
  getImportStatus: [[{ batchId: 1 }, '']],
  listImportItems: [[{ batchId: 0 }, 'batchId']],
  cancelImport: [[{}, 'batchId']],
  attachImportSheet: [[{ sheetId: 2, tpsCode: '3506' }, 'tpsCode'], [{ sheetId: 2, tpsCode: REVIEW_TPS, againstPage: true, reason: ' ' }, 'reason']],
  getAppInfo: [[{ extra: 1 }, ''], [null, ''], ['x', '']],
  getStatusSummary: [[{ regionCode: '35061' }, 'regionCode'], [{ regionCode: 3506 }, 'regionCode'], [{ region: '35' }, '']],
  listRegionChildren: [[{}, 'parentCode'], [{ parentCode: 'abc' }, 'parentCode']],
  getRegion: [[{ code: '3506012001001' }, 'code'], [{}, 'code']],
  listTps: [
    [{ regionCode: '3506', limit: 0 }, 'limit'],
    [{ regionCode: '3506', limit: 5001 }, 'limit'],
    [{ regionCode: '3506', offset: -1 }, 'offset'],
    [{ regionCode: '3506', offset: 1.5 }, 'offset'],
    [{ regionCode: '3506', status: 'done' }, 'status'],
    [{}, 'regionCode'],
  ],
  listElections: [[[], '']],
  getProjectorState: [[{ focus: 1 }, '']],
  setProjectorFocus: [[{ electionId: 'x', regionCode: null }, 'electionId'], [{ electionId: 1 }, 'regionCode'], [{ electionId: 1.5, regionCode: null }, 'electionId']],
  getSettings: [[{ a: 1 }, '']],
  updateSettings: [
    [{ updateUrl: 'ftp://kpu.example/updates' }, 'updateUrl'],
    [{ updateUrl: 'bukan url' }, 'updateUrl'],
    [{ deviceName: '' }, 'deviceName'],
    [{ deviceName: 'x'.repeat(81) }, 'deviceName'],
    [{ theme: 'dark' }, ''],
  ],
  listStatusBoardTps: [[{ regionCode: '35061' }, 'regionCode'], [{ regionCode: '3506', limit: 0 }, 'limit']],
  exportStatusCsv: [[{}, 'regionCode'], [{ regionCode: '3506', status: 'x' }, 'status']],
  getStatusCounts: [[{ electionId: 2 }, 'regionCode'], [{ regionCode: '3506', electionId: 0 }, 'electionId']],
  getActiveProfile: [[{ a: 1 }, '']],
  setActiveProfile: [[{}, 'profile'], [{ profile: { role: 'bawaslu', regionCode: '350601' } }, 'profile.role']],
  getRekap: [[{ electionId: 2 }, 'regionCode'], [{ electionId: 0, regionCode: '3506' }, 'electionId'], [{ electionId: 2, regionCode: '3506', failingLimit: -1 }, 'failingLimit']],
  getRekapTps: [[{ electionId: 2, tpsCode: '350601' }, 'tpsCode']],
  listPlenoSessions: [[{ regionCode: 'x' }, 'regionCode']],
  getPlenoSession: [[{}, 'sessionId'], [{ sessionId: 0 }, 'sessionId']],
  getPlenoItem: [[{ sessionId: 1, itemCode: '35' }, 'itemCode']],
  getPlenoDocument: [[{ sessionId: 1, kind: 'docx' }, 'kind']],
  openPlenoSession: [
    [{ ...PLENO_OPEN, regionCode: '3506012001' }, 'regionCode'],
    [{ ...PLENO_OPEN, heldOn: '28-11-2024' }, 'heldOn'],
    [{ ...PLENO_OPEN, anggota: [] }, 'anggota'],
    [{ ...PLENO_OPEN, saksi: [{ nomorUrut: 7, name: 'x' }] }, 'saksi.0.nomorUrut'],
    [{ ...PLENO_OPEN, place: '  ' }, 'place'],
  ],
  movePlenoItem: [[{ sessionId: 1, direction: 'up' }, 'direction'], [{ sessionId: 1, itemCode: '35' }, 'itemCode']],
  correctPlenoTally: [
    [{ sessionId: 2, tpsCode: TPS_350601, changes: [], reason: 'x' }, 'changes'],
    [{ sessionId: 2, tpsCode: TPS_350601, changes: [{ fieldId: 'IV.1', value: 1000 }], reason: 'x' }, 'changes.0.value'],
    [{ sessionId: 2, tpsCode: TPS_350601, changes: [{ fieldId: 'IV.1', value: 1 }], reason: '' }, 'reason'],
  ],
  recordPlenoNote: [[{ sessionId: 2, kind: 'protes', itemCode: null, raisedBy: 'x', raisedByRole: 'saksi', content: 'y' }, 'kind']],
  decidePlenoNote: [[{ noteId: 1, decision: '' }, 'decision']],
  closePlenoSession: [[{ sessionId: 'x' }, 'sessionId']],
  reopenPlenoLock: [[{ sessionId: 2, regionCode: '350602' }, 'reason']],
};

describe('API over a real store seeded with Kediri', () => {
  let core: TestCore;
  before(async () => {
    core = demoCore();
    await prepareReview(core);
    await preparePleno(core);
    await callMethod(core.api, 'startUploadImport', {}, 'operator'); // import #1, for listImportItems
  });
  after(() => core.close());

  test('every method answers a valid input with output the contract accepts', async () => {
    for (const name of methodNames) {
      const input = VALID[name];
      assert.ok(methods[name].input.safeParse(input).success, `${name}: test input itself must be valid`);
      const output = await callMethod(core.api, name, input, 'operator');
      assert.ok(methods[name].output.safeParse(output).success, `${name}: output must match the contract`);
    }
    assert.deepEqual(core.internalErrors, []);
  });

  test('every method refuses bad input with invalid_input naming the field', async () => {
    for (const name of methodNames) {
      for (const [input, path] of INVALID[name]) {
        const error = await apiError(callMethod(core.api, name, input, 'operator'));
        assert.equal(error.code, 'invalid_input', `${name} ${JSON.stringify(input)}`);
        assert.ok(error.issues && error.issues.length > 0, `${name}: issues listed`);
        assert.ok(error.issues.some((i) => i.path === path), `${name} ${JSON.stringify(input)}: issue at '${path}', got ${JSON.stringify(error.issues)}`);
        assert.ok(error.issues.every((i) => i.message.length > 0));
      }
    }
  });

  test('no payload at all is the empty input; null is not', async () => {
    const info = await callMethod(core.api, 'getAppInfo', undefined, 'viewer');
    assert.equal(info.name, 'Pleno');
    assert.equal((await apiError(callMethod(core.api, 'getAppInfo', null, 'viewer'))).code, 'invalid_input');
    assert.equal((await apiError(callMethod(core.api, 'getRegion', undefined, 'viewer'))).code, 'invalid_input');
  });

  test('validation messages are in Bahasa Indonesia', async () => {
    const error = await apiError(callMethod(core.api, 'listTps', { regionCode: '3506', limit: 'banyak' }, 'operator'));
    assert.match(error.issues?.[0]?.message ?? '', /tidak valid|diharapkan/);
    const code = await apiError(callMethod(core.api, 'getRegion', { code: '12345' }, 'operator'));
    assert.equal(code.issues?.[0]?.message, 'kode wilayah harus 2, 4, 6 atau 10 digit');
  });

  test('unknown methods, including prototype names, are not_found', async () => {
    for (const name of ['deleteEverything', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '']) {
      const error = await apiError(callMethod(core.api, name, {}, 'operator'));
      assert.equal(error.code, 'not_found', name);
    }
  });

  test('regions that do not exist are not_found, not empty answers', async () => {
    const calls: [MethodName, unknown][] = [
      ['getRegion', { code: '3507' }],
      ['getStatusSummary', { regionCode: '3507' }],
      ['listRegionChildren', { parentCode: '9999' }],
      ['listTps', { regionCode: '3506999999' }],
    ];
    for (const [name, input] of calls) {
      const error = await apiError(callMethod(core.api, name, input, 'viewer'));
      assert.equal(error.code, 'not_found', name);
      assert.match(error.message, /wilayah tidak ditemukan/);
    }
  });

  test('Kediri as the API sees it: 26 kecamatan, 344 desa, TPS paged in code order', async () => {
    const counts = await callMethod(core.api, 'getStatusSummary', { regionCode: '3506' }, 'viewer');
    assert.equal(counts.kabkota, 1);
    assert.equal(counts.kecamatan, 26);
    assert.equal(counts.desa, 344);
    assert.equal(counts.status.no_chasil, counts.tps);
    const kecamatan = await callMethod(core.api, 'listRegionChildren', { parentCode: '3506' }, 'viewer');
    assert.equal(kecamatan.length, 26);
    assert.equal(kecamatan.reduce((n, k) => n + k.tpsCount, 0), counts.tps);
    const top = await callMethod(core.api, 'listRegionChildren', { parentCode: null }, 'viewer');
    assert.deepEqual(top.map((r) => r.code), ['35']);
    const detail = await callMethod(core.api, 'getRegion', { code: kecamatan[0]!.code }, 'viewer');
    assert.deepEqual(detail.path.map((r) => r.level), ['provinsi', 'kabkota', 'kecamatan']);
    const page1 = await callMethod(core.api, 'listTps', { regionCode: '3506', limit: 100 }, 'viewer');
    const page2 = await callMethod(core.api, 'listTps', { regionCode: '3506', offset: 100, limit: 100 }, 'viewer');
    assert.equal(page1.total, counts.tps);
    assert.equal(page1.items.length, 100);
    const codes = [...page1.items, ...page2.items].map((t) => t.code);
    assert.deepEqual(codes, [...codes].sort());
    assert.equal(new Set(codes).size, 200);
    const verified = await callMethod(core.api, 'listTps', { regionCode: '3506', status: 'verified' }, 'viewer');
    assert.deepEqual(verified, { items: [], total: 0 });
  });

  test('getAppInfo tells the caller who they are and what the database is', async () => {
    const asOperator = await callMethod(core.api, 'getAppInfo', {}, 'operator');
    assert.equal(asOperator.access, 'operator');
    assert.equal(asOperator.face, 'electron');
    assert.equal(asOperator.demo, true);
    assert.equal(asOperator.homeRegion?.code, '3506');
    assert.equal(asOperator.dataDir, '/data/Pleno');
    assert.ok(asOperator.schemaVersion >= 1);
    const asViewer = await callMethod(core.api, 'getAppInfo', {}, 'viewer', { face: 'browser' });
    assert.equal(asViewer.access, 'viewer');
    assert.equal(asViewer.face, 'browser');
  });
});

describe('access rules', () => {
  let core: TestCore;
  before(async () => {
    core = demoCore();
    await prepareReview(core);
    await preparePleno(core);
    await callMethod(core.api, 'startUploadImport', {}, 'operator'); // import #1, for listImportItems
  });
  after(() => core.close());

  test('viewers may read everything and change nothing', async () => {
    const seen = recordEvents(core);
    for (const name of methodNames) {
      if (methods[name].access === 'read') {
        await callMethod(core.api, name, VALID[name], 'viewer');
      } else {
        const error = await apiError(callMethod(core.api, name, VALID[name], 'viewer'));
        assert.equal(error.code, 'forbidden', name);
      }
    }
    // forbidden even with input that would be invalid: a viewer learns nothing about operator inputs
    const error = await apiError(callMethod(core.api, 'updateSettings', { nonsense: true }, 'viewer'));
    assert.equal(error.code, 'forbidden');
    assert.deepEqual(seen, []);
    const settings = await callMethod(core.api, 'getSettings', {}, 'viewer');
    assert.notEqual(settings.deviceName, 'Laptop PPK Semen');
    const focus = await callMethod(core.api, 'getProjectorState', {}, 'viewer');
    assert.deepEqual(focus.focus, { electionId: 2, regionCode: '3506' });
  });

  test('the operator methods are exactly the ones the contract marks', () => {
    assert.deepEqual(
      methodNames.filter((n) => methods[n].access === 'operator').sort(),
      [
        'attachImportSheet', 'cancelImport', 'closePlenoSession', 'correctPlenoTally', 'decidePlenoNote', 'getActiveProfile', 'getPlenoDocument', 'importPaths', 'listWithheld', 'movePlenoItem', 'openPlenoSession',
        'recordPlenoNote', 'reopenPlenoLock', 'setActiveProfile', 'setProjectorFocus', 'setReviewValue', 'startUploadImport', 'unlockWithheld', 'updateSettings',
        'uploadImportChunk', 'verifyTps',
      ],
    );
  });
});

describe('projector', () => {
  let core: TestCore;
  before(() => {
    core = demoCore();
  });
  after(() => core.close());

  test('defaults to the home region and its own race, with empty totals', async () => {
    const state = await callMethod(core.api, 'getProjectorState', {}, 'viewer');
    assert.equal(state.region?.code, '3506');
    assert.equal(state.election?.jenis, 'bupati');
    assert.equal(state.election?.regionCode, '3506');
    const counts = await callMethod(core.api, 'getStatusSummary', { regionCode: '3506' }, 'viewer');
    assert.equal(state.tpsTotal, counts.tps);
    assert.equal(state.tpsDone, 0);
    assert.deepEqual(state.votes, state.election!.paslon.map((p) => ({ nomorUrut: p.nomorUrut, suara: null })));
    assert.ok(!Number.isNaN(Date.parse(state.updatedAt)));
  });

  test('setting the focus emits projectorChanged with the new state', async () => {
    const seen = recordEvents(core);
    const focus = await callMethod(core.api, 'setProjectorFocus', { electionId: 1, regionCode: '350601' }, 'operator');
    assert.deepEqual(focus, { electionId: 1, regionCode: '350601' });
    assert.equal(seen.length, 1);
    assert.equal(seen[0]!.name, 'projectorChanged');
    const pushed = seen[0]!.payload as { focus: unknown; region: { name: string }; election: { jenis: string }; tpsTotal: number };
    assert.deepEqual(pushed.focus, focus);
    assert.equal(pushed.election.jenis, 'gubernur');
    const kecamatan = await callMethod(core.api, 'getRegion', { code: '350601' }, 'viewer');
    assert.equal(pushed.region.name, kecamatan.region.name);
    assert.equal(pushed.tpsTotal, kecamatan.region.tpsCount);
    const read = await callMethod(core.api, 'getProjectorState', {}, 'viewer');
    assert.deepEqual(read.focus, focus);
  });

  test('refuses unknown races and regions, and a region outside the race', async () => {
    const seen = recordEvents(core);
    assert.equal((await apiError(callMethod(core.api, 'setProjectorFocus', { electionId: 99, regionCode: null }, 'operator'))).code, 'not_found');
    assert.equal((await apiError(callMethod(core.api, 'setProjectorFocus', { electionId: 2, regionCode: '3599' }, 'operator'))).code, 'not_found');
    // the bupati race of Kediri cannot be shown for all of Jawa Timur
    const outside = await apiError(callMethod(core.api, 'setProjectorFocus', { electionId: 2, regionCode: '35' }, 'operator'));
    assert.equal(outside.code, 'invalid_input');
    assert.equal(outside.issues?.[0]?.path, 'regionCode');
    assert.deepEqual(seen, []);
    // a blank projector is a valid choice
    await callMethod(core.api, 'setProjectorFocus', { electionId: null, regionCode: null }, 'operator');
    const blank = await callMethod(core.api, 'getProjectorState', {}, 'viewer');
    assert.deepEqual([blank.region, blank.election, blank.votes, blank.tpsTotal], [null, null, [], 0]);
  });

  test('totals count only TPS verified for the race, summed from IV.<nomor urut>', async () => {
    await callMethod(core.api, 'setProjectorFocus', { electionId: 2, regionCode: '350601' }, 'operator');
    const { db } = core.store;
    const tps = (db.prepare("SELECT code FROM tps WHERE code >= '350601' AND code < '350601:' ORDER BY code LIMIT 3").all() as { code: string }[]).map((r) => r.code);
    const now = new Date().toISOString();
    const auditId = appendAudit(core.store, { actor: 'test', device: 'test', action: 'tally.test', entity: 'tps' }).id;
    const status = db.prepare("INSERT INTO tps_status (tps_code, election_id, status, updated_at) VALUES (?, 2, ?, ?)");
    const value = db.prepare("INSERT INTO tally_value (election_id, tps_code, field_id, value, source, audit_id, updated_at) VALUES (2, ?, ?, ?, 'operator', ?, ?)");
    status.run(tps[0], 'verified', now);
    status.run(tps[1], 'verified', now);
    status.run(tps[2], 'needs_review', now); // its numbers must not reach the room
    for (const [i, code] of tps.entries()) {
      value.run(code, 'IV.1', 10 * (i + 1), auditId, now);
      value.run(code, 'IV.2', 100 + i, auditId, now);
      value.run(code, 'V.A', 999, auditId, now);
    }
    // writers outside the API tell it what they committed (intake and review do): the rekap re-reads the desa
    core.api.publishDataChanged('tps', tps[0]!.slice(0, 10));
    const state = await callMethod(core.api, 'getProjectorState', {}, 'viewer');
    assert.equal(state.tpsDone, 2);
    assert.deepEqual(state.votes, [
      { nomorUrut: 1, suara: 30 },
      { nomorUrut: 2, suara: 201 },
      { nomorUrut: 3, suara: 0 },
    ]);
    // the gubernur race has no verified TPS: still nothing shown
    await callMethod(core.api, 'setProjectorFocus', { electionId: 1, regionCode: '350601' }, 'operator');
    const other = await callMethod(core.api, 'getProjectorState', {}, 'viewer');
    assert.equal(other.tpsDone, 0);
    assert.ok(other.votes.every((v) => v.suara === null));
  });

  test('publishDataChanged refreshes the projector only when the change is in its region', async () => {
    await callMethod(core.api, 'setProjectorFocus', { electionId: 2, regionCode: '350601' }, 'operator');
    const seen = recordEvents(core);
    core.api.publishDataChanged('tps', '3506021001');
    assert.deepEqual(seen.map((e) => e.name), ['dataChanged']);
    core.api.publishDataChanged('tps', '3506012001');
    assert.deepEqual(seen.map((e) => e.name), ['dataChanged', 'dataChanged', 'projectorChanged']);
    core.api.publishDataChanged('import', null);
    assert.deepEqual(seen.slice(3).map((e) => e.name), ['dataChanged', 'projectorChanged']);
  });
});

describe('settings', () => {
  let core: TestCore;
  before(() => {
    core = demoCore();
  });
  after(() => core.close());

  test('updateSettings saves, audits, and emits dataChanged once per real change', async () => {
    const seen = recordEvents(core);
    const auditBefore = listAudit(core.store).length;
    const saved = await callMethod(core.api, 'updateSettings', { updateUrl: 'https://kpu-kediri.example/pleno/' }, 'operator');
    assert.equal(saved.updateUrl, 'https://kpu-kediri.example/pleno/');
    assert.deepEqual(await callMethod(core.api, 'getSettings', {}, 'viewer'), saved);
    assert.deepEqual(seen, [{ name: 'dataChanged', payload: { scope: 'settings', regionCode: null } }]);
    const audit = listAudit(core.store);
    assert.equal(audit.length, auditBefore + 1);
    assert.equal(audit.at(-1)!.action, 'settings.update');
    assert.equal(audit.at(-1)!.actor, 'operator');
    // the same value again changes nothing: no event, no audit entry
    await callMethod(core.api, 'updateSettings', { updateUrl: 'https://kpu-kediri.example/pleno/' }, 'operator');
    await callMethod(core.api, 'updateSettings', {}, 'operator');
    assert.equal(seen.length, 1);
    assert.equal(listAudit(core.store).length, auditBefore + 1);
    // null switches update checks off
    const off = await callMethod(core.api, 'updateSettings', { updateUrl: null }, 'operator');
    assert.equal(off.updateUrl, null);
    assert.equal(seen.length, 2);
  });
});

describe('failures never crash the caller', () => {
  test('an unexpected failure inside a handler becomes internal and is reported', async () => {
    const core = demoCore({ seedDemo: false });
    core.store.close(); // every query now throws "database is not open"
    const error = await apiError(callMethod(core.api, 'getSettings', {}, 'operator'));
    assert.equal(error.code, 'internal');
    assert.doesNotMatch(error.message, /database/); // no internals leak to the caller
    assert.equal(core.internalErrors.length, 1);
    assert.equal(core.internalErrors[0]!.method, 'getSettings');
  });

  test('an output that breaks the contract is caught as internal', async () => {
    const core = demoCore({ seedDemo: false });
    const broken = { ...core.api, handlers: { ...core.api.handlers, getSettings: () => ({ deviceName: '' }) as never } };
    const error = await apiError(callMethod(broken, 'getSettings', {}, 'operator'));
    assert.equal(error.code, 'internal');
    assert.ok(error.issues?.some((i) => i.path === 'updateUrl'));
    assert.equal(core.internalErrors.length, 1);
    core.close();
  });

  test('on an empty database every read answers sensibly', async () => {
    const core = demoCore({ seedDemo: false });
    const info = await callMethod(core.api, 'getAppInfo', {}, 'viewer');
    assert.equal(info.homeRegion, null);
    assert.equal(info.demo, false);
    const counts = await callMethod(core.api, 'getStatusSummary', {}, 'viewer');
    assert.equal(counts.tps, 0);
    assert.deepEqual(await callMethod(core.api, 'listRegionChildren', { parentCode: null }, 'viewer'), []);
    assert.deepEqual(await callMethod(core.api, 'listElections', {}, 'viewer'), []);
    const state = await callMethod(core.api, 'getProjectorState', {}, 'viewer');
    assert.deepEqual(state.focus, { electionId: null, regionCode: null });
    assert.deepEqual(core.internalErrors, []);
    core.close();
  });

  test('property: any input to any method ends in a result or an ApiError, never anything else', async () => {
    const core = demoCore();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...methodNames, 'nope'),
        fc.oneof(fc.anything(), fc.record({ regionCode: fc.string(), parentCode: fc.option(fc.string()), code: fc.string(), limit: fc.integer() }, { requiredKeys: [] })),
        fc.constantFrom('operator' as const, 'viewer' as const),
        async (name, input, access) => {
          try {
            await callMethod(core.api, name, input, access);
          } catch (error) {
            assert.ok(error instanceof ApiError, String(error));
            assert.notEqual(error.code, 'internal', `${name}(${JSON.stringify(input)}) → ${error.message}`);
          }
        },
      ),
      { numRuns: 300 },
    );
    assert.deepEqual(core.internalErrors, []);
    core.close();
  });
});
