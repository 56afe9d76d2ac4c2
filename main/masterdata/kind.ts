import type { Store } from '../store/open.ts';
import type { ColumnSpec } from './columns.ts';
import type { Problems } from './problems.ts';
import type { InputRecord } from './result.ts';

/** A validated row, remembering its line for messages about it during the write. */
export type Lined = { line: number };

/** One kind of master-data file: its columns, how rows are checked, and how they are written. */
export type ImportKind<Row extends Lined> = {
  columns: ColumnSpec;
  /** Checks every record against the rest of the file and the database; reports into `problems`. */
  validate(store: Store, records: InputRecord[], problems: Problems): Row[];
  /** The region whose subtree the rows touch ('' = several provinces; null = no regions or TPS touched). */
  scope(rows: Row[]): string | null;
  /** Writes the rows, inside the import's transaction. */
  apply(store: Store, rows: Row[], progress: (done: number) => void): { inserted: number; updated: number };
};

/** A row the database refused although it passed validation: reported with its line, then rolled back. */
export class RowRefused extends Error {
  constructor(readonly line: number, readonly field: string, message: string) {
    super(message);
    this.name = 'RowRefused';
  }
}

/** Runs one row's write, naming the row if SQLite refuses it. */
export function writeRow<T>(row: Lined, field: string, write: () => T): T {
  try {
    return write();
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT')) {
      throw new RowRefused(row.line, field, `ditolak basis data: ${(err as Error).message}`);
    }
    throw err;
  }
}
