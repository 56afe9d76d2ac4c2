/**
 * Prepared statements cached per database connection. Preparing is not free here: inserting into `sheet`,
 * `tps_status` or `tally_value` compiles their triggers, which cost more than running them — once per
 * statement per connection instead of once per file.
 */
import type Database from 'better-sqlite3';
import type { Store } from '../store/open.ts';

const cache = new WeakMap<Database.Database, Map<string, Database.Statement>>();

export function stmt(store: Store, sql: string): Database.Statement {
  let forDb = cache.get(store.db);
  if (!forDb) {
    forDb = new Map();
    cache.set(store.db, forDb);
  }
  let prepared = forDb.get(sql);
  if (!prepared) {
    prepared = store.db.prepare(sql);
    forDb.set(sql, prepared);
  }
  return prepared;
}
