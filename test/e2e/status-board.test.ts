/**
 * The status board (issue 4, *pengecekan data terpublikasi dan belum terpublikasi*) in Chromium over the
 * real host and a freshly seeded Kediri demo. The test puts TPS into every C.Hasil state itself (as
 * intake and review will) and checks the counts at kabupaten, kecamatan and desa level, the filters,
 * the withheld reasons, the CSV download and the projector's breakdown. Screenshots: test-results/screens/.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { callMethod } from '../../main/api/call-method.ts';
import { statusCsv } from '../../main/api/status-csv.ts';
import type { StatusCounts, TpsStatus } from '../../shared/domain/types.ts';
import { setTpsStatus, tpsOfDesa } from '../accounts/support/set-tps-status.ts';
import { launchChromium, type LaunchedBrowser } from '../support/browser.ts';
import { startE2eApp, type E2eApp } from './support/app.ts';
import { saveScreenshot, watchProblems } from './support/pages.ts';

const KEDIRI = '3506';
const SEMEN = '350601';
const BULU = '3506012001';
const SIDOMULYO = '3506012002';
const MOJO = '350602';
const REASON = 'Foto bukan formulir C.Hasil (not_a_form)';
const fmt = (n: number) => new Intl.NumberFormat('id-ID').format(n);

let app: E2eApp;
let browser: LaunchedBrowser;
let context: BrowserContext;
const problems: string[] = [];
/** What the test set, TPS code → state. */
const planted = new Map<string, TpsStatus>();

const api = (name: string, input: unknown) => callMethod(app.core.api, name as never, input, 'operator') as Promise<never>;

async function openPage(route: string, viewport = { width: 1440, height: 900 }): Promise<Page> {
  const page = await context.newPage();
  const seen = watchProblems(page);
  page.on('close', () => problems.push(...seen));
  await page.setViewportSize(viewport);
  await page.goto(`${app.host.url}${route}`);
  return page;
}

function plant(code: string, status: TpsStatus, reason: string | null = null) {
  setTpsStatus(app.core.store, code, status, reason);
  planted.set(code, status);
}

/** The counts the planted states must produce under a region, computed here, not by the app. */
function expectedCounts(prefix: string, tpsTotal: number): StatusCounts {
  const counts: StatusCounts = { no_chasil: tpsTotal, received: 0, needs_review: 0, verified: 0, withheld: 0 };
  for (const [code, status] of planted) {
    if (!code.startsWith(prefix)) continue;
    counts[status] += 1;
    counts.no_chasil -= 1;
  }
  return counts;
}

async function chipCounts(page: Page): Promise<StatusCounts> {
  const read = async (status: TpsStatus) =>
    Number((await page.locator(`.status-board .status-chip[data-status="${status}"] .status-chip-count`).textContent())!.replace(/\./g, ''));
  return {
    no_chasil: await read('no_chasil'),
    received: await read('received'),
    needs_review: await read('needs_review'),
    verified: await read('verified'),
    withheld: await read('withheld'),
  };
}

describe('papan status C.Hasil (Chromium)', () => {
  before(async () => {
    app = await startE2eApp();
    browser = await launchChromium();
    context = browser.context;
    const bulu = tpsOfDesa(app.core.store, BULU, 4);
    const sidomulyo = tpsOfDesa(app.core.store, SIDOMULYO, 3);
    plant(bulu[0]!, 'received', 'halaman 2 dari 2 belum ada');
    plant(bulu[1]!, 'needs_review');
    plant(bulu[2]!, 'verified');
    plant(bulu[3]!, 'verified');
    plant(sidomulyo[0]!, 'withheld', REASON);
    plant(sidomulyo[1]!, 'withheld', REASON);
    plant(sidomulyo[2]!, 'needs_review');
    plant(tpsOfDesa(app.core.store, `${MOJO}2001`, 1)[0]!, 'received');
  });

  after(async () => {
    await browser?.close();
    await app?.close();
  });

  test('kabupaten: jumlah per status benar, per kecamatan juga; angka format id-ID', async () => {
    const page = await openPage('#/status');
    await page.getByTestId('board-title').filter({ hasText: 'Kabupaten Kediri' }).waitFor();
    const total = ((await api('getStatusSummary', { regionCode: KEDIRI })) as { tps: number }).tps;
    assert.deepEqual(await chipCounts(page), expectedCounts(KEDIRI, total));
    assert.equal(await page.locator('.status-board .status-chip--all .status-chip-count').textContent(), fmt(total));

    // One row per kecamatan (26), Semen's counts as planted.
    const rows = page.locator('.board-children tbody tr');
    assert.equal(await rows.count(), 26);
    const semen = page.locator(`.board-children tr[data-code="${SEMEN}"]`);
    const semenTotal = ((await api('getStatusSummary', { regionCode: SEMEN })) as { tps: number }).tps;
    const cell = (status: TpsStatus) => semen.locator(`td[data-status="${status}"]`).textContent();
    const want = expectedCounts(SEMEN, semenTotal);
    for (const status of ['no_chasil', 'received', 'needs_review', 'verified', 'withheld'] as const) {
      assert.equal(await cell(status), fmt(want[status]), status);
    }
    await page.getByText(`2 dari ${fmt(total)} TPS terverifikasi · 2 TPS ditahan`).waitFor();
    await saveScreenshot(page, 'status-board-kabupaten');
    await page.close();
  });

  test('filter: klik jumlah "Ditahan" di baris Semen membuka Semen tersaring, dengan alasan penahanan', async () => {
    const page = await openPage('#/status');
    await page.locator(`.board-children tr[data-code="${SEMEN}"] td[data-status="withheld"] button`).click();
    await page.getByTestId('board-title').filter({ hasText: 'Kecamatan Semen' }).waitFor();
    // The heading takes focus after the drill-down, so the keyboard continues from there.
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'board-title');
    assert.equal(await page.locator('.status-board .status-chip[data-status="withheld"]').getAttribute('aria-pressed'), 'true');
    // Only the desa with a withheld TPS stays in the desa table.
    await page.locator('.board-children tbody tr').first().waitFor();
    assert.deepEqual(await page.locator('.board-children tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-code'))), [SIDOMULYO]);
    const withheld = [...planted].filter(([, s]) => s === 'withheld').map(([c]) => c).sort();
    await page.getByTestId('board-tps-meta').filter({ hasText: '1–2 dari 2 TPS' }).waitFor();
    const tpsRows = page.locator('.board-tps tbody tr');
    assert.deepEqual(await tpsRows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-code'))), withheld);
    assert.deepEqual(await page.locator('.board-tps tbody .board-note').allTextContents(), [REASON, REASON]);
    assert.deepEqual(await page.locator('.board-tps tbody .status').allTextContents(), ['Ditahan', 'Ditahan']);
    await saveScreenshot(page, 'status-board-withheld');

    // "Semua TPS" lifts the filter: the Semen list is every TPS of Semen, paged by 50.
    await page.locator('.status-board .status-chip--all').click();
    const semenTotal = ((await api('getStatusSummary', { regionCode: SEMEN })) as { tps: number }).tps;
    await page.getByTestId('board-tps-meta').filter({ hasText: `1–50 dari ${fmt(semenTotal)} TPS` }).waitFor();
    await page.close();
  });

  test('keyboard: Tab ke nama desa, Enter membuka desanya; TPS desa dengan statusnya', async () => {
    const page = await openPage('#/status');
    await page.locator(`.board-children tr[data-code="${SEMEN}"] .board-name button`).focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('board-title').filter({ hasText: 'Kecamatan Semen' }).waitFor();
    const bulu = page.locator(`.board-children tr[data-code="${BULU}"] .board-name button`);
    await bulu.waitFor();
    // From the focused heading, Tab walks forward through the board; find Bulu by tabbing, as a keyboard user would.
    let reached = false;
    for (let i = 0; i < 40 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await bulu.evaluate((el) => el === document.activeElement);
    }
    assert.ok(reached, 'nama desa Bulu tercapai dengan Tab');
    await page.keyboard.press('Enter');
    await page.getByTestId('board-title').filter({ hasText: 'Desa Bulu' }).waitFor();
    const buluTotal = ((await api('getStatusSummary', { regionCode: BULU })) as { tps: number }).tps;
    await page.getByTestId('board-tps-meta').filter({ hasText: `1–${buluTotal} dari ${buluTotal} TPS` }).waitFor();
    assert.deepEqual(await chipCounts(page), expectedCounts(BULU, buluTotal));
    const shown = await page.locator('.board-tps tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-code'), tr.getAttribute('data-status')]));
    assert.equal(shown.length, buluTotal);
    for (const [code, status] of shown) assert.equal(status, planted.get(code!) ?? 'no_chasil', code!);
    await page.getByText('halaman 2 dari 2 belum ada').waitFor();
    // Backspace goes up to Semen; Escape clears a filter; the breadcrumb leads up to the kabupaten.
    await page.keyboard.press('Backspace');
    await page.getByTestId('board-title').filter({ hasText: 'Kecamatan Semen' }).waitFor();
    await page.locator('.status-board .status-chip[data-status="needs_review"]').click();
    await page.getByTestId('board-summary').filter({ hasText: 'filter: Perlu diperiksa' }).waitFor();
    await page.keyboard.press('Escape');
    await page.locator('.status-board .status-chip--all[aria-pressed="true"]').waitFor();
    await saveScreenshot(page, 'status-board-desa-list');
    await page.getByRole('button', { name: 'Kabupaten Kediri' }).click();
    await page.getByTestId('board-title').filter({ hasText: 'Kabupaten Kediri' }).waitFor();
    await page.close();
  });

  test('Unduh CSV: browser mengunduh status-350601.csv berisi setiap TPS Semen dengan status dan alasannya', async () => {
    const page = await openPage('#/status');
    await page.locator(`.board-children tr[data-code="${SEMEN}"] .board-name button`).click();
    await page.getByTestId('board-title').filter({ hasText: 'Kecamatan Semen' }).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Unduh CSV' }).click()]);
    assert.equal(download.suggestedFilename(), `status-${SEMEN}.csv`);
    const file = await download.path();
    const text = fs.readFileSync(file!, 'utf8');
    assert.ok(text.startsWith('\uFEFF'), 'BOM UTF-8');
    const lines = text.slice(1).split('\r\n');
    assert.equal(lines.at(-1), '');
    lines.pop();
    assert.equal(lines[0], 'Kode TPS,Kecamatan,Desa/Kelurahan,TPS,DPT L,DPT P,DPT,Status,Kode status,Keterangan');
    const all = (await api('listTps', { regionCode: SEMEN, limit: 5000 })) as { items: { code: string; dptL: number; dptP: number }[]; total: number };
    assert.equal(lines.length - 1, all.total);
    const byCode = new Map(lines.slice(1).map((line) => [line.split(',')[0]!, line]));
    assert.deepEqual([...byCode.keys()], all.items.map((t) => t.code));
    const withheld = [...planted].find(([, s]) => s === 'withheld')![0];
    assert.equal(byCode.get(withheld), `${withheld},SEMEN,SIDOMULYO,${Number(withheld.slice(10))},${all.items.find((t) => t.code === withheld)!.dptL},${all.items.find((t) => t.code === withheld)!.dptP},${(() => { const t = all.items.find((x) => x.code === withheld)!; return t.dptL + t.dptP; })()},Ditahan,withheld,${REASON}`);
    const counted = new Map<string, number>();
    for (const line of lines.slice(1)) counted.set(line.split(',')[8]!, (counted.get(line.split(',')[8]!) ?? 0) + 1);
    const semenTotal = all.total;
    const want = expectedCounts(SEMEN, semenTotal);
    for (const status of Object.keys(want) as TpsStatus[]) assert.equal(counted.get(status) ?? 0, want[status], status);
    await page.close();
  });

  test('papan yang terbuka mengikuti perubahan dari host (dataChanged) tanpa dimuat ulang', async () => {
    const page = await openPage('#/status');
    const chip = page.locator('.status-board .status-chip[data-status="verified"] .status-chip-count');
    await page.getByTestId('board-title').filter({ hasText: 'Kabupaten Kediri' }).waitFor();
    const before = Number((await chip.textContent())!.replace(/\./g, ''));
    const kras = tpsOfDesa(app.core.store, '3506032001', 1)[0]!;
    plant(kras, 'verified');
    app.core.api.publishDataChanged('intake', '350603');
    await chip.filter({ hasText: new RegExp(`^${before + 1}$`) }).waitFor({ timeout: 5000 });
    await page.locator('.board-children tr[data-code="350603"] td[data-status="verified"]').filter({ hasText: /^1$/ }).waitFor();
    await page.close();
  });

  test('proyektor: bilah kemajuan dengan rincian per status', async () => {
    const races = (await api('listElections', {})) as { id: number; jenis: string }[];
    await api('setProjectorFocus', { electionId: races.find((r) => r.jenis === 'bupati')!.id, regionCode: KEDIRI });
    const page = await openPage('#/projector', { width: 1920, height: 1080 });
    const breakdown = page.getByTestId('projector-breakdown');
    await breakdown.waitFor();
    const total = ((await api('getStatusSummary', { regionCode: KEDIRI })) as { tps: number }).tps;
    const want = expectedCounts(KEDIRI, total);
    for (const status of ['needs_review', 'received', 'withheld', 'no_chasil'] as const) {
      assert.equal(await breakdown.locator(`[data-status="${status}"] strong`).textContent(), fmt(want[status]), status);
    }
    const layout = await page.evaluate(() => ({
      scrollH: document.documentElement.scrollHeight,
      cardsBottom: Math.max(...[...document.querySelectorAll('.board-card')].map((c) => c.getBoundingClientRect().bottom)),
      footerTop: document.querySelector('.board-footer')!.getBoundingClientRect().top,
    }));
    assert.ok(layout.scrollH <= 1080 && layout.cardsBottom <= layout.footerTop, JSON.stringify(layout));
    await saveScreenshot(page, 'projector-status-breakdown');
    await page.close();
  });

  test('tidak ada galat di konsol browser', () => {
    assert.deepEqual(problems, []);
  });
});

describe('CSV papan status (tanpa browser)', () => {
  test('tanda kutip, koma, baris baru dan awalan rumus dijinakkan', () => {
    const row = {
      code: '3506012001001', desaCode: '3506012001', nomor: 1, dptL: 10, dptP: 12, status: 'withheld' as const,
      desaName: 'BULU, "LAMA"', kecamatanName: 'SEMEN', note: '=HYPERLINK("x")\nbaris dua',
    };
    const [, line] = statusCsv([row]).slice(1).split('\r\n');
    assert.equal(line, `3506012001001,SEMEN,"BULU, ""LAMA""",1,10,12,22,Ditahan,withheld,"'=HYPERLINK(""x"")\nbaris dua"`);
  });
});
