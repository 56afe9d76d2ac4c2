/**
 * The exports read back: the CSV parses (BOM, `;`, CRLF) and its columns sum to the engine's totals; the
 * KPU-shaped JSON has one document per TPS at its region path, and summed over verified TPS equals the
 * engine's totals; unverified TPS carry no numbers.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import {
  CSV_SEPARATOR, exportKpuJson, exportRekapCsv, photoHashesFromStore, reportElectionFromStore, tpsUpdatedAtFromStore,
  writeKpuJsonFiles, type KpuTpsDocument, type ReportPaslon,
} from '../../main/reports/index.ts';
import { tempDbPath, tempDir } from '../store/temp-dir.ts';
import { buildScenario, KABKOTA, KECAMATAN, ok, type Scenario } from './scenario.ts';

/** A small RFC 4180 reader for `;`-separated text (quotes, doubled quotes). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (ch === '"') quoted = false; else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === CSV_SEPARATOR) { row.push(field); field = ''; }
    else if (ch === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i++; }
    else field += ch;
  }
  assert.equal(field, '', 'text ends with CRLF');
  return rows;
}

describe('exports (CSV, KPU JSON)', () => {
  let s: Scenario;
  let paslon: ReportPaslon[];

  before(() => {
    s = buildScenario(tempDbPath());
    paslon = reportElectionFromStore(s.store, s.bupati)!.paslon;
  });

  test('CSV per desa: BOM, `;`, one row per desa + JUMLAH, columns sum to the engine totals', () => {
    const rows = ok(s.engine.getChildTotals(KECAMATAN, s.bupati));
    const totals = ok(s.engine.getTotals(KECAMATAN, s.bupati));
    const csv = exportRekapCsv({ paslon, rows, totals });
    assert.equal(csv.charCodeAt(0), 0xfeff, 'BOM');
    const table = parseCsv(csv.slice(1));
    const [header, ...body] = table;
    assert.equal(body.length, rows.length + 1);
    for (const r of table) assert.equal(r.length, header!.length);
    const col = (name: string) => {
      const i = header!.indexOf(name);
      assert.ok(i >= 0, name);
      return i;
    };
    const desaRows = body.slice(0, -1);
    const jumlah = body.at(-1)!;
    assert.equal(jumlah[col('nama')], `JUMLAH ${totals.name}`);
    const sum = (name: string) => desaRows.reduce((a, r) => a + Number(r[col(name)]), 0);
    for (const p of paslon) {
      const want = totals.paslon.find((x) => x.nomorUrut === p.nomorUrut)!.suara;
      assert.equal(sum(`paslon_${p.nomorUrut}`), want);
      assert.equal(Number(jumlah[col(`paslon_${p.nomorUrut}`)]), want);
    }
    assert.equal(sum('suara_sah'), totals.suara.sah);
    assert.equal(sum('suara_tidak_sah'), totals.suara.tidakSah);
    assert.equal(sum('pengguna_total_lp'), totals.pengguna.total.lp);
    assert.equal(sum('surat_suara_diterima'), totals.suratSuara.diterima);
    assert.equal(sum('tps_masuk'), totals.tps.included);
    assert.equal(sum('tps_ditahan'), totals.tps.withheld);
    assert.equal(desaRows[0]![col('kode')], rows[0]!.regionCode);
    assert.ok(desaRows.every((r) => /^\d+$/.test(r[col('suara_sah')]!)), 'plain integers, no grouping');
  });

  test('CSV per TPS of a desa, and a name with `;` and quotes survives', () => {
    const desa = s.verified[0]!.slice(0, 10);
    const rows = ok(s.engine.getChildTotals(desa, s.bupati));
    assert.ok(rows.every((r) => r.level === 'tps'));
    const odd = { ...rows[0]!, name: 'Desa "Baru"; Blok A' };
    const table = parseCsv(exportRekapCsv({ paslon, rows: [odd, ...rows.slice(1)] }).slice(1));
    assert.equal(table.length, rows.length + 1, 'no JUMLAH row without totals');
    assert.equal(table[1]![1], 'Desa "Baru"; Blok A');
    const sah = table.slice(1).reduce((a, r) => a + Number(r[table[0]!.indexOf('suara_sah')]), 0);
    assert.equal(sah, ok(s.engine.getTotals(desa, s.bupati)).suara.sah);
  });

  test('KPU JSON: one document per TPS at {2}/{4}/{6}/{10}/{13}.json, sums equal the engine, unverified without numbers', () => {
    const photos = photoHashesFromStore(s.store, KECAMATAN, s.bupati);
    const updatedAt = tpsUpdatedAtFromStore(s.store, KECAMATAN, s.bupati);
    const entries = exportKpuJson(s.engine, KECAMATAN, s.bupati, { photos, updatedAt, paslonIds: { 1: '100025', 2: '100026', 3: '100027' } });
    const totals = ok(s.engine.getTotals(KECAMATAN, s.bupati));
    assert.equal(entries.length, totals.tps.total);
    for (const e of entries) {
      assert.match(e.path, /^\d{2}\/\d{4}\/\d{6}\/\d{10}\/\d{13}\.json$/);
      assert.equal(e.path, `${e.tpsCode.slice(0, 2)}/${e.tpsCode.slice(0, 4)}/${e.tpsCode.slice(0, 6)}/${e.tpsCode.slice(0, 10)}/${e.tpsCode}.json`);
    }
    const dir = tempDir('pleno-kpu-');
    assert.equal(writeKpuJsonFiles(dir, entries), entries.length);
    const docs = entries.map((e) => ({ code: e.tpsCode, doc: JSON.parse(fs.readFileSync(path.join(dir, e.path), 'utf8')) as KpuTpsDocument }));
    const verified = docs.filter((d) => d.doc.status_suara);
    assert.equal(verified.length, totals.tps.included);
    const chartSum = (id: string) => verified.reduce((a, d) => a + d.doc.chart![id]!, 0);
    assert.equal(chartSum('100025'), totals.paslon[0]!.suara);
    assert.equal(chartSum('100026'), totals.paslon[1]!.suara);
    assert.equal(chartSum('100027'), totals.paslon[2]!.suara);
    const adm = (k: keyof NonNullable<KpuTpsDocument['administrasi']>) => verified.reduce((a, d) => a + d.doc.administrasi![k]!, 0);
    assert.equal(adm('suara_sah'), totals.suara.sah);
    assert.equal(adm('suara_tidak_sah'), totals.suara.tidakSah);
    assert.equal(adm('suara_total'), totals.suara.total);
    assert.equal(adm('pemilih_dpt_j'), totals.dpt.lp);
    assert.equal(adm('pengguna_dpt_l'), totals.pengguna.dpt.l);
    assert.equal(adm('pengguna_dptb_p'), totals.pengguna.dptb.p);
    assert.equal(adm('pengguna_non_dpt_j'), totals.pengguna.dpk.lp);
    assert.equal(adm('pengguna_total_j'), totals.pengguna.total.lp);
    // the auditors' own arithmetic holds on a consistent TPS (and not on the two broken ones)
    for (const d of verified) {
      const a = d.doc.administrasi!;
      assert.equal(a.suara_sah! + a.suara_tidak_sah!, a.suara_total);
      assert.equal(a.pengguna_dpt_j! + a.pengguna_dptb_j! + a.pengguna_non_dpt_j!, a.pengguna_total_j);
      const chart = Object.values(d.doc.chart!).reduce((x, y) => x! + y!, 0)!;
      assert.equal(chart === a.suara_sah, !s.broken.includes(d.code), d.code);
      assert.equal(d.doc.psu, null);
      assert.match(d.doc.ts!, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    }
    assert.equal(docs.find((d) => d.code === s.verified[0])!.doc.ts, '2024-11-28 16:00:00', 'WIB = UTC+7');
    assert.deepEqual(docs.find((d) => d.code === s.verified[0])!.doc.images, s.photos[s.verified[0]!]);
    for (const code of [...s.withheld, ...s.review]) {
      const d = docs.find((x) => x.code === code)!.doc;
      assert.equal(d.chart, null);
      assert.equal(d.administrasi, null);
      assert.equal(d.status_suara, false);
      assert.equal(d.status_adm, false);
    }
  });

  test('KPU JSON for one TPS and for the whole kab/kota', () => {
    const one = exportKpuJson(s.engine, s.verified[1]!, s.bupati);
    assert.equal(one.length, 1);
    assert.deepEqual(Object.keys(one[0]!.document.chart!), ['1', '2', '3'], 'nomor urut keys without KPU ids');
    assert.equal(exportKpuJson(s.engine, KABKOTA, s.bupati).length, 4821);
  });
});
