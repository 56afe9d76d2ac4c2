/**
 * Local operator profiles (issue 4, "Roles") in Chromium over the real host: the chooser shows while
 * no profile is active, choosing one puts it in the header, names the user in the audit log, survives a
 * reload, starts the status board at the PPK's kecamatan; "Ganti profil" goes back to the chooser; a LAN
 * viewer never sees it; only KPU Kab/Kota passes the unlock guard.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { requireRole } from '../../main/accounts/index.ts';
import { callMethod } from '../../main/api/call-method.ts';
import { listAudit } from '../../main/store/index.ts';
import { ApiError } from '../../shared/api/contract.ts';
import { launchChromium, type LaunchedBrowser } from '../support/browser.ts';
import { startE2eApp, type E2eApp } from './support/app.ts';
import { saveScreenshot, watchProblems } from './support/pages.ts';

let app: E2eApp;
let browser: LaunchedBrowser;
let context: BrowserContext;
const problems: string[] = [];

async function openPage(route: string, url = app.host.url): Promise<Page> {
  const page = await context.newPage();
  const seen = watchProblems(page);
  page.on('close', () => problems.push(...seen));
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`${url}${route}`);
  return page;
}

const lastAudit = () => listAudit(app.core.store, { limit: 100_000 }).at(-1)!;

describe('profil operator (Chromium)', () => {
  before(async () => {
    app = await startE2eApp();
    browser = await launchChromium();
    context = browser.context;
  });

  after(async () => {
    await browser?.close();
    await app?.close();
  });

  test('tanpa profil: pemilih tampil; memilih Operator PPK Semen dengan keyboard menaruhnya di kepala halaman dan di audit', async () => {
    const page = await openPage('#/');
    const chooser = page.getByRole('region', { name: 'Pilih profil operator' });
    await chooser.waitFor();
    assert.equal(await page.getByTestId('profile').count(), 0);
    // The console stays usable while choosing: the tree is there.
    await page.locator('[role=treeitem][data-code="350601"]').waitFor();
    await saveScreenshot(page, 'roles-chooser');

    // Keyboard only: the role radio, the kecamatan select, the name, Enter submits.
    await chooser.getByRole('radio', { name: 'Operator PPK' }).focus();
    await page.keyboard.press('Tab');
    const select = chooser.getByRole('combobox', { name: 'Kecamatan' });
    assert.equal(await select.evaluate((el) => el === document.activeElement), true);
    await select.selectOption('350601');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Sari');
    await page.keyboard.press('Enter');

    const header = page.getByTestId('profile');
    await header.filter({ hasText: 'Operator PPK Kecamatan Semen — Sari' }).waitFor();
    await chooser.waitFor({ state: 'detached' });
    const { profile } = (await callMethod(app.core.api, 'getActiveProfile', {}, 'operator')) as { profile: { id: string; label: string } };
    assert.equal(profile.id, 'ppk:350601');
    const signIn = lastAudit();
    assert.deepEqual([signIn.action, signIn.actor], ['profile.sign_in', 'Operator PPK Kecamatan Semen — Sari']);

    // Any later audited change through the API names the profile.
    await callMethod(app.core.api, 'updateSettings', { deviceName: 'Laptop PPK Semen' }, 'operator');
    assert.deepEqual([lastAudit().action, lastAudit().actor], ['settings.update', profile.label]);
    // A PPK may not unlock a withheld TPS.
    assert.throws(() => requireRole(app.core.api.accounts, 'kpu_kabkota'), (e: unknown) => e instanceof ApiError && e.code === 'forbidden');
    await saveScreenshot(page, 'roles-header-ppk');
    await page.close();
  });

  test('profil diingat perangkat: setelah muat ulang tetap aktif; papan status mulai di kecamatannya', async () => {
    const page = await openPage('#/status');
    await page.getByTestId('profile').filter({ hasText: 'Operator PPK Kecamatan Semen — Sari' }).waitFor();
    await page.getByTestId('board-title').filter({ hasText: 'Kecamatan Semen' }).waitFor();
    assert.equal(await page.getByRole('region', { name: 'Pilih profil operator' }).count(), 0);
    await page.close();
  });

  test('Ganti profil: kembali ke pemilih; Operator KPU Kab/Kota lolos penjaga buka-tahan', async () => {
    const page = await openPage('#/');
    await page.getByRole('button', { name: 'Ganti profil' }).click();
    const chooser = page.getByRole('region', { name: 'Pilih profil operator' });
    await chooser.waitFor();
    assert.equal(lastAudit().action, 'profile.sign_out');
    await chooser.getByRole('radio', { name: 'Operator KPU Kab/Kota' }).check();
    await chooser.getByText('Kabupaten Kediri').waitFor();
    await chooser.getByRole('button', { name: 'Mulai bekerja' }).click();
    await page.getByTestId('profile').filter({ hasText: 'Operator KPU Kab/Kota Kabupaten Kediri' }).waitFor();
    assert.equal(requireRole(app.core.api.accounts, 'kpu_kabkota').id, 'kpu_kabkota:3506');
    assert.equal(lastAudit().actor, 'Operator KPU Kab/Kota Kabupaten Kediri');
    await saveScreenshot(page, 'roles-header-kpu');
    await page.close();
  });

  test('penonton di LAN (tanpa token operator): tanpa pemilih dan tanpa profil; metode profil ditolak', async () => {
    const host = await app.startAnotherHost({ operatorToken: 'e2e-peran' });
    const viewer = await openPage('#/', host.url);
    await viewer.getByTestId('role').filter({ hasText: 'Penonton' }).waitFor();
    await viewer.locator('[role=treeitem][data-code="350601"]').waitFor();
    assert.equal(await viewer.getByRole('region', { name: 'Pilih profil operator' }).count(), 0);
    assert.equal(await viewer.getByTestId('profile').count(), 0);
    const response = await fetch(new URL('/api/getActiveProfile', host.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    assert.equal(response.status, 403);
    await viewer.close();
  });

  test('tidak ada galat di konsol browser', () => {
    assert.deepEqual(problems, []);
  });
});
