/**
 * Corrections by pleno decision: a TPS's numbers changed in front of the room, each field old → new with
 * the reason and the basis "keputusan pleno", linked to the session and to one audit entry. The tally
 * (`tally_value`, source 'pleno') changes in the same transaction; the rekap engine follows after the commit.
 */
import type { PlenoCorrection } from '../../shared/api/methods/pleno.ts';
import type { TpsRekap } from '../../shared/api/methods/rekap.ts';
import { appendAudit, getSettings } from '../store/index.ts';
import { correctionFromRow, regionName } from './read.ts';
import { openRow, type PlenoContext } from './sessions.ts';
import { fail, ok, type PlenoResult } from './result.ts';

export const PLENO_BASIS = 'keputusan pleno';

export type CorrectionInput = {
  sessionId: number;
  tpsCode: string;
  changes: { fieldId: string; value: number }[];
  reason: string;
  verify: boolean;
};

export function correctTally(ctx: PlenoContext, input: CorrectionInput): PlenoResult<{ corrections: PlenoCorrection[]; tps: TpsRekap }> {
  const { store } = ctx;
  const found = openRow(store, input.sessionId);
  if (!found.ok) return found;
  const session = found.value;
  const electionId = session.election_id;
  if (!input.tpsCode.startsWith(session.region_code)) {
    return fail('invalid', `TPS ${input.tpsCode} berada di luar wilayah sesi pleno #${session.id} (${regionName(store, session.region_code)})`, 'tpsCode');
  }
  if (!store.db.prepare('SELECT 1 FROM tps WHERE code = ?').get(input.tpsCode)) return fail('not_found', `TPS tidak ditemukan: ${input.tpsCode}`, 'tpsCode');
  const engine = ctx.rekap.engine();
  const fieldIds = engine.fieldIds(electionId);
  if (!fieldIds.ok) return fail('conflict', fieldIds.error.message);
  const known = new Set(fieldIds.value);
  const seen = new Set<string>();
  for (const [i, c] of input.changes.entries()) {
    if (!known.has(c.fieldId)) return fail('invalid', `kolom ${c.fieldId} tidak ada pada formulir pemilihan ini`, `changes.${i}.fieldId`);
    if (seen.has(c.fieldId)) return fail('invalid', `kolom ${c.fieldId} disebut dua kali`, `changes.${i}.fieldId`);
    seen.add(c.fieldId);
  }
  const can = engine.canChange(input.tpsCode, electionId);
  if (!can.ok) return fail(can.error.code === 'locked' ? 'locked' : 'conflict', can.error.message);

  const old = new Map((store.db.prepare('SELECT field_id, value FROM tally_value WHERE election_id = ? AND tps_code = ?')
    .all(electionId, input.tpsCode) as { field_id: string; value: number }[]).map((r) => [r.field_id, r.value]));
  const status = store.db.prepare('SELECT status FROM tps_status WHERE election_id = ? AND tps_code = ?').pluck()
    .get(electionId, input.tpsCode) as string | undefined;
  const changed = input.changes.filter((c) => old.get(c.fieldId) !== c.value);
  const verifying = input.verify && status !== 'verified';
  if (changed.length === 0 && !verifying) return fail('invalid', 'tidak ada nilai yang berubah', 'changes');

  const at = ctx.now().toISOString();
  const device = getSettings(store).deviceName;
  const basis = PLENO_BASIS;
  const ids = store.db.transaction(() => {
    const audit = appendAudit(store, {
      actor: ctx.actor, device, action: 'tally.correct', entity: `tps:${input.tpsCode}`,
      before: { electionId, values: Object.fromEntries(changed.map((c) => [c.fieldId, old.get(c.fieldId) ?? null])), status: status ?? null },
      after: {
        electionId, values: Object.fromEntries(changed.map((c) => [c.fieldId, c.value])), status: verifying ? 'verified' : (status ?? null),
        basis, sessionId: session.id,
      },
      reason: input.reason,
    });
    const upsert = store.db.prepare(`
      INSERT INTO tally_value (election_id, tps_code, field_id, value, source, audit_id, updated_at)
      VALUES (?, ?, ?, ?, 'pleno', ?, ?)
      ON CONFLICT (election_id, tps_code, field_id) DO UPDATE SET
        value = excluded.value, source = 'pleno', reading_id = NULL, confidence = NULL, audit_id = excluded.audit_id, updated_at = excluded.updated_at`);
    const record = store.db.prepare(`
      INSERT INTO pleno_correction (session_id, election_id, tps_code, field_id, old_value, new_value, reason, basis, actor, audit_id, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const out: number[] = [];
    for (const c of changed) {
      upsert.run(electionId, input.tpsCode, c.fieldId, c.value, audit.id, at);
      out.push(Number(record.run(session.id, electionId, input.tpsCode, c.fieldId, old.get(c.fieldId) ?? null, c.value, input.reason, basis, ctx.actor, audit.id, at).lastInsertRowid));
    }
    if (verifying) {
      store.db.prepare(`
        INSERT INTO tps_status (tps_code, election_id, status, reason, updated_at) VALUES (?, ?, 'verified', NULL, ?)
        ON CONFLICT (tps_code, election_id) DO UPDATE SET status = 'verified', reason = NULL, updated_at = excluded.updated_at`)
        .run(input.tpsCode, electionId, at);
    }
    return out;
  }).immediate();
  ctx.rekap.syncTps(input.tpsCode, electionId);
  const corrections = ids.map((id) => correctionFromRow(store.db.prepare('SELECT * FROM pleno_correction WHERE id = ?').get(id) as never));
  const tps = ctx.rekap.engine().getTps(input.tpsCode, electionId);
  if (!tps.ok) throw new Error(tps.error.message);
  return ok({ corrections, tps: tps.value });
}
