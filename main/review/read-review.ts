/**
 * Reads everything the review screen needs for one TPS and race in one go: pages, fields with machine
 * readings and current values, checks on the current values, and the history from the audit log.
 */
import type { Store } from '../store/open.ts';
import { getElection } from '../store/queries/elections.ts';
import { getTps } from '../store/queries/tps.ts';
import type { FormTemplate } from '../recognition/templates/schema.ts';
import type { TpsStatus } from '../../shared/domain/types.ts';
import { evaluateChecks } from './evaluate-checks.ts';
import { fieldBox, templatesOfSheets } from './page-fields.ts';
import type { ReviewField, ReviewHistoryEntry, ReviewResult, ReviewSheet, TpsReview } from './types.ts';

interface SheetRow {
  id: number; blob_sha256: string; mime: string; halaman: number | null; template_id: string | null;
  verdict: ReviewSheet['verdict']; withheld: number; withheld_reason: string | null;
}

/** The pages the review works on: attached to this TPS and race, not replaced by a re-photo. */
export function currentSheets(store: Store, tpsCode: string, electionId: number): SheetRow[] {
  return store.db.prepare(`
    SELECT s.id, s.blob_sha256, b.mime, s.halaman, s.template_id, s.verdict, s.withheld, s.withheld_reason
    FROM sheet s JOIN blob b ON b.sha256 = s.blob_sha256
    WHERE s.tps_code = ? AND s.election_id = ? AND s.replaced_by IS NULL
    ORDER BY coalesce(s.halaman, 99), s.id`).all(tpsCode, electionId) as SheetRow[];
}

export function currentValues(store: Store, tpsCode: string, electionId: number): Map<string, { value: number; source: ReviewField['source'] }> {
  const rows = store.db.prepare('SELECT field_id, value, source FROM tally_value WHERE election_id = ? AND tps_code = ?')
    .all(electionId, tpsCode) as { field_id: string; value: number; source: ReviewField['source'] }[];
  return new Map(rows.map((r) => [r.field_id, { value: r.value, source: r.source }]));
}

/** Every (sheet, template) pair that carries fields, in page order. */
export function sheetTemplates(store: Store, tpsCode: string, electionId: number): { sheets: SheetRow[]; templates: Map<number, FormTemplate> } {
  const sheets = currentSheets(store, tpsCode, electionId).filter((s) => s.withheld === 0 && s.verdict !== 'not_a_form');
  return { sheets, templates: templatesOfSheets(sheets) };
}

export function readTpsReview(store: Store, tpsCode: string, electionId: number): ReviewResult<TpsReview> {
  const tps = getTps(store, tpsCode);
  if (!tps) return { ok: false, code: 'not_found', message: `TPS tidak ditemukan: ${tpsCode}` };
  const election = getElection(store, electionId);
  if (!election) return { ok: false, code: 'not_found', message: `pemilihan tidak ditemukan: ${electionId}` };
  const desa = store.db.prepare('SELECT name FROM region WHERE code = ?').get(tps.desaCode) as { name: string } | undefined;
  const status = store.db.prepare('SELECT status, reason FROM tps_status WHERE tps_code = ? AND election_id = ?')
    .get(tpsCode, electionId) as { status: TpsStatus; reason: string | null } | undefined;

  const all = currentSheets(store, tpsCode, electionId);
  const { templates } = sheetTemplates(store, tpsCode, electionId);
  const values = currentValues(store, tpsCode, electionId);
  const latestReading = store.db.prepare('SELECT id, detail FROM reading WHERE sheet_id = ? ORDER BY id DESC LIMIT 1');
  const readingFields = store.db.prepare('SELECT field_id, value, confidence, source, needs_review FROM reading_field WHERE reading_id = ?');

  const sheets: ReviewSheet[] = [];
  const fields: ReviewField[] = [];
  for (const s of all) {
    const reading = latestReading.get(s.id) as { id: number; detail: string | null } | undefined;
    const detail = reading?.detail ? (JSON.parse(reading.detail) as { reason?: string | null }) : null;
    const template = templates.get(s.id);
    const typedByHand = s.verdict === 'unregistered' || (s.verdict !== 'not_a_form' && s.withheld === 0 && s.template_id === null);
    sheets.push({
      sheetId: s.id, sha256: s.blob_sha256, mime: s.mime, halaman: s.halaman ?? template?.page ?? null,
      templateId: s.template_id ?? template?.id ?? null, verdict: s.verdict,
      reason: s.withheld ? s.withheld_reason : detail?.reason ?? null, withheld: s.withheld === 1, typedByHand,
      aspect: template ? template.canonical.width / template.canonical.height : null,
    });
    if (!template) continue;
    const machine = new Map((reading ? (readingFields.all(reading.id) as { field_id: string; value: number | null; confidence: number; source: string; needs_review: number }[]) : [])
      .map((r) => [r.field_id, r]));
    for (const f of template.fields) {
      const m = typedByHand ? undefined : machine.get(f.id);
      const current = values.get(f.id);
      fields.push({
        fieldId: f.id, label: f.label, sheetId: s.id,
        value: current?.value ?? null, source: current?.source ?? null,
        machine: m ? { value: m.value, confidence: m.confidence, source: m.source } : null,
        needsReview: typedByHand || !m || m.needs_review === 1 || m.value === null,
        box: fieldBox(template, f.id),
      });
    }
  }
  const reasons = lastVerifyReasons(store, tpsCode, electionId);
  const numeric = new Map([...values].map(([k, v]) => [k, v.value]));
  return {
    ok: true,
    value: {
      tpsCode, tpsNumber: tps.nomor, desaName: desa?.name ?? tps.desaCode, electionId, electionName: election.name,
      status: status?.status ?? 'no_chasil', statusReason: status?.reason ?? null,
      sheets, fields, checks: evaluateChecks([...templates.values()], numeric, reasons), history: readHistory(store, tpsCode, electionId),
    },
  };
}

interface AuditRowJson { id: number; at: string; actor: string; device: string; action: string; before: string | null; after: string | null; reason: string | null }

function auditRows(store: Store, tpsCode: string): AuditRowJson[] {
  return store.db.prepare(`SELECT id, at, actor, device, action, before, after, reason FROM audit_log WHERE entity = ? ORDER BY id`)
    .all(`tps:${tpsCode}`) as AuditRowJson[];
}

function lastVerifyReasons(store: Store, tpsCode: string, electionId: number): Map<string, string> {
  const rows = auditRows(store, tpsCode).filter((r) => r.action === 'tps.verify');
  for (let i = rows.length - 1; i >= 0; i--) {
    const after = JSON.parse(rows[i]!.after ?? 'null') as { electionId?: number; reasons?: Record<string, string> } | null;
    if (after?.electionId === electionId) return new Map(Object.entries(after.reasons ?? {}));
  }
  return new Map();
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : null);
const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** Where a value came from, by the action that set it (older entries carry no `source`). */
function sourceOf(action: string, after: Json): ReviewHistoryEntry['source'] {
  const said = str(after.source);
  if (said === 'machine' || said === 'operator' || said === 'pleno') return said;
  if (action === 'tally.correct') return 'pleno';
  if (action === 'tally.machine') return 'machine';
  if (action.startsWith('tally.review')) return 'operator';
  return null;
}

/**
 * The TPS's history for this race, newest first: one line per value set (who, when, device, old → new, source
 * with the machine's confidence, reason, basis, the photo it was read from or checked against), and one per
 * page or status step (photo added, withheld, unlocked, attached; status changes; verification).
 */
export function readHistory(store: Store, tpsCode: string, electionId: number): ReviewHistoryEntry[] {
  const out: ReviewHistoryEntry[] = [];
  for (const row of auditRows(store, tpsCode)) {
    const after = obj(JSON.parse(row.after ?? 'null'));
    const before = obj(JSON.parse(row.before ?? 'null'));
    const race = num(after?.electionId) ?? num(before?.electionId);
    // page steps name their race when they know it; a page not yet placed in a race belongs to every race's history
    if (race !== null ? race !== electionId : !row.action.startsWith('sheet.')) continue;
    const base = {
      id: row.id, at: row.at, actor: row.actor, device: row.device, action: row.action, reason: row.reason,
      source: after ? sourceOf(row.action, after) : null,
      evidence: str(after?.evidence) ?? str(after?.blob) ?? str(before?.evidence),
    };
    const changed = obj(after?.values);
    if (after && changed) {
      const oldValues = obj(before?.values) ?? before;
      for (const [fieldId, v] of Object.entries(changed)) {
        const set = obj(v);
        out.push({
          ...base, fieldId, oldValue: num(oldValues?.[fieldId]), newValue: set ? num(set.value) : num(v),
          confidence: set ? num(set.confidence) : null, note: noteOf(row.action, after),
        });
      }
    } else if (row.action === 'tally.machine.withdraw' && before) {
      for (const [fieldId, v] of Object.entries(obj(before.values) ?? {})) {
        out.push({ ...base, source: 'machine', fieldId, oldValue: num(v), newValue: null, confidence: null, note: 'halaman dipindahkan: nilai mesin dicabut' });
      }
    } else {
      out.push({ ...base, fieldId: null, oldValue: null, newValue: null, confidence: null, note: stepNote(row.action, after, before) });
    }
  }
  return out.reverse();
}

const STATUS_ID: Record<string, string> = {
  no_chasil: 'belum ada C.Hasil', received: 'diterima', needs_review: 'perlu diperiksa', verified: 'terverifikasi', withheld: 'ditahan',
};

function noteOf(action: string, after: Json): string | null {
  const basis = after.basis;
  const b = obj(basis);
  if (b?.kind === 'foto') return 'sesuai foto C.Hasil';
  if (b?.kind === 'pleno') return `keputusan pleno PPK ${str(b.reference) ?? ''}`.trim();
  if (typeof basis === 'string') return num(after.sessionId) !== null ? `${basis} (sesi pleno #${num(after.sessionId)})` : basis;
  if (action === 'tally.machine') return 'bacaan mesin';
  return null;
}

const VERDICT_ID: Record<string, string> = {
  accepted: 'terbaca', needs_review: 'perlu diperiksa', not_a_form: 'bukan formulir C.Hasil', unregistered: 'tidak terbaca mesin',
};

function stepNote(action: string, after: Json | null, before: Json | null): string {
  switch (action) {
    case 'tps.status': return `status: ${STATUS_ID[str(after?.status) ?? ''] ?? str(after?.status) ?? '?'}${str(after?.reason) ? ` (${str(after?.reason)})` : ''}`;
    case 'tps.verify': return 'diverifikasi';
    case 'sheet.add': {
      const hal = num(after?.halaman);
      return `foto ditambahkan: ${str(after?.file) ?? 'berkas'}${hal ? `, halaman ${hal}` : ''} — ${VERDICT_ID[str(after?.verdict) ?? ''] ?? 'belum dibaca'}`;
    }
    case 'sheet.withhold': return 'foto ditahan (tidak dipublikasikan)';
    case 'sheet.unlock': return 'foto dibuka oleh KPU Kab/Kota dan disisihkan; menunggu foto ulang';
    case 'sheet.attach': return `halaman dipasangkan ke TPS ini oleh operator${str(before?.tps) && before?.tps !== after?.tps ? ` (sebelumnya ${str(before?.tps)})` : ''}`;
    default: return typeof after?.status === 'string' ? `status: ${STATUS_ID[after.status] ?? after.status}` : action;
  }
}
