import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import {
  openStore, getStatusSummary, listElections, listAudit, getTps, getHomeRegion, regionStatsDrift, type Store,
} from '../../main/store/index.ts';
import { importMasterData } from '../../main/masterdata/import.ts';
import type { ImportError } from '../../main/masterdata/result.ts';
import { tempDir } from '../store/temp-dir.ts';

const dir = tempDir('pleno-import-');
let fileCount = 0;
function write(name: string, content: string): string {
  const file = path.join(dir, `${++fileCount}-${name}`);
  fs.writeFileSync(file, content);
  return file;
}

const WILAYAH_CSV = `kode,nama
35,JAWA TIMUR
3506,KEDIRI
350601,SEMEN
3506012001,SEMEN
3506012002,PAGUNG
3571,KEDIRI
357101,MOJOROTO
3571011001,POJOK
`;

function storeWithWilayah(): Store {
  const store = openStore(':memory:');
  const result = importMasterData(store, 'wilayah', write('wilayah.csv', WILAYAH_CSV));
  assert.deepEqual(result, { ok: true, rows: 8, inserted: 8, updated: 0 });
  return store;
}

/** The errors of a failed import, as [line, field] pairs, checking each names the file and has a message. */
function errorsOf(result: ReturnType<typeof importMasterData>, file: string): [number, string][] {
  assert.equal(result.ok, false, 'the import should fail');
  const errors = (result as { errors: ImportError[] }).errors;
  for (const e of errors) {
    assert.equal(e.file, file);
    assert.ok(e.message.length > 5);
  }
  return errors.map((e) => [e.line, e.field]);
}

const counts = (store: Store) => store.db.prepare('SELECT (SELECT count(*) FROM region) AS regions, (SELECT count(*) FROM tps) AS tps, (SELECT count(*) FROM paslon) AS paslon, (SELECT count(*) FROM audit_log) AS audit').get();

describe('wilayah import', () => {
  test('CSV: regions land with their tree and stats; a second run changes nothing; renames are updates', () => {
    const store = storeWithWilayah();
    assert.deepEqual(getStatusSummary(store), { provinsi: 1, kabkota: 2, kecamatan: 2, desa: 3, tps: 0, dpt: 0, status: { no_chasil: 0, received: 0, needs_review: 0, verified: 0, withheld: 0 } });
    assert.equal(getHomeRegion(store)?.code, '35');
    const again = importMasterData(store, 'wilayah', write('wilayah.csv', WILAYAH_CSV));
    assert.deepEqual(again, { ok: true, rows: 8, inserted: 0, updated: 0 });
    const renamed = importMasterData(store, 'wilayah', write('rename.csv', 'kode;nama\r\n3506012002;"PAGUNG, DESA"\r\n'));
    assert.deepEqual(renamed, { ok: true, rows: 1, inserted: 0, updated: 1 });
    assert.equal(store.db.prepare("SELECT name FROM region WHERE code = '3506012002'").pluck().get(), 'PAGUNG, DESA');
    const audit = listAudit(store);
    assert.deepEqual(audit.map((e) => e.action), ['import.wilayah', 'import.wilayah', 'import.wilayah']);
    assert.match(String((audit[0]!.after as { sha256: string }).sha256), /^[0-9a-f]{64}$/);
    assert.deepEqual(regionStatsDrift(store.db), []);
    store.close();
  });

  test('bad rows: every problem named by file, line and field; nothing imported', () => {
    const store = storeWithWilayah();
    const before = counts(store);
    const file = write('bad.csv', [
      'kode,nama',
      '3506012003,NGEBRUK', // fine
      '35060120x4,HURUF', // line 3: letters
      '350601200,SEMBILAN', // line 4: 9 digits
      '3506012005,', // line 5: no name
      '3506990001,YATIM', // line 6: kecamatan 350699 does not exist
      '3506012003,LAGI', // line 7: duplicate of line 2
      '"3506012006","KUTIP', // line 8: unterminated quote swallows the rest
    ].join('\n'));
    const withQuote = importMasterData(store, 'wilayah', file);
    assert.deepEqual(errorsOf(withQuote, file), [[8, '']]);
    const file2 = write('bad.csv', fs.readFileSync(file, 'utf8').replace('"KUTIP', '"KUTIP"'));
    const result = importMasterData(store, 'wilayah', file2);
    assert.deepEqual(errorsOf(result, file2), [[3, 'kode'], [4, 'kode'], [5, 'nama'], [7, 'kode'], [6, 'kode']]);
    const messages = (result as { errors: ImportError[] }).errors.map((e) => e.message);
    assert.match(messages[1]!, /9 digit/);
    assert.match(messages[3]!, /sudah ada di baris 2/);
    assert.match(messages[4]!, /induk wilayah 350699/);
    assert.deepEqual(counts(store), before);
    store.close();
  });

  test('header problems are reported on line 1', () => {
    const store = storeWithWilayah();
    const file = write('hdr.csv', 'kode,name\n3506012003,X\n');
    assert.deepEqual(errorsOf(importMasterData(store, 'wilayah', file), file), [[1, 'name'], [1, 'nama']]);
    const short = write('short.csv', 'kode,nama\n3506012003\n');
    assert.deepEqual(errorsOf(importMasterData(store, 'wilayah', short), short), [[2, '']]);
    const empty = write('empty.csv', 'kode,nama\n');
    assert.deepEqual(errorsOf(importMasterData(store, 'wilayah', empty), empty), [[0, '']]);
    const missing = path.join(dir, 'tidak-ada.csv');
    const gone = importMasterData(store, 'wilayah', missing);
    assert.deepEqual(errorsOf(gone, missing), [[0, '']]);
    assert.match((gone as { errors: ImportError[] }).errors[0]!.message, /tidak dapat dibaca/);
    store.close();
  });

  test('quoted cells with line breaks keep the line numbers of later rows right', () => {
    const store = storeWithWilayah();
    const file = write('multi.csv', 'kode,nama\n3506012003,"NGEBRUK\nBARAT"\n3506012004,\n');
    assert.deepEqual(errorsOf(importMasterData(store, 'wilayah', file), file), [[4, 'nama']]);
    store.close();
  });

  test('JSON: one object per row, errors at the line the object starts', () => {
    const store = storeWithWilayah();
    const file = write('w.json', `[
  { "kode": "3506012003", "nama": "NGEBRUK" },
  {
    "kode": 3506012004,
    "nama": ""
  },
  { "kode": "3506012005", "nama": "X", "jenis": "desa" }
]`);
    assert.deepEqual(errorsOf(importMasterData(store, 'wilayah', file), file), [[7, 'jenis'], [3, 'nama']]);
    const good = write('w.json', '[{"kode":"3506012003","nama":"NGEBRUK"},{"kode":3506012004,"nama":"SUMBERAGUNG"}]');
    assert.deepEqual(importMasterData(store, 'wilayah', good), { ok: true, rows: 2, inserted: 2, updated: 0 });
    const broken = write('broken.json', '[\n{"kode": "35"},\n{"kode" "36"}\n]');
    assert.deepEqual(errorsOf(importMasterData(store, 'wilayah', broken), broken), [[3, '']]);
    store.close();
  });
});

describe('tps import', () => {
  test('adds TPS with DPT, then updates DPT; stats follow', () => {
    const store = storeWithWilayah();
    const file = write('tps.csv', 'kode_tps,dpt_l,dpt_p\n3506012001001,120,130\n3506012001002,100,99\n3506012001901,20,5\n3571011001001,300,300\n');
    assert.deepEqual(importMasterData(store, 'tps', file), { ok: true, rows: 4, inserted: 4, updated: 0 });
    assert.equal(getStatusSummary(store, '3506')!.dpt, 474);
    assert.equal(getStatusSummary(store)!.tps, 4);
    const update = write('tps.json', '[{"kode_tps":"3506012001001","dpt_l":121,"dpt_p":"130"},{"kode_tps":"3506012001002","dpt_l":100,"dpt_p":99}]');
    assert.deepEqual(importMasterData(store, 'tps', update), { ok: true, rows: 2, inserted: 0, updated: 1 });
    assert.equal(getTps(store, '3506012001001')?.dptL, 121);
    assert.equal(getStatusSummary(store, '3506')!.dpt, 475);
    assert.deepEqual(regionStatsDrift(store.db), []);
    store.close();
  });

  test('bad rows: code shape, unknown desa, number 000, counts, the 600 cap, duplicates', () => {
    const store = storeWithWilayah();
    const before = counts(store);
    const file = write('tps-bad.csv', [
      'kode_tps,dpt_l,dpt_p',
      '3506012001001,120,130', // fine
      '350601200100,1,1', // 12 digits
      '3506019999001,1,1', // desa unknown
      '3506012001000,1,1', // TPS 000
      '3506012001003,-4,1', // negative
      '3506012001004,1.5,1', // not whole
      '3506012001005,301,300', // 601 > 600
      '3506012001001,1,1', // duplicate of line 2
      '3506012001006,,7', // missing
    ].join('\n'));
    const result = importMasterData(store, 'tps', file);
    assert.deepEqual(errorsOf(result, file), [
      [3, 'kode_tps'], [4, 'kode_tps'], [5, 'kode_tps'], [6, 'dpt_l'], [7, 'dpt_l'], [8, 'dpt_p'], [9, 'kode_tps'], [10, 'dpt_l'],
    ]);
    const messages = (result as { errors: ImportError[] }).errors.map((e) => e.message);
    assert.match(messages[1]!, /impor wilayahnya dahulu/);
    assert.match(messages[5]!, /melebihi batas 600/);
    assert.deepEqual(counts(store), before);
    store.close();
  });

  test('a wholly wrong file lists the first 100 problems and counts the rest', () => {
    const store = storeWithWilayah();
    const rows = Array.from({ length: 250 }, (_, k) => `x${k},1,1`);
    const file = write('junk.csv', `kode_tps,dpt_l,dpt_p\n${rows.join('\n')}\n`);
    const result = importMasterData(store, 'tps', file);
    assert.equal(result.ok, false);
    const errors = (result as { errors: ImportError[] }).errors;
    assert.equal(errors.length, 101);
    assert.match(errors[100]!.message, /150 kesalahan lain/);
    store.close();
  });
});

describe('paslon import', () => {
  const header = 'jenis,kode_wilayah,tahun,nomor_urut,kepala,wakil,kotak_kosong';

  test('creates races with their paslon, the kotak kosong case included; re-import replaces the list', () => {
    const store = storeWithWilayah();
    const file = write('paslon.csv', [
      header,
      'bupati,3506,2024,1,Kepala Satu,Wakil Satu,',
      'bupati,3506,2024,2,Kepala Dua,Wakil Dua,tidak',
      'walikota,3571,2024,1,Calon Tunggal,Wakil Tunggal,',
      'walikota,3571,2024,2,,,ya',
      'gubernur,35,2024,2,Kepala B,Wakil B,',
      'gubernur,35,2024,1,Kepala A,Wakil A,',
    ].join('\n'));
    assert.deepEqual(importMasterData(store, 'paslon', file), { ok: true, rows: 6, inserted: 6, updated: 0 });
    const elections = listElections(store);
    assert.deepEqual(elections.map((e) => [e.jenis, e.regionCode, e.name, e.demo]), [
      ['gubernur', '35', 'Pemilihan Gubernur dan Wakil Gubernur Jawa Timur 2024', false],
      ['bupati', '3506', 'Pemilihan Bupati dan Wakil Bupati Kediri 2024', false],
      ['walikota', '3571', 'Pemilihan Wali Kota dan Wakil Wali Kota Kediri 2024', false],
    ]);
    assert.deepEqual(elections[0]!.paslon.map((p) => p.kepala), ['Kepala A', 'Kepala B']);
    assert.deepEqual(elections[2]!.paslon, [
      { nomorUrut: 1, kepala: 'Calon Tunggal', wakil: 'Wakil Tunggal', kotakKosong: false },
      { nomorUrut: 2, kepala: '', wakil: '', kotakKosong: true },
    ]);
    const replace = write('paslon2.json', JSON.stringify([
      { jenis: 'bupati', kode_wilayah: '3506', tahun: 2024, nomor_urut: 1, kepala: 'Kepala Satu', wakil: 'Wakil Satu' },
      { jenis: 'bupati', kode_wilayah: '3506', tahun: 2024, nomor_urut: 2, kepala: 'Kepala Baru', wakil: 'Wakil Baru' },
      { jenis: 'bupati', kode_wilayah: '3506', tahun: 2024, nomor_urut: 3, kepala: 'Kepala Tiga', wakil: 'Wakil Tiga', nama_pemilihan: 'Pilbup Kediri' },
    ], null, 1));
    assert.deepEqual(importMasterData(store, 'paslon', replace), { ok: true, rows: 3, inserted: 1, updated: 2 });
    const bupati = listElections(store).find((e) => e.jenis === 'bupati')!;
    assert.equal(bupati.name, 'Pilbup Kediri');
    assert.deepEqual(bupati.paslon.map((p) => p.kepala), ['Kepala Satu', 'Kepala Baru', 'Kepala Tiga']);
    store.close();
  });

  test('bad rows and bad races are named; nothing imported', () => {
    const store = storeWithWilayah();
    const before = counts(store);
    const file = write('paslon-bad.csv', [
      header,
      'presiden,35,2024,1,A,B,', // 2: jenis
      'bupati,3571,2024,1,A,B,', // 3: a kota has no bupati
      'walikota,3506,2024,1,A,B,', // 4: a kabupaten has no walikota
      'gubernur,36,2024,1,A,B,', // 5: region not in the database
      'gubernur,35,2024,7,A,B,', // 6: nomor urut 7
      'gubernur,35,2024,1,,B,', // 7: no kepala
      'gubernur,35,2024,2,A,B,mungkin', // 8: kotak_kosong
      'gubernur,35,2024,3,A,B,', // fine, but its race has broken rows: no race-level complaint
      'bupati,3506,2024,1,A,B,', // 10: a single paslon without kotak kosong
      'bupati,3506,2025,1,A,B,', // its race has a broken row (12)
      'bupati,3506,2025,2,X,Y,ya', // 12: kotak kosong with names
      'walikota,3571,2024,1,A,B,', // 13: numbering gap (no 2)
      'walikota,3571,2024,3,C,D,',
    ].join('\n'));
    const result = importMasterData(store, 'paslon', file);
    assert.deepEqual(errorsOf(result, file), [
      [2, 'jenis'], [3, 'kode_wilayah'], [4, 'kode_wilayah'], [5, 'kode_wilayah'], [6, 'nomor_urut'], [7, 'kepala'],
      [8, 'kotak_kosong'], [12, 'kepala'], [10, 'nomor_urut'], [13, 'nomor_urut'],
    ]);
    const messages = (result as { errors: ImportError[] }).errors.map((e) => e.message);
    assert.match(messages[1]!, /pemilihan bupati diadakan di kabupaten/);
    assert.match(messages[8]!, /kotak kosong/);
    assert.match(messages[9]!, /nomor 2 tidak ada/);
    assert.deepEqual(counts(store), before);
    store.close();
  });

  test('a race that has results keeps its paslon', () => {
    const store = storeWithWilayah();
    const file = write('p.csv', `${header}\nbupati,3506,2024,1,A,B,\nbupati,3506,2024,2,C,D,\n`);
    assert.equal(importMasterData(store, 'paslon', file).ok, true);
    importMasterData(store, 'tps', write('t.csv', 'kode_tps,dpt_l,dpt_p\n3506012001001,100,100\n'));
    store.db.prepare(`INSERT INTO tps_status (tps_code, election_id, status, updated_at) SELECT '3506012001001', id, 'received', 'x' FROM election`).run();
    const again = importMasterData(store, 'paslon', write('p2.csv', `${header}\nbupati,3506,2024,1,A,B,\nbupati,3506,2024,2,E,F,\n`));
    assert.equal(again.ok, false);
    assert.match((again as { errors: ImportError[] }).errors[0]!.message, /sudah memiliki data hasil/);
    assert.deepEqual(listElections(store)[0]!.paslon.map((p) => p.kepala), ['A', 'C']);
    store.close();
  });
});
