/**
 * What an import did, for the operator: counts per item state, pages stored, the status of the TPS it
 * touched, and every file or page that needs attention (failed, duplicate, cancelled, flagged, withheld),
 * each with its message in Bahasa Indonesia. The CLI prints it; the import screen can show the same.
 */
import type { Store } from '../store/open.ts';
import { countItems, getBatch, type BatchRow } from './queue-store.ts';
import { stmt } from './statements.ts';
import type { ItemCounts, TpsIntakeStatus } from './types.ts';

export type AttentionKind =
  | 'failed' | 'duplicate' | 'cancelled' | 'identity_conflict' | 'unknown_tps' | 'no_tps' | 'race_unknown' | 'withheld' | 'unregistered';

export interface AttentionEntry {
  kind: AttentionKind;
  name: string;
  page: number | null;
  message: string;
}

export interface BatchReport {
  batch: BatchRow;
  counts: ItemCounts;
  pages: number;
  /** TPS with a page from this batch, by their status now (per race). */
  tpsStatus: Partial<Record<TpsIntakeStatus, number>>;
  attention: AttentionEntry[];
}

export function batchReport(store: Store, batchId: number): BatchReport | null {
  const batch = getBatch(store, batchId);
  if (!batch) return null;
  const counts = countItems(store, [batchId]);
  const pages = stmt(store, `SELECT count(*) FROM sheet_intake si JOIN import_item i ON i.id = si.item_id WHERE i.batch_id = ?`).pluck().get(batchId) as number;
  const statusRows = stmt(store, `
    SELECT ts.status, count(*) AS n FROM tps_status ts
    WHERE EXISTS (SELECT 1 FROM sheet s JOIN sheet_intake si ON si.sheet_id = s.id JOIN import_item i ON i.id = si.item_id
                  WHERE i.batch_id = ? AND s.tps_code = ts.tps_code AND s.election_id = ts.election_id)
    GROUP BY ts.status`).all(batchId) as { status: TpsIntakeStatus; n: number }[];
  const tpsStatus = Object.fromEntries(statusRows.map((r) => [r.status, r.n]));

  const attention: AttentionEntry[] = [];
  const items = stmt(store, `SELECT name, state, message FROM import_item WHERE batch_id = ? AND state IN ('failed', 'duplicate', 'cancelled') ORDER BY seq`)
    .all(batchId) as { name: string; state: 'failed' | 'duplicate' | 'cancelled'; message: string | null }[];
  for (const item of items) {
    attention.push({ kind: item.state, name: item.name, page: null, message: item.message ?? 'Impor dibatalkan sebelum berkas ini dibaca.' });
  }
  const sheets = stmt(store, `
    SELECT i.name, s.blob_page AS page, s.verdict, s.withheld, s.withheld_reason AS withheldReason, si.problem, si.problem_detail AS detail,
           (SELECT json_extract(r.detail, '$.reason') FROM reading r WHERE r.sheet_id = s.id ORDER BY r.id DESC LIMIT 1) AS reason,
           (SELECT count(*) FROM sheet x WHERE x.blob_sha256 = s.blob_sha256) AS pagesInFile
    FROM sheet_intake si JOIN sheet s ON s.id = si.sheet_id JOIN import_item i ON i.id = si.item_id
    WHERE i.batch_id = ? AND (si.problem IS NOT NULL OR s.withheld = 1 OR s.verdict = 'unregistered')
    ORDER BY i.seq, s.blob_page`).all(batchId) as {
    name: string; page: number; verdict: string; withheld: number; withheldReason: string | null;
    problem: AttentionKind | null; detail: string | null; reason: string | null; pagesInFile: number;
  }[];
  for (const s of sheets) {
    const page = s.pagesInFile > 1 ? s.page : null;
    if (s.problem) attention.push({ kind: s.problem, name: s.name, page, message: s.detail ?? '' });
    if (s.withheld === 1) attention.push({ kind: 'withheld', name: s.name, page, message: s.withheldReason ?? '' });
    else if (s.verdict === 'unregistered') {
      attention.push({
        kind: 'unregistered', name: s.name, page,
        message: `Mesin tidak dapat membaca halaman ini${s.reason ? ` (${s.reason.replace(/[.\s]+$/, '')})` : ''}; angkanya perlu diketik dari foto.`,
      });
    }
  }
  return { batch, counts, pages, tpsStatus, attention };
}
