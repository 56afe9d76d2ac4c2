import type { Tps, TpsStatus } from '../../../shared/domain/types.ts';
import type { Store } from '../open.ts';
import { subtreeRange } from '../subtree.ts';

type RawTps = [code: string, desaCode: string, nomor: number, dptL: number, dptP: number, status: TpsStatus];
type TpsRow = { code: string; desa_code: string; nomor: number; dpt_l: number; dpt_p: number; status: TpsStatus };

export type ListTpsQuery = { regionCode: string; status?: TpsStatus; offset: number; limit: number };

/**
 * TPS under a region (desa, kecamatan, kab/kota, provinsi), ordered by code, one page at a time.
 * The page is a primary-key range scan; the total comes from the region's stored counts.
 * An unknown region has no TPS.
 */
export function listTps(store: Store, query: ListTpsQuery): { items: Tps[]; total: number } {
  const { lo, hi } = subtreeRange(query.regionCode);
  const status = query.status ?? null;
  // raw rows (arrays) skip one object per row: a kabupaten page of 5,000 TPS is built twice as fast
  const items = (store.db.prepare(`
    SELECT code, desa_code, nomor, dpt_l, dpt_p, status FROM tps
    WHERE code >= @lo AND code < @hi AND (@status IS NULL OR status = @status)
    ORDER BY code LIMIT @limit OFFSET @offset`)
    .raw()
    .all({ lo, hi, status, limit: query.limit, offset: query.offset }) as RawTps[])
    .map(([code, desaCode, nomor, dptL, dptP, status]) => ({ code, desaCode, nomor, dptL, dptP, status }));
  const totals = store.db.prepare('SELECT * FROM region_stats WHERE code = ?').get(query.regionCode) as
    | (Record<TpsStatus, number> & { tps_count: number })
    | undefined;
  const total = totals === undefined ? 0 : status === null ? totals.tps_count : totals[status];
  return { items, total };
}

export function getTps(store: Store, code: string): Tps | null {
  const row = store.db.prepare('SELECT code, desa_code, nomor, dpt_l, dpt_p, status FROM tps WHERE code = ?').get(code) as TpsRow | undefined;
  return row ? toTps(row) : null;
}

function toTps(row: TpsRow): Tps {
  return { code: row.code, desaCode: row.desa_code, nomor: row.nomor, dptL: row.dpt_l, dptP: row.dpt_p, status: row.status };
}
