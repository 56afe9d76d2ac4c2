/**
 * The import screen in Chromium against the real host and the real recognition engine: generated C.Hasil
 * photos, a page filed under the wrong TPS, a photo that is not a form, a corrupt JPEG, a 0-byte file, a PDF with no pages and the same photo
 * twice go in through the file input (uploaded in chunks); the progress bar reaches the end and each file says
 * what became of it. A folder (the folder picker) and a drop on the window go in too; a long batch is
 * cancelled midway. The page filed under the wrong TPS is then placed by the operator ("Pilih TPS…").
 * Screenshots in test-results/screens/import-*.png.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { callMethod } from '../../main/api/call-method.ts';
import { scenery } from '../intake/support/scenery.ts';
import { launchChromium, type LaunchedBrowser } from '../support/browser.ts';
import { generateSample } from '../support/synth/generate-sample.ts';
import { startE2eApp, type E2eApp } from './support/app.ts';
import { saveScreenshot, watchProblems } from './support/pages.ts';

const BUPATI = 2;
/** The TPS the generated forms name in their QR code (test/support/synth/blank-pages.ts). */
const TPS = '3506012001004';
/** Another TPS: a page filed under it contradicts its own QR code. */
const WRONG_TPS = '3506012001001';
const CORRUPT = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(4000, 9)]);
const NO_PAGES_PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
/** Generated photos are kept between runs (a couple of seconds each to make). */
const CACHE = path.join(os.tmpdir(), 'pleno-e2e-import-cache');

async function formPhoto(page: 1 | 2, variant = 'a'): Promise<Buffer> {
  const file = path.join(CACHE, `${variant}_hal${page}.jpg`);
  if (!fs.existsSync(file)) {
    const { jpeg } = await generateSample({
      kwk: { nPaslon: 3, page },
      seed: `e2e-import/${variant}`,
      options: { inconsistent: false, photo: { minMegapixels: 1.5, maxMegapixels: 2 } },
    });
    fs.mkdirSync(CACHE, { recursive: true });
    fs.writeFileSync(`${file}.part`, jpeg);
    fs.renameSync(`${file}.part`, file);
  }
  return fs.readFileSync(file);
}

let app: E2eApp;
let browser: LaunchedBrowser;
let hal1: Buffer;
let hal2: Buffer;
let other: Buffer;

const jpeg = (name: string, buffer: Buffer) => ({ name, mimeType: 'image/jpeg', buffer });

async function openImport(): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.context.newPage();
  const problems = watchProblems(page);
  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.goto(`${app.host.url}#/import`);
  await page.getByTestId('import-drop').waitFor();
  return { page, problems };
}

/** The result row of a file (its first page's row) and the text it shows. */
const rowOf = (page: Page, name: string) => page.locator(`[data-testid=import-results] tr[data-name="${name}"]`).first();

/** Generous: the readers run at a lower priority, and this machine may be busy with other work. */
async function untilFinished(page: Page, timeout = 150_000): Promise<void> {
  await page.getByTestId('import-state').filter({ hasText: /^(Selesai|Dibatalkan)$/ }).waitFor({ timeout });
}

describe('impor foto C.Hasil di peramban (Chromium)', () => {
  before(async () => {
    app = await startE2eApp();
    browser = await launchChromium();
    [hal1, hal2, other] = [await formPhoto(1), await formPhoto(2), await formPhoto(1, 'b')];
    await callMethod(app.core.api, 'setActiveProfile', { profile: { role: 'ppk', regionCode: '350601', name: 'Sri Wahyuni' } }, 'operator');
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  test('berkas pilihan: formulir, bukan formulir, JPEG rusak, 0 byte, PDF tanpa halaman, foto yang sama dua kali', async () => {
    const { page, problems } = await openImport();
    await page.getByTestId('import-file-input').setInputFiles([
      jpeg(`${TPS}_hal1.jpg`, hal1),
      jpeg(`${TPS}_hal2.jpg`, hal2),
      jpeg('pemandangan.jpg', await scenery(1)),
      jpeg('rusak.jpg', CORRUPT),
      jpeg('kosong.jpg', Buffer.alloc(0)),
      { name: 'tanpa-halaman.pdf', mimeType: 'application/pdf', buffer: NO_PAGES_PDF },
      jpeg(`${TPS}_hal1 (salinan).jpg`, hal1),
      jpeg(`${WRONG_TPS}_hal1.jpg`, other),
    ]);
    await untilFinished(page).catch(async (error: unknown) => {
      await saveScreenshot(page, 'import-failed');
      throw new Error(`${String(error)}\n${problems.join('\n')}`);
    });
    assert.equal(await page.getByTestId('import-settled').textContent(), '8 dari 8 berkas (100%)');
    const bar = page.getByTestId('import-bar');
    assert.equal(await bar.getAttribute('value'), await bar.getAttribute('max'));

    // both pages of the form reached the TPS, each linking to its review screen
    for (const name of [`${TPS}_hal1.jpg`, `${TPS}_hal2.jpg`]) {
      const row = rowOf(page, name);
      assert.match((await row.textContent()) ?? '', /diterima|perlu diperiksa/, name);
      assert.equal(await row.locator('a.import-tps').getAttribute('href'), `#/review/${TPS}?pemilihan=${BUPATI}`);
    }
    assert.match((await rowOf(page, 'pemandangan.jpg').textContent()) ?? '', /bukan formulir \(ditahan\)/);
    assert.match((await rowOf(page, 'rusak.jpg').textContent()) ?? '', /gagal/);
    assert.match((await rowOf(page, 'kosong.jpg').textContent()) ?? '', /gagal.*Berkas kosong \(0 byte\)/);
    assert.match((await rowOf(page, 'tanpa-halaman.pdf').textContent()) ?? '', /gagal/);
    assert.match((await rowOf(page, `${TPS}_hal1 (salinan).jpg`).textContent()) ?? '', new RegExp(`duplikat.*Sama persis dengan berkas "${TPS}_hal1\\.jpg"`));
    // a page whose QR code names another TPS than its file name: flagged, its numbers reach no TPS
    assert.match((await rowOf(page, `${WRONG_TPS}_hal1.jpg`).textContent()) ?? '', new RegExp(`identitas bertentangan — tidak digabung.*TPS ${TPS}.*TPS ${WRONG_TPS}`));
    assert.equal(app.core.store.db.prepare("SELECT count(*) FROM sheet WHERE tps_code = ?").pluck().get(WRONG_TPS), 0);
    const counts = (await page.getByTestId('import-counts').textContent()) ?? '';
    assert.match(counts, /4 selesai.*3 gagal.*1 duplikat/);
    await saveScreenshot(page, 'import-results');

    // the operator places it where its QR code says (keyboard only: the desa and TPS are named as the code is typed)
    const wrong = rowOf(page, `${WRONG_TPS}_hal1.jpg`);
    await wrong.getByTestId('import-attach-open').focus();
    await page.keyboard.press('Enter');
    await page.keyboard.type(TPS);
    await wrong.getByTestId('import-attach-found').filter({ hasText: /— TPS 004/ }).waitFor();
    await page.keyboard.press('Enter');
    await wrong.locator('a.import-tps').waitFor();
    assert.equal(await wrong.locator('a.import-tps').getAttribute('href'), `#/review/${TPS}?pemilihan=${BUPATI}`);
    assert.equal(app.core.store.db.prepare('SELECT tps_code FROM sheet WHERE source_name = ?').pluck().get(`${WRONG_TPS}_hal1.jpg`), TPS);
    await saveScreenshot(page, 'import-results-attached');
    assert.equal(await rowOf(page, 'pemandangan.jpg').getByTestId('import-attach-open').count(), 0, 'a photo that is not a form is not filed under a TPS here');

    // the TPS link opens its review screen
    await rowOf(page, `${TPS}_hal1.jpg`).locator('a.import-tps').click();
    await page.waitForFunction((tps) => window.location.hash.startsWith(`#/review/${tps}`), TPS);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('satu folder lewat pemilih folder, dan berkas yang dijatuhkan ke jendela', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pleno-e2e-folder-'));
    const folder = path.join(dir, 'kpps-semen');
    fs.mkdirSync(path.join(folder, 'tps1'), { recursive: true });
    fs.writeFileSync(path.join(folder, 'tps1', `${TPS}_hal2.jpg`), hal2); // read already: a duplicate
    fs.writeFileSync(path.join(folder, 'catatan.txt'), 'bukan foto');
    const { page, problems } = await openImport();
    await page.getByTestId('import-folder-input').setInputFiles(folder);
    await untilFinished(page);
    assert.match((await rowOf(page, `kpps-semen/tps1/${TPS}_hal2.jpg`).textContent()) ?? '', /duplikat/);
    assert.match((await page.getByTestId('import-notice').textContent()) ?? '', /Dilewati 1 berkas.*kpps-semen\/catatan\.txt/);

    // a drop on the window (a synthetic DataTransfer: the browser has no real folder to give here)
    const corrupt = CORRUPT.toString('base64');
    await page.evaluate((b64) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], 'dijatuhkan.jpg', { type: 'image/jpeg' }));
      for (const type of ['dragenter', 'dragover', 'drop']) {
        document.body.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
      }
    }, corrupt);
    await rowOf(page, 'dijatuhkan.jpg').waitFor();
    await untilFinished(page);
    assert.match((await rowOf(page, 'dijatuhkan.jpg').textContent()) ?? '', /gagal/);
    assert.deepEqual(problems, []);
    await page.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('membatalkan impor di tengah jalan', async () => {
    const { page, problems } = await openImport();
    const files = [];
    // Photos of scenery are refused in ~20 ms each: 48 of them leave the click time to land before the last
    // one (16 did not on a fast machine, with the progress screenshot taken before the click).
    for (let i = 0; i < 48; i++) files.push(jpeg(`foto-${String(i + 1).padStart(2, '0')}.jpg`, await scenery(100 + i)));
    await page.getByTestId('import-file-input').setInputFiles(files);
    // cancel once the first file is read and before the last
    await page.getByTestId('import-settled').filter({ hasText: /^[1-9]\d* dari 48 berkas/ }).waitFor({ timeout: 120_000 });
    await page.getByTestId('import-cancel').click();
    await saveScreenshot(page, 'import-progress');
    await untilFinished(page);
    assert.equal(await page.getByTestId('import-state').textContent(), 'Dibatalkan');
    const status = (await callMethod(app.core.api, 'getImportStatus', {}, 'operator')) as { batches: { state: string; counts: Record<string, number> }[] };
    const batch = status.batches[0]!;
    assert.equal(batch.state, 'cancelled');
    assert.ok(batch.counts.cancelled! > 0, JSON.stringify(batch.counts));
    assert.ok(batch.counts.done! >= 1, JSON.stringify(batch.counts));
    assert.equal(batch.counts.queued! + batch.counts.reading!, 0);
    await page.locator('[data-testid=import-results] tr[data-state=cancelled]').first().waitFor();
    assert.match((await page.getByTestId('import-counts').textContent()) ?? '', /[1-9]\d* dibatalkan/);
    await saveScreenshot(page, 'import-cancelled');
    assert.deepEqual(problems, []);
    await page.close();
  });
});
