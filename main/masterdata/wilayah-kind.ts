import type { RegionLevel } from '../../shared/domain/types.ts';
import { levelOfCode } from '../../shared/domain/types.ts';
import { cell } from './columns.ts';
import { commonRegion, name, regionCode } from './fields.ts';
import { writeRow, type ImportKind } from './kind.ts';

/** Regions: `kode` (2, 4, 6 or 10 digits), `nama`. New codes are added, known codes renamed. */
export type WilayahRow = { line: number; code: string; name: string };

const LEVEL_WORD: Record<RegionLevel, string> = {
  provinsi: 'provinsi',
  kabkota: 'kabupaten/kota',
  kecamatan: 'kecamatan',
  desa: 'desa/kelurahan',
};

export const wilayahKind: ImportKind<WilayahRow> = {
  columns: { required: ['kode', 'nama'], optional: [] },

  validate(store, records, problems) {
    const rows: WilayahRow[] = [];
    const lineOf = new Map<string, number>();
    for (const record of records) {
      const code = regionCode(cell(record, 'kode'));
      const label = name(cell(record, 'nama'));
      if (!code.ok) problems.add(record.line, 'kode', code.message);
      if (!label.ok) problems.add(record.line, 'nama', label.message);
      if (!code.ok || !label.ok) continue;
      const first = lineOf.get(code.value);
      if (first !== undefined) {
        problems.add(record.line, 'kode', `kode ${code.value} sudah ada di baris ${first}`);
        continue;
      }
      lineOf.set(code.value, record.line);
      rows.push({ line: record.line, code: code.value, name: label.value });
    }
    // every region needs its parent, from this file or already in the database
    const inDb = store.db.prepare('SELECT 1 FROM region WHERE code = ?');
    for (const row of rows) {
      if (row.code.length === 2) continue;
      const parent = row.code.slice(0, row.code.length === 10 ? 6 : row.code.length - 2);
      if (!lineOf.has(parent) && inDb.get(parent) === undefined) {
        problems.add(row.line, 'kode', `induk wilayah ${parent} (${LEVEL_WORD[levelOfCode(parent)]}) tidak ada di berkas ini maupun di basis data`);
      }
    }
    return rows;
  },

  scope(rows) {
    return commonRegion(rows.map((r) => r.code));
  },

  apply(store, rows, progress) {
    const { db } = store;
    const existing = db.prepare('SELECT name FROM region WHERE code = ?');
    const insert = db.prepare('INSERT INTO region (code, parent_code, level, name) VALUES (?, ?, ?, ?)');
    const rename = db.prepare('UPDATE region SET name = ? WHERE code = ?');
    let inserted = 0;
    let updated = 0;
    // parents before children: a code sorts before every code it prefixes
    const ordered = [...rows].sort((a, b) => (a.code < b.code ? -1 : 1));
    ordered.forEach((row, k) => {
      const before = existing.get(row.code) as { name: string } | undefined;
      if (before === undefined) {
        const level = levelOfCode(row.code);
        const parent = level === 'provinsi' ? null : row.code.slice(0, row.code.length === 10 ? 6 : row.code.length - 2);
        writeRow(row, 'kode', () => insert.run(row.code, parent, level, row.name));
        inserted++;
      } else if (before.name !== row.name) {
        writeRow(row, 'nama', () => rename.run(row.name, row.code));
        updated++;
      }
      if ((k + 1) % 1000 === 0) progress(k + 1);
    });
    progress(rows.length);
    return { inserted, updated };
  },
};
