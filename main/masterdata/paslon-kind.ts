import type { Store } from '../store/open.ts';
import type { Problems } from './problems.ts';
import type { InputRecord } from './result.ts';
import { JenisPemilihan } from '../../shared/domain/types.ts';
import { cell } from './columns.ts';
import { electionName } from './election-name.ts';
import { name, regionCode, wholeNumber, yesNo } from './fields.ts';
import { writeRow, type ImportKind } from './kind.ts';

/**
 * Paslon: `jenis`, `kode_wilayah`, `tahun`, `nomor_urut`, `kepala`, `wakil`, optional `kotak_kosong` and
 * `nama_pemilihan`. The rows of one race (jenis + wilayah + tahun) replace its paslon list; the race is
 * created when new. A race that already has results cannot have its paslon replaced.
 */
export type PaslonRow = {
  line: number;
  jenis: JenisPemilihan;
  regionCode: string;
  year: number;
  nomorUrut: number;
  kepala: string;
  wakil: string;
  kotakKosong: boolean;
  electionName: string | null;
};

const raceKey = (r: Pick<PaslonRow, 'jenis' | 'regionCode' | 'year'>) => `${r.jenis}/${r.regionCode}/${r.year}`;

/** The race a row names, as written, for rows that failed validation. */
function rawRaceKey(record: InputRecord): string {
  const year = cell(record, 'tahun');
  return `${cell(record, 'jenis').toLowerCase()}/${cell(record, 'kode_wilayah')}/${/^\d+$/.test(year) ? Number(year) : year}`;
}

/** One row's own checks; null (with its problems reported) when the row is unusable. */
function parseRow(record: InputRecord, problems: Problems, regionExists: (code: string) => boolean): PaslonRow | null {
  const line = record.line;
  const reported = problems.count;
  const jenis = JenisPemilihan.safeParse(cell(record, 'jenis').toLowerCase());
  if (!jenis.success) problems.add(line, 'jenis', `"${cell(record, 'jenis')}" bukan jenis pemilihan: gubernur, bupati atau walikota`);
  const region = regionCode(cell(record, 'kode_wilayah'), [2, 4]);
  if (!region.ok) problems.add(line, 'kode_wilayah', region.message);
  const year = wholeNumber(cell(record, 'tahun'), 2000, 2100);
  if (!year.ok) problems.add(line, 'tahun', year.message);
  const nomor = wholeNumber(cell(record, 'nomor_urut'), 1, 6);
  if (!nomor.ok) problems.add(line, 'nomor_urut', nomor.message);
  const kosong = yesNo(cell(record, 'kotak_kosong'));
  if (!kosong.ok) problems.add(line, 'kotak_kosong', kosong.message);
  const customName = cell(record, 'nama_pemilihan');
  if (customName.length > 200) problems.add(line, 'nama_pemilihan', 'terlalu panjang (paling banyak 200 karakter)');
  let kepala = '';
  let wakil = '';
  if (kosong.ok && kosong.value) {
    if (cell(record, 'kepala') !== '' || cell(record, 'wakil') !== '') {
      problems.add(line, 'kepala', 'baris kotak kosong tidak boleh berisi nama kepala atau wakil');
    }
  } else {
    const k = name(cell(record, 'kepala'), 120);
    const w = name(cell(record, 'wakil'), 120);
    if (!k.ok) problems.add(line, 'kepala', k.message);
    if (!w.ok) problems.add(line, 'wakil', w.message);
    if (k.ok) kepala = k.value;
    if (w.ok) wakil = w.value;
  }
  if (!jenis.success || !region.ok || !year.ok || !nomor.ok || !kosong.ok) return null;
  const regionProblem = raceRegionProblem(jenis.data, region.value);
  if (regionProblem) problems.add(line, 'kode_wilayah', regionProblem);
  else if (!regionExists(region.value)) problems.add(line, 'kode_wilayah', `wilayah ${region.value} belum ada di basis data; impor wilayahnya dahulu`);
  if (problems.count > reported) return null;
  return {
    line, jenis: jenis.data, regionCode: region.value, year: year.value, nomorUrut: nomor.value,
    kepala, wakil, kotakKosong: kosong.value, electionName: customName === '' ? null : customName,
  };
}

export const paslonKind: ImportKind<PaslonRow> = {
  columns: {
    required: ['jenis', 'kode_wilayah', 'tahun', 'nomor_urut', 'kepala', 'wakil'],
    optional: ['kotak_kosong', 'nama_pemilihan'],
  },

  validate(store, records, problems) {
    const regionStmt = store.db.prepare('SELECT 1 FROM region WHERE code = ?');
    const rows: PaslonRow[] = [];
    // races with a rejected row skip the whole-race checks: their list is incomplete, and a "missing
    // nomor urut" would only repeat that row's own error
    const incomplete = new Set<string>();
    for (const record of records) {
      const row = parseRow(record, problems, (code) => regionStmt.get(code) !== undefined);
      if (row) rows.push(row);
      else incomplete.add(rawRaceKey(record));
    }
    checkRaces(store, rows.filter((r) => !incomplete.has(raceKey(r))), problems);
    return rows;
  },

  scope() {
    return null;
  },

  apply(store, rows, progress) {
    const { db } = store;
    const regionName = db.prepare('SELECT name FROM region WHERE code = ?');
    const findElection = db.prepare('SELECT id FROM election WHERE jenis = ? AND region_code = ? AND year = ?');
    const insertElection = db.prepare('INSERT INTO election (jenis, region_code, name, year, demo) VALUES (?, ?, ?, ?, 0)');
    const renameElection = db.prepare('UPDATE election SET name = ?, demo = 0 WHERE id = ?');
    const existingPaslon = db.prepare('SELECT nomor_urut FROM paslon WHERE election_id = ?');
    const clearPaslon = db.prepare('DELETE FROM paslon WHERE election_id = ?');
    const insertPaslon = db.prepare('INSERT INTO paslon (election_id, nomor_urut, kepala, wakil, kotak_kosong) VALUES (?, ?, ?, ?, ?)');
    let inserted = 0;
    let updated = 0;
    let done = 0;
    for (const race of groupRaces(rows).values()) {
      const first = race[0]!;
      const name = race.find((p) => p.electionName !== null)?.electionName
        ?? electionName(first.jenis, (regionName.get(first.regionCode) as { name: string }).name, first.year);
      const found = findElection.get(first.jenis, first.regionCode, first.year) as { id: number } | undefined;
      const id = found?.id
        ?? Number(writeRow(first, 'kode_wilayah', () => insertElection.run(first.jenis, first.regionCode, name, first.year)).lastInsertRowid);
      if (found) renameElection.run(name, id);
      const before = new Set((existingPaslon.all(id) as { nomor_urut: number }[]).map((p) => p.nomor_urut));
      clearPaslon.run(id);
      for (const p of race) {
        writeRow(p, 'nomor_urut', () => insertPaslon.run(id, p.nomorUrut, p.kepala, p.wakil, p.kotakKosong ? 1 : 0));
        if (before.has(p.nomorUrut)) updated++;
        else inserted++;
        progress(++done);
      }
    }
    return { inserted, updated };
  },
};

/** Why a race of this kind cannot be held in this region, or null. Kab/kota 01–69 are kabupaten, 71–99 kota. */
function raceRegionProblem(jenis: JenisPemilihan, code: string): string | null {
  const kabkota = code.length === 4 ? Number(code.slice(2)) : 0;
  if (jenis === 'gubernur' && code.length !== 2) return `pemilihan gubernur diadakan di provinsi (kode 2 digit), bukan ${code}`;
  if (jenis === 'bupati' && (code.length !== 4 || kabkota > 69)) return `pemilihan bupati diadakan di kabupaten (kode 4 digit, 01–69), bukan ${code}`;
  if (jenis === 'walikota' && (code.length !== 4 || kabkota < 71)) return `pemilihan wali kota diadakan di kota (kode 4 digit, 71–99), bukan ${code}`;
  return null;
}

function groupRaces(rows: PaslonRow[]): Map<string, PaslonRow[]> {
  const races = new Map<string, PaslonRow[]>();
  for (const row of rows) {
    const list = races.get(raceKey(row)) ?? [];
    list.push(row);
    races.set(raceKey(row), list);
  }
  for (const list of races.values()) list.sort((a, b) => a.nomorUrut - b.nomorUrut);
  return races;
}

/** Checks that concern a whole race: numbering 1..n, the kotak kosong case, races that already have results. */
function checkRaces(store: Store, rows: PaslonRow[], problems: Problems): void {
  const hasResults = store.db.prepare(`
    SELECT 1 FROM election e WHERE e.jenis = ? AND e.region_code = ? AND e.year = ?
      AND (EXISTS (SELECT 1 FROM tally_value t WHERE t.election_id = e.id) OR EXISTS (SELECT 1 FROM tps_status s WHERE s.election_id = e.id))`);
  for (const race of groupRaces(rows).values()) {
    const first = race[0]!;
    const label = `${first.jenis} ${first.regionCode} ${first.year}`;
    const seen = new Map<number, number>();
    for (const p of [...race].sort((a, b) => a.line - b.line)) {
      const earlier = seen.get(p.nomorUrut);
      if (earlier !== undefined) problems.add(p.line, 'nomor_urut', `nomor urut ${p.nomorUrut} untuk pemilihan ${label} sudah ada di baris ${earlier}`);
      else seen.set(p.nomorUrut, p.line);
    }
    const numbers = [...seen.keys()].sort((a, b) => a - b);
    const missing = numbers.length > 0 ? Array.from({ length: numbers[numbers.length - 1]! }, (_, k) => k + 1).filter((n) => !seen.has(n)) : [];
    if (missing.length > 0) {
      problems.add(first.line, 'nomor_urut', `pemilihan ${label}: nomor urut harus berurutan mulai 1; nomor ${missing.join(', ')} tidak ada`);
    }
    const kosong = race.filter((p) => p.kotakKosong);
    if (kosong.length > 1) problems.add(kosong[1]!.line, 'kotak_kosong', `pemilihan ${label} hanya boleh punya satu baris kotak kosong`);
    if (kosong.length >= 1 && race.length !== 2) {
      problems.add(kosong[0]!.line, 'kotak_kosong', `pemilihan ${label} dengan kotak kosong harus berisi tepat satu paslon dan satu kotak kosong`);
    }
    if (kosong.length === 0 && race.length < 2) {
      problems.add(first.line, 'nomor_urut', `pemilihan ${label} hanya berisi satu paslon; calon tunggal melawan kotak kosong harus dicantumkan dengan baris kotak_kosong = ya`);
    }
    if (hasResults.get(first.jenis, first.regionCode, first.year) !== undefined) {
      problems.add(first.line, 'nomor_urut', `pemilihan ${label} sudah memiliki data hasil; daftar paslonnya tidak boleh diganti`);
    }
  }
}
