import { canonicalJson } from '../canonical-json.ts';
import { auditEntryHash, GENESIS_HASH, type AuditRow } from '../audit-hash.ts';
import type { Store } from '../open.ts';

export type AuditInput = {
  /** Who did it (operator profile, 'sistem' for the app itself). */
  actor: string;
  /** Which device (Settings.deviceName). */
  device: string;
  /** What happened, dotted: 'settings.update', 'import.tps', 'tally.correct'. */
  action: string;
  /** What it happened to: 'settings', 'tps:3506012001001', a file name. */
  entity: string;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
};

export type AuditEntry = {
  id: number;
  at: string;
  actor: string;
  device: string;
  action: string;
  entity: string;
  before: unknown;
  after: unknown;
  reason: string | null;
  prevHash: string;
  hash: string;
};

/**
 * Appends one entry to the hash-chained audit log. Runs in the caller's transaction when there is one
 * (so the entry commits or rolls back with the change it records), else in its own.
 */
export function appendAudit(store: Store, input: AuditInput): AuditEntry {
  const { db } = store;
  return db.transaction(() => {
    const last = db.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as
      | { id: number; hash: string }
      | undefined;
    const row: Omit<AuditRow, 'hash'> = {
      id: (last?.id ?? 0) + 1,
      at: new Date().toISOString(),
      actor: input.actor,
      device: input.device,
      action: input.action,
      entity: input.entity,
      before: input.before === undefined ? null : canonicalJson(input.before),
      after: input.after === undefined ? null : canonicalJson(input.after),
      reason: input.reason ?? null,
      prev_hash: last?.hash ?? GENESIS_HASH,
    };
    const hash = auditEntryHash(row);
    db.prepare(`
      INSERT INTO audit_log (id, at, actor, device, action, entity, before, after, reason, prev_hash, hash)
      VALUES (@id, @at, @actor, @device, @action, @entity, @before, @after, @reason, @prev_hash, @hash)`)
      .run({ ...row, hash });
    return toEntry({ ...row, hash });
  })();
}

/** Entries in order, newest last; `entity` filters to one thing's history. */
export function listAudit(store: Store, options: { entity?: string; afterId?: number; limit?: number } = {}): AuditEntry[] {
  const rows = store.db.prepare(`
    SELECT * FROM audit_log
    WHERE id > @afterId AND (@entity IS NULL OR entity = @entity)
    ORDER BY id LIMIT @limit`)
    .all({ afterId: options.afterId ?? 0, entity: options.entity ?? null, limit: options.limit ?? 1000 }) as AuditRow[];
  return rows.map(toEntry);
}

export type AuditVerification =
  | { ok: true; entries: number }
  | { ok: false; entries: number; brokenAt: number; message: string };

/**
 * Walks the whole chain and names the first entry that does not hold: a gap in the numbering, a link
 * that does not point at the previous entry, or a hash that does not match the entry's content.
 */
export function verifyAuditChain(store: Store): AuditVerification {
  let expectedId = 1;
  let prevHash = GENESIS_HASH;
  let entries = 0;
  for (const row of store.db.prepare('SELECT * FROM audit_log ORDER BY id').iterate() as Iterable<AuditRow>) {
    entries++;
    const broken = (message: string): AuditVerification => ({ ok: false, entries, brokenAt: row.id, message });
    if (row.id !== expectedId) return broken(`entri #${expectedId} hilang (berikutnya #${row.id})`);
    if (row.prev_hash !== prevHash) return broken(`entri #${row.id} tidak menyambung ke entri sebelumnya`);
    const { hash, ...rest } = row;
    if (auditEntryHash(rest) !== hash) return broken(`isi entri #${row.id} tidak cocok dengan hash-nya (telah diubah)`);
    prevHash = hash;
    expectedId++;
  }
  return { ok: true, entries };
}

function toEntry(row: AuditRow): AuditEntry {
  return {
    id: row.id,
    at: row.at,
    actor: row.actor,
    device: row.device,
    action: row.action,
    entity: row.entity,
    before: row.before === null ? null : JSON.parse(row.before),
    after: row.after === null ? null : JSON.parse(row.after),
    reason: row.reason,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
