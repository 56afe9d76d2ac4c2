import { cell } from './columns.ts';
import { commonRegion, wholeNumber } from './fields.ts';
import { writeRow, type ImportKind } from './kind.ts';

/** TPS: `kode_tps` (desa code + 3-digit number), `dpt_l`, `dpt_p`. New TPS are added, known ones get the new DPT. */
export type TpsRow = { line: number; code: string; desa: string; nomor: number; dptL: number; dptP: number };

/** Pilkada 2024: at most 600 voters per TPS (PKPU 7/2024). */
export const MAX_DPT_PER_TPS = 600;

export const tpsKind: ImportKind<TpsRow> = {
  columns: { required: ['kode_tps', 'dpt_l', 'dpt_p'], optional: [] },

  validate(store, records, problems) {
    const rows: TpsRow[] = [];
    const lineOf = new Map<string, number>();
    const desaStmt = store.db.prepare("SELECT 1 FROM region WHERE code = ? AND level = 'desa'");
    const desaKnown = new Map<string, boolean>();
    for (const record of records) {
      const code = cell(record, 'kode_tps');
      const dptL = wholeNumber(cell(record, 'dpt_l'), 0, MAX_DPT_PER_TPS);
      const dptP = wholeNumber(cell(record, 'dpt_p'), 0, MAX_DPT_PER_TPS);
      let codeOk = false;
      if (!/^\d{13}$/.test(code)) {
        problems.add(record.line, 'kode_tps', `"${code}" bukan kode TPS: 13 digit (kode desa 10 digit + nomor TPS 3 digit)`);
      } else if (code.endsWith('000')) {
        problems.add(record.line, 'kode_tps', `nomor TPS pada kode ${code} tidak boleh 000`);
      } else {
        const desa = code.slice(0, 10);
        let known = desaKnown.get(desa);
        if (known === undefined) {
          known = desaStmt.get(desa) !== undefined;
          desaKnown.set(desa, known);
        }
        if (!known) problems.add(record.line, 'kode_tps', `desa/kelurahan ${desa} belum ada di basis data; impor wilayahnya dahulu`);
        else codeOk = true;
      }
      if (!dptL.ok) problems.add(record.line, 'dpt_l', dptL.message);
      if (!dptP.ok) problems.add(record.line, 'dpt_p', dptP.message);
      if (!codeOk || !dptL.ok || !dptP.ok) continue;
      if (dptL.value + dptP.value > MAX_DPT_PER_TPS) {
        problems.add(record.line, 'dpt_p', `DPT L+P = ${dptL.value + dptP.value} melebihi batas ${MAX_DPT_PER_TPS} pemilih per TPS`);
        continue;
      }
      const first = lineOf.get(code);
      if (first !== undefined) {
        problems.add(record.line, 'kode_tps', `kode TPS ${code} sudah ada di baris ${first}`);
        continue;
      }
      lineOf.set(code, record.line);
      rows.push({ line: record.line, code, desa: code.slice(0, 10), nomor: Number(code.slice(10)), dptL: dptL.value, dptP: dptP.value });
    }
    return rows;
  },

  scope(rows) {
    return commonRegion(rows.map((r) => r.desa));
  },

  apply(store, rows, progress) {
    const { db } = store;
    const existing = db.prepare('SELECT dpt_l, dpt_p FROM tps WHERE code = ?');
    const insert = db.prepare('INSERT INTO tps (code, desa_code, nomor, dpt_l, dpt_p) VALUES (?, ?, ?, ?, ?)');
    const update = db.prepare('UPDATE tps SET dpt_l = ?, dpt_p = ? WHERE code = ?');
    let inserted = 0;
    let updated = 0;
    rows.forEach((row, k) => {
      const before = existing.get(row.code) as { dpt_l: number; dpt_p: number } | undefined;
      if (before === undefined) {
        writeRow(row, 'kode_tps', () => insert.run(row.code, row.desa, row.nomor, row.dptL, row.dptP));
        inserted++;
      } else if (before.dpt_l !== row.dptL || before.dpt_p !== row.dptP) {
        writeRow(row, 'dpt_l', () => update.run(row.dptL, row.dptP, row.code));
        updated++;
      }
      if ((k + 1) % 1000 === 0) progress(k + 1);
    });
    progress(rows.length);
    return { inserted, updated };
  },
};
