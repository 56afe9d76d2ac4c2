/**
 * A machine reading's values become a TPS's current numbers (`tally_value`, source 'machine') — the values
 * the reviewer then checks. A machine value never overwrites what a person set (operator, pleno), and
 * nothing is merged into a TPS that is already verified: after verification only a correction with a
 * reason may change a number. One audit entry per page records old → new, with the confidence and the
 * photo's hash as evidence; every value written points at it.
 */
import { appendAudit } from '../store/queries/audit.ts';
import type { Store } from '../store/open.ts';
import type { FieldReading } from '../../shared/recognition/reading.ts';
import { currentStatus } from './tps-status.ts';
import { stmt } from './statements.ts';

export interface MergeInput {
  tpsCode: string;
  electionId: number;
  sheetId: number;
  readingId: number;
  blobSha256: string;
  fields: Record<string, FieldReading>;
  actor: string;
  device: string;
}

/** Returns how many values were written. Runs in the caller's transaction. */
export function mergeMachineValues(store: Store, input: MergeInput): number {
  const { db } = store;
  if (currentStatus(store, input.tpsCode, input.electionId)?.status === 'verified') return 0;
  const existing = new Map(
    (stmt(store, 'SELECT field_id, value, source FROM tally_value WHERE election_id = ? AND tps_code = ?')
      .all(input.electionId, input.tpsCode) as { field_id: string; value: number; source: string }[]).map((r) => [r.field_id, r]),
  );
  const writes: [string, number, number][] = [];
  for (const [fieldId, field] of Object.entries(input.fields)) {
    if (!isStorableField(fieldId, field.value)) continue;
    const old = existing.get(fieldId);
    if (old && old.source !== 'machine') continue;
    if (old && old.value === field.value) continue;
    writes.push([fieldId, field.value!, clamp01(field.confidence)]);
  }
  if (writes.length === 0) return 0;
  const entry = appendAudit(store, {
    actor: input.actor,
    device: input.device,
    action: 'tally.machine',
    entity: `tps:${input.tpsCode}`,
    before: Object.fromEntries(writes.map(([id]) => [id, existing.get(id)?.value ?? null])),
    after: {
      electionId: input.electionId,
      source: 'machine',
      sheetId: input.sheetId,
      readingId: input.readingId,
      evidence: input.blobSha256,
      values: Object.fromEntries(writes.map(([id, value, confidence]) => [id, { value, confidence }])),
    },
  });
  const upsert = stmt(store, `
    INSERT INTO tally_value (election_id, tps_code, field_id, value, source, reading_id, confidence, evidence_sha256, audit_id, updated_at)
    VALUES (@election, @tps, @field, @value, 'machine', @reading, @confidence, @evidence, @audit, @now)
    ON CONFLICT (election_id, tps_code, field_id) DO UPDATE SET
      value = excluded.value, source = excluded.source, reading_id = excluded.reading_id, confidence = excluded.confidence,
      evidence_sha256 = excluded.evidence_sha256, audit_id = excluded.audit_id, updated_at = excluded.updated_at`);
  const now = new Date().toISOString();
  for (const [field, value, confidence] of writes) {
    upsert.run({
      election: input.electionId, tps: input.tpsCode, field, value, reading: input.readingId,
      confidence, evidence: input.blobSha256, audit: entry.id, now,
    });
  }
  return writes.length;
}

/** What the store's constraints accept as a form field value: ids as printed (I…, V…, X…), 0–999. */
export function isStorableField(fieldId: string, value: number | null): value is number {
  return /^[IVX][A-Za-z0-9.]{0,29}$/.test(fieldId) && fieldId.length <= 30 && value !== null && Number.isInteger(value) && value >= 0 && value <= 999;
}

export function clamp01(x: number): number {
  return Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0;
}
