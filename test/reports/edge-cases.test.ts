/**
 * Documents at the edges, on a hand-made tree (no store): a race with 6 paslon (widest table) and long
 * names, a region with nothing verified yet (0 and "–", never NaN), and a single-pair race against the
 * empty box (kotak kosong).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { RekapEngine, fieldLayout } from '../../main/rekap/index.ts';
import { formatNumber, renderDHasilPdf, type ReportPaslon, type ReportRegion } from '../../main/reports/index.ts';
import { consistentValues, seededRandom } from '../rekap/support/consistent-values.ts';
import { buildTree, fixedShape } from '../rekap/support/small-tree.ts';
import { pdfPagesText, savePdfAndPng } from './pdf-text.ts';
import { ok } from './scenario.ts';

const region: ReportRegion = { code: '110101', level: 'kecamatan', name: 'TEUPAH SELATAN', provinsi: 'ACEH', kabkota: 'SIMEULUE', kecamatan: 'TEUPAH SELATAN' };
const common = { device: 'uji', generatedAt: new Date('2024-11-29T10:00:00Z') };

function engineWith(nomorUrut: number[], verify: boolean): RekapEngine {
  const shape = fixedShape();
  const engine = new RekapEngine(buildTree(shape));
  ok(engine.addElection({ id: 1, regionCode: '1101', nomorUrut }));
  if (verify) {
    const layout = fieldLayout(nomorUrut);
    const random = seededRandom(3);
    for (const t of shape.tps.filter((x) => x.code.startsWith('110101'))) {
      ok(engine.applyTpsChange(t.code, 1, { state: 'verified', values: consistentValues(layout.ids.slice(0, layout.formCount), random, t.dptL, t.dptP) }));
    }
  }
  return engine;
}

const input = (engine: RekapEngine, paslon: ReportPaslon[]) => ({
  level: 'kecamatan' as const, region, election: { id: 1, jenis: 'bupati' as const, name: 'Pemilihan Bupati Simeulue 2024', year: 2024 }, paslon,
  totals: ok(engine.getTotals('110101', 1)), rows: ok(engine.getChildTotals('110101', 1)), checks: ok(engine.getChecks('110101', 1)), ...common,
});

describe('documents at the edges', () => {
  test('six paslon with long names fit one landscape table; every vote total is printed', async () => {
    const paslon = [1, 2, 3, 4, 5, 6].map((n) => ({ nomorUrut: n, kepala: `Calon Kepala Daerah Bernama Panjang Sekali ${n}`, wakil: `Calon Wakil Bernama Panjang ${n}`, kotakKosong: false }));
    const engine = engineWith([1, 2, 3, 4, 5, 6], true);
    const doc = input(engine, paslon);
    const out = await renderDHasilPdf(doc);
    const all = (await pdfPagesText(out.pdf)).join('\n');
    const t = doc.totals;
    const row = ['JUMLAH 3 0 0', ...t.paslon.map((p) => formatNumber(p.suara)), formatNumber(t.suara.sah), formatNumber(t.suara.tidakSah), formatNumber(t.suara.total)].join(' ');
    assert.ok(all.includes(row), row);
    assert.ok(all.includes('Calon Kepala Daerah Bernama Panjang Sekali 6 – Calon Wakil Bernama Panjang 6'));
    assert.ok(all.includes('Seluruh TPS telah masuk dan terverifikasi.'));
    assert.ok(all.includes('100,00 %'));
    savePdfAndPng(out.pdf, 'd-hasil-6-paslon', 2);
  });

  test('nothing verified yet: zeros and "–", a warning, no NaN', async () => {
    const paslon = [1, 2].map((n) => ({ nomorUrut: n, kepala: `K${n}`, wakil: `W${n}`, kotakKosong: false }));
    const out = await renderDHasilPdf(input(engineWith([1, 2], false), paslon));
    const all = (await pdfPagesText(out.pdf)).join('\n');
    assert.ok(!all.includes('NaN'));
    assert.ok(all.includes('–'));
    assert.ok(all.includes('PERHATIAN: 3 TPS belum dihitung'));
  });

  test('a single pair against the empty box: the kotak kosong column and saksi', async () => {
    const paslon = [
      { nomorUrut: 1, kepala: 'Tunggal Perkasa', wakil: 'Wakil Setia', kotakKosong: false },
      { nomorUrut: 2, kepala: 'Kotak kosong', wakil: '', kotakKosong: true },
    ];
    const out = await renderDHasilPdf(input(engineWith([1, 2], true), paslon));
    const all = (await pdfPagesText(out.pdf)).join('\n');
    assert.ok(all.includes('Kolom kosong (tidak bergambar)'));
    assert.ok(all.includes('Saksi kotak kosong'));
    assert.ok(all.includes('Tunggal Perkasa – Wakil Setia'));
  });

  test('a D.Hasil of mismatched inputs is refused (wrong level, wrong race)', async () => {
    const paslon = [1, 2].map((n) => ({ nomorUrut: n, kepala: `K${n}`, wakil: `W${n}`, kotakKosong: false }));
    const doc = input(engineWith([1, 2], false), paslon);
    await assert.rejects(renderDHasilPdf({ ...doc, level: 'kabkota' }), /tidak cocok/);
    await assert.rejects(renderDHasilPdf({ ...doc, election: { ...doc.election, id: 2 } }), /bukan dari pemilihan 2/);
  });
});
