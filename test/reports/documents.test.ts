/**
 * The PDF documents rendered from a real scenario (demo Kediri in SQLite, kecamatan Semen with verified,
 * withheld, in-review and missing TPS and two arithmetic errors, the rekap engine loaded from the store),
 * read back with pdf.js (text) and poppler (PNG of page 1 in test-results/reports/).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { before, describe, test } from 'node:test';
import {
  discrepancyTpsFromEngine, formatNumber, hashDocumentData, progressRowsFromStore, renderDHasilPdf, renderDiscrepancyReportPdf,
  renderProgressReportPdf, reportElectionFromStore, reportRegionFromStore, type DHasilInput, type RenderedPdf,
} from '../../main/reports/index.ts';
import { fieldLayout } from '../../main/rekap/index.ts';
import { consistentValues, seededRandom } from '../rekap/support/consistent-values.ts';
import { pdfPagesText, pngSize, savePdfAndPng } from './pdf-text.ts';
import { tempDbPath } from '../store/temp-dir.ts';
import { buildScenario, KABKOTA, KECAMATAN, ok, sampleBeritaAcara, type Scenario } from './scenario.ts';

const generatedAt = new Date('2024-11-29T09:45:00.000Z');
const device = 'Laptop PPK Semen';

describe('result documents (PDF)', () => {
  let s: Scenario;
  let base: Pick<DHasilInput, 'election' | 'paslon'>;
  const noSpaces = (t: string) => t.replace(/\s+/g, '');

  before(() => {
    s = buildScenario(tempDbPath());
    base = reportElectionFromStore(s.store, s.bupati)!;
    // one more TPS verified through the engine itself (as a pleno correction would), on top of the store's
    const missing = s.store.db.prepare(`SELECT t.code, t.dpt_l, t.dpt_p FROM tps t LEFT JOIN tps_status x ON x.tps_code = t.code AND x.election_id = ?
      WHERE t.code >= ? AND t.code < ? AND x.tps_code IS NULL ORDER BY t.code LIMIT 1`).get(s.bupati, KECAMATAN, `${KECAMATAN}:`) as { code: string; dpt_l: number; dpt_p: number };
    const layout = fieldLayout([1, 2, 3]);
    const values = consistentValues(layout.ids.slice(0, layout.formCount), seededRandom(9), missing.dpt_l, missing.dpt_p);
    const before = ok(s.engine.getTotals(KECAMATAN, s.bupati)).suara.sah;
    ok(s.engine.applyTpsChange(missing.code, s.bupati, { state: 'verified', values }));
    assert.equal(ok(s.engine.getTotals(KECAMATAN, s.bupati)).suara.sah, before + values['V.A']!);
  });

  const dHasil = (level: 'kecamatan' | 'kabkota', code: string, withBa: boolean) => ({
    level, ...base, region: reportRegionFromStore(s.store, code)!,
    totals: ok(s.engine.getTotals(code, s.bupati)), rows: ok(s.engine.getChildTotals(code, s.bupati)), checks: ok(s.engine.getChecks(code, s.bupati)),
    beritaAcara: withBa ? sampleBeritaAcara(s) : undefined, device, generatedAt,
  }) satisfies DHasilInput;

  test('D.Hasil Kecamatan: title, desa rows, paslon, id-ID totals, TPS counts, berita acara, signatures, footer', async () => {
    const input = dHasil('kecamatan', KECAMATAN, true);
    const out = await renderDHasilPdf(input);
    assert.equal(out.pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    const pages = await pdfPagesText(out.pdf);
    assert.equal(pages.length, out.pages);
    assert.ok(out.pages >= 3, `${out.pages} pages`);
    const all = pages.join('\n');
    assert.match(pages[0]!, /MODEL D\.HASIL KECAMATAN-KWK/);
    assert.match(pages[0]!, /PEMILIHAN BUPATI DAN WAKIL BUPATI TAHUN 2024/);
    assert.match(pages[0]!, /SEMEN/);
    for (const row of input.rows) assert.ok(all.includes(row.name), `desa ${row.name}`);
    for (const p of base.paslon) assert.ok(all.includes(`${p.kepala} – ${p.wakil}`), `paslon ${p.kepala}`);
    const t = input.totals;
    assert.ok(t.suara.sah >= 1000);
    for (const x of [t.suara.sah, t.suara.total, t.pengguna.total.lp, t.dpt.lp, ...t.paslon.map((p) => p.suara)]) {
      assert.ok(all.includes(formatNumber(x)), `total ${formatNumber(x)}`);
    }
    assert.match(formatNumber(t.suara.sah), /^\d{1,3}(\.\d{3})+$/, 'id-ID grouping');
    assert.ok(pages[0]!.includes(`${formatNumber(t.tps.included)}/${formatNumber(t.tps.total)}`), 'TPS masuk/jumlah on the totals row');
    assert.ok(pages[0]!.includes(`ditahan: ${t.tps.withheld}`));
    assert.ok(all.includes('BELUM final'), 'a partial total says so');
    const votesTotalRow = ['JUMLAH', t.tps.included, t.tps.missing, t.tps.withheld, ...t.paslon.map((p) => formatNumber(p.suara)), formatNumber(t.suara.sah)].join(' ');
    assert.ok(all.includes(votesTotalRow), `votes total row: ${votesTotalRow}`);
    for (const [i, page] of pages.entries()) assert.ok(page.includes(`Halaman ${i + 1} dari ${pages.length}`), `page number on ${i + 1}`);
    assert.ok(noSpaces(pages[0]!).includes(out.sha256), 'data hash in the footer');
    assert.ok(pages[0]!.includes(device));
    // berita acara and signatures
    for (const text of ['Aula Kantor Kecamatan Semen', 'Drs. Slamet Riyadi', 'Joko Susilo', 'Lilik Mardiana', 'Listrik padam 20 menit',
      'Suara tidak sah di TPS 002 terlalu banyak', 'Angka 1 terbaca 8', 'keputusan pleno', 'V. PENGESAHAN', 'Saksi paslon 3']) {
      assert.ok(all.includes(text), text);
    }
    assert.ok(all.includes('Jumlah suara semua paslon = suara sah'), 'the failing check is listed');
    const png = savePdfAndPng(out.pdf, 'd-hasil-kecamatan');
    assert.deepEqual(pngSize(png), { width: 1123, height: 794 }, 'A4 landscape at 96 dpi');
    savePdfAndPng(out.pdf, 'd-hasil-kecamatan', out.pages);
  });

  test('the footer hash is sha256 of the canonical JSON of what was rendered, and moves with any number', async () => {
    const input = dHasil('kecamatan', KECAMATAN, false);
    const out = await renderDHasilPdf(input);
    const again = hashDocumentData('d-hasil-kecamatan', { ...input, generatedAt: generatedAt.toISOString() });
    assert.equal(out.sha256, again.sha256);
    assert.equal(out.data, again.data);
    assert.equal(JSON.parse(out.data).input.totals.suara.sah, input.totals.suara.sah);
    const changed = structuredClone(input);
    changed.rows[0]!.paslon[0]!.suara += 1;
    const outChanged: RenderedPdf = await renderDHasilPdf(changed);
    assert.notEqual(outChanged.sha256, out.sha256);
    assert.notEqual(outChanged.pdfSha256, out.pdfSha256);
    const text = (await pdfPagesText(out.pdf)).join('\n');
    assert.ok(text.includes('belum ada berita acara'), 'no session: said so');
    assert.ok(text.includes('(.................................................)'), 'empty signature lines');
  });

  test('D.Hasil Kab/Kota: one row per kecamatan, KPU Kab/Kota signatures', async () => {
    const input = dHasil('kabkota', KABKOTA, false);
    assert.equal(input.rows.length, 26);
    const out = await renderDHasilPdf(input);
    const pages = await pdfPagesText(out.pdf);
    const all = pages.join('\n');
    assert.match(pages[0]!, /MODEL D\.HASIL KABUPATEN\/KOTA-KWK/);
    for (const row of input.rows) assert.ok(all.includes(row.name), row.name);
    assert.ok(all.includes('KPU Kabupaten/Kota'));
    assert.ok(pages[0]!.includes(`${formatNumber(input.totals.tps.included)}/${formatNumber(input.totals.tps.total)}`));
    assert.ok(all.includes('Halaman 1 dari'));
    savePdfAndPng(out.pdf, 'd-hasil-kabkota');
  });

  test('progress report: per desa TPS verified / in review / withheld / missing, totals equal the store', async () => {
    const rows = progressRowsFromStore(s.store, KECAMATAN, s.bupati);
    assert.equal(rows.length, 12);
    const sum = (k: 'total' | 'verified' | 'needsReview' | 'withheld' | 'missing') => rows.reduce((a, r) => a + r[k], 0);
    assert.equal(sum('verified'), s.verified.length);
    assert.equal(sum('withheld'), s.withheld.length);
    assert.equal(sum('needsReview'), s.review.length);
    assert.equal(sum('total'), ok(s.engine.getTotals(KECAMATAN, s.bupati)).tps.total);
    const out = await renderProgressReportPdf({ region: reportRegionFromStore(s.store, KECAMATAN)!, election: base.election, rows, device, generatedAt });
    const pages = await pdfPagesText(out.pdf);
    const all = pages.join('\n');
    assert.match(all, /LAPORAN KEMAJUAN REKAPITULASI/);
    for (const r of rows) assert.ok(all.includes(r.name), r.name);
    assert.ok(all.includes(`Dari ${formatNumber(sum('total'))} TPS: ${sum('verified')} terverifikasi`));
    assert.ok(all.includes(`Halaman 1 dari ${out.pages}`));
    const png = savePdfAndPng(out.pdf, 'laporan-kemajuan');
    assert.deepEqual(pngSize(png), { width: 794, height: 1123 }, 'A4 portrait');
  });

  test('discrepancy report: every failing check with the TPS that cause it and both sides', async () => {
    const checks = ok(s.engine.getChecks(KECAMATAN, s.bupati));
    const failing = checks.checks.filter((c) => !c.holds);
    assert.deepEqual(failing.map((c) => c.id), ['V.A=ΣIV']);
    assert.deepEqual(failing[0]!.failingTps, s.broken);
    const tps = discrepancyTpsFromEngine(s.store, s.engine, checks);
    const out = await renderDiscrepancyReportPdf({ region: reportRegionFromStore(s.store, KECAMATAN)!, ...base, checks, tps, device, generatedAt });
    const all = (await pdfPagesText(out.pdf)).join('\n');
    assert.match(all, /LAPORAN SELISIH/);
    assert.ok(all.includes('1. Jumlah suara semua paslon = suara sah'));
    for (const code of s.broken) {
      assert.ok(all.includes(`${code.slice(0, 2)}.${code.slice(2, 4)}.${code.slice(4, 6)}.${code.slice(6, 10)} TPS ${code.slice(10)}`), code);
      const v = tps[code]!.values!;
      const left = v['IV.1']! + v['IV.2']! + v['IV.3']!;
      assert.equal(left - v['V.A']!, 7);
      assert.ok(all.includes(`= ${formatNumber(left)}`), `left side of ${code}`);
    }
    assert.ok(all.includes('Pemeriksaan yang terpenuhi'));
    assert.ok(all.includes('Suara sah + suara tidak sah = jumlah suara'), 'holding checks are listed');
    savePdfAndPng(out.pdf, 'laporan-selisih');
    assert.ok(fs.existsSync(savePdfAndPng(out.pdf, 'laporan-selisih')));
  });
});
