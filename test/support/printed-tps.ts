/**
 * What a TPS's C.Hasil prints in its header and QR code (code, nomor, desa, kecamatan, kab/kota, provinsi),
 * from the store's regions: synthetic pages for a real TPS (test/support/synth `kwk.tps`) then match it.
 */
import type { Store } from '../../main/store/index.ts';
import type { PrintedTps } from './synth/blank-pages.ts';

export function printedTpsRows(store: Store, fromCode: string, count: number): PrintedTps[] {
  return store.db.prepare(`
    SELECT t.code, t.nomor, desa.name AS desa, kec.name AS kecamatan, kab.name AS kabkota, prov.name AS provinsi
    FROM tps t
    JOIN region desa ON desa.code = t.desa_code
    JOIN region kec ON kec.code = desa.parent_code
    JOIN region kab ON kab.code = kec.parent_code
    JOIN region prov ON prov.code = kab.parent_code
    WHERE t.code >= ? ORDER BY t.code LIMIT ?`).all(fromCode, count) as PrintedTps[];
}

export function printedTps(store: Store, code: string): PrintedTps {
  const [row] = printedTpsRows(store, code, 1);
  if (!row || row.code !== code) throw new Error(`TPS ${code} tidak ada di basis data`);
  return row;
}
