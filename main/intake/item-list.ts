/**
 * What became of each file of a batch, for the import screen's result list: the item's state and message,
 * and per page its TPS, verdict, withholding and (when it was not attached) the problem — read back from
 * the store, so the list after a restart is the same as the one built live.
 */
import type { Store } from '../store/open.ts';
import { stmt } from './statements.ts';
import type { ItemState, SheetOutcome, SheetProblem } from './types.ts';

/** A page as the import list shows it: its outcome, with no verdict while it has not been read. */
export type ListedSheet = Omit<SheetOutcome, 'verdict'> & { verdict: SheetOutcome['verdict'] | null };

export interface ListedItem {
  itemId: number;
  batchId: number;
  name: string;
  state: ItemState;
  message: string | null;
  sheets: ListedSheet[];
}

type RawItem = { id: number; batch_id: number; name: string; state: ItemState; message: string | null };
type RawSheet = {
  itemId: number; sheetId: number; page: number; verdict: ListedSheet['verdict']; tpsCode: string | null; electionId: number | null;
  halaman: number | null; withheld: number; withheldReason: string | null; problem: SheetProblem | null; problemDetail: string | null;
  readingReason: string | null;
};

const SHEETS_OF = `
  SELECT si.item_id AS itemId, s.id AS sheetId, s.blob_page AS page, s.verdict, s.tps_code AS tpsCode, s.election_id AS electionId,
         s.halaman, s.withheld, s.withheld_reason AS withheldReason, si.problem, si.problem_detail AS problemDetail,
         (SELECT json_extract(r.detail, '$.reason') FROM reading r WHERE r.sheet_id = s.id ORDER BY r.id DESC LIMIT 1) AS readingReason
  FROM sheet_intake si JOIN sheet s ON s.id = si.sheet_id`;

function withSheets(store: Store, items: RawItem[]): ListedItem[] {
  if (items.length === 0) return [];
  const byItem = new Map<number, ListedSheet[]>();
  // In slices: SQLite's limit on bound parameters, and a 1,000-file batch must not be one giant statement.
  for (let i = 0; i < items.length; i += 500) {
    const slice = items.slice(i, i + 500);
    const rows = store.db.prepare(`${SHEETS_OF} WHERE si.item_id IN (${slice.map(() => '?').join(', ')}) ORDER BY s.blob_page`)
      .all(...slice.map((it) => it.id)) as RawSheet[];
    for (const r of rows) {
      const list = byItem.get(r.itemId) ?? [];
      list.push({
        sheetId: r.sheetId, page: r.page, verdict: r.verdict, tpsCode: r.tpsCode, electionId: r.electionId, halaman: r.halaman,
        withheld: r.withheld === 1,
        reason: r.withheld === 1 ? r.withheldReason : typeof r.readingReason === 'string' ? r.readingReason : null,
        problem: r.problem, problemDetail: r.problemDetail,
      });
      byItem.set(r.itemId, list);
    }
  }
  return items.map((it) => ({
    itemId: it.id, batchId: it.batch_id, name: it.name, state: it.state, message: it.message, sheets: byItem.get(it.id) ?? [],
  }));
}

export function listItemOutcomes(store: Store, batchId: number, offset = 0, limit = 1000): { items: ListedItem[]; total: number } {
  const total = stmt(store, 'SELECT count(*) FROM import_item WHERE batch_id = ?').pluck().get(batchId) as number;
  const rows = stmt(store, 'SELECT id, batch_id, name, state, message FROM import_item WHERE batch_id = ? ORDER BY seq LIMIT ? OFFSET ?')
    .all(batchId, limit, offset) as RawItem[];
  return { items: withSheets(store, rows), total };
}

export function itemOutcome(store: Store, itemId: number): ListedItem | null {
  const row = stmt(store, 'SELECT id, batch_id, name, state, message FROM import_item WHERE id = ?').get(itemId) as RawItem | undefined;
  return row ? withSheets(store, [row])[0]! : null;
}
