/**
 * Puts a TPS's C.Hasil into a store the way intake leaves it, with plain SQL: the photo (blob row, and its
 * bytes in the blob folder when given), one sheet per page, a machine reading per page with per-field
 * confidence, the machine values in `tally_value` (each with its audit entry), and the status needs_review.
 */
import crypto from 'node:crypto';
import type { Store } from '../../../main/store/open.ts';
import { appendAudit } from '../../../main/store/queries/audit.ts';
import { blobRootFor, createBlobStore } from '../../../main/intake/blob-store.ts';
import { getTemplate } from '../../../main/recognition/templates/loader.ts';

export interface PlantPage {
  templateId: string;
  /** The machine's values; a field left out was not read (null). */
  values: Record<string, number>;
  /** Per-field confidence (default 0.99); below 0.6 is marked needs_review. */
  confidence?: Record<string, number>;
  /** 'unregistered': no template on the sheet and no field readings. */
  verdict?: 'accepted' | 'needs_review' | 'unregistered';
  /** The page image; a few random bytes when absent. */
  bytes?: Buffer;
  mime?: string;
}

export async function plantTps(store: Store, tpsCode: string, electionId: number, pages: PlantPage[]): Promise<number[]> {
  const blobs = createBlobStore(blobRootFor(store.path));
  const now = new Date().toISOString();
  const sheetIds: number[] = [];
  for (const [i, page] of pages.entries()) {
    const template = getTemplate(page.templateId);
    if (!template) throw new Error(`no template ${page.templateId}`);
    const bytes = page.bytes ?? crypto.randomBytes(64);
    const sha = crypto.createHash('sha256').update(bytes).digest('hex');
    if (page.bytes) {
      const ingested = await blobs.ingestBytes(bytes);
      if (!ingested.ok) throw new Error(ingested.message);
    }
    store.db.prepare('INSERT OR IGNORE INTO blob (sha256, size, mime, created_at) VALUES (?, ?, ?, ?)').run(sha, bytes.length, page.mime ?? 'image/png', now);
    const verdict = page.verdict ?? 'accepted';
    const unregistered = verdict === 'unregistered';
    const sheetId = Number(store.db.prepare(`
      INSERT INTO sheet (blob_sha256, blob_page, source_name, election_id, tps_code, halaman, template_id, attached_by, verdict, created_at)
      VALUES (?, 1, ?, ?, ?, ?, ?, 'operator', ?, ?)`).run(
      sha, `${tpsCode}_hal${i + 1}.png`, electionId, tpsCode, unregistered ? null : template.page,
      unregistered ? null : template.id, verdict, now).lastInsertRowid);
    sheetIds.push(sheetId);
    const readingId = Number(store.db.prepare(`
      INSERT INTO reading (sheet_id, engine, template_id, verdict, registration_quality, detail, duration_ms, created_at)
      VALUES (?, 'test', ?, ?, ?, ?, 10, ?)`).run(sheetId, unregistered ? null : template.id, verdict, unregistered ? 0.25 : 1,
      JSON.stringify({ reason: unregistered ? 'penanda halaman tertutup' : null }), now).lastInsertRowid);
    if (unregistered) continue;
    const written: Record<string, { value: number; confidence: number }> = {};
    for (const f of template.fields) {
      const value = page.values[f.id] ?? null;
      const confidence = page.confidence?.[f.id] ?? (value === null ? 0 : 0.99);
      store.db.prepare('INSERT INTO reading_field (reading_id, field_id, value, confidence, source, needs_review) VALUES (?, ?, ?, ?, ?, ?)')
        .run(readingId, f.id, value, confidence, 'digits', confidence < 0.6 || value === null ? 1 : 0);
      if (value !== null) written[f.id] = { value, confidence };
    }
    const entry = appendAudit(store, {
      actor: 'sistem', device: 'test', action: 'tally.machine', entity: `tps:${tpsCode}`,
      before: Object.fromEntries(Object.keys(written).map((k) => [k, null])),
      after: { electionId, source: 'machine', sheetId, readingId, evidence: sha, values: written },
    });
    for (const [fieldId, { value, confidence }] of Object.entries(written)) {
      store.db.prepare(`INSERT INTO tally_value (election_id, tps_code, field_id, value, source, reading_id, confidence, evidence_sha256, audit_id, updated_at)
        VALUES (?, ?, ?, ?, 'machine', ?, ?, ?, ?, ?)`).run(electionId, tpsCode, fieldId, value, readingId, confidence, sha, entry.id, now);
    }
  }
  store.db.prepare(`INSERT INTO tps_status (tps_code, election_id, status, reason, updated_at) VALUES (?, ?, 'needs_review', NULL, ?)
    ON CONFLICT (tps_code, election_id) DO UPDATE SET status = 'needs_review', reason = NULL`).run(tpsCode, electionId, now);
  return sheetIds;
}

/** Consistent values for the 3-paslon KWK form (every check holds). DPT 300. */
export function consistentKwk3(): { hal1: Record<string, number>; hal2: Record<string, number> } {
  const hal1: Record<string, number> = {
    'I.A.L': 150, 'I.A.P': 150, 'I.A.LP': 300,
    'I.B.1.L': 100, 'I.B.1.P': 110, 'I.B.1.LP': 210,
    'I.B.2.L': 2, 'I.B.2.P': 1, 'I.B.2.LP': 3,
    'I.B.3.L': 1, 'I.B.3.P': 0, 'I.B.3.LP': 1,
    'I.B.4.L': 103, 'I.B.4.P': 111, 'I.B.4.LP': 214,
    'II.1': 306, 'II.2': 214, 'II.3': 2, 'II.4': 90,
    'III.L': 1, 'III.P': 2, 'III.LP': 3,
  };
  const hal2: Record<string, number> = { 'IV.1': 90, 'IV.2': 70, 'IV.3': 44, 'V.A': 204, 'V.B': 10, 'V.C': 214 };
  return { hal1, hal2 };
}
