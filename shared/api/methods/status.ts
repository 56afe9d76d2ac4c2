/**
 * The status board (*pengecekan data terpublikasi dan belum terpublikasi*): every TPS under a region with
 * the stage its C.Hasil has reached and, when withheld or incomplete, why; and the same as a CSV file.
 * Counts per region come from `listRegionChildren` / `getStatusSummary` (core).
 */
import { z } from 'zod';
import { RegionCode, Tps, TpsStatus } from '../../domain/types.ts';
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

export const StatusCsv = z.object({
  /** `status-<region code>.csv` */
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
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(5000).default(100),
    }).strict(),
    StatusBoardPage,
  ),
  exportStatusCsv: method('read', z.object({ regionCode: RegionCode, status: TpsStatus.optional() }).strict(), StatusCsv),
} as const;
