/**
 * The status board's rows: TPS under a region with their combined status, the names of their desa and
 * kecamatan, and the note that explains the status (why it is withheld, which page is missing).
 * A primary-key range scan, like listTps; the note comes from the per-race `tps_status` rows whose
 * status is the combined one (several races may give several reasons: joined with "; ").
 */
import type { TpsStatus } from '../../../shared/domain/types.ts';
import type { Store } from '../open.ts';
import { subtreeRange } from '../subtree.ts';

export type StatusBoardRow = {
  code: string;
  desaCode: string;
  nomor: number;
  dptL: number;
  dptP: number;
  status: TpsStatus;
  desaName: string;
  kecamatanName: string;
  note: string | null;
};

export type StatusBoardQuery = { regionCode: string; status?: TpsStatus; offset: number; limit: number };

type RawRow = [string, string, number, number, number, TpsStatus, string, string, string | null];

const SELECT = `
  SELECT t.code, t.desa_code, t.nomor, t.dpt_l, t.dpt_p, t.status, d.name, k.name,
    (SELECT group_concat(reason, '; ') FROM (
       SELECT DISTINCT s.reason FROM tps_status s
       WHERE s.tps_code = t.code AND s.status = t.status AND s.reason IS NOT NULL ORDER BY s.reason)) AS note
  FROM tps t
  JOIN region d ON d.code = t.desa_code
  JOIN region k ON k.code = substr(t.desa_code, 1, 6)
  WHERE t.code >= @lo AND t.code < @hi AND (@status IS NULL OR t.status = @status)
  ORDER BY t.code`;

export function listStatusBoardRows(store: Store, query: StatusBoardQuery): { items: StatusBoardRow[]; total: number } {
  const { lo, hi } = subtreeRange(query.regionCode);
  const status = query.status ?? null;
  const raw = store.db.prepare(`${SELECT} LIMIT @limit OFFSET @offset`).raw()
    .all({ lo, hi, status, limit: query.limit, offset: query.offset }) as RawRow[];
  const totals = store.db.prepare('SELECT * FROM region_stats WHERE code = ?').get(query.regionCode) as
    | (Record<TpsStatus, number> & { tps_count: number })
    | undefined;
  const total = totals === undefined ? 0 : status === null ? totals.tps_count : totals[status];
  return { items: raw.map(toRow), total };
}

/** Every row under the region (for the CSV export): a kabupaten has ~5,000, read in one statement. */
export function allStatusBoardRows(store: Store, regionCode: string, status?: TpsStatus): StatusBoardRow[] {
  const { lo, hi } = subtreeRange(regionCode);
  return (store.db.prepare(SELECT).raw().all({ lo, hi, status: status ?? null }) as RawRow[]).map(toRow);
}

function toRow([code, desaCode, nomor, dptL, dptP, status, desaName, kecamatanName, note]: RawRow): StatusBoardRow {
  return { code, desaCode, nomor, dptL, dptP, status, desaName, kecamatanName, note };
}
