/**
 * The review methods through the real API (contract validation, roles, events, rekap sync) over a temp store
 * seeded with the Kediri demo and one planted TPS whose photo bytes are in the blob folder.
 */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { describe, test } from 'node:test';
import { callMethod } from '../../main/api/call-method.ts';
import { startCore } from '../../main/bootstrap.ts';
import { ApiError } from '../../shared/api/contract.ts';
import { demoDbPath, BUPATI, TPS } from '../intake/support/fixture.ts';
import { consistentKwk3, plantTps } from './support/plant.ts';

const call = (core: ReturnType<typeof startCore>, name: string, input: unknown) =>
  callMethod(core.api, name as never, input as never, 'operator') as Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function failure(p: Promise<unknown>): Promise<ApiError> {
  try { await p; } catch (e) { if (e instanceof ApiError) return e; throw e; }
  assert.fail('expected an ApiError');
}

describe('review API', () => {
  test('read, image, profile-guarded writes, events follow', async () => {
    const dbPath = demoDbPath();
    const core = startCore({ dbPath, face: 'browser', dataDir: dbPath, validateOutputs: true });
    const { hal1, hal2 } = consistentKwk3();
    const photo = crypto.randomBytes(300);
    await plantTps(core.store, TPS[0], BUPATI, [{ templateId: 'pleno-kwk-3paslon-hal1', values: hal1, bytes: photo }, { templateId: 'pleno-kwk-3paslon-hal2', values: { ...hal2, 'IV.2': 79 } }]);
    const review = await call(core, 'getTpsReview', { tpsCode: TPS[0], electionId: BUPATI });
    assert.equal(review.fields.length, 28);
    const image = await call(core, 'getSheetImage', { sha256: review.sheets[0].sha256 });
    assert.equal(image.dataUrl, `data:image/png;base64,${photo.toString('base64')}`);
    assert.equal((await failure(call(core, 'getSheetImage', { sha256: review.sheets[1].sha256 }))).code, 'not_found', 'no bytes on disk');

    const input = { tpsCode: TPS[0], electionId: BUPATI, fieldId: 'IV.2', value: 70 };
    assert.equal((await failure(call(core, 'setReviewValue', input))).code, 'forbidden', 'no profile chosen');
    await call(core, 'setActiveProfile', { profile: { role: 'ppk', regionCode: '350602', name: null } });
    assert.equal((await failure(call(core, 'setReviewValue', input))).code, 'forbidden', 'another kecamatan');
    await call(core, 'setActiveProfile', { profile: { role: 'ppk', regionCode: '350601', name: 'Sri' } });

    const events: unknown[] = [];
    core.api.events.on('dataChanged', (e) => events.push(e));
    const after = await call(core, 'setReviewValue', input);
    assert.equal(after.fields.find((f: { fieldId: string }) => f.fieldId === 'IV.2').value, 70);
    assert.ok(after.history[0].actor.includes('Sri'), after.history[0].actor);
    assert.deepEqual(events, [{ scope: 'tps', regionCode: TPS[0].slice(0, 10) }]);
    assert.equal((await failure(call(core, 'setReviewValue', { ...input, value: 1000 }))).code, 'invalid_input');

    const verified = await call(core, 'verifyTps', { tpsCode: TPS[0], electionId: BUPATI });
    assert.equal(verified.status, 'verified');
    // the rekap engine (what the projector and pleno read) follows the verification and the corrected value
    const rekap = await call(core, 'getRekapTps', { electionId: BUPATI, tpsCode: TPS[0] });
    assert.equal(rekap.state, 'verified');
    assert.equal(rekap.values['IV.2'], 70);
    assert.equal((await failure(call(core, 'verifyTps', { tpsCode: TPS[0], electionId: BUPATI }))).code, 'conflict');

    // once a pleno closed the kecamatan's rekap, review can no longer change its numbers
    const correction = { ...input, value: 71, reason: 'salah ketik', basis: { kind: 'foto' } };
    await call(core, 'setReviewValue', correction);
    assert.equal((await call(core, 'getRekapTps', { electionId: BUPATI, tpsCode: TPS[0] })).values['IV.2'], 71);
    const session = await call(core, 'openPlenoSession', {
      electionId: BUPATI, regionCode: '350601', heldOn: '2024-11-28', place: 'Aula Kecamatan Semen',
      anggota: [{ name: 'Ketua PPK' }], saksi: [{ nomorUrut: 1, name: 'Saksi 1' }],
    });
    await call(core, 'closePlenoSession', { sessionId: session.id });
    const locked = await failure(call(core, 'setReviewValue', { ...correction, value: 72 }));
    assert.equal(locked.code, 'conflict');
    assert.match(locked.message, /dikunci pleno/);
    core.close();
  });
});
