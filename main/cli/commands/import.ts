/**
 * `pleno import wilayah|tps|paslon FILE`: master data from CSV or JSON. The importer checks every row
 * before writing anything; a refusal is reported as one line naming file, line and field (all of them
 * with --json), and nothing is half-imported.
 */
import fs from 'node:fs';
import path from 'node:path';
import { startCore } from '../../bootstrap.ts';
import { importMasterData } from '../../masterdata/import.ts';
import type { ImportError } from '../../masterdata/result.ts';
import { CliError, EXIT_USAGE, dbPathFor, type CommandRun } from '../command.ts';
import { formatCount } from '../format.ts';

const KINDS = ['wilayah', 'tps', 'paslon'] as const;
type Kind = (typeof KINDS)[number];

export const runImport: CommandRun = async ({ values, positionals }, io) => {
  const [kind, file] = positionals as [string, string];
  if (!KINDS.includes(kind as Kind)) {
    throw new CliError(`jenis impor tidak dikenal: ${kind} (pilih: ${KINDS.join(', ')})`, EXIT_USAGE);
  }
  const fullPath = path.resolve(io.cwd, file);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(fullPath);
  } catch {
    throw new CliError(`berkas tidak ditemukan: ${file}`);
  }
  if (!stat.isFile()) throw new CliError(`bukan berkas: ${file}`);

  const dbPath = await dbPathFor(values, io);
  const core = startCore({ dbPath, face: 'browser', mustExist: true });
  try {
    const result = importMasterData(core.store, kind as Kind, fullPath, { actor: 'operator' });
    if (!result.ok) {
      if (values.json === true) io.stdout(`${JSON.stringify(result, null, 2)}\n`);
      throw new CliError(summarize(result.errors, file, io.cwd));
    }
    if (values.json === true) io.stdout(`${JSON.stringify(result, null, 2)}\n`);
    else io.stdout(`Diimpor ${formatCount(result.rows)} baris ${kind} dari ${file} ke ${dbPath}\n`);
    return 0;
  } finally {
    core.close();
  }
};

/** The first problem as one line, and how many more there are. */
function summarize(errors: ImportError[], file: string, cwd: string): string {
  const [first, ...rest] = errors;
  if (!first) return `${file}: impor ditolak (tidak ada yang diimpor)`;
  const where = [shown(first.file, cwd), first.line > 0 ? `baris ${first.line}` : '', first.field ? `kolom ${first.field}` : '']
    .filter(Boolean)
    .join(', ');
  const more = rest.length > 0 ? `dan ${formatCount(rest.length)} kesalahan lain; ` : '';
  return `${where}: ${first.message} (${more}tidak ada yang diimpor)`;
}

/** Paths under the current folder as the user would type them; others in full. */
function shown(file: string, cwd: string): string {
  const relative = path.relative(cwd, path.resolve(cwd, file));
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}
