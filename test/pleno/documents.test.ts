/**
 * A session's documents through the API: the item detail the operator's screen reads, then D.Hasil (refused
 * while the session is open), progress and discrepancy reports, CSV and KPU JSON from a closed session, with
 * the berita acara (attendance, keberatan, corrections) in the D.Hasil's text and each generation audited.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { callMethod } from '../../main/api/call-method.ts';
import { listAudit } from '../../main/store/index.ts';
import { ApiError, type PlenoDocument, type PlenoItemDetail, type PlenoSession } from '../../shared/api/contract.ts';
import { pdfPagesText } from '../reports/pdf-text.ts';
import { BUPATI, KECAMATAN, openInput, plenoCore, type PlenoTestCore } from './support/pleno-core.ts';

const op = <T>(core: PlenoTestCore, name: string, input: unknown) => callMethod(core.api, name as never, input, 'operator') as Promise<T>;

describe('pleno documents and item detail', () => {
  let core: PlenoTestCore;
  let session: PlenoSession;
  let tps = '';
  before(async () => {
    core = plenoCore();
    session = await op<PlenoSession>(core, 'openPlenoSession', openInput());
  });
  after(() => core.close());

  test('getPlenoItem: the current desa, then a TPS with its labelled form values and checks', async () => {
    const desa = await op<PlenoItemDetail>(core, 'getPlenoItem', { sessionId: session.id });
    assert.equal(desa.item.kind, 'desa');
    assert.equal(desa.item.position, 1);
    assert.equal(desa.fields.length, 0);
    assert.ok(desa.tps.included > 0 && desa.tps.included === desa.tps.total);
    assert.equal(desa.paslon.reduce((s, p) => s + p.suara, 0), desa.suara.sah);
    assert.ok(desa.checks.length > 5 && desa.checks.every((c) => c.holds));
    tps = session.items[1]!.code;
    const one = await op<PlenoItemDetail>(core, 'getPlenoItem', { sessionId: session.id, itemCode: tps });
    assert.equal(one.item.kind, 'tps');
    assert.equal(one.state, 'verified');
    assert.equal(one.parentName, desa.item.name);
    const iv1 = one.fields.find((f) => f.fieldId === 'IV.1')!;
    assert.equal(iv1.label, 'Suara paslon 1');
    assert.equal(iv1.value, one.paslon.find((p) => p.nomorUrut === 1)!.suara);
    assert.equal(one.fields.find((f) => f.fieldId === 'I.B.4.LP')!.label, 'Jumlah pengguna hak pilih (L+P)');
    assert.ok(!one.fields.some((f) => f.fieldId.startsWith('DPT.')));
  });

  test('D.Hasil waits for the close; then every document comes out, with the berita acara', async () => {
    const before = await op<PlenoItemDetail>(core, 'getPlenoItem', { sessionId: session.id, itemCode: tps });
    const old = before.fields.find((f) => f.fieldId === 'IV.2')!.value!;
    await op(core, 'correctPlenoTally', {
      sessionId: session.id, tpsCode: tps, changes: [{ fieldId: 'IV.2', value: old + 3 }, { fieldId: 'V.A', value: before.suara.sah + 3 }],
      reason: 'penghitungan ulang surat suara di depan saksi',
    });
    await op(core, 'recordPlenoNote', {
      sessionId: session.id, kind: 'keberatan', itemCode: tps, raisedBy: 'Ahmad Fauzi', raisedByRole: 'saksi', nomorUrut: 1,
      content: 'Jumlah suara paslon 2 tidak sesuai salinan saksi', decision: 'Diterima; dihitung ulang',
    });
    const after = await op<PlenoItemDetail>(core, 'getPlenoItem', { sessionId: session.id, itemCode: tps });
    assert.equal(after.corrections.length, 2);
    assert.equal(after.notes.length, 1);
    assert.equal(after.fields.find((f) => f.fieldId === 'IV.2')!.value, old + 3);

    const refused = await op(core, 'getPlenoDocument', { sessionId: session.id, kind: 'd-hasil' }).catch((e: unknown) => e);
    assert.ok(refused instanceof ApiError && refused.code === 'conflict', String(refused));
    await op(core, 'closePlenoSession', { sessionId: session.id });

    const dHasil = await op<PlenoDocument>(core, 'getPlenoDocument', { sessionId: session.id, kind: 'd-hasil' });
    assert.equal(dHasil.mime, 'application/pdf');
    assert.equal(dHasil.fileName, `d-hasil-kecamatan-${KECAMATAN}-sesi-${session.id}.pdf`);
    const pdf = Buffer.from(dHasil.content, 'base64');
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    const text = (await pdfPagesText(pdf)).join('\n');
    for (const expected of ['MODEL D.HASIL KECAMATAN-KWK', 'Siti Rahmawati', 'Ahmad Fauzi', 'Dewi Lestari', 'Jumlah suara paslon 2 tidak sesuai',
      'Diterima; dihitung ulang', 'penghitungan ulang surat suara', 'keputusan pleno', 'Suara paslon 2', dHasil.sha256.slice(0, 16)]) {
      assert.ok(text.includes(expected), `D.Hasil berisi "${expected}"`);
    }
    const progress = await op<PlenoDocument>(core, 'getPlenoDocument', { sessionId: session.id, kind: 'progress' });
    const discrepancy = await op<PlenoDocument>(core, 'getPlenoDocument', { sessionId: session.id, kind: 'discrepancy' });
    assert.ok(progress.pages! >= 1 && discrepancy.pages! >= 1);
    const csv = await op<PlenoDocument>(core, 'getPlenoDocument', { sessionId: session.id, kind: 'csv' });
    assert.equal(csv.encoding, 'utf8');
    const lines = csv.content.replace(/^\uFEFF/, '').trim().split('\r\n');
    assert.equal(lines.length, 1 + session.items.filter((i) => i.kind === 'desa').length + 1);
    assert.match(lines.at(-1)!, /^350601;JUMLAH/);
    const kpu = JSON.parse((await op<PlenoDocument>(core, 'getPlenoDocument', { sessionId: session.id, kind: 'kpu-json' })).content) as
      { tps: Record<string, { chart: Record<string, number> | null }> };
    const path = Object.keys(kpu.tps).find((p) => p.endsWith(`${tps}.json`))!;
    assert.equal(kpu.tps[path]!.chart!['2'], old + 3);
    assert.equal(Object.keys(kpu.tps).length, session.items.filter((i) => i.kind === 'tps').length);

    const audited = listAudit(core.store, { limit: 100000 }).filter((a) => a.action === 'document.generate');
    assert.equal(audited.length, 5);
    assert.ok(audited.some((a) => JSON.stringify(a.after).includes(dHasil.sha256)));
    assert.equal(BUPATI, session.electionId);
  });

  test('a kab/kota session over the locked kecamatan: items are kecamatan, its D.Hasil is the kab/kota one', async () => {
    const kab = await op<PlenoSession>(core, 'openPlenoSession', openInput({
      regionCode: '3506', place: 'Aula KPU Kabupaten Kediri', anggota: [{ name: 'Ketua KPU Kab', title: 'Ketua KPU Kabupaten Kediri' }],
    }));
    assert.equal(kab.level, 'kabkota');
    assert.equal(kab.items.length, 26);
    assert.ok(kab.items.every((i) => i.kind === 'kecamatan'));
    const semen = await op<PlenoItemDetail>(core, 'getPlenoItem', { sessionId: kab.id, itemCode: KECAMATAN });
    assert.equal(semen.item.kind, 'kecamatan');
    assert.equal(semen.fields.length, 0);
    assert.ok(semen.tps.included > 0 && semen.tps.included === semen.tps.total);
    await op(core, 'closePlenoSession', { sessionId: kab.id });
    const doc = await op<PlenoDocument>(core, 'getPlenoDocument', { sessionId: kab.id, kind: 'd-hasil' });
    assert.equal(doc.fileName, `d-hasil-kabkota-3506-sesi-${kab.id}.pdf`);
    const text = (await pdfPagesText(Buffer.from(doc.content, 'base64'))).join('\n');
    assert.ok(text.includes('MODEL D.HASIL KABUPATEN/KOTA-KWK'));
    assert.ok(text.includes('Ketua KPU Kab'));
  });
});
