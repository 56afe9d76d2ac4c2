/**
 * The operator decides which TPS (and race) a page belongs to: for a page no claim placed, one whose claims
 * conflicted, or one filed under the wrong TPS. The decision is a claim of its own (recorded, audited),
 * clears the page's problem, merges its machine values and re-derives the status of the TPS it leaves and
 * the one it joins. API-callable: the review screen's "Pilih TPS" lands here.
 */
import type { Store } from '../store/open.ts';
import { appendAudit } from '../store/queries/audit.ts';
import { getSettings } from '../store/queries/settings.ts';
import { loadAttachContext, type Claim } from './attach.ts';
import { formPageInfo } from './form-info.ts';
import { mergeMachineValues } from './tally-merge.ts';
import { refreshTpsStatus, type DerivedStatus } from './tps-status.ts';
import type { FieldReading } from '../../shared/recognition/reading.ts';
import { stmt } from './statements.ts';

export interface AttachChoice {
  sheetId: number;
  tpsCode: string;
  electionId: number;
  actor: string;
  reason?: string | null;
  /**
   * The operator read the page and still files it under another TPS than its own QR / page tag names
   * (e.g. a KPPS used a neighbour's blank form). Needs a reason; both are in the audit entry.
   */
  againstPage?: boolean;
}

/** What the page itself says it is (its QR or printed tag), when that names a TPS. */
export interface PageOwnClaim {
  source: 'qr' | 'page_tag';
  tps: string;
}

export type AttachResult =
  | { ok: true; status: DerivedStatus; previous: { tpsCode: string; electionId: number } | null }
  | { ok: false; code: 'not_found' | 'invalid'; message: string }
  /** The page names another TPS: repeat with `againstPage` and a reason to file it there anyway. */
  | { ok: false; code: 'confirm'; page: PageOwnClaim; message: string };

const PAGE_SOURCE_LABEL: Record<PageOwnClaim['source'], string> = { qr: 'Kode QR', page_tag: 'Tanda halaman' };

/** The TPS the page's own marks name, strongest first (null when the page says nothing about it). */
export function pageOwnClaim(claims: readonly Claim[]): PageOwnClaim | null {
  for (const source of ['qr', 'page_tag'] as const) {
    const claim = claims.find((c) => c.source === source && c.tps);
    if (claim?.tps) return { source, tps: claim.tps };
  }
  return null;
}

/**
 * The race to attach to when the operator names only the TPS: the page's own (if it was placed in one),
 * else the race its import was started for. Null: the operator must choose; undefined: no such page.
 */
export function defaultElectionFor(store: Store, sheetId: number): number | null | undefined {
  const row = stmt(store, `
    SELECT s.election_id AS sheetRace, b.election_id AS batchRace
    FROM sheet s
    LEFT JOIN sheet_intake si ON si.sheet_id = s.id
    LEFT JOIN import_item i ON i.id = si.item_id
    LEFT JOIN import_batch b ON b.id = i.batch_id
    WHERE s.id = ?`).get(sheetId) as { sheetRace: number | null; batchRace: number | null } | undefined;
  return row ? (row.sheetRace ?? row.batchRace ?? null) : undefined;
}

export function attachSheetByOperator(store: Store, choice: AttachChoice): AttachResult {
  const { db } = store;
  const ctx = loadAttachContext(store);
  const sheet = stmt(store, 'SELECT id, blob_sha256, tps_code, election_id, template_id, verdict FROM sheet WHERE id = ?').get(choice.sheetId) as
    | { id: number; blob_sha256: string; tps_code: string | null; election_id: number | null; template_id: string | null; verdict: string | null }
    | undefined;
  if (!sheet) return { ok: false, code: 'not_found', message: `halaman #${choice.sheetId} tidak ditemukan` };
  if (!ctx.tpsExists(choice.tpsCode)) return { ok: false, code: 'not_found', message: `TPS ${choice.tpsCode} tidak ada di data induk` };
  const race = ctx.races.find((r) => r.id === choice.electionId);
  if (!race) return { ok: false, code: 'not_found', message: `pemilihan #${choice.electionId} tidak ditemukan` };
  if (!choice.tpsCode.startsWith(race.regionCode)) {
    return { ok: false, code: 'invalid', message: `TPS ${choice.tpsCode} berada di luar wilayah ${race.name}` };
  }
  const columns = formPageInfo(sheet.template_id)?.voteColumns ?? null;
  if (columns !== null && race.columns > 0 && columns !== race.columns) {
    return { ok: false, code: 'invalid', message: `formulir halaman ini memuat ${columns} kolom suara paslon, sedangkan ${race.name} punya ${race.columns} paslon` };
  }
  const known = stmt(store, 'SELECT claims FROM sheet_intake WHERE sheet_id = ?').get(sheet.id) as { claims: string } | undefined;
  const own = known ? pageOwnClaim(JSON.parse(known.claims) as Claim[]) : null;
  const overridesPage = own !== null && own.tps !== choice.tpsCode;
  if (overridesPage && !(choice.againstPage && choice.reason?.trim())) {
    return {
      ok: false,
      code: 'confirm',
      page: own,
      message: `${PAGE_SOURCE_LABEL[own.source]} pada halaman ini menyebut TPS ${own.tps}, bukan ${choice.tpsCode}. ` +
        'Periksa fotonya; bila tetap ingin memasukkannya ke TPS pilihan Anda, konfirmasi dan tulis alasannya.',
    };
  }
  const device = getSettings(store).deviceName;
  const previous = sheet.tps_code !== null && sheet.election_id !== null ? { tpsCode: sheet.tps_code, electionId: sheet.election_id } : null;

  return db.transaction((): AttachResult => {
    const intake = stmt(store, 'SELECT claims, problem FROM sheet_intake WHERE sheet_id = ?').get(sheet.id) as
      | { claims: string; problem: string | null }
      | undefined;
    const claims: Claim[] = intake ? (JSON.parse(intake.claims) as Claim[]).filter((c) => c.source !== 'operator') : [];
    claims.push({ source: 'operator', tps: choice.tpsCode });
    stmt(store, `UPDATE sheet SET tps_code = ?, election_id = ?, attached_by = 'operator' WHERE id = ?`).run(choice.tpsCode, choice.electionId, sheet.id);
    if (intake) {
      stmt(store, 'UPDATE sheet_intake SET claims = ?, problem = NULL, problem_detail = NULL WHERE sheet_id = ?').run(JSON.stringify(claims), sheet.id);
    } else {
      stmt(store, 'INSERT INTO sheet_intake (sheet_id, item_id, claims) VALUES (?, NULL, ?)').run(sheet.id, JSON.stringify(claims));
    }
    appendAudit(store, {
      actor: choice.actor,
      device,
      action: 'sheet.attach',
      entity: `tps:${choice.tpsCode}`,
      before: { sheetId: sheet.id, tps: sheet.tps_code, electionId: sheet.election_id, problem: intake?.problem ?? null },
      after: {
        sheetId: sheet.id, tps: choice.tpsCode, electionId: choice.electionId, attachedBy: 'operator',
        ...(overridesPage ? { againstPage: own } : {}),
      },
      reason: choice.reason ?? null,
    });
    if (sheet.verdict === 'accepted' || sheet.verdict === 'needs_review') {
      const latest = stmt(store, 'SELECT id, detail FROM reading WHERE sheet_id = ? ORDER BY id DESC LIMIT 1').get(sheet.id) as
        | { id: number; detail: string | null }
        | undefined;
      const fields = latest?.detail ? ((JSON.parse(latest.detail) as { fields?: Record<string, FieldReading> }).fields ?? {}) : {};
      if (latest) {
        mergeMachineValues(store, {
          tpsCode: choice.tpsCode, electionId: choice.electionId, sheetId: sheet.id, readingId: latest.id,
          blobSha256: sheet.blob_sha256, fields, actor: choice.actor, device,
        });
      }
    }
    if (previous && (previous.tpsCode !== choice.tpsCode || previous.electionId !== choice.electionId)) {
      withdrawMachineValues(store, sheet.id, previous, choice.actor, device);
      refreshTpsStatus(store, previous.tpsCode, previous.electionId, { actor: choice.actor, device });
    }
    refreshTpsStatus(store, choice.tpsCode, choice.electionId, { actor: choice.actor, device });
    const status = (stmt(store, 'SELECT status, reason FROM tps_status WHERE tps_code = ? AND election_id = ?')
      .get(choice.tpsCode, choice.electionId) as DerivedStatus | undefined) ?? { status: 'no_chasil', reason: null };
    return { ok: true, status, previous };
  }).immediate();
}

/**
 * A page moved away from a TPS takes its machine values with it: values a person set stay (they are the
 * person's), values from this page's readings are removed, with an audit entry naming them.
 */
function withdrawMachineValues(
  store: Store,
  sheetId: number,
  from: { tpsCode: string; electionId: number },
  actor: string,
  device: string,
): void {
  const { db } = store;
  const rows = stmt(store, `
    SELECT field_id, value FROM tally_value
    WHERE election_id = ? AND tps_code = ? AND source = 'machine' AND reading_id IN (SELECT id FROM reading WHERE sheet_id = ?)`)
    .all(from.electionId, from.tpsCode, sheetId) as { field_id: string; value: number }[];
  if (rows.length === 0) return;
  stmt(store, `
    DELETE FROM tally_value
    WHERE election_id = ? AND tps_code = ? AND source = 'machine' AND reading_id IN (SELECT id FROM reading WHERE sheet_id = ?)`)
    .run(from.electionId, from.tpsCode, sheetId);
  appendAudit(store, {
    actor,
    device,
    action: 'tally.machine.withdraw',
    entity: `tps:${from.tpsCode}`,
    before: { electionId: from.electionId, sheetId, values: Object.fromEntries(rows.map((r) => [r.field_id, r.value])) },
    after: null,
    reason: 'halaman dipindahkan ke TPS lain oleh operator',
  });
}
