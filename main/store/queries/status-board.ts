/**
 * The status board's rows: TPS under a region with their combined status, the names of their desa and
 * kecamatan, and the note that explains the status (why it is withheld, which page is missing).
 * A primary-key range scan, like listTps; the note comes from the per-race `tps_status` rows whose
 * status is the combined one (several races may give several reasons: joined with "; ").
 * With an `electionId` the rows are that race's: its status (no row = no_chasil) and its own reason,
 * over the TPS the race covers (see status-race.ts); the row comes by primary key (tps_code, election_id).
 */
import type { TpsStatus } from '../../../shared/domain/types.ts';
import type { Store } from '../open.ts';
import { subtreeRange } from '../subtree.ts';
import { raceScope, raceStatusCounts } from './status-race.ts';

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

export type StatusBoardQuery = { regionCode: string; status?: TpsStatus; electionId?: number; offset: number; limit: number };

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

const RACE_SELECT = `
  SELECT t.code, t.desa_code, t.nomor, t.dpt_l, t.dpt_p, coalesce(s.status, 'no_chasil') AS status, d.name, k.name, s.reason
  FROM tps t
  LEFT JOIN tps_status s ON s.tps_code = t.code AND s.election_id = @election
  JOIN region d ON d.code = t.desa_code
  JOIN region k ON k.code = substr(t.desa_code, 1, 6)
  WHERE t.code >= @lo AND t.code < @hi AND (@status IS NULL OR coalesce(s.status, 'no_chasil') = @status)
  ORDER BY t.code`;

export function listStatusBoardRows(store: Store, query: StatusBoardQuery): { items: StatusBoardRow[]; total: number } {
  if (query.electionId !== undefined) return listRaceRows(store, query, query.electionId);
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
export function allStatusBoardRows(store: Store, regionCode: string, status?: TpsStatus, electionId?: number): StatusBoardRow[] {
  if (electionId !== undefined) {
    const scope = scopeOf(store, regionCode, electionId);
    if (scope === null) return [];
    const { lo, hi } = subtreeRange(scope);
    return (store.db.prepare(RACE_SELECT).raw().all({ lo, hi, status: status ?? null, election: electionId }) as RawRow[]).map(toRow);
  }
  const { lo, hi } = subtreeRange(regionCode);
  return (store.db.prepare(SELECT).raw().all({ lo, hi, status: status ?? null }) as RawRow[]).map(toRow);
}

/** One race's rows: the page by a range scan, the total from the race's counts (a covering index scan). */
function listRaceRows(store: Store, query: StatusBoardQuery, electionId: number): { items: StatusBoardRow[]; total: number } {
  const scope = scopeOf(store, query.regionCode, electionId);
  if (scope === null) return { items: [], total: 0 };
  const { lo, hi } = subtreeRange(scope);
  const status = query.status ?? null;
  const raw = store.db.prepare(`${RACE_SELECT} LIMIT @limit OFFSET @offset`).raw()
    .all({ lo, hi, status, election: electionId, limit: query.limit, offset: query.offset }) as RawRow[];
  const tpsCount = (store.db.prepare('SELECT tps_count FROM region_stats WHERE code = ?').pluck().get(scope) as number | undefined) ?? 0;
  const total = status === null ? tpsCount : raceStatusCounts(store, electionId, scope, tpsCount)[status];
  return { items: raw.map(toRow), total };
}

/** The part of the region the race covers (null: none, or an unknown race). */
function scopeOf(store: Store, regionCode: string, electionId: number): string | null {
  const raceRegion = store.db.prepare('SELECT region_code FROM election WHERE id = ?').pluck().get(electionId) as string | undefined;
  return raceRegion === undefined ? null : raceScope(regionCode, raceRegion);
}

function toRow([code, desaCode, nomor, dptL, dptP, status, desaName, kecamatanName, note]: RawRow): StatusBoardRow {
  return { code, desaCode, nomor, dptL, dptP, status, desaName, kecamatanName, note };
}
