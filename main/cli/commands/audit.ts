/**
 * `pleno audit verify`: walks the hash-chained audit log (main/store verifyAuditChain) and says either that
 * every entry holds (with the count), or which entry is the first that does not — its number, time, action,
 * what it was about and who made it — and exits 1, so a script or a cron job notices a tampered database.
 */
import fs from 'node:fs';
import { openStore } from '../../store/open.ts';
import { verifyAuditChain } from '../../store/queries/audit.ts';
import { CliError, EXIT_USAGE, dbPathFor, type CommandRun } from '../command.ts';
import { formatCount } from '../format.ts';

interface BrokenRow { id: number; at: string; actor: string; action: string; entity: string }

export const runAudit: CommandRun = async ({ values, positionals }, io) => {
  const sub = positionals[0];
  if (sub !== 'verify') throw new CliError(`subperintah audit tidak dikenal: ${sub ?? '(kosong)'} (yang ada: verify)`, EXIT_USAGE);
  const dbPath = await dbPathFor(values, io);
  // Only the store: verifying needs no API, rekap or demo data (and must not create a database).
  if (!fs.existsSync(dbPath)) throw new CliError(`basis data tidak ditemukan: ${dbPath} (buat dengan: pleno init)`);
  const store = openStore(dbPath);
  try {
    const result = verifyAuditChain(store);
    if (result.ok) {
      if (values.json === true) io.stdout(`${JSON.stringify({ ok: true, entries: result.entries, db: dbPath })}\n`);
      else io.stdout(`Log audit utuh: ${formatCount(result.entries)} entri, rantai hash cocok.\n${dbPath}\n`);
      return 0;
    }
    // The row as stored (it may be the tampered one): enough for a person to find it.
    const row = store.db.prepare('SELECT id, at, actor, action, entity FROM audit_log WHERE id = ?').get(result.brokenAt) as BrokenRow | undefined;
    if (values.json === true) {
      io.stdout(`${JSON.stringify({ ok: false, entries: result.entries, brokenAt: result.brokenAt, message: result.message, entry: row ?? null, db: dbPath })}\n`);
    } else {
      const what = row ? `${row.at} · ${row.action} · ${row.entity} · oleh ${row.actor}` : '(entri tidak dapat dibaca)';
      io.stdout(
        `LOG AUDIT RUSAK: entri pertama yang tidak cocok adalah #${result.brokenAt}\n` +
        `  ${what}\n  ${result.message}\n` +
        `${formatCount(result.entries - 1)} entri sebelumnya utuh.\n${dbPath}\n`,
      );
    }
    return 1;
  } finally {
    store.close();
  }
};
