/**
 * Stores what was read from one file, in one transaction: a sheet per page (attached to its TPS or
 * flagged), the machine reading and its fields, the automatic withholding of pages that are not a C.Hasil,
 * the machine values merged into the TPS's numbers, the TPS's status — and the item marked done. Either all
 * of it commits or none of it does, so a crash mid-way leaves the item to be read again and nothing twice.
 *
 * Idempotent by (blob, page): if the sheet already exists (another process read the same bytes first), the
 * item is settled as a duplicate and nothing is added.
 */
import { appendAudit } from '../store/queries/audit.ts';
import type { Store } from '../store/open.ts';
import { resolveAttachment, type AttachContext } from './attach.ts';
import type { CompiledPattern } from './file-pattern.ts';
import { formPageInfo } from './form-info.ts';
import { finishItem, isNotHeld, recordBlob, type BatchRow, type ItemEnd, type ItemRow } from './queue-store.ts';
import { clamp01, isStorableField, mergeMachineValues } from './tally-merge.ts';
import { refreshTpsStatus, type DerivedStatus } from './tps-status.ts';
import type { IntakeReading, SheetOutcome } from './types.ts';
import { stmt } from './statements.ts';

export interface CommitContext {
  store: Store;
  runnerId: string;
  engine: string;
  device: string;
  attach: AttachContext;
  pattern: CompiledPattern | null;
}

export interface CommitResult {
  /** False when the item was no longer this runner's (cancelled meanwhile): nothing was written. */
  committed: boolean;
  end: ItemEnd | null;
  sheets: SheetOutcome[];
  statusChanges: { tpsCode: string; electionId: number; status: DerivedStatus }[];
}

class NotOurs extends Error {}

export function commitReadings(
  ctx: CommitContext,
  batch: BatchRow,
  item: ItemRow,
  blob: { sha256: string; size: number; mime: string },
  readings: readonly IntakeReading[],
): CommitResult {
  const blobSha256 = blob.sha256;
  const { store } = ctx;
  const { db } = store;
  try {
    return db.transaction((): CommitResult => {
      const holder = stmt(store, 'SELECT state, runner FROM import_item WHERE id = ?').get(item.id) as { state: string; runner: string | null };
      if (holder.state !== 'reading' || holder.runner !== ctx.runnerId) throw new NotOurs();
      recordBlob(store, blob);

      const usable = readings.filter((r) => !r.error);
      const pageErrors = readings.filter((r) => r.error).map((r) => (r.page ? `halaman ${r.page}: ${r.error}` : r.error!));
      if (usable.length === 0) {
        const end: ItemEnd = { state: 'failed', message: pageErrors.join('; ') || 'Berkas tidak berisi halaman yang dapat dibaca.' };
        finishItem(store, item.id, ctx.runnerId, end, blob);
        return { committed: true, end, sheets: [], statusChanges: [] };
      }

      const existing = stmt(store, 'SELECT id FROM sheet WHERE blob_sha256 = ? AND blob_page = ?').pluck();
      if (usable.some((r) => existing.get(blobSha256, r.page ?? 1) !== undefined)) {
        const end: ItemEnd = { state: 'duplicate', message: 'Berkas yang sama persis sudah dibaca sebelumnya; tidak dibaca ulang.', duplicateOf: null };
        finishItem(store, item.id, ctx.runnerId, end, blob);
        return { committed: true, end, sheets: [], statusChanges: [] };
      }

      const sheets: SheetOutcome[] = [];
      const touched = new Map<string, { tpsCode: string; electionId: number }>();
      const nameClaim = ctx.pattern?.match(item.name) ?? null;
      for (const reading of usable) {
        const page = reading.page ?? 1;
        const form = formPageInfo(reading.template);
        const attachment = resolveAttachment(
          { identity: reading.identity, operatorTps: item.filedTps ?? batch.filedTps, nameClaim, electionId: batch.electionId, form },
          ctx.attach,
        );
        const withheld = reading.verdict === 'not_a_form';
        const withheldReason = withheld ? notAFormReason(reading, item.name) : null;
        const now = new Date().toISOString();
        const sheetId = Number(stmt(store, `
          INSERT INTO sheet (blob_sha256, blob_page, source_name, election_id, tps_code, halaman, template_id, attached_by,
                             verdict, withheld, withheld_reason, created_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
          blobSha256, page, item.name, attachment.electionId, attachment.tpsCode, attachment.halaman, reading.template,
          attachment.tpsCode === null ? null : attachment.attachedBy, reading.verdict, withheld ? 1 : 0, withheldReason, now,
        ).lastInsertRowid);
        const readingId = insertReading(store, sheetId, ctx.engine, reading, now);
        stmt(store, 'INSERT INTO sheet_intake (sheet_id, item_id, claims, problem, problem_detail) VALUES (?, ?, ?, ?, ?)')
          .run(sheetId, item.id, JSON.stringify(attachment.claims), attachment.problem, attachment.problemDetail);

        const entity = attachment.tpsCode ? `tps:${attachment.tpsCode}` : `sheet:${sheetId}`;
        appendAudit(store, {
          actor: batch.actor,
          device: ctx.device,
          action: 'sheet.add',
          entity,
          after: {
            sheetId, file: item.name, page, blob: blobSha256, tps: attachment.tpsCode, electionId: attachment.electionId,
            halaman: attachment.halaman, template: reading.template, verdict: reading.verdict, attachedBy: attachment.attachedBy,
            readingId, engine: ctx.engine, problem: attachment.problem,
          },
          reason: attachment.problemDetail,
        });
        if (withheld) {
          appendAudit(store, {
            actor: 'sistem',
            device: ctx.device,
            action: 'sheet.withhold',
            entity,
            before: { sheetId, withheld: false },
            after: { sheetId, withheld: true, evidence: blobSha256 },
            reason: withheldReason,
          });
        }
        const attached = attachment.tpsCode !== null && attachment.electionId !== null && attachment.problem === null;
        if (attached) {
          if (reading.verdict === 'accepted' || reading.verdict === 'needs_review') {
            mergeMachineValues(store, {
              tpsCode: attachment.tpsCode!, electionId: attachment.electionId!, sheetId, readingId, blobSha256,
              fields: reading.fields, actor: batch.actor, device: ctx.device,
            });
          }
          touched.set(`${attachment.tpsCode}:${attachment.electionId}`, { tpsCode: attachment.tpsCode!, electionId: attachment.electionId! });
        }
        sheets.push({
          sheetId, page, verdict: reading.verdict, tpsCode: attachment.tpsCode, electionId: attachment.electionId,
          halaman: attachment.halaman, withheld, reason: withheldReason ?? reading.reason ?? null,
          problem: attachment.problem, problemDetail: attachment.problemDetail,
        });
      }

      const statusChanges: CommitResult['statusChanges'] = [];
      for (const { tpsCode, electionId } of touched.values()) {
        const changed = refreshTpsStatus(store, tpsCode, electionId, { actor: batch.actor, device: ctx.device });
        if (changed) statusChanges.push({ tpsCode, electionId, status: changed });
      }
      const end: ItemEnd = { state: 'done', pages: sheets.length, message: pageErrors.length > 0 ? pageErrors.join('; ') : null };
      finishItem(store, item.id, ctx.runnerId, end, blob);
      return { committed: true, end, sheets, statusChanges };
    }).immediate();
  } catch (error) {
    if (error instanceof NotOurs || isNotHeld(error)) return { committed: false, end: null, sheets: [], statusChanges: [] };
    throw error;
  }
}

/** The recogniser's own words when it gave a reason (they already say it is not a C.Hasil), and which file. */
function notAFormReason(reading: IntakeReading, name: string): string {
  const where = `berkas ${name}${reading.page ? `, halaman ${reading.page}` : ''}`;
  const said = reading.reason?.trim().replace(/[.\s]+$/, '');
  if (!said) return `Foto bukan formulir C.Hasil (${where}).`;
  return /bukan formulir/i.test(said) ? `${said} (${where}).` : `Foto bukan formulir C.Hasil: ${said} (${where}).`;
}

function insertReading(store: Store, sheetId: number, engine: string, reading: IntakeReading, now: string): number {
  const { db } = store;
  const reg = reading.registration;
  const quality = reg && reg.marksExpected > 0 ? clamp01(reg.marksFound / reg.marksExpected) : null;
  const detail = {
    reason: reading.reason ?? null,
    checks: reading.checks,
    registration: reading.registration ?? null,
    identity: reading.identity ?? null,
    timings: reading.timings ?? null,
    fields: reading.fields,
  };
  const duration = reading.timings?.total;
  const readingId = Number(stmt(store, `
    INSERT INTO reading (sheet_id, engine, template_id, verdict, registration_quality, detail, duration_ms, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)`).run(
    sheetId, engine, reading.template, reading.verdict, quality, JSON.stringify(detail),
    duration === undefined || !Number.isFinite(duration) ? null : Math.max(0, Math.round(duration)), now,
  ).lastInsertRowid);
  const insertField = stmt(store, `INSERT INTO reading_field (reading_id, field_id, value, confidence, source, needs_review) VALUES (?, ?, ?, ?, ?, ?)`);
  for (const [fieldId, field] of Object.entries(reading.fields)) {
    // ids and values outside what the store accepts stay in `detail` (kept), not in the typed rows
    if (!/^[IVX]/.test(fieldId) || fieldId.length > 30) continue;
    const value = field.value === null || isStorableField(fieldId, field.value) ? field.value : null;
    const source = /^[a-z_]{1,40}$/.test(field.source) ? field.source : 'unknown';
    insertField.run(readingId, fieldId, value, clamp01(field.confidence), source, field.needsReview ? 1 : 0);
  }
  return readingId;
}
