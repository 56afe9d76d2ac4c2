import type { CsvTable } from './csv.ts';
import type { Problems } from './problems.ts';
import type { InputRecord } from './result.ts';

/** The columns of one kind of file. Names are matched without regard to case or surrounding spaces. */
export type ColumnSpec = { required: readonly string[]; optional: readonly string[] };

/** CSV: checks the header once (line 1 of the file) and turns rows into records. */
export function csvRecords(table: CsvTable, spec: ColumnSpec, problems: Problems, headerLine = 1): InputRecord[] {
  const known = new Set([...spec.required, ...spec.optional]);
  const seen = new Set<string>();
  for (const name of table.header) {
    if (!known.has(name)) problems.add(headerLine, name, `kolom "${name}" tidak dikenal; kolom yang dikenal: ${[...known].join(', ')}`);
    else if (seen.has(name)) problems.add(headerLine, name, `kolom "${name}" muncul dua kali`);
    seen.add(name);
  }
  for (const name of spec.required) {
    if (!seen.has(name)) problems.add(headerLine, name, `kolom wajib "${name}" tidak ada`);
  }
  if (problems.any) return [];
  const records: InputRecord[] = [];
  for (const row of table.records) {
    if (row.cells.length !== table.header.length) {
      problems.add(row.line, '', `baris ini berisi ${row.cells.length} kolom, sedangkan judul berisi ${table.header.length}`);
      continue;
    }
    records.push({ line: row.line, values: Object.fromEntries(table.header.map((h, k) => [h, row.cells[k]!])) });
  }
  return records;
}

/** JSON: each object must have the required keys and no unknown ones. */
export function checkJsonRecords(records: InputRecord[], spec: ColumnSpec, problems: Problems): InputRecord[] {
  const known = new Set([...spec.required, ...spec.optional]);
  const good: InputRecord[] = [];
  for (const record of records) {
    let ok = true;
    for (const name of Object.keys(record.values)) {
      if (!known.has(name)) {
        problems.add(record.line, name, `kolom "${name}" tidak dikenal; kolom yang dikenal: ${[...known].join(', ')}`);
        ok = false;
      }
    }
    for (const name of spec.required) {
      if (!(name in record.values)) {
        problems.add(record.line, name, `kolom wajib "${name}" tidak ada`);
        ok = false;
      }
    }
    if (ok) good.push(record);
  }
  return good;
}

/** A cell's text with surrounding spaces removed ('' when the column is absent). */
export function cell(record: InputRecord, name: string): string {
  return (record.values[name] ?? '').trim();
}
