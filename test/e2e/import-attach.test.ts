/**
 * "Pilih TPS…" on the import screen, in Chromium against the real host: pages an import could not place (a
 * page whose QR code contradicts its file name, a photo named by no TPS) are attached by the operator with
 * the keyboard only — the desa and TPS are named while the code is typed, Enter attaches; filing a page
 * against its own QR code needs an explicit confirmation and a reason. The flagged pages come from the queue
 * with the stand-in reader (test/intake/support/fake-reader.ts), so this file runs in seconds; the real engine
 * producing such a page is test/e2e/import.test.ts. Screenshots: test-results/screens/import-attach-*.png.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { callMethod } from '../../main/api/call-method.ts';
import { blobRootFor, createIntake } from '../../main/intake/index.ts';
import { fakePhotoBytes, fakeReaderFactory, kwkPage } from '../intake/support/fake-reader.ts';
import { launchChromium, type LaunchedBrowser } from '../support/browser.ts';
import { startE2eApp, type E2eApp } from './support/app.ts';
import { saveScreenshot, watchProblems } from './support/pages.ts';

const BUPATI = 2;
const [TPS1, TPS2, TPS3, TPS4] = ['3506012001001', '3506012001002', '3506012001003', '3506012001004'] as const;
const WRONG = `${TPS1}_hal2.jpg`; // its QR code names TPS 4
const NAMELESS = 'IMG_0001.jpg'; // hal 1 of TPS 4, named by nothing
const INSIST = `${TPS2}_hal1.jpg`; // its QR code names TPS 3; the operator files it under TPS 2 anyway

let app: E2eApp;
let browser: LaunchedBrowser;

const rowOf = (page: Page, name: string) => page.locator(`[data-testid=import-results] tr[data-name="${name}"]`).first();
const sheetOf = (name: string) => app.core.store.db.prepare('SELECT tps_code, election_id FROM sheet WHERE source_name = ?').get(name) as
  { tps_code: string | null; election_id: number | null };
const raceStatus = (tps: string) => app.core.store.db.prepare('SELECT status FROM tps_status WHERE tps_code = ? AND election_id = ?').pluck().get(tps, BUPATI);

describe('impor: operator memilih TPS untuk halaman yang ditandai (Chromium)', () => {
  before(async () => {
    app = await startE2eApp();
    browser = await launchChromium();
    await callMethod(app.core.api, 'setActiveProfile', { profile: { role: 'ppk', regionCode: '350601', name: 'Sri Wahyuni' } }, 'operator');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pleno-e2e-attach-'));
    for (const [name, photo] of Object.entries({
      [WRONG]: fakePhotoBytes({ id: 'wrong', pages: [{ ...kwkPage(2, 4), identity: { source: 'qr', tpsCode: TPS4, jenis: 'bupati', halaman: 2 } }] }),
      [NAMELESS]: fakePhotoBytes({ id: 'nameless', pages: [kwkPage(1, 4)] }),
      [INSIST]: fakePhotoBytes({ id: 'insist', pages: [{ ...kwkPage(1, 2), identity: { source: 'qr', tpsCode: TPS3, jenis: 'bupati', halaman: 1 } }] }),
    })) fs.writeFileSync(path.join(dir, name), photo);
    const intake = createIntake({ store: app.core.store, blobRoot: blobRootFor(app.core.store.path), readerFactory: fakeReaderFactory() });
    assert.ok((await intake.enqueueFolder(dir, { electionId: BUPATI })).ok);
    await intake.run({ workers: 1 }).done;
    fs.rmSync(dir, { recursive: true, force: true });
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  test('halaman salah TPS dan halaman tanpa TPS dimasukkan ke TPS-nya dengan papan ketik', async () => {
    const page = await browser.context.newPage();
    const problems = watchProblems(page);
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${app.host.url}#/import`);
    await rowOf(page, WRONG).waitFor();
    assert.match((await rowOf(page, WRONG).textContent()) ?? '', /identitas bertentangan — tidak digabung/);
    assert.match((await rowOf(page, NAMELESS).textContent()) ?? '', /TPS belum diketahui/);
    assert.equal(sheetOf(WRONG).tps_code, null);

    // keyboard: focus the row's action, Enter opens the code field; the desa shows after 10 digits, the TPS after 13
    await rowOf(page, WRONG).getByTestId('import-attach-open').focus();
    await page.keyboard.press('Enter');
    const code = rowOf(page, WRONG).getByTestId('import-attach-code');
    await code.waitFor();
    assert.equal(await code.evaluate((el) => el === document.activeElement), true, 'the code field has the focus');
    await page.keyboard.type('3506012001');
    const found = rowOf(page, WRONG).getByTestId('import-attach-found');
    await found.filter({ hasText: /Kec\./ }).waitFor();
    await page.keyboard.type('004');
    await found.filter({ hasText: /— TPS 004/ }).waitFor();
    await saveScreenshot(page, 'import-attach-typing');
    await page.keyboard.press('Enter');
    // it lands: the row links to TPS 4's review screen, the numbers reached the TPS
    await rowOf(page, WRONG).locator('a.import-tps').waitFor();
    assert.equal(await rowOf(page, WRONG).locator('a.import-tps').getAttribute('href'), `#/review/${TPS4}?pemilihan=${BUPATI}`);
    assert.match((await rowOf(page, WRONG).textContent()) ?? '', /diterima/);
    assert.deepEqual(sheetOf(WRONG), { tps_code: TPS4, election_id: BUPATI });
    assert.equal(raceStatus(TPS4), 'received');

    // the nameless hal 1 joins it: the form is complete, the TPS is ready for review
    await rowOf(page, NAMELESS).getByTestId('import-attach-open').click();
    await page.keyboard.type(TPS4);
    await rowOf(page, NAMELESS).getByTestId('import-attach-found').filter({ hasText: /— TPS 004/ }).waitFor();
    await page.keyboard.press('Enter');
    await rowOf(page, NAMELESS).locator('a.import-tps').waitFor();
    assert.deepEqual(sheetOf(NAMELESS), { tps_code: TPS4, election_id: BUPATI });
    assert.equal(raceStatus(TPS4), 'needs_review');
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('melawan kode QR halaman: minta konfirmasi dan alasan, lalu tercatat', async () => {
    const page = await browser.context.newPage();
    const problems = watchProblems(page);
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${app.host.url}#/import`);
    const row = rowOf(page, INSIST);
    await row.getByTestId('import-attach-open').click();
    await page.keyboard.type(TPS2);
    await row.getByTestId('import-attach-found').filter({ hasText: /— TPS 002/ }).waitFor();
    await page.keyboard.press('Enter');
    const confirm = row.getByTestId('import-attach-confirm');
    await confirm.waitFor();
    assert.match((await confirm.textContent()) ?? '', new RegExp(`Kode QR pada halaman ini menyebut TPS ${TPS3}, bukan ${TPS2}`));
    assert.equal(sheetOf(INSIST).tps_code, null, 'not attached before the confirmation');
    // the reason field has the focus; Enter alone does nothing until the operator ticks the confirmation
    await page.keyboard.type('KPPS TPS 2 memakai formulir cadangan TPS 3');
    await page.keyboard.press('Enter');
    assert.equal(sheetOf(INSIST).tps_code, null);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await saveScreenshot(page, 'import-attach-confirm');
    await page.keyboard.press('Enter');
    await row.locator('a.import-tps').waitFor();
    assert.deepEqual(sheetOf(INSIST), { tps_code: TPS2, election_id: BUPATI });
    const audit = app.core.store.db.prepare(`SELECT actor, reason, after FROM audit_log WHERE action = 'sheet.attach' AND entity = ?`).get(`tps:${TPS2}`) as
      { actor: string; reason: string; after: string };
    assert.match(audit.actor, /Sri Wahyuni/);
    assert.equal(audit.reason, 'KPPS TPS 2 memakai formulir cadangan TPS 3');
    assert.deepEqual(JSON.parse(audit.after).againstPage, { source: 'qr', tps: TPS3 });
    await saveScreenshot(page, 'import-attach-done');
    assert.deepEqual(problems, []);
    await page.close();
  });
});
