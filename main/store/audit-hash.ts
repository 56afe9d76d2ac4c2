import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.ts';

/** The hash before the first entry of every audit log. */
export const GENESIS_HASH = '0'.repeat(64);

/** The stored columns of one audit entry, `before`/`after` as their stored (canonical JSON) text. */
export type AuditRow = {
  id: number;
  at: string;
  actor: string;
  device: string;
  action: string;
  entity: string;
  before: string | null;
  after: string | null;
  reason: string | null;
  prev_hash: string;
  hash: string;
};

/**
 * sha256 over the canonical JSON of every column but `hash`, including `prev_hash`: changing, removing or
 * reordering any entry breaks every hash after it. Computed from stored text so a verifier needs nothing else.
 */
export function auditEntryHash(row: Omit<AuditRow, 'hash'>): string {
  const { id, at, actor, device, action, entity, before, after, reason, prev_hash } = row;
  const text = canonicalJson({ id, at, actor, device, action, entity, before, after, reason, prev_hash });
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
