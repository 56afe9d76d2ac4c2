import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Store } from '../store/open.ts';
import { appendAudit } from '../store/queries/audit.ts';
import { getHomeRegion, setHomeRegion } from '../store/queries/meta.ts';
import { getSettings } from '../store/queries/settings.ts';
import { withDeferredStats } from '../store/region-stats.ts';
import { checkJsonRecords, csvRecords } from './columns.ts';
import { parseCsv } from './csv.ts';
import { parseJsonRows } from './json-rows.ts';
import { RowRefused, type ImportKind, type Lined } from './kind.ts';
import { paslonKind } from './paslon-kind.ts';
import { Problems } from './problems.ts';
import type { ImportResult, InputRecord } from './result.ts';
import { tpsKind } from './tps-kind.ts';
import { wilayahKind } from './wilayah-kind.ts';

export type MasterDataKind = 'wilayah' | 'tps' | 'paslon';

const KINDS: Record<MasterDataKind, ImportKind<Lined>> = {
  wilayah: wilayahKind as unknown as ImportKind<Lined>,
  tps: tpsKind as unknown as ImportKind<Lined>,
  paslon: paslonKind as unknown as ImportKind<Lined>,
};

export type ImportProgress = { phase: 'validate' | 'write'; done: number; total: number };

export type ImportOptions = {
  /** Who imports, for the audit log. */
  actor?: string;
  /** Called as rows are written (inside the transaction). */
  onProgress?: (progress: ImportProgress) => void;
};

/**
 * Imports master data (regions, TPS with DPT, paslon) from a CSV or JSON file (formats: FORMATS.md).
 * All or nothing: the whole file is read and checked first; if any row is wrong nothing is written and the
 * result lists the problems (file, line, column, message). Otherwise every row is written in one
 * transaction, together with one audit entry naming the file and its sha256.
 */
export function importMasterData(store: Store, kind: MasterDataKind, filePath: string, options: ImportOptions = {}): ImportResult {
  const spec = KINDS[kind];
  const problems = new Problems(filePath);
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(filePath);
  } catch (err) {
    problems.add(0, '', `berkas tidak dapat dibaca: ${(err as Error).message}`);
    return { ok: false, errors: problems.report() };
  }
  const text = bytes.toString('utf8');

  const records = readRecords(filePath, text, spec, problems);
  // rows that passed the column checks are still validated, so one run lists every problem it can
  if (problems.any && records.length === 0) return { ok: false, errors: problems.report() };
  if (records.length === 0) {
    problems.add(0, '', 'berkas tidak berisi baris data');
    return { ok: false, errors: problems.report() };
  }
  options.onProgress?.({ phase: 'validate', done: 0, total: records.length });
  const rows = spec.validate(store, records, problems);
  if (problems.any) return { ok: false, errors: problems.report() };

  const actor = options.actor ?? 'operator';
  try {
    return store.db.transaction((): ImportResult => {
      const write = () => spec.apply(store, rows, (done) => options.onProgress?.({ phase: 'write', done, total: rows.length }));
      const scope = spec.scope(rows);
      const { inserted, updated } = scope === null ? write() : withDeferredStats(store.db, scope, write);
      if (kind === 'wilayah' && scope !== null && scope !== '' && getHomeRegion(store) === null) setHomeRegion(store, scope);
      appendAudit(store, {
        actor,
        device: getSettings(store).deviceName,
        action: `import.${kind}`,
        entity: `file:${path.basename(filePath)}`,
        after: { rows: rows.length, inserted, updated, sha256: createHash('sha256').update(bytes).digest('hex') },
      });
      return { ok: true, rows: rows.length, inserted, updated };
    })();
  } catch (err) {
    if (!(err instanceof RowRefused)) throw err;
    problems.add(err.line, err.field, err.message);
    return { ok: false, errors: problems.report() };
  }
}

function readRecords(filePath: string, text: string, spec: ImportKind<Lined>, problems: Problems): InputRecord[] {
  if (isJson(filePath, text)) {
    const parsed = parseJsonRows(text);
    if (!parsed.ok) {
      problems.add(parsed.line, parsed.field, parsed.message);
      return [];
    }
    return checkJsonRecords(parsed.records, spec.columns, problems);
  }
  const parsed = parseCsv(text);
  if (!parsed.ok) {
    problems.add(parsed.line, '', parsed.message);
    return [];
  }
  return csvRecords(parsed.table, spec.columns, problems);
}

/** .json files, or any file whose first visible character opens a JSON array or object. */
function isJson(filePath: string, text: string): boolean {
  const ext = path.extname(filePath).toLowerCase();
  if (ext === '.json') return true;
  if (ext === '.csv' || ext === '.txt') return false;
  return /^\uFEFF?\s*[[{]/.test(text);
}
