/**
 * Intake with the real recognition engine on real files: a C.Hasil-KWK PDF (the offline-TPS case) split
 * into its pages, and a synthetic phone photo of a filled page. Reading form fields needs the trained digit
 * model (resources/models/digits-v1.json); until it is committed these tests are skipped, saying why.
 * (Unusable files and non-form photos through the real engine: crash-resume.test.ts.)
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { renderKwkFormPdf } from '../../main/forms/kwk-pdf.ts';
import { createIntake } from '../../main/intake/index.ts';
import { generateSample } from '../support/synth/generate-sample.ts';
import { BUPATI, openDemoStore, TPS, writeFolder } from './support/fixture.ts';
import { demoKwkInput } from '../support/synth/blank-pages.ts';

const model = fileURLToPath(new URL('../../resources/models/digits-v1.json', import.meta.url));
const skip = fs.existsSync(model) ? false : 'model angka belum ada (resources/models/digits-v1.json)';

describe('intake with the real reader', { skip }, () => {
  test('a C.Hasil PDF is split into pages, each read and attached to the TPS in its name', async () => {
    const { store, dir } = openDemoStore();
    const pdf = await renderKwkFormPdf({
      tps: { code: TPS[0], nomor: 1, desa: 'Desa Contoh', kecamatan: 'Kecamatan Contoh', kabkota: 'Kabupaten Kediri', provinsi: 'Jawa Timur' },
      race: { jenis: 'bupati', name: 'Pemilihan Bupati dan Wakil Bupati Kediri 2024' },
      paslon: [1, 2, 3].map((n) => ({ nomorUrut: n, kepala: `Kepala ${n}`, wakil: `Wakil ${n}` })),
    });
    const folder = writeFolder(dir, { [`${TPS[0]}.pdf`]: pdf });
    const intake = createIntake({ store, blobRoot: path.join(dir, 'blobs') });
    await intake.enqueueFolder(folder, { electionId: BUPATI });
    const summary = await intake.run({ workers: 0 }).done;
    assert.equal(summary.counts.done, 1, JSON.stringify(store.db.prepare('SELECT message FROM import_item').all()));
    const sheets = store.db.prepare('SELECT blob_page, halaman, template_id, tps_code, election_id, verdict FROM sheet ORDER BY blob_page').all();
    assert.deepEqual(sheets.map((s) => ({ ...(s as object), verdict: undefined })), [
      { blob_page: 1, halaman: 1, template_id: 'pleno-kwk-3paslon-hal1', tps_code: TPS[0], election_id: BUPATI, verdict: undefined },
      { blob_page: 2, halaman: 2, template_id: 'pleno-kwk-3paslon-hal2', tps_code: TPS[0], election_id: BUPATI, verdict: undefined },
    ]);
    // an unfilled form is never accepted: the person must look
    for (const s of sheets as { verdict: string }[]) assert.notEqual(s.verdict, 'accepted');
    assert.equal(store.db.prepare('SELECT status FROM tps_status WHERE tps_code = ?').pluck().get(TPS[0]), 'needs_review');
  });

  test('a phone photo of a filled page: its values become the TPS\'s machine numbers', async () => {
    const { store, dir } = openDemoStore();
    // The generated KWK form prints its TPS in the header and the QR (demoKwkInput): file it under that TPS,
    // since a page whose QR names another TPS is rightly flagged and not merged.
    const PRINTED_TPS = demoKwkInput(3).tps.code;
    const { jpeg, truth } = await generateSample({ kwk: { nPaslon: 3, page: 2 }, seed: 'intake-1', options: { inconsistent: false, photo: { maxMegapixels: 4 } } });
    const folder = writeFolder(dir, { [`${PRINTED_TPS}_hal2.jpg`]: jpeg });
    const intake = createIntake({ store, blobRoot: path.join(dir, 'blobs') });
    await intake.enqueueFolder(folder, { electionId: BUPATI });
    await intake.run({ workers: 0 }).done;
    const sheet = store.db.prepare('SELECT id, verdict, halaman, tps_code FROM sheet').get() as { id: number; verdict: string; halaman: number; tps_code: string };
    assert.equal(sheet.tps_code, PRINTED_TPS);
    assert.equal(sheet.halaman, 2);
    assert.ok(sheet.verdict === 'accepted' || sheet.verdict === 'needs_review', sheet.verdict);
    const values = Object.fromEntries((store.db.prepare('SELECT field_id, value FROM tally_value WHERE tps_code = ?').all(PRINTED_TPS) as { field_id: string; value: number }[])
      .map((r) => [r.field_id, r.value]));
    const fields = Object.fromEntries((store.db.prepare('SELECT field_id, value, needs_review FROM reading_field').all() as { field_id: string; value: number | null; needs_review: number }[])
      .map((r) => [r.field_id, r]));
    for (const [id, expected] of Object.entries(truth.fields)) {
      assert.ok(fields[id], `field ${id} recorded`);
      // what the machine is sure of must be right; what it is not sure of is flagged
      if (fields[id]!.needs_review === 0) assert.equal(fields[id]!.value, expected, id);
      if (fields[id]!.value !== null) assert.equal(values[id], fields[id]!.value);
    }
    if (sheet.verdict === 'accepted') assert.deepEqual(values, truth.fields);
  });
});
