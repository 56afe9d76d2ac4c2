/**
 * `pleno read FILE... [--json] [--workers N]`: read C.Hasil photos or PDFs and print what each page says.
 *
 * Exit 0 whenever at least one file could be used, even when fields need review (the verdict says so);
 * non-zero only when every file failed (missing, corrupt, unsupported, too large).
 */
import type { FieldReading, PageReading, Verdict } from '../../../shared/recognition/reading.ts';
import { CliError, EXIT_USAGE, type CommandRun } from '../command.ts';
import { formatCount, formatTable } from '../format.ts';

const VERDICT_LABELS: Record<Verdict, string> = {
  accepted: 'DITERIMA',
  needs_review: 'PERLU DIPERIKSA',
  unregistered: 'TIDAK TERBACA (ketik manual)',
  not_a_form: 'BUKAN FORMULIR C.HASIL',
};

const SOURCE_LABELS: Record<FieldReading['source'], string> = {
  digits: 'angka',
  bubbles: 'bulatan',
  words: 'huruf',
  arithmetic: 'hitungan',
};

const percent = new Intl.NumberFormat('id-ID', { style: 'percent', maximumFractionDigits: 1 });

export const runRead: CommandRun = async ({ values, positionals }, io) => {
  let workers: number | undefined;
  if (values.workers !== undefined) {
    const n = Number(values.workers);
    if (!Number.isInteger(n) || n < 1 || n > 64) throw new CliError(`--workers harus bilangan bulat 1–64, bukan ${String(values.workers)}`, EXIT_USAGE);
    workers = n;
  }
  const { readFiles } = await import('../../recognition/index.ts');
  const { resolve } = await import('node:path');
  // Files are opened relative to the caller's folder but reported exactly as given.
  const absolute = positionals.map((p) => resolve(io.cwd, p));
  const readings = (await readFiles(absolute, { workers })).map((r) => {
    const index = absolute.indexOf(r.file);
    return { ...r, file: index >= 0 ? positionals[index] : r.file };
  });

  if (values.json === true) io.stdout(`${JSON.stringify(readings.map(forJson), null, 2)}\n`);
  else io.stdout(readings.map(describe).join('\n'));

  const failedFiles = new Set(readings.filter((r) => r.error).map((r) => r.file));
  const everyFileFailed = positionals.every((p) => failedFiles.has(p));
  if (everyFileFailed) {
    throw new CliError(positionals.length === 1 ? 'berkas tidak dapat dibaca' : 'tidak ada berkas yang dapat dibaca');
  }
  return 0;
};

/** The JSON object per page: the reading without run-dependent timings. */
function forJson(r: PageReading): Omit<PageReading, 'timings'> {
  const { timings: _timings, ...rest } = r;
  return rest;
}

function describe(r: PageReading): string {
  const where = r.page === undefined ? r.file : `${r.file} (halaman ${r.page})`;
  if (r.error) return `${where}\n  GAGAL: ${r.error}\n`;
  const head = `${where}\n  ${r.template ?? 'formulir tidak dikenal'} — ${VERDICT_LABELS[r.verdict]}${r.reason ? `\n  ${r.reason}` : ''}\n`;
  const ids = Object.keys(r.fields);
  if (ids.length === 0) return head;
  const rows = [
    ['Kolom', 'Nilai', 'Keyakinan', 'Sumber', 'Periksa'],
    ...ids.map((id) => {
      const f = r.fields[id];
      return [id, f.value === null ? '—' : formatCount(f.value), percent.format(f.confidence), SOURCE_LABELS[f.source], f.needsReview ? 'YA' : ''];
    }),
  ];
  const failing = r.checks.filter((c) => !c.holds);
  const checks = r.checks.length
    ? `  Pemeriksaan: ${r.checks.length - failing.length} dari ${r.checks.length} cocok${failing.length ? ` (tidak cocok: ${failing.map((c) => c.id).join(', ')})` : ''}\n`
    : '';
  return `${head}${formatTable(rows).map((l) => `  ${l}`).join('\n')}\n${checks}`;
}
