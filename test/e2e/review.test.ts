/**
 * The per-TPS review in Chromium over the real host: a TPS of the Kediri demo (bupati race, 3 paslon) with two
 * generated, filled C.Hasil pages (the rectified page rasters, as JPEG blobs) and a machine reading that got IV.2
 * wrong with low confidence. The operator reaches IV.2 with Enter only, types the right number, sees the check
 * "Suara sah = jumlah suara semua paslon" turn green, verifies with Ctrl+Enter and sees old → new in the history.
 * Screenshots: test-results/screens/review.png (after the correction), review-verified.png.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import sharp from 'sharp';
import type { Page } from 'playwright-core';
import { callMethod } from '../../main/api/call-method.ts';
import { fillSamplePage } from '../support/synth/generate-sample.ts';
import { launchChromium, type LaunchedBrowser } from '../support/browser.ts';
import { plantTps } from '../review/support/plant.ts';
import { startE2eApp, type E2eApp } from './support/app.ts';
import { saveScreenshot, watchProblems } from './support/pages.ts';

const TPS = '3506012001001';
const BUPATI = 2;
const CHECK = '.check[data-check="pleno-kwk-3paslon-hal2:V.A=ΣIV"]';

let app: E2eApp;
let browser: LaunchedBrowser;
let truthIv2 = 0;
let misread = 0;
const UNREAD_TPS = '3506012001002';
let unreadValues: Record<string, number> = {};

async function jpegOf(nPage: number, seed = 'review-e2e'): Promise<{ bytes: Buffer; fields: Record<string, number> }> {
  const filled = await fillSamplePage({ kwk: { nPaslon: 3, page: nPage }, seed, options: { inconsistent: false } });
  const { width, height, data } = filled.page;
  const bytes = await sharp(Buffer.from(data), { raw: { width, height, channels: 3 } }).jpeg({ quality: 80 }).toBuffer();
  const fields = Object.fromEntries(Object.entries(filled.truth.fields).filter((e): e is [string, number] => e[1] !== null));
  return { bytes, fields };
}

describe('periksa C.Hasil per TPS (Chromium)', () => {
  before(async () => {
    app = await startE2eApp();
    browser = await launchChromium();
    const [hal1, hal2] = [await jpegOf(1), await jpegOf(2)];
    assert.equal(Object.keys(hal2.fields).length, 6, 'every field of page 2 written');
    truthIv2 = hal2.fields['IV.2']!;
    misread = truthIv2 >= 900 ? truthIv2 - 100 : truthIv2 + 100;
    await plantTps(app.core.store, TPS, BUPATI, [
      { templateId: 'pleno-kwk-3paslon-hal1', values: hal1.fields, bytes: hal1.bytes, mime: 'image/jpeg' },
      { templateId: 'pleno-kwk-3paslon-hal2', values: { ...hal2.fields, 'IV.2': misread }, confidence: { 'IV.2': 0.41 }, bytes: hal2.bytes, mime: 'image/jpeg' },
    ]);
    // another TPS, other handwriting (the same photo twice would be refused as a duplicate sheet)
    const [u1, u2] = [await jpegOf(1, 'review-e2e-unread'), await jpegOf(2, 'review-e2e-unread')];
    await plantTps(app.core.store, UNREAD_TPS, BUPATI, [
      { templateId: 'pleno-kwk-3paslon-hal1', values: u1.fields, bytes: u1.bytes, mime: 'image/jpeg' },
      { templateId: 'pleno-kwk-3paslon-hal2', values: {}, verdict: 'unregistered', bytes: u2.bytes, mime: 'image/jpeg' },
    ]);
    unreadValues = u2.fields;
    await callMethod(app.core.api, 'setActiveProfile', { profile: { role: 'ppk', regionCode: '350601', name: 'Sri Wahyuni' } }, 'operator');
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  test('correct a value by keyboard, the check turns green, verify', async () => {
    const page: Page = await browser.context.newPage();
    const problems = watchProblems(page);
    await page.goto(`${app.host.url}#/review/${TPS}?pemilihan=${BUPATI}`);
    await page.locator(`${CHECK}[data-state="fails"]`).waitFor({ timeout: 15000 }).catch(async (error: unknown) => {
      await saveScreenshot(page, 'review-failed');
      throw new Error(`${String(error)}\n${problems.join('\n')}\n${(await page.locator('body').innerText()).slice(0, 800)}`);
    });
    assert.equal(await page.locator('.check[data-state="fails"]').count(), 1, 'only the misread sum fails');
    assert.match((await page.locator('tr[data-field="IV.2"]').getAttribute('class'))!, /is-low/);
    assert.match((await page.locator('tr[data-field="IV.2"]').getAttribute('class'))!, /is-inconsistent/);
    // both photos arrive and the crops use them
    await page.waitForFunction(() => document.querySelectorAll('.field-crop[style*="data:image/jpeg"]').length >= 28);

    // Keyboard only from the first field: Enter moves on without changing anything, 22 fields of page 1.
    await page.locator('tr[data-field="I.A.L"] input').focus();
    for (let i = 0; i < 23; i++) await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')?.split(' ')[0]), 'IV.2');
    assert.equal(await page.locator('.photo-focus').count(), 1, 'the field is outlined on the photo');
    await page.keyboard.type(String(truthIv2));
    await page.keyboard.press('Enter');
    await page.locator(`${CHECK}[data-state="holds"]`).waitFor({ timeout: 10000 });
    assert.equal(await page.locator('.check[data-state="fails"]').count(), 0);
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')?.split(' ')[0]), 'IV.3');
    const firstHistory = await page.locator('.review-history li').first().textContent();
    assert.match(firstHistory!, new RegExp(`IV\\.2: ${misread} → ${truthIv2}`));
    assert.match(firstHistory!, /Sri Wahyuni/);
    await saveScreenshot(page, 'review');

    await page.keyboard.press('Control+Enter');
    await page.locator('.review-status[data-status="verified"]').waitFor({ timeout: 10000 });
    assert.equal(await page.locator('.review-verify').isDisabled(), true);
    await saveScreenshot(page, 'review-verified');
    const stored = await callMethod(app.core.api, 'getTpsReview', { tpsCode: TPS, electionId: BUPATI }, 'operator');
    assert.equal(stored.status, 'verified');
    assert.equal(stored.fields.find((f) => f.fieldId === 'IV.2')!.value, truthIv2);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('an unregistered page says the machine could not read it; the operator types every number', async () => {
    const page: Page = await browser.context.newPage();
    const problems = watchProblems(page);
    await page.goto(`${app.host.url}#/review/${UNREAD_TPS}?pemilihan=${BUPATI}`);
    await page.locator('.review-unread').waitFor({ timeout: 15000 });
    assert.match((await page.locator('.review-unread').textContent())!, /Mesin tidak dapat membaca halaman ini/);
    assert.equal(await page.locator('tr[data-field="IV.1"] .field-crop--none').count(), 1, 'no crop where the page could not be placed');
    assert.equal(await page.locator('tr[data-field="IV.1"] .field-machine').textContent(), 'tidak terbaca mesin');
    await page.locator('tr[data-field="IV.1"] input').focus();
    for (const id of ['IV.1', 'IV.2', 'IV.3', 'V.A', 'V.B', 'V.C']) {
      await page.keyboard.type(String(unreadValues[id]));
      await page.keyboard.press('Enter');
      await page.locator(`tr[data-field="${id}"].is-edited`).waitFor({ timeout: 10000 });
    }
    assert.equal(await page.locator('.check[data-state="incomplete"]').count(), 0);
    assert.equal(await page.locator('.check[data-state="fails"]').count(), 0);
    await saveScreenshot(page, 'review-unregistered');
    assert.deepEqual(problems, []);
    await page.close();
  });
});
