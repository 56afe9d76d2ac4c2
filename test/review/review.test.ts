/**
 * The review module on a real SQLite store (Kediri demo, bupati race, 3 paslon): reading a TPS's review,
 * correcting a value (audit old → new, checks re-evaluated), verify refused while a check fails without a
 * reason, verified with one, corrections after verification needing reason + basis, and unregistered pages.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { openDemoStore, BUPATI, TPS } from '../intake/support/fixture.ts';
import { readTpsReview, setFieldValue, verifyTps } from '../../main/review/index.ts';
import { consistentKwk3, plantTps } from './support/plant.ts';

const who = { actor: 'Operator PPK Semen', device: 'laptop-uji' };
const HAL1 = 'pleno-kwk-3paslon-hal1';
const HAL2 = 'pleno-kwk-3paslon-hal2';
const CHECK_VA = `${HAL2}:V.A=ΣIV`;

function ok<T>(r: { ok: true; value: T } | { ok: false; message: string }): T {
  if (!r.ok) assert.fail(r.message);
  return r.value;
}

describe('review: satu TPS', () => {
  test('reads pages, fields with machine readings and boxes, checks and history', async () => {
    const { store } = openDemoStore();
    const { hal1, hal2 } = consistentKwk3();
    await plantTps(store, TPS[0], BUPATI, [
      { templateId: HAL1, values: hal1 },
      { templateId: HAL2, values: { ...hal2, 'IV.2': 79 }, confidence: { 'IV.2': 0.41 } },
    ]);
    const review = ok(readTpsReview(store, TPS[0], BUPATI));
    assert.equal(review.status, 'needs_review');
    assert.equal(review.sheets.length, 2);
    assert.equal(review.fields.length, 22 + 6);
    const iv2 = review.fields.find((f) => f.fieldId === 'IV.2')!;
    assert.equal(iv2.value, 79);
    assert.deepEqual(iv2.machine, { value: 79, confidence: 0.41, source: 'digits' });
    assert.equal(iv2.needsReview, true);
    assert.equal(review.fields.find((f) => f.fieldId === 'IV.1')!.needsReview, false);
    for (const f of review.fields) {
      assert.ok(f.box.x >= 0 && f.box.y >= 0 && f.box.x + f.box.w <= 1 + 1e-9 && f.box.y + f.box.h <= 1 + 1e-9, f.fieldId);
    }
    const failing = review.checks.filter((c) => c.state === 'fails').map((c) => c.key);
    assert.deepEqual(failing, [CHECK_VA]);
    assert.equal(review.checks.filter((c) => c.state === 'holds').length, review.checks.length - 1);
    assert.equal(review.history.length, 28);
    store.close();
  });

  test('a correction is audited old → new and turns the check green; verify then succeeds', async () => {
    const { store } = openDemoStore();
    const { hal1, hal2 } = consistentKwk3();
    await plantTps(store, TPS[1], BUPATI, [{ templateId: HAL1, values: hal1 }, { templateId: HAL2, values: { ...hal2, 'IV.2': 79 } }]);
    const refused = verifyTps(store, who, TPS[1], BUPATI);
    assert.equal(refused.ok, false);
    assert.match((refused as { message: string }).message, /Suara sah = jumlah suara semua paslon/);

    assert.deepEqual(ok(setFieldValue(store, who, TPS[1], BUPATI, 'IV.2', 70)), { changed: true });
    const review = ok(readTpsReview(store, TPS[1], BUPATI));
    assert.equal(review.checks.find((c) => c.key === CHECK_VA)!.state, 'holds');
    const iv2 = review.fields.find((f) => f.fieldId === 'IV.2')!;
    assert.equal(iv2.value, 70);
    assert.equal(iv2.source, 'operator');
    assert.equal(iv2.machine!.value, 79, 'the machine reading stays as it was');
    const last = review.history[0]!;
    assert.deepEqual([last.fieldId, last.oldValue, last.newValue, last.actor], ['IV.2', 79, 70, who.actor]);
    const audit = store.db.prepare("SELECT after FROM audit_log WHERE action = 'tally.review'").get() as { after: string };
    assert.match(audit.after, /"evidence":"[0-9a-f]{64}"/);

    ok(verifyTps(store, who, TPS[1], BUPATI));
    assert.equal(ok(readTpsReview(store, TPS[1], BUPATI)).status, 'verified');
    const tps = store.db.prepare('SELECT status FROM tps WHERE code = ?').get(TPS[1]) as { status: string };
    assert.equal(tps.status, 'no_chasil', 'the combined status waits for the other race (gubernur, no C.Hasil yet)');
    assert.equal(verifyTps(store, who, TPS[1], BUPATI).ok, false, 'verifying twice is a conflict');
    store.close();
  });

  test('a failing check with a recorded reason may be verified; the reason is shown', async () => {
    const { store } = openDemoStore();
    const { hal1, hal2 } = consistentKwk3();
    await plantTps(store, TPS[2], BUPATI, [{ templateId: HAL1, values: hal1 }, { templateId: HAL2, values: { ...hal2, 'IV.2': 79 } }]);
    assert.equal(verifyTps(store, who, TPS[2], BUPATI, { [CHECK_VA]: '   ' }).ok, false, 'a blank reason is no reason');
    ok(verifyTps(store, who, TPS[2], BUPATI, { [CHECK_VA]: 'angka di foto memang 79, dicatat sebagai kejadian khusus' }));
    const review = ok(readTpsReview(store, TPS[2], BUPATI));
    assert.equal(review.status, 'verified');
    assert.equal(review.checks.find((c) => c.key === CHECK_VA)!.reason, 'angka di foto memang 79, dicatat sebagai kejadian khusus');
    store.close();
  });

  test('after verification a change needs a reason and a basis; both values stay in the history', async () => {
    const { store } = openDemoStore();
    const { hal1, hal2 } = consistentKwk3();
    await plantTps(store, TPS[3], BUPATI, [{ templateId: HAL1, values: hal1 }, { templateId: HAL2, values: hal2 }]);
    ok(verifyTps(store, who, TPS[3], BUPATI));
    assert.match((setFieldValue(store, who, TPS[3], BUPATI, 'V.B', 11) as { message: string }).message, /alasan/);
    assert.match((setFieldValue(store, who, TPS[3], BUPATI, 'V.B', 11, { reason: 'salah baca' }) as { message: string }).message, /dasar/);
    assert.match((setFieldValue(store, who, TPS[3], BUPATI, 'V.B', 11, { reason: 'x', basis: { kind: 'pleno', reference: ' ' } }) as { message: string }).message, /rujukan/);
    ok(setFieldValue(store, who, TPS[3], BUPATI, 'V.B', 11, { reason: 'keberatan saksi', basis: { kind: 'pleno', reference: 'BA-PPK/03/2024' } }));
    const review = ok(readTpsReview(store, TPS[3], BUPATI));
    assert.equal(review.status, 'verified');
    const vb = review.fields.find((f) => f.fieldId === 'V.B')!;
    assert.deepEqual([vb.value, vb.source], [11, 'pleno']);
    const entry = review.history.find((h) => h.fieldId === 'V.B' && h.newValue === 11)!;
    assert.deepEqual([entry.oldValue, entry.reason, entry.note], [10, 'keberatan saksi', 'keputusan pleno PPK BA-PPK/03/2024']);
    assert.equal(review.checks.find((c) => c.key === `${HAL2}:V.C=V.A+V.B`)!.state, 'fails');
    store.close();
  });

  test('an unregistered page: typed by hand, no machine values; verify waits until every field is typed', async () => {
    const { store } = openDemoStore();
    const { hal1, hal2 } = consistentKwk3();
    await plantTps(store, TPS[4], BUPATI, [{ templateId: HAL1, values: hal1 }, { templateId: HAL2, values: {}, verdict: 'unregistered' }]);
    const review = ok(readTpsReview(store, TPS[4], BUPATI));
    const page2 = review.sheets.find((s) => s.verdict === 'unregistered')!;
    assert.equal(page2.typedByHand, true);
    assert.equal(page2.templateId, HAL2, 'the missing page of the form is assumed');
    const typed = review.fields.filter((f) => f.sheetId === page2.sheetId);
    assert.deepEqual(typed.map((f) => f.fieldId), ['IV.1', 'IV.2', 'IV.3', 'V.A', 'V.B', 'V.C']);
    assert.ok(typed.every((f) => f.value === null && f.machine === null && f.needsReview));
    assert.ok(review.checks.filter((c) => c.key.startsWith(HAL2)).every((c) => c.state === 'incomplete'));
    assert.match((verifyTps(store, who, TPS[4], BUPATI) as { message: string }).message, /kolom belum diisi: IV\.1/);
    for (const [id, v] of Object.entries(hal2)) ok(setFieldValue(store, who, TPS[4], BUPATI, id, v));
    ok(verifyTps(store, who, TPS[4], BUPATI));
    store.close();
  });

  test('unknown TPS, field or value out of range are values, not throws', () => {
    const { store } = openDemoStore();
    assert.equal((readTpsReview(store, '3506012001999', BUPATI) as { code: string }).code, 'not_found');
    assert.equal((setFieldValue(store, who, TPS[0], BUPATI, 'IV.9', 1) as { code: string }).code, 'not_found');
    assert.equal((setFieldValue(store, who, TPS[0], BUPATI, 'IV.1', 1000) as { code: string }).code, 'invalid');
    assert.equal((verifyTps(store, who, TPS[0], BUPATI) as { code: string }).code, 'conflict');
    store.close();
  });
});
