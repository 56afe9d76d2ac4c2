/**
 * The status board (*pengecekan data terpublikasi dan belum terpublikasi*): every TPS under a region with
 * the stage its C.Hasil has reached and, when withheld or incomplete, why; and the same as a CSV file.
 * Counts per region come from `listRegionChildren` / `getStatusSummary` (core) for all races together, or
 * from `getStatusCounts` for one race.
 *
 * A TPS fills one C.Hasil per race (pemilihan) held there. Without `electionId` every method shows the
 * combined status (the least advanced over the races); with it, that race's own status and note, over
 * the TPS the race covers.
 */
import { z } from 'zod';
import { RegionCode, RegionSummary, Tps, TpsStatus } from '../../domain/types.ts';
import { method } from '../define.ts';

export const StatusBoardTps = Tps.extend({
  desaName: z.string(),
  kecamatanName: z.string(),
  /** Why the TPS is at its status: the withheld reason, or what is missing; null when nothing to say. */
  note: z.string().nullable(),
});
export type StatusBoardTps = z.infer<typeof StatusBoardTps>;

export const StatusBoardPage = z.object({ items: z.array(StatusBoardTps), total: z.number().int() });
export type StatusBoardPage = z.infer<typeof StatusBoardPage>;

/** A region and its children with TPS counts per state, for one race or (no race) all races combined. */
export const StatusBoardCounts = z.object({ region: RegionSummary, children: z.array(RegionSummary) });
export type StatusBoardCounts = z.infer<typeof StatusBoardCounts>;

const ElectionId = z.number().int().min(1);

export const StatusCsv = z.object({
  /**
   * `status-<region code>[-<jenis>[-<race region code>]][-<status>].csv`, e.g. status-3506.csv (all races),
   * status-3506-bupati.csv; the race's region is added when several races of that kind lie in the region.
   */
  fileName: z.string(),
  /** UTF-8 text with a BOM (spreadsheets then read the names right), CRLF lines, RFC 4180 quoting. */
  csv: z.string(),
  rows: z.number().int(),
});
export type StatusCsv = z.infer<typeof StatusCsv>;

export const statusMethods = {
  listStatusBoardTps: method(
    'read',
    z.object({
      regionCode: RegionCode,
      status: TpsStatus.optional(),
      /** One race: its status and note per TPS, only the TPS it covers. Absent: all races combined. */
      electionId: ElectionId.optional(),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(5000).default(100),
    }).strict(),
    StatusBoardPage,
  ),
  /** With `electionId` the CSV has a "Pemilihan" column first and the race's status and note. */
  exportStatusCsv: method(
    'read',
    z.object({ regionCode: RegionCode, status: TpsStatus.optional(), electionId: ElectionId.optional() }).strict(),
    StatusCsv,
  ),
  /**
   * The board's counts: the region (strip, summary) and its children (per kecamatan/desa), per state.
   * Without `electionId` the same as getRegion + listRegionChildren (stored aggregates, O(children));
   * with it, counted on demand for that race (one index range scan; children it does not cover left out).
   */
  getStatusCounts: method('read', z.object({ regionCode: RegionCode, electionId: ElectionId.optional() }).strict(), StatusBoardCounts),
} as const;
