/**
 * Withheld pages through the real API over a Kediri demo store: a photo that is not a C.Hasil, imported with the
 * real recognition engine and filed under a TPS, is withheld automatically with its reason; the PPK sees it in
 * the list (and its thumbnail) but is refused the unlock by the API; the KPU Kab/Kota unlocks it with a reason
 * (audited under its name); the TPS falls back to "belum ada C.Hasil"; a new photo for the TPS shows the page
 * as replaced and the TPS as received/needs review. (TPS[3] = 3506012001004: the TPS the synthetic forms are printed
 * for, so the new photo's QR agrees with the TPS it is filed under.)
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import sharp from 'sharp';
import { describe, test } from 'node:test';
import { callMethod } from '../../main/api/call-method.ts';
import { startCore } from '../../main/bootstrap.ts';
import { createIntake } from '../../main/intake/index.ts';
import { listAudit } from '../../main/store/index.ts';
import { ApiError } from '../../shared/api/contract.ts';
import { generateSample } from '../support/synth/generate-sample.ts';
import { generateNonFormPhoto } from '../support/synth/non-form-photo.ts';
import { BUPATI, demoDbPath, TPS } from '../intake/support/fixture.ts';

const call = (core: ReturnType<typeof startCore>, name: string, input: unknown) =>
  callMethod(core.api, name as never, input as never, 'operator') as Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function failure(p: Promise<unknown>): Promise<ApiError> {
  try { await p; } catch (e) { if (e instanceof ApiError) return e; throw e; }
  assert.fail('expected an ApiError');
}

describe('withheld pages (API, real reader)', () => {
  test('withheld automatically → listed for the PPK → unlock refused for PPK → unlocked by KPU Kab/Kota → re-photo', async () => {
    const dbPath = demoDbPath();
    const core = startCore({ dbPath, face: 'browser', dataDir: path.dirname(dbPath), validateOutputs: true });
    try {
      const intake = createIntake({ store: core.store, blobRoot: path.join(path.dirname(dbPath), 'blobs'), actor: 'Operator PPK Kecamatan Semen' });
      const landscape = await generateNonFormPhoto({ seed: 'withheld-1', kind: 'landscape', megapixels: 2 });
      const queued = await intake.enqueueBytes([{ name: 'IMG_2041.jpg', bytes: landscape.jpeg }], { electionId: BUPATI, filedTps: TPS[3], pattern: null });
      assert.ok(queued.ok);
      await intake.run({ workers: 0 }).done;
      const status = () => core.store.db.prepare('SELECT status FROM tps_status WHERE tps_code = ? AND election_id = ?').pluck().get(TPS[3], BUPATI);
      assert.equal(status(), 'withheld');

      await call(core, 'setActiveProfile', { profile: { role: 'ppk', regionCode: '350601', name: 'Sri' } });
      const asPpk = await call(core, 'listWithheld', {});
      assert.equal(asPpk.regionCode, '350601');
      assert.equal(asPpk.canUnlock, false);
      assert.equal(asPpk.items.length, 1);
      const item = asPpk.items[0];
      assert.equal(item.state, 'withheld');
      assert.equal(item.tpsCode, TPS[3]);
      assert.equal(item.withheldBy, 'sistem');
      assert.equal(item.importedBy, 'Operator PPK Kecamatan Semen');
      assert.match(item.reason, /bukan formulir C\.Hasil/i);
      assert.match(item.reason, /IMG_2041\.jpg/);
      const thumb = await call(core, 'getSheetThumbnail', { sha256: item.sha256, width: 160 });
      assert.match(thumb.dataUrl, /^data:image\/jpeg;base64,/);

      // another kecamatan's PPK does not see it
      await call(core, 'setActiveProfile', { profile: { role: 'ppk', regionCode: '350602', name: null } });
      assert.equal((await call(core, 'listWithheld', {})).items.length, 0);

      await call(core, 'setActiveProfile', { profile: { role: 'ppk', regionCode: '350601', name: 'Sri' } });
      const refused = await failure(call(core, 'unlockWithheld', { sheetId: item.sheetId, reason: 'foto salah' }));
      assert.equal(refused.code, 'forbidden');
      assert.match(refused.message, /hanya Operator KPU Kab\/Kota/);
      assert.equal(status(), 'withheld', 'nothing changed');

      await call(core, 'setActiveProfile', { profile: { role: 'kpu_kabkota', regionCode: '3506', name: 'Budi' } });
      assert.equal((await failure(call(core, 'unlockWithheld', { sheetId: item.sheetId, reason: '  ' }))).code, 'invalid_input', 'a reason is required');
      const events: { scope: string }[] = [];
      core.api.events.on('dataChanged', (e) => events.push(e));
      const unlocked = await call(core, 'unlockWithheld', { sheetId: item.sheetId, reason: 'foto pemandangan, KPPS diminta memotret ulang' });
      assert.equal(unlocked.canUnlock, true);
      assert.equal(unlocked.items[0].state, 'unlocked');
      assert.match(unlocked.items[0].unlockedBy, /Operator KPU Kab\/Kota Kabupaten Kediri — Budi/);
      assert.equal(unlocked.items[0].unlockReason, 'foto pemandangan, KPPS diminta memotret ulang');
      assert.equal(status(), 'no_chasil');
      assert.ok(events.some((e) => e.scope === 'tps'));
      const entry = listAudit(core.store, { entity: `tps:${TPS[3]}` }).find((e) => e.action === 'sheet.unlock')!;
      assert.match(entry.actor, /KPU Kab\/Kota/);
      assert.equal((entry.after as { evidence: string }).evidence, item.sha256);
      assert.equal((await failure(call(core, 'unlockWithheld', { sheetId: item.sheetId, reason: 'lagi' }))).code, 'conflict');

      // re-photo: the PPK files a real C.Hasil page under the TPS
      const { jpeg } = await generateSample({ kwk: { nPaslon: 3, page: 2 }, seed: 'withheld-rephoto', options: { inconsistent: false, photo: { maxMegapixels: 3 } } });
      await intake.enqueueBytes([{ name: 'foto-ulang.jpg', bytes: jpeg }], { electionId: BUPATI, filedTps: TPS[3], pattern: null, actor: 'Operator PPK Kecamatan Semen — Sri' });
      await intake.run({ workers: 0 }).done;
      const after = await call(core, 'listWithheld', {});
      assert.equal(after.items[0].state, 'replaced');
      assert.ok(after.items[0].newSheetId > item.sheetId);
      assert.ok(['received', 'needs_review'].includes(status() as string), String(status()));
      const review = await call(core, 'getTpsReview', { tpsCode: TPS[3], electionId: BUPATI });
      assert.equal(review.sheets.length, 1, 'the set-aside photo is no longer one of the TPS pages');
      // the review shows the new page rectified onto the form (the field boxes apply to it), the photo as stored otherwise
      const page = review.sheets[0];
      const rectified = await call(core, 'getSheetImage', { sha256: page.sha256, sheetId: page.sheetId });
      assert.equal(rectified.rectified, true);
      const size = await sharp(Buffer.from(rectified.dataUrl.slice(rectified.dataUrl.indexOf(',') + 1), 'base64')).metadata();
      assert.deepEqual([size.width, size.height], [2000, 2829], 'the canonical raster of the KWK page');
      assert.equal((await call(core, 'getSheetImage', { sha256: page.sha256 })).rectified, false);
      assert.equal((await failure(call(core, 'getSheetImage', { sha256: page.sha256, sheetId: item.sheetId }))).code, 'not_found', 'a sheet of another file');
    } finally {
      core.close();
    }
  });
});
