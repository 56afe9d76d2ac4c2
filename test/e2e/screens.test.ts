/**
 * The operator console and the projector view, built and served by the real host over a freshly
 * seeded Kediri demo, driven in Debian's Chromium. Screenshots land in test-results/screens/.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { callMethod } from '../../main/api/call-method.ts';
import { launchChromium, type LaunchedBrowser } from '../support/browser.ts';
import { startE2eApp, type E2eApp } from './support/app.ts';
import { saveScreenshot, watchProblems } from './support/pages.ts';
import { PROJECT_ROOT } from './support/renderer-build.ts';

const KEDIRI = '3506';
const fmt = (n: number) => new Intl.NumberFormat('id-ID').format(n);

/** The reference data beside the project: what the demo was seeded from, read independently here. */
const wilayah = JSON.parse(
  fs.readFileSync(path.join(PROJECT_ROOT, '..', 'shared', 'data', 'wilayah-2024.json'), 'utf8'),
) as { id2name: Record<string, string> };
const childrenIn = (parent: string, length: number) =>
  Object.keys(wilayah.id2name)
    .filter((code) => code.length === length && code.startsWith(parent))
    .sort();

let app: E2eApp;
let browser: LaunchedBrowser;
let context: BrowserContext;
const problems: string[] = [];

/** `expected`: browser messages this page is meant to cause (e.g. its host is stopped on purpose). */
async function openPage(route: string, viewport = { width: 1440, height: 900 }, url = app.host.url, expected?: RegExp): Promise<Page> {
  const page = await context.newPage();
  const seen = watchProblems(page);
  page.on('close', () => problems.push(...seen.filter((p) => !expected?.test(p))));
  await page.setViewportSize(viewport);
  await page.goto(`${url}${route}`);
  return page;
}

const api = <M extends Parameters<typeof callMethod>[1]>(name: M, input: unknown) =>
  callMethod(app.core.api, name as never, input, 'operator') as Promise<never>;

describe('layar konsol operator dan proyektor (Chromium)', () => {
  before(async () => {
    app = await startE2eApp();
    browser = await launchChromium();
    context = browser.context;
  });

  after(async () => {
    await browser?.close();
    await app?.close();
  });

  test('konsol menampilkan 26 kecamatan Kabupaten Kediri', async () => {
    const page = await openPage('#/');
    const kecamatan = page.locator('[role=treeitem][aria-level="2"]');
    await kecamatan.first().waitFor();
    const expected = childrenIn(KEDIRI, 6);
    assert.equal(expected.length, 26);
    assert.equal(await kecamatan.count(), 26);
    assert.deepEqual(await kecamatan.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-code'))), expected);
    assert.match((await page.getByTestId('home-region').textContent()) ?? '', /Kabupaten Kediri/);
    assert.equal(await page.getByTestId('role').textContent(), 'Operator');
    await page.getByTestId('connection').filter({ hasText: /^Terhubung$/ }).waitFor();
    // The kabupaten is selected at start: its counts come from the database, formatted id-ID.
    const summary = (await api('getStatusSummary', { regionCode: KEDIRI })) as { tps: number; kecamatan: number; desa: number };
    assert.equal(summary.kecamatan, 26);
    assert.equal(summary.desa, 344);
    await page.locator('.tps-panel .panel-meta', { hasText: `Menampilkan 1–100 dari ${fmt(summary.tps)} TPS` }).waitFor();
    assert.equal(await page.locator('.tps-table tbody tr').count(), 100);
    await page.close();
  });

  test('membuka kecamatan dengan keyboard menampilkan desanya; memilih desa menampilkan TPS-nya', async () => {
    const page = await openPage('#/');
    const semen = page.locator('[role=treeitem][data-code="350601"]');
    await semen.waitFor();
    await semen.focus();
    await page.keyboard.press('ArrowRight');
    await page.locator('[role=treeitem][data-code="350601"][aria-expanded="true"]').waitFor();
    const desa = page.locator('[role=treeitem][aria-level="3"]');
    await desa.first().waitFor();
    const expectedDesa = childrenIn('350601', 10);
    assert.deepEqual(await desa.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-code'))), expectedDesa);

    // ↓ from the kecamatan moves into its first desa and selects it; the TPS table follows.
    await page.keyboard.press('ArrowDown');
    const first = expectedDesa[0]!;
    await page.locator(`[role=treeitem][data-code="${first}"][aria-selected="true"]`).waitFor();
    // Keyboard focus is visible: the focused row draws the 3 px focus ring.
    const ring = await page.evaluate(() => {
      const el = document.activeElement!;
      return { code: el.getAttribute('data-code'), style: getComputedStyle(el).outlineStyle, width: getComputedStyle(el).outlineWidth };
    });
    assert.deepEqual(ring, { code: first, style: 'solid', width: '3px' });
    const page1 = (await api('listTps', { regionCode: first, limit: 5000 })) as { items: { code: string }[]; total: number };
    assert.ok(page1.total > 0);
    await page.getByTestId('region-title').filter({ hasText: 'Desa Bulu' }).waitFor();
    await page.locator('.tps-panel .panel-meta', { hasText: `Menampilkan 1–${page1.total} dari ${page1.total} TPS` }).waitFor();
    const rows = page.locator('.tps-table tbody tr');
    assert.deepEqual(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-code'))), page1.items.map((t) => t.code));
    const statuses = await page.locator('.tps-table tbody .status').allTextContents();
    assert.ok(statuses.length === page1.total && statuses.every((s) => s === 'Belum ada C.Hasil'), 'semua TPS belum ada C.Hasil');

    // A click on another desa works too (Sidomulyo), and its TPS open under it in the tree.
    const sidomulyo = page.locator('[role=treeitem][data-code="3506012002"]');
    await sidomulyo.click();
    await page.getByTestId('region-title').filter({ hasText: 'Desa Sidomulyo' }).waitFor();
    await page.keyboard.press('ArrowRight');
    await page.locator('[role=treeitem][aria-level="4"]').first().waitFor();
    await saveScreenshot(page, 'console');
    await page.close();
  });

  test('daftar TPS kabupaten berhalaman: halaman berikutnya menampilkan TPS 101–200', async () => {
    const page = await openPage('#/');
    await page.locator('.tps-table tbody tr').first().waitFor();
    // Keyboard only: the first Tab reaches the skip link, which jumps into the TPS table.
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Lompat ke daftar TPS');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('table-scroll')), true);
    assert.ok(page.url().endsWith('#/'), page.url());
    await page.getByRole('button', { name: 'Berikutnya ›' }).click();
    const total = ((await api('getStatusSummary', { regionCode: KEDIRI })) as { tps: number }).tps;
    await page.locator('.tps-panel .panel-meta', { hasText: `Menampilkan 101–200 dari ${fmt(total)} TPS` }).waitFor();
    const expected = (await api('listTps', { regionCode: KEDIRI, offset: 100, limit: 100 })) as { items: { code: string }[] };
    const codes = await page.locator('.tps-table tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-code')));
    assert.deepEqual(codes, expected.items.map((t) => t.code));
    await page.close();
  });

  for (const viewport of [
    { width: 1920, height: 1080 },
    { width: 1280, height: 720 },
  ]) {
    test(`proyektor ${viewport.width}×${viewport.height}: paslon, "—", 0 dari N TPS, angka ≥ 48 px, tidak terpotong`, async () => {
      const state = (await api('getProjectorState', {})) as {
        election: { paslon: { nomorUrut: number; kepala: string }[] } | null;
        tpsTotal: number;
      };
      assert.ok(state.election, 'proyektor default menampilkan pemilihan wilayah asal');
      const page = await openPage('#/projector', viewport);
      const numerals = page.getByTestId('projector-votes');
      await numerals.first().waitFor();
      assert.equal(await numerals.count(), state.election.paslon.length);
      assert.deepEqual(await numerals.allTextContents(), state.election.paslon.map(() => '—'));
      const nomor = await page.locator('.board-nomor').allTextContents();
      assert.deepEqual(nomor, state.election.paslon.map((p) => String(p.nomorUrut)));
      for (const paslon of state.election.paslon) await page.getByText(paslon.kepala, { exact: true }).waitFor();
      const progress = (await page.getByTestId('projector-progress').textContent()) ?? '';
      assert.ok(progress.includes(`0 dari ${fmt(state.tpsTotal)} TPS`), progress);

      const sizes = await numerals.evaluateAll((els) => els.map((el) => parseFloat(getComputedStyle(el).fontSize)));
      assert.ok(sizes.every((px) => px >= 48), `ukuran angka ${sizes.join(', ')} px`);
      // Everything on one screen: nothing scrolls, no card runs into the footer.
      const layout = await page.evaluate(() => ({
        scrollW: document.documentElement.scrollWidth,
        scrollH: document.documentElement.scrollHeight,
        cardsBottom: Math.max(...[...document.querySelectorAll('.board-card')].map((c) => c.getBoundingClientRect().bottom)),
        footerTop: document.querySelector('.board-footer')!.getBoundingClientRect().top,
      }));
      assert.ok(layout.scrollW <= viewport.width && layout.scrollH <= viewport.height, JSON.stringify(layout));
      assert.ok(layout.cardsBottom <= layout.footerTop, JSON.stringify(layout));
      await saveScreenshot(page, `projector-${viewport.width}x${viewport.height}`);
      await page.close();
    });
  }

  test('"Tampilkan di proyektor" di konsol mengubah proyektor yang sedang terbuka, langsung', async () => {
    const projector = await openPage('#/projector', { width: 1280, height: 720 });
    await projector.getByTestId('projector-region').filter({ hasText: 'Kabupaten Kediri' }).waitFor();
    const console_ = await openPage('#/');
    await console_.locator('[role=treeitem][data-code="350606"]').click(); // Kecamatan Wates
    await console_.getByTestId('region-title').filter({ hasText: 'Kecamatan Wates' }).waitFor();
    const button = console_.getByRole('button', { name: 'Tampilkan di proyektor' });
    const started = Date.now();
    await button.click();
    await projector.getByTestId('projector-region').filter({ hasText: 'Kecamatan Wates' }).waitFor({ timeout: 5000 });
    const latency = Date.now() - started;
    const wates = (await api('getStatusSummary', { regionCode: '350606' })) as { tps: number };
    await projector.getByTestId('projector-progress').filter({ hasText: `0 dari ${fmt(wates.tps)} TPS` }).waitFor();
    await console_.getByRole('button', { name: 'Sudah tampil di proyektor' }).waitFor();
    await console_.getByTestId('projector-now').filter({ hasText: 'Kecamatan Wates' }).waitFor();

    // Switching the race to the governor's: the projector follows again.
    await console_.getByRole('radio', { name: 'Gubernur' }).check();
    await console_.getByRole('button', { name: 'Tampilkan di proyektor' }).click();
    await projector.getByTestId('projector-race').filter({ hasText: /Gubernur/ }).waitFor({ timeout: 5000 });
    console.log(`# proyektor mengikuti konsol dalam ${latency} ms`);
    await console_.close();
    await projector.close();
  });

  test('proyektor menyambung lagi setelah host mati dan membaca ulang keadaannya', async () => {
    let host = await app.startAnotherHost();
    const port = host.port; // restarted on the same port below, as after a host restart
    // While the host is down, the browser reports every refused request as a console error: expected here.
    const projector = await openPage('#/projector', { width: 1280, height: 720 }, host.url, /net::ERR_CONNECTION_REFUSED/);
    await projector.getByTestId('projector-votes').first().waitFor();
    await host.close();
    await projector.locator('.projector-offline').waitFor();
    // Changed while the screen was cut off: no event reaches it; it must re-read after reconnecting.
    await api('setProjectorFocus', { electionId: null, regionCode: '350601' });
    host = await app.startAnotherHost({ port });
    await projector.getByTestId('projector-region').filter({ hasText: 'Kecamatan Semen' }).waitFor({ timeout: 10_000 });
    await projector.locator('.projector-offline').waitFor({ state: 'detached' });
    await projector.close();
  });

  test('dengan token operator: tanpa token hanya Penonton; dengan token Operator, token hilang dari alamat', async () => {
    const host = await app.startAnotherHost({ operatorToken: 'e2e-rahasia' });
    const viewer = await openPage('#/', undefined, host.url);
    assert.equal(await viewer.getByTestId('role').textContent(), 'Penonton');
    await viewer.locator('[role=treeitem][data-code="350602"]').click();
    assert.equal(await viewer.getByRole('button', { name: 'Tampilkan di proyektor' }).isDisabled(), true);
    await viewer.getByText('Hanya operator yang dapat mengubah tampilan proyektor.').waitFor();

    const operator = await openPage('#/', undefined, host.operatorUrl);
    await operator.getByTestId('role').filter({ hasText: 'Operator' }).waitFor();
    assert.ok(!operator.url().includes('e2e-rahasia'), operator.url());
    await operator.locator('[role=treeitem][data-code="350602"]').click();
    await operator.getByRole('button', { name: 'Tampilkan di proyektor' }).click();
    await operator.getByTestId('projector-now').filter({ hasText: 'Kecamatan Mojo' }).waitFor();
    // A reload keeps operator rights for this tab (sessionStorage), not in the URL.
    await operator.reload();
    await operator.getByTestId('role').filter({ hasText: 'Operator' }).waitFor();
    await viewer.close();
    await operator.close();
  });

  test('tidak ada galat di konsol browser (CSP, React)', () => {
    assert.deepEqual(problems, []);
  });
});
