/**
 * The status board per race (pemilihan) in Chromium over the real host and a fresh Kediri demo: the race
 * chooser (mouse and keyboard) switches the strip of counts, the per-kecamatan/desa table, the TPS list
 * and the CSV between "Semua pemilihan" and one race. The test plants per-race C.Hasil states itself and
 * computes what each view must show. Screenshot: test-results/screens/status-per-race.png.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { callMethod } from '../../main/api/call-method.ts';
import type { Election, StatusCounts, TpsStatus } from '../../shared/domain/types.ts';
import { launchChromium, type LaunchedBrowser } from '../support/browser.ts';
import { startE2eApp, type E2eApp } from './support/app.ts';
import { saveScreenshot, watchProblems } from './support/pages.ts';

const KEDIRI = '3506';
const SEMEN = '350601';
const BULU = '3506012001';
const STATES: readonly TpsStatus[] = ['no_chasil', 'received', 'needs_review', 'verified', 'withheld'];
const RANK: Record<TpsStatus, number> = { withheld: 0, no_chasil: 1, received: 2, needs_review: 3, verified: 4 };
const fmt = (n: number) => new Intl.NumberFormat('id-ID').format(n);

let app: E2eApp;
let browser: LaunchedBrowser;
let context: BrowserContext;
let gubernur: Election;
let bupati: Election;
let bulu: string[];
const problems: string[] = [];
/** What the test set: TPS code → race id → state (and reason). */
const planted = new Map<string, Map<number, { status: TpsStatus; reason: string | null }>>();

const api = <T>(name: string, input: unknown) => callMethod(app.core.api, name as never, input, 'operator') as Promise<T>;

function plant(tpsCode: string, election: Election, status: TpsStatus, reason: string | null = null) {
  app.core.store.db.prepare('INSERT INTO tps_status (tps_code, election_id, status, reason, updated_at) VALUES (?, ?, ?, ?, ?)')
    .run(tpsCode, election.id, status, reason, new Date().toISOString());
  const races = planted.get(tpsCode) ?? new Map();
  races.set(election.id, { status, reason });
  planted.set(tpsCode, races);
}

/** A TPS's state in one race, or (null) combined: the least advanced race, a race without a row = no_chasil. */
function stateOf(tpsCode: string, raceId: number | null): TpsStatus {
  const races = planted.get(tpsCode);
  const of = (id: number) => races?.get(id)?.status ?? 'no_chasil';
  if (raceId !== null) return of(raceId);
  return [of(gubernur.id), of(bupati.id)].sort((a, b) => RANK[a] - RANK[b])[0]!;
}

function expected(prefix: string, tpsTotal: number, raceId: number | null): StatusCounts {
  const counts: StatusCounts = { no_chasil: tpsTotal, received: 0, needs_review: 0, verified: 0, withheld: 0 };
  for (const code of planted.keys()) {
    if (!code.startsWith(prefix)) continue;
    counts.no_chasil -= 1;
    counts[stateOf(code, raceId)] += 1;
  }
  return counts;
}

async function chipCounts(page: Page): Promise<StatusCounts> {
  const counts = {} as StatusCounts;
  for (const status of STATES) {
    const text = await page.locator(`.status-board .status-chip[data-status="${status}"] .status-chip-count`).textContent();
    counts[status] = Number(text!.replace(/\./g, ''));
  }
  return counts;
}

async function rowCounts(page: Page, code: string): Promise<StatusCounts> {
  const counts = {} as StatusCounts;
  for (const status of STATES) {
    counts[status] = Number((await page.locator(`.board-children tr[data-code="${code}"] td[data-status="${status}"]`).textContent())!.replace(/\./g, ''));
  }
  return counts;
}

/** Waits until the strip shows `want` (counts load after a race is chosen). */
async function waitForChips(page: Page, want: StatusCounts): Promise<void> {
  const deadline = Date.now() + 5000;
  let seen = await chipCounts(page);
  while (JSON.stringify(seen) !== JSON.stringify(want) && Date.now() < deadline) {
    await page.waitForTimeout(50);
    seen = await chipCounts(page);
  }
  assert.deepEqual(seen, want);
}

const radio = (page: Page, name: string) => page.locator('[data-testid="race-select"]').getByRole('radio', { name });

describe('papan status per pemilihan (Chromium)', () => {
  let kediriTotal: number;
  let semenTotal: number;

  before(async () => {
    app = await startE2eApp();
    browser = await launchChromium();
    context = browser.context;
    const races = await api<Election[]>('listElections', {});
    gubernur = races.find((r) => r.jenis === 'gubernur')!;
    bupati = races.find((r) => r.jenis === 'bupati')!;
    bulu = (app.core.store.db.prepare('SELECT code FROM tps WHERE desa_code = ? ORDER BY code LIMIT 4').pluck().all(BULU) as string[]);
    // Bulu 1: verified for the governor, no C.Hasil for the bupati. Bulu 2: withheld for the bupati only.
    plant(bulu[0]!, gubernur, 'verified');
    plant(bulu[1]!, gubernur, 'verified');
    plant(bulu[1]!, bupati, 'withheld', 'Foto bukan formulir C.Hasil (not_a_form)');
    plant(bulu[2]!, gubernur, 'needs_review', 'IV.1 perlu diperiksa');
    plant(bulu[2]!, bupati, 'verified');
    plant(bulu[3]!, gubernur, 'received', 'halaman 2 dari 2 belum ada');
    plant(bulu[3]!, bupati, 'received');
    // Elsewhere in Kediri: Mojo verified in both races.
    const mojo = (app.core.store.db.prepare("SELECT code FROM tps WHERE desa_code = '3506022001' ORDER BY code LIMIT 1").pluck().get() as string);
    plant(mojo, gubernur, 'verified');
    plant(mojo, bupati, 'verified');
    kediriTotal = (await api<{ tps: number }>('getStatusSummary', { regionCode: KEDIRI })).tps;
    semenTotal = (await api<{ tps: number }>('getStatusSummary', { regionCode: SEMEN })).tps;
  });

  after(async () => {
    await browser?.close();
    await app?.close();
  });

  async function openBoard(): Promise<Page> {
    const page = await context.newPage();
    const seen = watchProblems(page);
    page.on('close', () => problems.push(...seen));
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${app.host.url}#/status`);
    await page.getByTestId('board-title').filter({ hasText: 'Kabupaten Kediri' }).waitFor();
    return page;
  }

  test('mouse: "Bupati" mengganti jumlah per status dan per kecamatan; "Semua pemilihan" kembali seperti semula', async () => {
    const page = await openBoard();
    assert.equal(await radio(page, 'Semua pemilihan').isChecked(), true);
    assert.deepEqual(await page.locator('[data-testid="race-select"] .race-select-option span').allTextContents(), ['Semua pemilihan', 'Gubernur', 'Bupati']);
    await waitForChips(page, expected(KEDIRI, kediriTotal, null));
    const combinedSemen = await rowCounts(page, SEMEN);
    assert.deepEqual(combinedSemen, expected(SEMEN, semenTotal, null));

    await page.locator('.race-select-option', { hasText: 'Bupati' }).click();
    await waitForChips(page, expected(KEDIRI, kediriTotal, bupati.id));
    assert.deepEqual(await rowCounts(page, SEMEN), expected(SEMEN, semenTotal, bupati.id));
    await page.getByTestId('board-summary').filter({ hasText: `2 dari ${fmt(kediriTotal)} TPS terverifikasi untuk Bupati · 1 TPS ditahan` }).waitFor();
    assert.equal(await page.getByTestId('board-race-note').textContent(), bupati.name.includes(String(bupati.year)) ? bupati.name : `${bupati.name} ${bupati.year}`);
    // Every kecamatan still listed (the bupati race covers all of Kediri).
    assert.equal(await page.locator('.board-children tbody tr').count(), 26);

    // The address keeps the race: a reload shows the bupati race again.
    assert.equal(new URL(page.url()).hash, `#/status?pemilihan=${bupati.id}`);
    await page.reload();
    await page.getByTestId('board-title').filter({ hasText: 'Kabupaten Kediri' }).waitFor();
    await waitForChips(page, expected(KEDIRI, kediriTotal, bupati.id));
    assert.equal(await radio(page, 'Bupati').isChecked(), true);

    await page.locator('.race-select-option', { hasText: 'Semua pemilihan' }).click();
    await waitForChips(page, expected(KEDIRI, kediriTotal, null));
    assert.deepEqual(await rowCounts(page, SEMEN), combinedSemen);
    assert.equal(new URL(page.url()).hash, '#/status');
    await page.close();
  });

  test('keyboard: panah memilih pemilihan; daftar TPS desa menunjukkan status dan keterangan pemilihan itu', async () => {
    const page = await openBoard();
    await radio(page, 'Semua pemilihan').focus();
    await page.keyboard.press('ArrowRight');
    assert.equal(await radio(page, 'Gubernur').isChecked(), true);
    await waitForChips(page, expected(KEDIRI, kediriTotal, gubernur.id));
    assert.deepEqual(await rowCounts(page, SEMEN), expected(SEMEN, semenTotal, gubernur.id));
    // Focus stays on the chooser while the counts reload.
    assert.equal(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name), 'status-race');

    // Down to Semen, then Bulu, with the governor race still chosen.
    await page.locator(`.board-children tr[data-code="${SEMEN}"] .board-name button`).click();
    await page.getByTestId('board-title').filter({ hasText: 'Kecamatan Semen' }).waitFor();
    await page.locator(`.board-children tr[data-code="${BULU}"] .board-name button`).click();
    await page.getByTestId('board-title').filter({ hasText: 'Desa Bulu' }).waitFor();
    const buluTotal = (await api<{ tps: number }>('getStatusSummary', { regionCode: BULU })).tps;
    await waitForChips(page, expected(BULU, buluTotal, gubernur.id));
    const listed = async () => page.locator('.board-tps tbody tr').evaluateAll((trs) =>
      trs.slice(0, 4).map((tr) => [tr.getAttribute('data-code'), tr.getAttribute('data-status'), tr.querySelector('.board-note')?.textContent ?? '']));
    await page.locator(`.board-tps tr[data-code="${bulu[2]}"][data-status="needs_review"]`).waitFor();
    assert.deepEqual(await listed(), bulu.map((c) => [c, stateOf(c, gubernur.id), planted.get(c)?.get(gubernur.id)?.reason ?? '']));
    assert.equal(await page.locator('.board-tps thead th', { hasText: 'Status Gubernur' }).count(), 1);

    // ArrowRight again: the bupati race, same desa.
    await radio(page, 'Gubernur').focus();
    await page.keyboard.press('ArrowRight');
    await waitForChips(page, expected(BULU, buluTotal, bupati.id));
    await page.locator(`.board-tps tr[data-code="${bulu[1]}"][data-status="withheld"]`).waitFor();
    assert.deepEqual(await listed(), bulu.map((c) => [c, stateOf(c, bupati.id), planted.get(c)?.get(bupati.id)?.reason ?? '']));
    await saveScreenshot(page, 'status-per-race-desa');
    // The withheld filter with the bupati race: exactly the TPS withheld for the bupati.
    await page.locator('.status-board .status-chip[data-status="withheld"]').click();
    await page.getByTestId('board-tps-meta').filter({ hasText: '1–1 dari 1 TPS' }).waitFor();
    await page.close();
  });

  test('Unduh CSV per pemilihan: status-350601-bupati.csv dengan kolom Pemilihan; screenshot', async () => {
    const page = await openBoard();
    await page.locator(`.board-children tr[data-code="${SEMEN}"] .board-name button`).click();
    await page.getByTestId('board-title').filter({ hasText: 'Kecamatan Semen' }).waitFor();
    await page.locator('.race-select-option', { hasText: 'Bupati' }).click();
    await waitForChips(page, expected(SEMEN, semenTotal, bupati.id));
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Unduh CSV' }).click()]);
    assert.equal(download.suggestedFilename(), `status-${SEMEN}-bupati.csv`);
    const lines = fs.readFileSync((await download.path())!, 'utf8').slice(1).split('\r\n').filter(Boolean);
    assert.equal(lines[0], 'Pemilihan,Kode TPS,Kecamatan,Desa/Kelurahan,TPS,DPT L,DPT P,DPT,Status,Kode status,Keterangan');
    assert.equal(lines.length - 1, semenTotal);
    const counted = new Map<string, number>();
    for (const line of lines.slice(1)) {
      const cells = line.split(',');
      assert.equal(cells[0], bupati.name);
      counted.set(cells[9]!, (counted.get(cells[9]!) ?? 0) + 1);
    }
    const want = expected(SEMEN, semenTotal, bupati.id);
    for (const status of STATES) assert.equal(counted.get(status) ?? 0, want[status], status);

    await page.locator(`.board-children tr[data-code="${BULU}"]`).scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'status-per-race');
    await page.close();
  });

  test('tidak ada galat di konsol browser', () => {
    assert.deepEqual(problems, []);
  });
});
