/**
 * getSheetImage per page: a page of a PDF (the offline KPPS's file) comes back as that page rendered to JPEG —
 * rectified onto the form when it registers against its template, as stored otherwise — never as the PDF itself,
 * which a browser cannot show in an <img>.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';
import sharp from 'sharp';
import { callMethod } from '../../main/api/call-method.ts';
import { startCore } from '../../main/bootstrap.ts';
import { renderKwkFormPdf } from '../../main/forms/kwk-pdf.ts';
import { blobRootFor, createBlobStore } from '../../main/intake/blob-store.ts';
import { BUPATI, demoDbPath, TPS } from '../intake/support/fixture.ts';

describe('getSheetImage per halaman', () => {
  test('PDF pages: rectified with a template, rendered as they are without one', async () => {
    const dbPath = demoDbPath();
    const core = startCore({ dbPath, face: 'browser', dataDir: path.dirname(dbPath), validateOutputs: true });
    try {
      const pdf = await renderKwkFormPdf({
        tps: { code: TPS[0], nomor: 1, desa: 'BULU', kecamatan: 'SEMEN', kabkota: 'KEDIRI', provinsi: 'JAWA TIMUR' },
        race: { jenis: 'bupati', name: 'KEDIRI', year: 2024 },
        paslon: [1, 2, 3].map((n) => ({ nomorUrut: n, kepala: `CALON ${n}`, wakil: `WAKIL ${n}` })),
      });
      const stored = await createBlobStore(blobRootFor(dbPath)).ingestBytes(pdf);
      assert.ok(stored.ok);
      const sha = stored.blob.sha256;
      const now = new Date().toISOString();
      core.store.db.prepare('INSERT INTO blob (sha256, size, mime, created_at) VALUES (?, ?, ?, ?)').run(sha, pdf.length, 'application/pdf', now);
      const sheet = core.store.db.prepare(`INSERT INTO sheet (blob_sha256, blob_page, election_id, tps_code, halaman, template_id, attached_by, verdict, created_at)
        VALUES (?, ?, ?, ?, ?, ?, 'operator', ?, ?)`);
      const hal1 = Number(sheet.run(sha, 1, BUPATI, TPS[0], 1, 'pleno-kwk-3paslon-hal1', 'needs_review', now).lastInsertRowid);
      const hal2 = Number(sheet.run(sha, 2, BUPATI, TPS[0], null, null, 'unregistered', now).lastInsertRowid);
      const image = (sheetId?: number) => callMethod(core.api, 'getSheetImage', { sha256: sha, ...(sheetId ? { sheetId } : {}) }, 'operator');
      const size = async (dataUrl: string) => sharp(Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64')).metadata();

      const first = await image(hal1);
      assert.equal(first.rectified, true);
      assert.deepEqual([(await size(first.dataUrl)).width, (await size(first.dataUrl)).height], [2000, 2829]);
      const second = await image(hal2);
      assert.equal(second.rectified, false);
      assert.equal(second.mime, 'image/jpeg');
      const meta = await size(second.dataUrl);
      assert.ok(Math.max(meta.width!, meta.height!) >= 2000, `${meta.width}×${meta.height}`);
      assert.equal((await image()).mime, 'application/pdf', 'without a page: the file as stored');
    } finally {
      core.close();
    }
  });
});
