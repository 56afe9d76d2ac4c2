/**
 * Withheld pages (*ditahan / tidak dipublikasikan*, issue 4): a page the recogniser found is not a C.Hasil is
 * withheld at import (main/intake/commit-reading.ts, `sheet.withhold`, actor `sistem`) and its TPS with it.
 * The PPK sees the list; only a KPU Kab/Kota user may unlock one (the API checks the role), with a reason.
 *
 * Unlocking sets the page aside: `withheld = 0` (its reason stays on the row for the record) and
 * `replaced_by = its own id`, which every reader of "current pages" already skips (replaced_by IS NULL).
 * The TPS's status is re-derived from the pages left — usually "belum ada C.Hasil" — so the PPK can attach a
 * new photo (re-photo) through the ordinary import, filed under the TPS. When that photo arrives, the list
 * shows the page as replaced. Nothing is deleted: the photo, its reading and every step stay in the audit log.
 */
import { refreshTpsStatus } from '../intake/tps-status.ts';
import type { Store } from '../store/open.ts';
import { appendAudit } from '../store/queries/audit.ts';
import type { TpsStatus } from '../../shared/domain/types.ts';
import type { ReviewResult } from './types.ts';
import type { Who } from './write-review.ts';

export type WithheldState = 'withheld' | 'unlocked' | 'replaced';

export interface WithheldItem {
  sheetId: number;
  sha256: string;
  mime: string;
  /** The file name it came in as. */
  sourceName: string | null;
  tpsCode: string | null;
  tpsNumber: number | null;
  desaName: string | null;
  kecamatanName: string | null;
  electionId: number | null;
  electionName: string | null;
  tpsStatus: TpsStatus | null;
  reason: string;
  state: WithheldState;
  /** When it was withheld and by whom (`sistem` for the automatic check), and who imported the file. */
  withheldAt: string;
  withheldBy: string;
  importedBy: string | null;
  unlockedAt: string | null;
  unlockedBy: string | null;
  unlockReason: string | null;
  /** The first page that arrived for the TPS after the unlock (the re-photo), when there is one. */
  newSheetId: number | null;
  newSheetAt: string | null;
}

interface Row {
  id: number; blob_sha256: string; mime: string; source_name: string | null; tps_code: string | null; election_id: number | null;
  withheld: number; withheld_reason: string; replaced_by: number | null; created_at: string;
  tps_nomor: number | null; desa_name: string | null; kec_name: string | null; election_name: string | null; status: TpsStatus | null;
}

interface AuditHit { id: number; at: string; actor: string; action: string; reason: string | null; sheet_id: number | null }

/**
 * Every page ever withheld in the region (a kecamatan, a kab/kota, or everything when null), the ones
 * still withheld first, newest first within. Pages not attached to any TPS are always listed: they came in
 * at this device and someone has to see them.
 */
export function listWithheld(store: Store, regionCode: string | null): WithheldItem[] {
  const rows = store.db.prepare(`
    SELECT s.id, s.blob_sha256, b.mime, s.source_name, s.tps_code, s.election_id, s.withheld, s.withheld_reason, s.replaced_by, s.created_at,
           t.nomor AS tps_nomor, d.name AS desa_name, k.name AS kec_name, e.name AS election_name, ts.status
    FROM sheet s
    JOIN blob b ON b.sha256 = s.blob_sha256
    LEFT JOIN tps t ON t.code = s.tps_code
    LEFT JOIN region d ON d.code = substr(s.tps_code, 1, 10)
    LEFT JOIN region k ON k.code = substr(s.tps_code, 1, 6)
    LEFT JOIN election e ON e.id = s.election_id
    LEFT JOIN tps_status ts ON ts.tps_code = s.tps_code AND ts.election_id = s.election_id
    WHERE s.withheld_reason IS NOT NULL
      AND (s.withheld = 1 OR s.replaced_by IS NOT NULL)
      AND (@region IS NULL OR s.tps_code IS NULL OR substr(s.tps_code, 1, length(@region)) = @region)
    ORDER BY s.withheld DESC, s.id DESC`).all({ region: regionCode }) as Row[];
  if (rows.length === 0) return [];

  // One pass over the log for the steps of these pages (who withheld, imported, unlocked them, and when).
  const ids = new Set(rows.map((r) => r.id));
  const hits = store.db.prepare(`
    SELECT id, at, actor, action, reason, json_extract(after, '$.sheetId') AS sheet_id FROM audit_log
    WHERE action IN ('sheet.add', 'sheet.withhold', 'sheet.unlock')`).all() as AuditHit[];
  const steps = new Map<number, Partial<Record<'add' | 'withhold' | 'unlock', AuditHit>>>();
  for (const hit of hits) {
    if (hit.sheet_id === null || !ids.has(hit.sheet_id)) continue;
    const entry = steps.get(hit.sheet_id) ?? {};
    entry[hit.action.slice('sheet.'.length) as 'add' | 'withhold' | 'unlock'] = hit;
    steps.set(hit.sheet_id, entry);
  }
  const firstAfter = store.db.prepare(`
    SELECT id, created_at FROM sheet WHERE tps_code = ? AND election_id = ? AND id > ? AND replaced_by IS NULL ORDER BY id LIMIT 1`);

  return rows.map((r): WithheldItem => {
    const step = steps.get(r.id) ?? {};
    const unlocked = r.withheld === 0;
    const next = unlocked && r.tps_code !== null && r.election_id !== null
      ? (firstAfter.get(r.tps_code, r.election_id, r.id) as { id: number; created_at: string } | undefined)
      : undefined;
    return {
      sheetId: r.id, sha256: r.blob_sha256, mime: r.mime, sourceName: r.source_name,
      tpsCode: r.tps_code, tpsNumber: r.tps_nomor, desaName: r.desa_name, kecamatanName: r.kec_name,
      electionId: r.election_id, electionName: r.election_name, tpsStatus: r.status,
      reason: r.withheld_reason,
      state: !unlocked ? 'withheld' : next ? 'replaced' : 'unlocked',
      withheldAt: step.withhold?.at ?? r.created_at,
      withheldBy: step.withhold?.actor ?? 'sistem',
      importedBy: step.add?.actor ?? null,
      unlockedAt: step.unlock?.at ?? null,
      unlockedBy: step.unlock?.actor ?? null,
      unlockReason: step.unlock?.reason ?? null,
      newSheetId: next?.id ?? null,
      newSheetAt: next?.created_at ?? null,
    };
  });
}

/** The region a withheld page belongs to, for the caller's scope check (null: not attached to a TPS). */
export function withheldSheetTps(store: Store, sheetId: number): { found: boolean; tpsCode: string | null } {
  const row = store.db.prepare('SELECT tps_code FROM sheet WHERE id = ?').get(sheetId) as { tps_code: string | null } | undefined;
  return { found: row !== undefined, tpsCode: row?.tps_code ?? null };
}

/**
 * Unlocks one withheld page (the caller has checked the role): sets it aside, re-derives its TPS's status,
 * and records who, why and on which photo, all in one transaction.
 */
export function unlockWithheld(
  store: Store, who: Who, sheetId: number, reason: string,
): ReviewResult<{ tpsCode: string | null; electionId: number | null; status: TpsStatus | null }> {
  const why = reason.trim();
  if (why.length === 0) return { ok: false, code: 'invalid', message: 'sebutkan alasan membuka foto yang ditahan' };
  return store.db.transaction((): ReviewResult<{ tpsCode: string | null; electionId: number | null; status: TpsStatus | null }> => {
    const sheet = store.db.prepare('SELECT id, blob_sha256, tps_code, election_id, withheld, withheld_reason FROM sheet WHERE id = ?').get(sheetId) as
      | { id: number; blob_sha256: string; tps_code: string | null; election_id: number | null; withheld: number; withheld_reason: string | null }
      | undefined;
    if (!sheet) return { ok: false, code: 'not_found', message: `halaman #${sheetId} tidak ditemukan` };
    if (sheet.withheld !== 1) return { ok: false, code: 'conflict', message: `halaman #${sheetId} tidak sedang ditahan` };
    store.db.prepare('UPDATE sheet SET withheld = 0, replaced_by = id WHERE id = ?').run(sheetId);
    appendAudit(store, {
      actor: who.actor, device: who.device, action: 'sheet.unlock',
      entity: sheet.tps_code ? `tps:${sheet.tps_code}` : `sheet:${sheetId}`,
      before: { sheetId, withheld: true, reason: sheet.withheld_reason },
      after: { sheetId, withheld: false, setAside: true, electionId: sheet.election_id, evidence: sheet.blob_sha256 },
      reason: why,
    });
    let status: TpsStatus | null = null;
    if (sheet.tps_code !== null && sheet.election_id !== null) {
      refreshTpsStatus(store, sheet.tps_code, sheet.election_id, who);
      const row = store.db.prepare('SELECT status FROM tps_status WHERE tps_code = ? AND election_id = ?').get(sheet.tps_code, sheet.election_id) as
        | { status: TpsStatus }
        | undefined;
      status = row?.status ?? 'no_chasil';
    }
    return { ok: true, value: { tpsCode: sheet.tps_code, electionId: sheet.election_id, status } };
  }).immediate();
}
