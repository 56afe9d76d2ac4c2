/**
 * The hash printed in a document's footer. A PDF cannot contain a hash of its own bytes (printing it
 * changes them), so the hash covers WHAT the document shows: the canonical JSON (sorted keys, no
 * whitespace; main/store/canonical-json.ts) of the exact input it was rendered from — numbers, names,
 * berita acara, device and time. Anyone holding that JSON (returned beside the PDF as `data`, and kept by
 * the caller in the audit log) recomputes sha256 and compares with the footer; a changed number changes it.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../store/canonical-json.ts';

export type HashedData = { data: string; sha256: string };

export function hashDocumentData(kind: string, input: unknown): HashedData {
  const data = canonicalJson({ document: kind, input });
  return { data, sha256: createHash('sha256').update(data, 'utf8').digest('hex') };
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
