/**
 * The seven KPU training cases of October 2024 (../shared/domain.md), walked in Chromium over the real host,
 * with real image files (generated, each printed for its own TPS: QR and code) read by the real recognition engine
 * through the real import queue — batches straight through the intake API (the import screen is tested in
 * import.test.ts), the re-photo and the PPK's photo through this area's upload buttons (chunked upload API):
 *
 *  1. a normal TPS: two phone photos → read → reviewed by keyboard → verified;
 *  2. a photo whose markers are covered → "the machine could not read this page" → typed by hand; a typo breaks
 *     a check, verified anyway only with a recorded reason;
 *  3. an offline TPS that comes online later: "belum ada C.Hasil" on the status board until its photos arrive
 *     in a later import batch, then received;
 *  4. no network at all: the KPPS's PDF of C.Hasil uploaded by the PPK, split into pages and read;
 *  5. a photo that is not a C.Hasil: withheld automatically, visible to the PPK, unlock refused for the PPK,
 *     unlocked by KPU Kab/Kota, re-photographed;
 *  6. a TPS with no C.Hasil yet, photographed by the PPK (file named anything, the PPK chose the TPS);
 *  7. corrections after verification: from the photo (case 2's typo) and from a PPK pleno decision (a recount);
 *     both old and new values stay in the history; `verifyAuditChain` holds at the end.
 * Screenshots: test-results/screens/training-<n>-*.png.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import sharp from 'sharp';
import type { Page } from 'playwright-core';
import { callMethod } from '../../main/api/call-method.ts';
import { blobRootFor } from '../../main/intake/blob-store.ts';
import { createIntake, type Intake } from '../../main/intake/index.ts';
import { renderPdf } from '../../main/pdf/pdfmake.ts';
import { verifyAuditChain } from '../../main/store/queries/audit.ts';
import { fillSamplePage, type SampleSpec } from '../support/synth/generate-sample.ts';
import { renderPdfPage } from '../support/synth/pdf-render.ts';
import { photographPage } from '../support/synth/photograph.ts';
import type { RgbImage } from '../support/synth/rgb-image.ts';
import { Rng } from '../support/synth/rng.ts';
import { getTemplate } from '../../main/recognition/templates/loader.ts';
import { recognitionReader } from '../../main/intake/recognition-reader.ts';
import type { PageReader } from '../../main/intake/types.ts';
import { generateNonFormPhoto } from '../support/synth/non-form-photo.ts';
import { launchChromium, type LaunchedBrowser } from '../support/browser.ts';
import { startE2eApp, type E2eApp } from './support/app.ts';
import { saveScreenshot, watchProblems } from './support/pages.ts';

const BUPATI = 2;
const DESA = '3506012001';
const PPK = { role: 'ppk', regionCode: '350601', name: 'Sri Wahyuni' } as const;
const KPU = { role: 'kpu_kabkota', regionCode: '3506', name: 'Budi Santoso' } as const;

type Values = Record<string, number>;
interface File { name: string; bytes: Buffer }

let app: E2eApp;
let browser: LaunchedBrowser;
let intake: Intake;
/** One reader (two worker threads) for every import of the file: starting threads per batch costs seconds. */
let reader: Promise<PageReader> | null = null;
let tps: string[] = [];
const problems: string[] = [];
const truth: Record<string, Values> = {};
const files: Record<string, File[]> = {};

const photo = { minMegapixels: 3, maxMegapixels: 3 };

/**
 * The synthetic forms are printed for one demo TPS; a real KPPS's form carries its own TPS in the QR code (and
 * the printed code under it). Repaint both for `tpsCode`, so each page claims the TPS it belongs to.
 */
async function printedFor(page: RgbImage, templateId: string, tpsCode: string, hal: number): Promise<void> {
  const rect = getTemplate(templateId)!.identity!.rect;
  const size = Math.round(rect.w);
  const pdf = await renderPdf({ pageSize: { width: 100, height: 100 }, pageMargins: 0, content: [{ qr: `PLENO-KWK1:${tpsCode}:B:3:${hal}`, fit: 100, version: 3, eccLevel: 'M', margin: 0 }] });
  const qr = await renderPdfPage(pdf, 1, size, size);
  const x0 = Math.round(rect.x), y0 = Math.round(rect.y);
  const paint = (x: number, y: number, rgb: [number, number, number]) => {
    if (x < 0 || y < 0 || x >= page.width || y >= page.height) return;
    const i = (y * page.width + x) * 3;
    page.data[i] = rgb[0]; page.data[i + 1] = rgb[1]; page.data[i + 2] = rgb[2];
  };
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) {
    const i = (y * size + x) * 3;
    paint(x0 + x, y0 + y, [qr.data[i]!, qr.data[i + 1]!, qr.data[i + 2]!]);
  }
  // the demo TPS code printed under the QR: blanked (the form's own code line stays readable to people elsewhere)
  for (let y = y0 + size + 2; y < y0 + size + 45; y++) for (let x = x0 - 60; x < x0 + size + 60; x++) paint(x, y, [255, 255, 255]);
}

async function filledFor(spec: SampleSpec, tpsCode: string, hal: number) {
  const filled = await fillSamplePage(spec);
  await printedFor(filled.page, filled.template.id, tpsCode, hal);
  return filled;
}

async function photos(key: string, seed: string, tpsCode: string, opts: { cover?: string[]; names?: (hal: number) => string } = {}): Promise<void> {
  const pages = await Promise.all([1, 2].map(async (hal) => {
    const spec: SampleSpec = { kwk: { nPaslon: 3, page: hal }, seed, options: { inconsistent: false, photo, ...(hal === 2 && opts.cover ? { coverMarks: opts.cover } : {}) } };
    const filled = await filledFor(spec, tpsCode, hal);
    const shot = await photographPage(new Rng(seed).fork(`photo-${hal}`), filled.page, photo);
    return { jpeg: shot.jpeg, fields: filled.truth.fields };
  }));
  truth[key] = Object.assign({}, ...pages.map((p) => p.fields)) as Values;
  files[key] = pages.map((p, i) => ({ name: opts.names?.(i + 1) ?? `${tpsCode}_hal${i + 1}.jpg`, bytes: p.jpeg }));
}

/** The offline KPPS's PDF: both filled pages as scanned images, one per A4 page. */
async function pdfOf(key: string, seed: string, tpsCode: string): Promise<void> {
  const pages = await Promise.all([1, 2].map((hal) => filledFor({ kwk: { nPaslon: 3, page: hal }, seed, options: { inconsistent: false } }, tpsCode, hal)));
  truth[key] = Object.assign({}, ...pages.map((p) => p.truth.fields)) as Values;
  const images = await Promise.all(pages.map(({ page }) =>
    sharp(Buffer.from(page.data), { raw: { width: page.width, height: page.height, channels: 3 } }).resize({ width: 1240 }).jpeg({ quality: 85 }).toBuffer()));
  const pdf = await renderPdf({
    pageSize: 'A4', pageMargins: 0,
    content: images.map((b, i) => ({ image: `data:image/jpeg;base64,${b.toString('base64')}`, width: 595, ...(i > 0 ? { pageBreak: 'before' } : {}) })),
  });
  files[key] = [{ name: `${tpsCode}.pdf`, bytes: pdf }];
}

/** One import batch through the persisted queue and the real reader, as the PPK. */
async function importBatch(list: File[], options: { filedTps?: string; pattern?: string | null } = {}): Promise<void> {
  const queued = await intake.enqueueBytes(list, { electionId: BUPATI, actor: 'Operator PPK Kecamatan Semen — Sri Wahyuni', ...options });
  assert.ok(queued.ok, JSON.stringify(queued));
  const summary = await intake.run({ workers: 2, batchIds: [queued.batchId] }).done;
  assert.equal(summary.counts.done, list.length, JSON.stringify(app.core.store.db.prepare('SELECT name, state, message FROM import_item WHERE batch_id = ?').all(queued.batchId)));
}

async function waitForStatus(code: string, status: string): Promise<void> {
  for (let i = 0; i < 300 && statusOf(code) !== status; i++) await new Promise((r) => setTimeout(r, 100));
  assert.equal(statusOf(code), status);
}

const statusOf = (code: string) =>
  app.core.store.db.prepare('SELECT status FROM tps_status WHERE tps_code = ? AND election_id = ?').pluck().get(code, BUPATI) ?? 'no_chasil';

async function openPage(route: string): Promise<Page> {
  const page = await browser.context.newPage();
  const seen = watchProblems(page);
  // refusals the test provokes on purpose (a PPK unlocking, a correction without a reason) are logged by the browser as failed requests
  page.on('close', () => problems.push(...seen.filter((p) => !/Failed to load resource: the server responded with a status of 40[03]/.test(p))));
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`${app.host.url}${route}`);
  return page;
}

async function useProfile(profile: typeof PPK | typeof KPU): Promise<void> {
  await callMethod(app.core.api, 'setActiveProfile', { profile }, 'operator');
}

/** Types `value` into a field by keyboard (focus selects, typing replaces, Enter saves) and waits until it is saved. */
async function typeField(page: Page, fieldId: string, value: number): Promise<void> {
  await page.locator(`tr[data-field="${fieldId}"] input`).focus();
  await page.keyboard.type(String(value));
  await page.keyboard.press('Enter');
  await page.waitForFunction(
    ([id, v]) => (document.querySelector(`tr[data-field="${id}"] input`) as HTMLInputElement | null)?.value === v
      && document.querySelector(`tr[data-field="${id}"]`)?.classList.contains('is-edited'),
    [fieldId, String(value)] as const,
  );
}

/** Puts the truth into every field whose current value differs (what a careful operator does against the photo). */
async function reviewAgainstTruth(page: Page, values: Values): Promise<number> {
  await page.locator('.review-table tr[data-field]').first().waitFor({ timeout: 20_000 });
  let typed = 0;
  for (const [fieldId, value] of Object.entries(values)) {
    const current = await page.locator(`tr[data-field="${fieldId}"] input`).inputValue();
    if (current === String(value)) continue;
    await typeField(page, fieldId, value);
    typed++;
  }
  return typed;
}

async function verifyOnScreen(page: Page): Promise<void> {
  // keyboard only: from the first field, Ctrl+Enter verifies
  await page.locator('.review-table tr[data-field] input').first().focus();
  await page.keyboard.press('Control+Enter');
  await page.locator('.review-status[data-status="verified"]').waitFor({ timeout: 10_000 });
}

describe('tujuh kasus pelatihan KPU (Chromium, pembaca asli)', () => {
  before(async () => {
    app = await startE2eApp();
    browser = await launchChromium();
    tps = app.core.store.db.prepare('SELECT code FROM tps WHERE desa_code = ? ORDER BY code LIMIT 6').pluck().all(DESA) as string[];
    assert.equal(tps.length, 6);
    const shared = () => (reader ??= recognitionReader(2));
    intake = createIntake({
      store: app.core.store, blobRoot: blobRootFor(app.core.store.path), onDataChanged: app.core.api.publishDataChanged,
      readerFactory: async () => { const r = await shared(); return { engine: r.engine, read: (f, signal) => r.read(f, signal), close: async () => {} }; },
    });
    await useProfile(PPK);
    await Promise.all([
      photos('normal', 'tc-normal', tps[0]!),
      photos('covered', 'tc-covered', tps[1]!, { cover: ['tag', 'corner-bl'] }),
      photos('offline', 'tc-offline', tps[2]!),
      pdfOf('pdf', 'tc-pdf', tps[3]!),
      photos('rephoto', 'tc-rephoto', tps[4]!, { names: (hal) => `foto-ulang-hal${hal}.jpg` }),
      photos('byppk', 'tc-byppk', tps[5]!, { names: (hal) => `IMG_20241127_${hal}.jpg` }),
    ]);
    const landscape = await generateNonFormPhoto({ seed: 'tc-nonform', kind: 'indoor', megapixels: 2 });
    files.nonform = [{ name: `${tps[4]}_hal1.jpg`, bytes: landscape.jpeg }];
  });

  after(async () => {
    await (await reader)?.close();
    await browser?.close();
    await app?.close();
  });

  test('1 — TPS normal: foto dibaca, diperiksa dengan keyboard, diverifikasi', async () => {
    await importBatch(files.normal!);
    assert.equal(statusOf(tps[0]!), 'needs_review');
    const page = await openPage(`#/review/${tps[0]}?pemilihan=${BUPATI}`);
    const typed = await reviewAgainstTruth(page, truth.normal!);
    // the photo is shown rectified onto the form, so every crop shows its own field
    await page.waitForFunction(() => document.querySelectorAll('.field-crop[style*="data:image/jpeg"]').length >= 28, undefined, { timeout: 30_000 });
    await page.locator('tr[data-field="IV.1"] input').focus();
    await page.locator('.photo-focus').waitFor();
    assert.equal(await page.locator('.check[data-state="fails"]').count(), 0, 'every check holds on the true values');
    await saveScreenshot(page, 'training-1-normal');
    await verifyOnScreen(page);
    assert.equal(statusOf(tps[0]!), 'verified');
    const review = await callMethod(app.core.api, 'getTpsReview', { tpsCode: tps[0]!, electionId: BUPATI }, 'operator');
    for (const f of review.fields) assert.equal(f.value, truth.normal![f.fieldId], f.fieldId);
    // machine values in the history with their confidence and photo hash
    const machine = review.history.find((h) => h.source === 'machine' && h.fieldId !== null)!;
    assert.ok(machine.confidence !== null && machine.evidence?.length === 64 && machine.device.length > 0);
    await saveScreenshot(page, `training-1-normal-verified${typed > 0 ? `-typed-${typed}` : ''}`);
    await page.close();
  });

  test('2 — penanda tertutup: mesin tidak dapat membaca, angka diketik; pemeriksaan gagal hanya lolos dengan alasan', async () => {
    await importBatch(files.covered!);
    const verdicts = app.core.store.db.prepare('SELECT verdict FROM sheet WHERE tps_code = ? ORDER BY source_name').pluck().all(tps[1]) as string[];
    assert.deepEqual(verdicts.map((v) => v === 'unregistered'), [false, true], verdicts.join());
    assert.equal(statusOf(tps[1]!), 'needs_review');
    const page = await openPage(`#/review/${tps[1]}?pemilihan=${BUPATI}`);
    await page.locator('.review-unread').waitFor({ timeout: 20_000 });
    assert.match((await page.locator('.review-unread').first().textContent())!, /Mesin tidak dapat membaca halaman ini/);
    assert.equal(await page.locator('tr[data-field="IV.1"] .field-machine').textContent(), 'tidak terbaca mesin');
    await reviewAgainstTruth(page, Object.fromEntries(Object.entries(truth.covered!).filter(([id]) => !id.startsWith('IV.1'))));
    // a typo on IV.1: Σ paslon ≠ suara sah, and verifying is refused until the failing check has a reason
    const typo = (truth.covered!['IV.1']! + 10) % 1000;
    await typeField(page, 'IV.1', typo);
    const failing = page.locator('.check[data-state="fails"]');
    assert.equal(await failing.count(), 1);
    await page.keyboard.press('Control+Enter');
    await page.locator('.review-error').filter({ hasText: /pemeriksaan tidak terpenuhi tanpa alasan/ }).waitFor();
    await saveScreenshot(page, 'training-2-typed-by-hand-check-fails');
    await failing.locator('.check-reason-input').fill('angka IV.1 di foto kurang jelas, diperiksa ulang nanti');
    await page.locator('.review-verify').click();
    await page.locator('.review-status[data-status="verified"]').waitFor();
    await page.locator('.check-reason').filter({ hasText: 'kurang jelas' }).waitFor();
    await saveScreenshot(page, 'training-2-typed-by-hand-verified-with-reason');
    await page.close();
  });

  test('3 — TPS luring yang kemudian daring: "belum ada" sampai fotonya tiba di impor berikutnya', async () => {
    assert.equal(statusOf(tps[2]!), 'no_chasil');
    // the screen stays open while the KPPS is offline; the later batch updates it live
    const page = await openPage(`#/review/${tps[2]}?pemilihan=${BUPATI}`);
    await page.locator('.review-status[data-status="no_chasil"]').waitFor({ timeout: 20_000 });
    await page.locator('.review-nosheet').waitFor();
    await saveScreenshot(page, 'training-3-offline-before');
    await importBatch(files.offline!);
    assert.notEqual(statusOf(tps[2]!), 'no_chasil');
    await page.locator('.review-status:not([data-status="no_chasil"])').waitFor({ timeout: 20_000 });
    assert.ok(['received', 'needs_review'].includes(String(await page.locator('.review-status').getAttribute('data-status'))));
    await page.locator('.review-table tr[data-field]').first().waitFor();
    await saveScreenshot(page, 'training-3-offline-after');
    await page.close();
  });

  test('4 — tanpa jaringan: PDF C.Hasil diunggah PPK, dipecah per halaman dan dibaca', async () => {
    await importBatch(files.pdf!);
    const sheets = app.core.store.db.prepare('SELECT blob_page, halaman, verdict FROM sheet WHERE tps_code = ? ORDER BY blob_page').all(tps[3]) as { blob_page: number; halaman: number; verdict: string }[];
    assert.deepEqual(sheets.map((s) => [s.blob_page, s.halaman]), [[1, 1], [2, 2]]);
    assert.equal(statusOf(tps[3]!), 'needs_review');
    const page = await openPage(`#/review/${tps[3]}?pemilihan=${BUPATI}`);
    await reviewAgainstTruth(page, truth.pdf!);
    await page.locator('.review-pages [role=tab]').nth(1).click();
    await saveScreenshot(page, 'training-4-pdf');
    await verifyOnScreen(page);
    await page.close();
  });

  test('5 — foto bukan C.Hasil: ditahan otomatis, terlihat PPK, PPK tidak bisa membuka, KPU Kab/Kota membuka, foto ulang', async () => {
    await importBatch(files.nonform!);
    assert.equal(statusOf(tps[4]!), 'withheld');
    const page = await openPage('#/withheld');
    const item = page.locator(`.withheld-item[data-tps="${tps[4]}"]`);
    await item.waitFor({ timeout: 20_000 });
    assert.equal(await item.getAttribute('data-state'), 'withheld');
    assert.match((await item.locator('.withheld-reason').textContent())!, /bukan formulir C\.Hasil/i);
    assert.match((await item.locator('.withheld-meta').first().textContent())!, /sistem \(otomatis\).*Sri Wahyuni/);
    await page.locator('[data-testid="withheld-role-note"]').waitFor();
    await item.locator('.withheld-thumb img').waitFor();
    await item.locator('.withheld-unlock input').fill('foto salah kirim');
    await item.locator('.withheld-unlock button').click();
    await item.locator('.withheld-error').filter({ hasText: /hanya Operator KPU Kab\/Kota yang boleh/ }).waitFor();
    assert.equal(statusOf(tps[4]!), 'withheld', 'refused in the API, nothing changed');
    await saveScreenshot(page, 'training-5-withheld-ppk-refused');

    await useProfile(KPU);
    await page.reload();
    await item.waitFor();
    await page.locator('[data-testid="withheld-role-note"]').waitFor({ state: 'detached' });
    await item.locator('.withheld-unlock input').fill('foto ruangan, bukan C.Hasil; KPPS diminta memotret ulang');
    await item.locator('.withheld-unlock button').click();
    await page.locator(`.withheld-item[data-tps="${tps[4]}"][data-state="unlocked"]`).waitFor();
    assert.match((await item.locator('.withheld-unlocked').textContent())!, /Operator KPU Kab\/Kota Kabupaten Kediri — Budi Santoso/);
    assert.equal(statusOf(tps[4]!), 'no_chasil');
    await saveScreenshot(page, 'training-5-withheld-unlocked-by-kpu');

    // the PPK uploads the new photos from the list (through the import API, in chunks)
    await useProfile(PPK);
    await page.reload();
    await item.locator('.tps-upload input').setInputFiles(files.rephoto!.map((f) => ({ name: f.name, mimeType: 'image/jpeg', buffer: f.bytes })));
    await item.locator('.tps-upload-state').filter({ hasText: /2 berkas terunggah/ }).waitFor({ timeout: 20_000 });
    await page.locator(`.withheld-item[data-tps="${tps[4]}"][data-state="replaced"]`).waitFor({ timeout: 60_000 });
    await waitForStatus(tps[4]!, 'needs_review');
    assert.equal(statusOf(tps[4]!), 'needs_review');
    await saveScreenshot(page, 'training-5-withheld-rephotographed');
    await page.close();
  });

  test('6 — TPS tanpa C.Hasil: PPK memotret dan memilih TPS-nya', async () => {
    assert.equal(statusOf(tps[5]!), 'no_chasil');
    const page = await openPage(`#/review/${tps[5]}?pemilihan=${BUPATI}`);
    await page.locator('.review-nosheet').waitFor({ timeout: 20_000 });
    await saveScreenshot(page, 'training-6-no-chasil');
    // from the review screen of that TPS: the files are filed under it whatever their names say
    await page.locator('.review-nosheet .tps-upload input').setInputFiles(files.byppk!.map((f) => ({ name: f.name, mimeType: 'image/jpeg', buffer: f.bytes })));
    await page.locator('.review-status[data-status="needs_review"]').waitFor({ timeout: 60_000 });
    assert.equal(statusOf(tps[5]!), 'needs_review');
    // the PPK's choice is one of the page's claims (the form's own QR agrees with it)
    const claims = app.core.store.db.prepare('SELECT si.claims FROM sheet s JOIN sheet_intake si ON si.sheet_id = s.id WHERE s.tps_code = ?').pluck().all(tps[5]) as string[];
    assert.equal(claims.length, 2);
    for (const c of claims) assert.ok((JSON.parse(c) as { source: string; tps: string }[]).some((x) => x.source === 'operator' && x.tps === tps[5]), c);
    await page.locator('.review-table tr[data-field]').first().waitFor({ timeout: 20_000 });
    await reviewAgainstTruth(page, truth.byppk!);
    await verifyOnScreen(page);
    await saveScreenshot(page, 'training-6-photographed-by-ppk');
    await page.close();
  });

  test('7 — koreksi sesudah verifikasi: sesuai foto dan keputusan pleno PPK; nilai lama dan baru tetap terlihat', async () => {
    // from the photo: case 2's typo on IV.1
    const page = await openPage(`#/review/${tps[1]}?pemilihan=${BUPATI}`);
    await page.locator('.review-correction').waitFor({ timeout: 20_000 });
    const right = truth.covered!['IV.1']!;
    await page.locator('tr[data-field="IV.1"] input').focus();
    await page.keyboard.type(String(right));
    await page.keyboard.press('Enter');
    await page.locator('.review-error').filter({ hasText: /memerlukan alasan/ }).waitFor();
    await page.locator('.review-correction .review-reason').fill('salah ketik; angka di foto C.Hasil jelas');
    await typeField(page, 'IV.1', right);
    assert.equal(await page.locator('.check[data-state="fails"]').count(), 0);
    const photoLine = page.locator('.review-history li.history-value').first();
    assert.match((await photoLine.textContent())!, new RegExp(`IV\\.1: ${(right + 10) % 1000} → ${right}.*sesuai foto C\\.Hasil.*salah ketik`));
    await saveScreenshot(page, 'training-7-correction-from-photo');
    await page.close();

    // from a pleno decision: a recount at TPS 1 rules one vote for paslon 1 invalid
    const pleno = await openPage(`#/review/${tps[0]}?pemilihan=${BUPATI}`);
    await pleno.locator('.review-correction').waitFor({ timeout: 20_000 });
    await pleno.locator('.review-correction select').selectOption('pleno');
    await pleno.getByLabel('Rujukan pleno').fill('BA Pleno PPK Semen No. 03/PL.02.6-BA/3506/2024');
    await pleno.locator('.review-correction .review-reason').fill('penghitungan ulang: 1 surat suara paslon 1 dinyatakan tidak sah');
    const v = truth.normal!;
    await typeField(pleno, 'IV.1', v['IV.1']! - 1);
    await typeField(pleno, 'V.A', v['V.A']! - 1);
    await typeField(pleno, 'V.B', v['V.B']! + 1);
    assert.equal(await pleno.locator('.check[data-state="fails"]').count(), 0, 'the recount keeps the form consistent');
    const lines = await pleno.locator('.review-history li.history-value--pleno').allTextContents();
    assert.equal(lines.length, 3);
    assert.match(lines.join('\n'), new RegExp(`V\\.B: ${v['V.B']} → ${v['V.B']! + 1}.*keputusan pleno.*BA Pleno PPK Semen No\\. 03`));
    // the machine's reading of IV.1 is still there, below
    assert.ok((await pleno.locator('.review-history li.history-value--machine').count()) > 0);
    await saveScreenshot(pleno, 'training-7-correction-pleno');
    await pleno.close();

    assert.deepEqual(verifyAuditChain(app.core.store).ok, true);
    assert.deepEqual(problems, []);
  });
});
