/**
 * A TPS's C.Hasil status for one race, derived from the sheets attached to it:
 *
 * - withheld:     a current sheet is withheld (e.g. a photo of something that is not a C.Hasil), with its reason;
 * - needs_review: every page of the form is there and read (or a page the machine could not place is
 *                 there, which only a person can sort out): ready for the operator to check and verify;
 * - received:     pages have arrived but the form is not complete yet (e.g. hal 1 of 2);
 * - verified:     set by a person (review, issue 4) and never taken back by an import.
 *
 * Written with an audit entry whenever it changes; the store's triggers carry it into `tps.status` and
 * the region counts.
 */
import { appendAudit } from '../store/queries/audit.ts';
import type { Store } from '../store/open.ts';
import { formPageInfo } from './form-info.ts';
import type { TpsIntakeStatus } from './types.ts';
import { stmt } from './statements.ts';

export interface DerivedStatus {
  status: TpsIntakeStatus;
  reason: string | null;
}

interface SheetRow {
  id: number;
  halaman: number | null;
  template_id: string | null;
  withheld: number;
  withheld_reason: string | null;
}

export function deriveTpsStatus(store: Store, tpsCode: string, electionId: number): DerivedStatus {
  const current = currentStatus(store, tpsCode, electionId);
  if (current?.status === 'verified') return current;
  const sheets = stmt(store, `
    SELECT s.id, s.halaman, s.template_id, s.withheld, s.withheld_reason
    FROM sheet s LEFT JOIN sheet_intake si ON si.sheet_id = s.id
    WHERE s.tps_code = ? AND s.election_id = ? AND s.replaced_by IS NULL AND si.problem IS NULL
    ORDER BY s.id`).all(tpsCode, electionId) as SheetRow[];
  if (sheets.length === 0) return { status: 'no_chasil', reason: null };
  const withheld = sheets.find((s) => s.withheld === 1);
  if (withheld) return { status: 'withheld', reason: withheld.withheld_reason };
  if (sheets.some((s) => s.halaman === null || s.template_id === null)) return { status: 'needs_review', reason: null };
  const pages = Math.max(...sheets.map((s) => formPageInfo(s.template_id)?.pages ?? 1));
  const present = new Set(sheets.map((s) => s.halaman));
  for (let h = 1; h <= pages; h++) {
    if (!present.has(h)) return { status: 'received', reason: `halaman ${h} dari ${pages} belum ada` };
  }
  return { status: 'needs_review', reason: null };
}

export function currentStatus(store: Store, tpsCode: string, electionId: number): DerivedStatus | null {
  const row = stmt(store, 'SELECT status, reason FROM tps_status WHERE tps_code = ? AND election_id = ?').get(tpsCode, electionId) as
    | { status: TpsIntakeStatus; reason: string | null }
    | undefined;
  return row ? { status: row.status, reason: row.reason } : null;
}

/**
 * Re-derives and stores the status (in the caller's transaction). Returns the new status when it changed,
 * null when it did not.
 */
export function refreshTpsStatus(
  store: Store,
  tpsCode: string,
  electionId: number,
  audit: { actor: string; device: string },
): DerivedStatus | null {
  const before = currentStatus(store, tpsCode, electionId);
  const after = deriveTpsStatus(store, tpsCode, electionId);
  if (before && before.status === after.status && before.reason === after.reason) return null;
  if (!before && after.status === 'no_chasil') return null;
  stmt(store, `
    INSERT INTO tps_status (tps_code, election_id, status, reason, updated_at) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (tps_code, election_id) DO UPDATE SET status = excluded.status, reason = excluded.reason, updated_at = excluded.updated_at`)
    .run(tpsCode, electionId, after.status, after.reason, new Date().toISOString());
  appendAudit(store, {
    actor: audit.actor,
    device: audit.device,
    action: 'tps.status',
    entity: `tps:${tpsCode}`,
    before: before ? { electionId, ...before } : null,
    after: { electionId, ...after },
  });
  return after;
}
