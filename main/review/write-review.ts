/**
 * The operator's two actions on a TPS under review: set a field's value, and verify the TPS. Both run in one
 * transaction with their audit entry (who = the active profile, old → new, reason, basis, photo hash).
 * After verification a change needs a reason and a basis ("sesuai foto C.Hasil", or "keputusan pleno PPK" with
 * the pleno's reference); the TPS stays verified and both values stay in the history.
 */
import type { Store } from '../store/open.ts';
import { appendAudit } from '../store/queries/audit.ts';
import { getElection } from '../store/queries/elections.ts';
import { getTps } from '../store/queries/tps.ts';
import { locksAround } from '../pleno/locks.ts';
import { evaluateChecks } from './evaluate-checks.ts';
import { currentValues, sheetTemplates } from './read-review.ts';
import type { CorrectionBasis, ReviewCheck, ReviewResult } from './types.ts';

export interface Who { actor: string; device: string }

const fail = (code: 'not_found' | 'invalid' | 'conflict', message: string) => ({ ok: false as const, code, message });

function statusOf(store: Store, tpsCode: string, electionId: number): string | null {
  const row = store.db.prepare('SELECT status FROM tps_status WHERE tps_code = ? AND election_id = ?').get(tpsCode, electionId) as { status: string } | undefined;
  return row?.status ?? null;
}

function requireTpsAndRace(store: Store, tpsCode: string, electionId: number) {
  if (!getTps(store, tpsCode)) return fail('not_found', `TPS tidak ditemukan: ${tpsCode}`);
  const election = getElection(store, electionId);
  if (!election) return fail('not_found', `pemilihan tidak ditemukan: ${electionId}`);
  if (!tpsCode.startsWith(election.regionCode)) return fail('invalid', 'TPS berada di luar wilayah pemilihan');
  // A total a pleno closed is on record: only a later pleno session may change a number under it.
  const lock = locksAround(store, electionId, tpsCode).covering[0];
  if (lock) return fail('conflict', `rekap ${lock.regionCode} sudah dikunci pleno (${lock.reference}): perubahan hanya melalui sesi pleno berikutnya`);
  return null;
}

export interface SetValueOptions { reason?: string; basis?: CorrectionBasis }

export function setFieldValue(
  store: Store, who: Who, tpsCode: string, electionId: number, fieldId: string, value: number, options: SetValueOptions = {},
): ReviewResult<{ changed: boolean }> {
  const bad = requireTpsAndRace(store, tpsCode, electionId);
  if (bad) return bad;
  if (!Number.isInteger(value) || value < 0 || value > 999) return fail('invalid', 'nilai harus bilangan bulat 0–999');
  return store.db.transaction((): ReviewResult<{ changed: boolean }> => {
    const { sheets, templates } = sheetTemplates(store, tpsCode, electionId);
    const sheet = sheets.find((s) => templates.get(s.id)?.fields.some((f) => f.id === fieldId));
    if (!sheet) return fail('not_found', `kolom ${fieldId} tidak ada pada halaman C.Hasil TPS ini`);
    const verified = statusOf(store, tpsCode, electionId) === 'verified';
    const reason = options.reason?.trim() || null;
    if (verified) {
      if (!reason) return fail('invalid', 'TPS sudah diverifikasi: perubahan memerlukan alasan');
      if (!options.basis) return fail('invalid', 'TPS sudah diverifikasi: pilih dasar perubahan (sesuai foto C.Hasil atau keputusan pleno PPK)');
      if (options.basis.kind === 'pleno' && !options.basis.reference.trim()) return fail('invalid', 'sebutkan nomor/rujukan keputusan pleno PPK');
    }
    const old = currentValues(store, tpsCode, electionId).get(fieldId);
    if (old?.value === value) return { ok: true, value: { changed: false } };
    const source = options.basis?.kind === 'pleno' ? 'pleno' : 'operator';
    const entry = appendAudit(store, {
      actor: who.actor, device: who.device, action: verified ? 'tally.review_correct' : 'tally.review',
      entity: `tps:${tpsCode}`,
      before: { [fieldId]: old?.value ?? null },
      after: {
        electionId, source, sheetId: sheet.id, evidence: sheet.blob_sha256, values: { [fieldId]: value },
        ...(options.basis ? { basis: options.basis } : {}),
      },
      reason,
    });
    store.db.prepare(`
      INSERT INTO tally_value (election_id, tps_code, field_id, value, source, reading_id, confidence, evidence_sha256, audit_id, updated_at)
      VALUES (?, ?, ?, ?, ?, NULL, NULL, ?, ?, ?)
      ON CONFLICT (election_id, tps_code, field_id) DO UPDATE SET
        value = excluded.value, source = excluded.source, reading_id = NULL, confidence = NULL,
        evidence_sha256 = excluded.evidence_sha256, audit_id = excluded.audit_id, updated_at = excluded.updated_at`)
      .run(electionId, tpsCode, fieldId, value, source, sheet.blob_sha256, entry.id, entry.at);
    return { ok: true, value: { changed: true } };
  })();
}

/**
 * Verified only when every field has a value and every check holds or carries a recorded reason (key =
 * `templateId:checkId`). Withheld pages and a TPS without its pages cannot be verified.
 */
export function verifyTps(
  store: Store, who: Who, tpsCode: string, electionId: number, reasons: Record<string, string> = {},
): ReviewResult<{ checks: ReviewCheck[] }> {
  const bad = requireTpsAndRace(store, tpsCode, electionId);
  if (bad) return bad;
  return store.db.transaction((): ReviewResult<{ checks: ReviewCheck[] }> => {
    const status = statusOf(store, tpsCode, electionId);
    if (status === 'verified') return fail('conflict', 'TPS ini sudah diverifikasi');
    if (status === 'withheld') return fail('conflict', 'C.Hasil TPS ini ditahan: buka dulu oleh KPU Kab/Kota');
    if (status !== 'needs_review') return fail('conflict', 'halaman C.Hasil TPS ini belum lengkap');
    const { sheets, templates } = sheetTemplates(store, tpsCode, electionId);
    if (sheets.length === 0 || templates.size === 0) return fail('conflict', 'belum ada halaman C.Hasil yang dapat diperiksa');
    const values = currentValues(store, tpsCode, electionId);
    const missing = [...templates.values()].flatMap((t) => t.fields.map((f) => f.id)).filter((id) => !values.has(id));
    if (missing.length > 0) return fail('invalid', `kolom belum diisi: ${[...new Set(missing)].join(', ')}`);
    const given = new Map(Object.entries(reasons).map(([k, v]) => [k, v.trim()] as const).filter(([, v]) => v.length > 0));
    const checks = evaluateChecks([...templates.values()], new Map([...values].map(([k, v]) => [k, v.value])), given);
    const unexplained = checks.filter((c) => c.state === 'fails' && !c.reason);
    if (unexplained.length > 0) {
      return fail('invalid', `pemeriksaan tidak terpenuhi tanpa alasan: ${unexplained.map((c) => c.label).join('; ')}`);
    }
    const usedReasons = Object.fromEntries(checks.filter((c) => c.state === 'fails').map((c) => [c.key, c.reason!]));
    const now = new Date().toISOString();
    store.db.prepare(`
      INSERT INTO tps_status (tps_code, election_id, status, reason, updated_at) VALUES (?, ?, 'verified', NULL, ?)
      ON CONFLICT (tps_code, election_id) DO UPDATE SET status = 'verified', reason = NULL, updated_at = excluded.updated_at`)
      .run(tpsCode, electionId, now);
    appendAudit(store, {
      actor: who.actor, device: who.device, action: 'tps.verify', entity: `tps:${tpsCode}`,
      before: { electionId, status },
      after: { electionId, status: 'verified', reasons: usedReasons, evidence: sheets.map((s) => s.blob_sha256) },
    });
    return { ok: true, value: { checks } };
  })();
}
