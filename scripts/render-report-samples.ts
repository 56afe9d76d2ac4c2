/**
 * Renders every Pleno document and export from the test scenario (demo Kediri, kecamatan Semen partly
 * verified, two arithmetic errors, a sample berita acara) into a folder, with page PNGs to look at:
 *
 *   node --import tsx scripts/render-report-samples.ts [outDir]     (default test-results/reports/samples)
 *
 * Prints each file with its page count, data hash and render time (wall and CPU).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  discrepancyTpsFromEngine, exportKpuJson, exportRekapCsv, photoHashesFromStore, progressRowsFromStore, renderDHasilPdf,
  renderDiscrepancyReportPdf, renderProgressReportPdf, reportElectionFromStore, reportRegionFromStore, tpsUpdatedAtFromStore,
  writeKpuJsonFiles, type RenderedPdf,
} from '../main/reports/index.ts';
import { buildScenario, KABKOTA, KECAMATAN, ok, sampleBeritaAcara } from '../test/reports/scenario.ts';

const outDir = path.resolve(process.argv[2] ?? 'test-results/reports/samples');
fs.mkdirSync(outDir, { recursive: true });
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pleno-report-samples-'));
try {
  const s = buildScenario(path.join(work, 'pleno.db'));
  const { election, paslon } = reportElectionFromStore(s.store, s.bupati)!;
  const device = os.hostname();
  const generatedAt = new Date();
  const region = (code: string) => reportRegionFromStore(s.store, code)!;

  const save = async (name: string, render: () => Promise<RenderedPdf>) => {
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const out = await render();
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    const file = path.join(outDir, `${name}.pdf`);
    fs.writeFileSync(file, out.pdf);
    execFileSync('pdftoppm', ['-r', '96', '-png', file, path.join(outDir, name)]);
    console.log(`${file}: ${out.pages} halaman, ${(out.pdf.length / 1024).toFixed(0)} KB, ${ms.toFixed(0)} ms (CPU ${cpuMs.toFixed(0)} ms), hash data ${out.sha256}`);
  };
  const dHasil = (level: 'kecamatan' | 'kabkota', code: string) => () => renderDHasilPdf({
    level, region: region(code), election, paslon,
    totals: ok(s.engine.getTotals(code, s.bupati)), rows: ok(s.engine.getChildTotals(code, s.bupati)), checks: ok(s.engine.getChecks(code, s.bupati)),
    beritaAcara: level === 'kecamatan' ? sampleBeritaAcara(s) : undefined, device, generatedAt,
  });
  await save('d-hasil-kecamatan', dHasil('kecamatan', KECAMATAN));
  await save('d-hasil-kabkota', dHasil('kabkota', KABKOTA));
  await save('laporan-kemajuan', () => renderProgressReportPdf({
    region: region(KECAMATAN), election, rows: progressRowsFromStore(s.store, KECAMATAN, s.bupati), device, generatedAt,
  }));
  const checks = ok(s.engine.getChecks(KECAMATAN, s.bupati));
  await save('laporan-selisih', () => renderDiscrepancyReportPdf({
    region: region(KECAMATAN), election, paslon, checks, tps: discrepancyTpsFromEngine(s.store, s.engine, checks), device, generatedAt,
  }));

  const csv = path.join(outDir, 'rekap-kecamatan.csv');
  fs.writeFileSync(csv, exportRekapCsv({ paslon, rows: ok(s.engine.getChildTotals(KECAMATAN, s.bupati)), totals: ok(s.engine.getTotals(KECAMATAN, s.bupati)) }));
  console.log(csv);
  const t0 = performance.now();
  const entries = exportKpuJson(s.engine, KECAMATAN, s.bupati, {
    photos: photoHashesFromStore(s.store, KECAMATAN, s.bupati), updatedAt: tpsUpdatedAtFromStore(s.store, KECAMATAN, s.bupati),
  });
  const jsonDir = path.join(outDir, 'kpu-json');
  fs.rmSync(jsonDir, { recursive: true, force: true });
  writeKpuJsonFiles(jsonDir, entries);
  console.log(`${jsonDir}: ${entries.length} dokumen TPS, ${(performance.now() - t0).toFixed(0)} ms`);
  s.store.close();
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
