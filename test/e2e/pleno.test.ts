/**
 * A PPK pleno in Chromium over the real host, from open to close: Kecamatan Semen of the Kediri demo with every
 * TPS verified (bupati race, 3 paslon); the first two TPS carry photographed C.Hasil pages whose handwriting is
 * the truth, while the stored numbers hold one typo each (IV.2 and IV.1), so their checks fail. The operator
 * opens the session in the UI, walks with the keyboard, corrects both numbers by pleno decision, records one
 * keberatan saksi, closes (locking the totals) and takes the documents. Two projector pages (1920×1080 and
 * 1280×720) follow live: each correction must show struck old → new within 200 ms of being saved.
 * The D.Hasil, progress and discrepancy PDFs come through the API and are rendered to PNG with pdftoppm.
 * Screenshots: test-results/screens/pleno-*.png; PDFs and their pages: test-results/pleno/.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import sharp from 'sharp';
import type { Page } from 'playwright-core';
import { callMethod } from '../../main/api/call-method.ts';
import { blobRootFor, createBlobStore } from '../../main/intake/blob-store.ts';
import { listAudit } from '../../main/store/index.ts';
import type { PlenoDocument, PlenoSession } from '../../shared/api/contract.ts';
import { printedTps } from '../support/printed-tps.ts';
import { fillSamplePage } from '../support/synth/generate-sample.ts';
import { launchChromium, type LaunchedBrowser } from '../support/browser.ts';
import { fillVerified } from '../pleno/support/pleno-core.ts';
import { startE2eApp, type E2eApp } from './support/app.ts';
import { saveScreenshot, watchProblems } from './support/pages.ts';
import { PROJECT_ROOT } from './support/renderer-build.ts';

const BUPATI = 2;
const KECAMATAN = '350601';
const OUT = path.join(PROJECT_ROOT, 'test-results', 'pleno');
const fmt = (n: number) => new Intl.NumberFormat('id-ID').format(n);

let app: E2eApp;
let browser: LaunchedBrowser;
const problems: string[] = [];
/** The first two TPS of the kecamatan: their photographed truth and the typo stored instead. */
const planted: { tps: string; fieldId: string; truth: number; typo: number }[] = [];

async function page(route: string, viewport: { width: number; height: number }): Promise<Page> {
  const p = await browser.context.newPage();
  const seen = watchProblems(p);
  p.on('close', () => problems.push(...seen));
  await p.setViewportSize(viewport);
  await p.goto(`${app.host.url}${route}`);
  return p;
}

/** A C.Hasil page of the 3-paslon form written by hand with the generator's values, as a JPEG. */
async function photographed(nPage: 1 | 2, seed: string, tps: string) {
  // printed for this TPS: the header and QR code the witnesses see on the projector name it
  const filled = await fillSamplePage({ kwk: { nPaslon: 3, page: nPage, tps: printedTps(app.core.store, tps) }, seed, options: { inconsistent: false } });
  const { width, height, data } = filled.page;
  const bytes = await sharp(Buffer.from(data), { raw: { width, height, channels: 3 } }).jpeg({ quality: 80 }).toBuffer();
  const fields = Object.fromEntries(Object.entries(filled.truth.fields).filter((e): e is [string, number] => e[1] !== null));
  return { bytes, fields, templateId: `pleno-kwk-3paslon-hal${nPage}` };
}

/** Gives a verified TPS the photographed pages and their values, except one typo; its registered DPT follows the form. */
async function plantPhotographedTps(tps: string, seed: string, fieldId: string, delta: number): Promise<void> {
  const { store } = app.core;
  const pages = [await photographed(1, seed, tps), await photographed(2, seed, tps)];
  const values: Record<string, number> = { ...pages[0]!.fields, ...pages[1]!.fields };
  const truth = values[fieldId]!;
  const typo = truth + delta;
  const blobs = createBlobStore(blobRootFor(store.path));
  const now = new Date().toISOString();
  for (const [i, p] of pages.entries()) {
    const ingested = await blobs.ingestBytes(p.bytes);
    if (!ingested.ok) throw new Error(ingested.message);
    store.db.prepare('INSERT OR IGNORE INTO blob (sha256, size, mime, created_at) VALUES (?, ?, ?, ?)').run(ingested.blob.sha256, p.bytes.length, 'image/jpeg', now);
    store.db.prepare(`INSERT INTO sheet (blob_sha256, blob_page, source_name, election_id, tps_code, halaman, template_id, attached_by, verdict, created_at)
      VALUES (?, 1, ?, ?, ?, ?, ?, 'operator', 'accepted', ?)`).run(ingested.blob.sha256, `${tps}_hal${i + 1}.jpg`, BUPATI, tps, i + 1, p.templateId, now);
  }
  const set = store.db.prepare('UPDATE tally_value SET value = ? WHERE election_id = ? AND tps_code = ? AND field_id = ?');
  for (const [id, v] of Object.entries(values)) set.run(id === fieldId ? typo : v, BUPATI, tps, id);
  store.db.prepare('UPDATE tps SET dpt_l = ?, dpt_p = ? WHERE code = ?').run(values['I.A.L'], values['I.A.P'], tps);
  planted.push({ tps, fieldId, truth, typo });
}

/** In a projector page: the time (Date.now) each new value first appears as the last correction's new value. */
async function watchCorrections(p: Page): Promise<void> {
  await p.evaluate(() => {
    const w = window as unknown as { __shown: Record<string, number> };
    w.__shown = {};
    new MutationObserver(() => {
      const el = document.querySelector('[data-testid="projector-correction"]');
      if (!el) return;
      const key = `${el.getAttribute('data-id')}:${el.querySelector('ins')?.textContent}`;
      w.__shown[key] ??= Date.now();
    }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  });
}

/** In the operator page: when each correctPlenoTally request started (Date.now) and which correction it made. */
async function watchSaves(p: Page): Promise<void> {
  await p.evaluate(() => {
    const w = window as unknown as { __saves: { start: number; end: number; id: number }[] };
    w.__saves = [];
    const original = window.fetch.bind(window);
    window.fetch = async (input, init) => {
      const url = String(input instanceof Request ? input.url : input);
      if (!url.endsWith('/api/correctPlenoTally')) return original(input, init);
      const start = Date.now();
      const response = await original(input, init);
      const body = (await response.clone().json()) as { corrections?: { id: number }[] };
      w.__saves.push({ start, end: Date.now(), id: body.corrections?.[0]?.id ?? -1 });
      return response;
    };
  });
}

describe('rapat pleno kecamatan dari buka sampai tutup, proyektor mengikuti (Chromium)', () => {
  before(async () => {
    app = await startE2eApp();
    browser = await launchChromium();
    const { core } = app;
    const fields = core.rekap.engine().fieldIds(BUPATI);
    fillVerified(core.store, BUPATI, KECAMATAN, fields);
    const first = core.store.db.prepare('SELECT code FROM tps WHERE code >= ? ORDER BY code LIMIT 2').pluck().all(KECAMATAN) as string[];
    await plantPhotographedTps(first[0]!, 'pleno-e2e-1', 'IV.2', -10);
    await plantPhotographedTps(first[1]!, 'pleno-e2e-2', 'IV.1', 7);
    core.api.publishDataChanged('import', null);
    fs.rmSync(OUT, { recursive: true, force: true });
    fs.mkdirSync(OUT, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  test('open, walk, two corrections, one keberatan, close, documents', async () => {
    const started = performance.now();
    const op = await page('#/pleno', { width: 1600, height: 900 });
    // ── open the session from the form
    await op.getByRole('heading', { name: 'Buka sesi pleno baru' }).waitFor();
    await op.locator('[data-testid="pleno-region"] option[value="350601"]').waitFor({ state: 'attached' });
    await op.locator('input[name="place"]').fill('Aula Kantor Kecamatan Semen');
    await op.locator('textarea[name="anggota"]').fill('Siti Rahmawati, Ketua PPK\nBudi Santoso, Anggota PPK\nDwi Lestari, Anggota PPK');
    await op.locator('input[name="saksi-1"]').fill('Ahmad Fauzi');
    await op.locator('input[name="saksi-2"]').fill('Rina Kartika');
    await op.locator('input[name="saksi-3"]').fill('Joko Prasetyo');
    await op.locator('textarea[name="pengawas"]').fill('Dewi Anggraini, Ketua Panwaslu Kecamatan Semen');
    await saveScreenshot(op, 'pleno-open-form');
    await op.getByRole('button', { name: 'Buka sesi pleno' }).click();
    await op.waitForURL(/#\/pleno\/\d+$/);
    const sessionId = Number(/(\d+)$/.exec(op.url())![1]);
    await op.getByTestId('pleno-reference').filter({ hasText: `Sesi pleno #${sessionId} Kecamatan Semen` }).waitFor();
    await op.getByTestId('pleno-item').and(op.locator('[data-code="3506012001"]')).waitFor();
    await watchSaves(op);

    // ── two projector screens follow the session
    const big = await page('#/projector', { width: 1920, height: 1080 });
    const small = await page('#/projector', { width: 1280, height: 720 });
    for (const p of [big, small]) {
      await p.getByTestId('projector-session').waitFor();
      await p.getByTestId('projector-item').and(p.locator('[data-code="3506012001"]')).waitFor();
      await watchCorrections(p);
    }

    // ── keyboard: PageDown to the first TPS; its photo, the failing check, the typo
    await op.locator('body').press('PageDown');
    const [one, two] = planted;
    await op.getByTestId('pleno-item').and(op.locator(`[data-code="${one!.tps}"]`)).waitFor();
    await op.locator('.pleno-photo img').waitFor();
    await op.locator('[data-testid="pleno-checks"] .fails[data-check="V.A=ΣIV"]').waitFor();
    await big.getByTestId('projector-item').and(big.locator(`[data-code="${one!.tps}"]`)).waitFor();
    await big.getByTestId('projector-photo').waitFor();

    const correct = async (fix: (typeof planted)[number], reason: string) => {
      await op.keyboard.press('Alt+k');
      assert.equal(await op.evaluate(() => document.activeElement?.getAttribute('name')), 'fieldId');
      await op.locator('select[name="fieldId"]').selectOption(fix.fieldId);
      assert.equal(await op.locator('.pleno-old').textContent(), fmt(fix.typo));
      await op.locator('input[name="value"]').fill(String(fix.truth));
      await op.locator('textarea[name="reason"]').fill(reason);
      await op.locator('textarea[name="reason"]').press('Control+Enter');
      await op.locator('.pleno-record-correction', { hasText: `${fix.fieldId} ·` }).waitFor();
      for (const p of [big, small]) {
        await p.getByTestId('projector-correction-new').filter({ hasText: new RegExp(`^${fmt(fix.truth)}$`) }).waitFor({ timeout: 5000 });
        assert.equal(await p.getByTestId('projector-correction-old').textContent(), fmt(fix.typo));
        assert.equal(await p.getByTestId('projector-correction-old').evaluate((el) => getComputedStyle(el).textDecorationLine), 'line-through');
      }
      const save = (await op.evaluate(() => (window as unknown as { __saves: { start: number; end: number; id: number }[] }).__saves)).at(-1)!;
      // "saved": the core's timestamp of the correction (taken as its transaction starts), same machine clock as the pages
      const record = ((await callMethod(app.core.api, 'getPlenoSession', { sessionId }, 'operator')) as PlenoSession).corrections.find((c) => c.id === save.id)!;
      const key = `${save.id}:${fmt(fix.truth)}`;
      const shown = await Promise.all([big, small].map((p) => p.evaluate((k) => (window as unknown as { __shown: Record<string, number> }).__shown[k], key)));
      return shown.map((at) => ({ fromSaved: at! - Date.parse(record.at), fromClick: at! - save.start }));
    };

    // the discrepancy report while the typos stand: both TPS named (rendered to PNG with the others below)
    const before = (await callMethod(app.core.api, 'getPlenoDocument', { sessionId, kind: 'discrepancy' }, 'operator')) as PlenoDocument;
    fs.writeFileSync(path.join(OUT, 'selisih-sebelum-koreksi.pdf'), Buffer.from(before.content, 'base64'));
    assert.equal(spawnSync('pdftoppm', ['-png', '-r', '60', path.join(OUT, 'selisih-sebelum-koreksi.pdf'), path.join(OUT, 'selisih-sebelum')]).status, 0);

    const latency1 = await correct(one!, 'Sesuai foto C.Hasil: suara paslon 2 tertulis salah saat input');
    await op.locator('[data-testid="pleno-checks"] .fails').waitFor({ state: 'detached' });
    await op.getByText('semua sesuai').waitFor();
    await saveScreenshot(big, 'pleno-projector-1920');
    await saveScreenshot(small, 'pleno-projector-1280');

    // ── Alt+→ to the second TPS, correct it, and a keberatan from saksi paslon 3 there
    await op.keyboard.press('Alt+ArrowRight');
    await op.getByTestId('pleno-item').and(op.locator(`[data-code="${two!.tps}"]`)).waitFor();
    const latency2 = await correct(two!, 'Penghitungan ulang di depan saksi: suara paslon 1 sesuai C.Hasil');
    await op.keyboard.press('Alt+b');
    assert.equal(await op.evaluate(() => document.activeElement?.getAttribute('name')), 'content');
    await op.locator('textarea[name="content"]').fill('Saksi paslon 3 meminta pembukaan kotak suara TPS ini');
    await op.locator('select[name="raisedBy"]').selectOption({ label: 'Saksi paslon 3 — Joko Prasetyo' });
    await op.locator('textarea[name="decision"]').fill('Ditolak: angka sudah sesuai foto C.Hasil dan penghitungan ulang');
    await op.locator('textarea[name="decision"]').press('Control+Enter');
    await op.locator('.pleno-record-note', { hasText: 'meminta pembukaan kotak suara' }).waitFor();
    await saveScreenshot(op, 'pleno-operator');
    // a common laptop screen
    await op.setViewportSize({ width: 1366, height: 768 });
    await saveScreenshot(op, 'pleno-operator-1366');
    await op.setViewportSize({ width: 1600, height: 900 });
    await saveScreenshot(big, 'pleno-projector-1920-second');
    await saveScreenshot(small, 'pleno-projector-1280-second');

    // the projector's totals are the engine's: Σ over the kecamatan's verified TPS after both corrections
    const rekap = (await callMethod(app.core.api, 'getRekap', { electionId: BUPATI, regionCode: KECAMATAN }, 'viewer')) as { totals: { paslon: { suara: number }[]; suara: { sah: number } } };
    assert.deepEqual(await big.getByTestId('projector-total').allTextContents(), rekap.totals.paslon.map((p) => fmt(p.suara)));
    const sizes = await small.evaluate(() => ({
      votes: parseFloat(getComputedStyle(document.querySelector('.totals-votes')!).fontSize),
      overflow: document.documentElement.scrollHeight > window.innerHeight || document.documentElement.scrollWidth > window.innerWidth,
    }));
    assert.ok(sizes.votes >= 44, `angka perolehan di 720p: ${sizes.votes}px`);
    assert.equal(sizes.overflow, false, 'proyektor 720p tidak terpotong');

    // ── close: the totals are locked, the projector says so
    await op.getByRole('button', { name: 'Tutup sesi dan kunci rekap…' }).click();
    await op.getByRole('button', { name: 'Ya, tutup dan kunci' }).click();
    await op.getByTestId('pleno-state').filter({ hasText: 'Sesi ditutup — rekap dikunci' }).waitFor();
    await big.locator('.sboard-session--closed').waitFor();
    const blocked = await callMethod(app.core.api, 'getRekapTps', { electionId: BUPATI, tpsCode: one!.tps }, 'viewer') as { locked: { reference: string } | null };
    assert.match(blocked.locked?.reference ?? '', new RegExp(`Sesi pleno #${sessionId}`));

    // ── documents: one click in the UI downloads the D.Hasil
    const download = op.waitForEvent('download');
    await op.locator('button[data-kind="d-hasil"]').click();
    const file = await download;
    assert.equal(file.suggestedFilename(), `d-hasil-kecamatan-${KECAMATAN}-sesi-${sessionId}.pdf`);
    const saved = path.join(OUT, 'download-d-hasil.pdf');
    await file.saveAs(saved);
    assert.equal(fs.readFileSync(saved).subarray(0, 5).toString(), '%PDF-');
    await saveScreenshot(op, 'pleno-operator-closed');
    await saveScreenshot(big, 'pleno-projector-1920-closed');

    // ── the PDFs through the API, rendered to PNG
    const session = (await callMethod(app.core.api, 'getPlenoSession', { sessionId }, 'operator')) as PlenoSession;
    assert.equal(session.corrections.length, 2);
    assert.equal(session.notes.length, 1);
    // the D.Hasil is the one the button downloaded (the same API, over HTTP; its page count is in the audit log);
    // the two reports are asked for here
    const generated = listAudit(app.core.store, { entity: `pleno:${sessionId}` }).filter((a) => a.action === 'document.generate');
    const dHasilPages = (generated.find((a) => (a.after as { kind: string }).kind === 'd-hasil')!.after as { pages: number }).pages;
    assert.ok(dHasilPages >= 3, 'D.Hasil: tabel, perolehan, berita acara');
    for (const kind of ['d-hasil', 'progress', 'discrepancy'] as const) {
      let pdf = saved;
      let pages = dHasilPages;
      if (kind !== 'd-hasil') {
        const doc = (await callMethod(app.core.api, 'getPlenoDocument', { sessionId, kind }, 'operator')) as PlenoDocument;
        pdf = path.join(OUT, doc.fileName);
        pages = doc.pages!;
        fs.writeFileSync(pdf, Buffer.from(doc.content, 'base64'));
      }
      const prefix = path.join(OUT, kind);
      const run = spawnSync('pdftoppm', ['-png', '-r', '60', pdf, prefix], { encoding: 'utf8' });
      assert.equal(run.status, 0, `pdftoppm ${kind}: ${run.stderr}`);
      const pngs = fs.readdirSync(OUT).filter((f) => f.startsWith(`${kind}-`) && f.endsWith('.png'));
      assert.equal(pngs.length, pages, `${kind}: ${pages} halaman`);
      for (const png of pngs) assert.ok(fs.statSync(path.join(OUT, png)).size > 5000, `${png} berisi gambar`);
    }

    const latencies = [...latency1, ...latency2];
    console.log(`pleno e2e: proyektor (1920, 1280) setelah koreksi 1: ${JSON.stringify(latency1)}; koreksi 2: ${JSON.stringify(latency2)}; total ${Math.round(performance.now() - started)} ms`);
    // Target 200 ms. On a 2-core machine that other jobs keep saturated, three Chromium pages and the core share
    // what is left: then the bound is loosened (and the load printed) rather than the test made flaky.
    const load = os.loadavg()[0]!;
    const bound = load > os.cpus().length * 2 ? 1000 : 200;
    console.log(`pleno e2e: load ${load.toFixed(1)} on ${os.cpus().length} cores; bound ${bound} ms`);
    for (const l of latencies) assert.ok(l.fromSaved < bound, `koreksi tampil di proyektor ${l.fromSaved} ms setelah tersimpan`);
    for (const p of [op, big, small]) await p.close();
    assert.deepEqual(problems, []);
  });
});
