/**
 * The per-TPS history (issue 4, "Audit"): every value ever set with who, when, device, old → new, source (the
 * machine's reading with its confidence, an operator, a pleno decision), reason, basis and the photo's hash;
 * page and status steps between them; other races' entries left out.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { openDemoStore, BUPATI, GUBERNUR, TPS } from '../intake/support/fixture.ts';
import { readHistory, setFieldValue, verifyTps } from '../../main/review/index.ts';
import { appendAudit } from '../../main/store/queries/audit.ts';
import { consistentKwk3, plantTps } from './support/plant.ts';

const who = { actor: 'Operator PPK Kecamatan Semen — Sri', device: 'laptop-ppk-semen' };

describe('riwayat per TPS', () => {
  test('machine, operator and pleno values with their provenance; steps; newest first', async () => {
    const { store } = openDemoStore();
    const { hal1, hal2 } = consistentKwk3();
    const [, sheet2] = await plantTps(store, TPS[0], BUPATI, [
      { templateId: 'pleno-kwk-3paslon-hal1', values: hal1 },
      { templateId: 'pleno-kwk-3paslon-hal2', values: { ...hal2, 'IV.2': 79 }, confidence: { 'IV.2': 0.41 } },
    ]);
    const photo2 = store.db.prepare('SELECT blob_sha256 FROM sheet WHERE id = ?').pluck().get(sheet2) as string;
    assert.ok(setFieldValue(store, who, TPS[0], BUPATI, 'IV.2', 70).ok);
    assert.ok(verifyTps(store, who, TPS[0], BUPATI).ok);
    assert.ok(setFieldValue(store, who, TPS[0], BUPATI, 'IV.3', 43, { reason: 'sesuai foto', basis: { kind: 'foto' } }).ok);
    // a pleno decision as main/pleno records it (values under before/after.values, basis a string, the session)
    appendAudit(store, {
      actor: 'Operator PPK Kecamatan Semen — Sri', device: 'laptop-pleno', action: 'tally.correct', entity: `tps:${TPS[0]}`,
      before: { electionId: BUPATI, values: { 'V.B': 10 }, status: 'verified' },
      after: { electionId: BUPATI, values: { 'V.B': 11 }, status: 'verified', basis: 'keputusan pleno', sessionId: 4 },
      reason: 'penghitungan ulang',
    });
    // another race's entry at the same TPS is not this race's history
    appendAudit(store, { actor: 'x', device: 'y', action: 'tally.review', entity: `tps:${TPS[0]}`, before: { 'IV.1': 1 }, after: { electionId: GUBERNUR, source: 'operator', values: { 'IV.1': 2 } } });

    const history = readHistory(store, TPS[0], BUPATI);
    const [pleno, foto, verified, operator] = history;
    assert.deepEqual(
      { field: pleno!.fieldId, old: pleno!.oldValue, new: pleno!.newValue, source: pleno!.source, device: pleno!.device, note: pleno!.note, reason: pleno!.reason },
      { field: 'V.B', old: 10, new: 11, source: 'pleno', device: 'laptop-pleno', note: 'keputusan pleno (sesi pleno #4)', reason: 'penghitungan ulang' },
    );
    assert.deepEqual([foto!.fieldId, foto!.oldValue, foto!.newValue, foto!.source, foto!.note, foto!.reason], ['IV.3', 44, 43, 'operator', 'sesuai foto C.Hasil', 'sesuai foto']);
    assert.equal(foto!.evidence, photo2, 'the photo the value was checked against');
    assert.deepEqual([verified!.fieldId, verified!.note, verified!.action], [null, 'diverifikasi', 'tps.verify']);
    assert.deepEqual([operator!.fieldId, operator!.oldValue, operator!.newValue, operator!.source, operator!.actor, operator!.device], ['IV.2', 79, 70, 'operator', who.actor, who.device]);
    const machine = history.find((h) => h.fieldId === 'IV.2' && h.source === 'machine')!;
    assert.deepEqual([machine.oldValue, machine.newValue, machine.confidence, machine.evidence, machine.note], [null, 79, 0.41, photo2, 'bacaan mesin']);
    assert.equal(history.filter((h) => h.source === 'machine').length, 28);
    assert.ok(!history.some((h) => h.actor === 'x'), 'the gubernur race entry is left out');
    store.close();
  });
});
