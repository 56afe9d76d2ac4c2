/**
 * `pleno import-photos DIR`: every photo and PDF under DIR into the persisted import queue, read by the
 * recognition engine, attached to TPS by file name. A progress line on stderr; a summary (and every file
 * that needs attention) on stdout. Ctrl+C pauses: running the same command again resumes the same batch,
 * as does any run after a crash — nothing already read is read again.
 */
import fs from 'node:fs';
import path from 'node:path';
import { startCore } from '../../bootstrap.ts';
import { batchReport, type AttentionKind, type BatchReport } from '../../intake/batch-report.ts';
import { blobRootFor } from '../../intake/blob-store.ts';
import { compilePattern, DEFAULT_PATTERN } from '../../intake/file-pattern.ts';
import { createIntake } from '../../intake/intake.ts';
import type { ImportProgress } from '../../intake/types.ts';
import { listElections } from '../../store/queries/elections.ts';
import type { Store } from '../../store/open.ts';
import { CliError, EXIT_USAGE, dbPathFor, type CommandRun } from '../command.ts';
import { formatCount, formatTable } from '../format.ts';

const decimal = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 1 });

export const runImportPhotos: CommandRun = async ({ values, positionals }, io) => {
  const folder = path.resolve(io.cwd, positionals[0]!);
  if (!fs.statSync(folder, { throwIfNoEntry: false })?.isDirectory()) throw new CliError(`bukan folder: ${positionals[0]}`);
  const workers = parseWorkers(values.workers);
  const pattern = typeof values.pattern === 'string' ? (values.pattern.trim().toLowerCase() === 'tidak' ? null : values.pattern) : DEFAULT_PATTERN;
  if (pattern !== null) {
    const compiled = compilePattern(pattern);
    if (!compiled.ok) throw new CliError(`--pattern tidak sah: ${compiled.message}`, EXIT_USAGE);
  }
  const filedTps = typeof values.tps === 'string' ? values.tps : null;
  if (filedTps !== null && !/^\d{13}$/.test(filedTps)) throw new CliError('--tps harus kode TPS 13 digit', EXIT_USAGE);

  const dbPath = await dbPathFor(values, io);
  const core = startCore({ dbPath, face: 'browser', mustExist: true });
  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(130);
    io.stderr('\nMenjeda impor (tekan Ctrl+C sekali lagi untuk keluar paksa)…\n');
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  try {
    const electionId = chooseRace(core.store, values.race, pattern);
    // the audit log names whoever is signed in on this device (the profile chosen in the app), else 'operator'
    const intake = createIntake({ store: core.store, blobRoot: blobRootFor(dbPath), actor: core.api.accounts.actor(), onDataChanged: core.api.publishDataChanged });
    const queued = await intake.enqueueFolder(folder, { pattern, electionId, filedTps });
    if (!queued.ok) throw new CliError(queued.message);
    const already = queued.resumed ? ` (melanjutkan antrean yang belum selesai)` : '';
    io.stderr(`Impor #${queued.batchId}: ${formatCount(queued.added)} berkas baru dari ${folder}${already}\n`);
    if (queued.skipped.length > 0) {
      io.stderr(`Dilewati ${formatCount(queued.skipped.length)} berkas yang bukan foto/PDF (mis. ${queued.skipped.slice(0, 3).join(', ')})\n`);
    }

    const progressLine = progressPrinter(io.stderr, process.stderr.isTTY === true);
    const summary = await intake.run({
      batchIds: [queued.batchId],
      workers,
      signal: controller.signal,
      onEvent: (e) => {
        if (e.kind === 'progress') progressLine(e.progress, false);
      },
    }).done;
    progressLine(null, true);

    const report = batchReport(core.store, queued.batchId)!;
    if (values.json === true) io.stdout(`${JSON.stringify({ ...report, elapsedMs: Math.round(summary.elapsedMs), paused: summary.paused }, null, 2)}\n`);
    else io.stdout(`${summaryText(report, summary.elapsedMs, dbPath).join('\n')}\n`);
    if (summary.paused) {
      io.stderr(`Impor dijeda; ${formatCount(summary.counts.queued)} berkas masih di antrean. Jalankan perintah yang sama untuk melanjutkan.\n`);
      return 130;
    }
    const settled = report.counts.total - report.counts.cancelled;
    return settled > 0 && report.counts.failed === settled ? 1 : 0;
  } finally {
    process.off('SIGINT', onSigint);
    core.close();
  }
};

function parseWorkers(value: string | boolean | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 16) throw new CliError('--workers harus bilangan bulat 0–16 (0 = tanpa thread pekerja)', EXIT_USAGE);
  return n;
}

/** --race as jenis or id; required when the database holds several races and the names do not say. */
function chooseRace(store: Store, race: string | boolean | undefined, pattern: string | null): number | null {
  const elections = listElections(store);
  if (typeof race === 'string') {
    const byId = /^\d+$/.test(race) ? elections.find((e) => e.id === Number(race)) : undefined;
    const byJenis = elections.filter((e) => e.jenis === race.toLowerCase());
    if (byId) return byId.id;
    if (byJenis.length === 1) return byJenis[0]!.id;
    const known = elections.map((e) => `${e.id} = ${e.jenis}`).join(', ') || 'belum ada pemilihan';
    throw new CliError(`--race ${race} tidak cocok dengan satu pemilihan (${known})`, EXIT_USAGE);
  }
  if (elections.length > 1 && !(pattern ?? '').match(/\{(race|pemilihan)\}/i)) {
    const list = elections.map((e) => e.jenis).join(', ');
    throw new CliError(`basis data ini memuat ${elections.length} pemilihan (${list}): sebutkan --race, atau pakai {race} di --pattern`, EXIT_USAGE);
  }
  return elections.length === 1 ? elections[0]!.id : null;
}

/** One progress line: rewritten in place on a terminal, a line every few seconds otherwise (logs, CI). */
function progressPrinter(write: (text: string) => void, tty: boolean) {
  let lastAt = 0;
  let last: ImportProgress | null = null;
  let shown = false;
  return (progress: ImportProgress | null, final: boolean) => {
    if (progress) last = progress;
    const now = Date.now();
    if (!last || (!final && now - lastAt < (tty ? 200 : 2000))) return;
    if (final && !shown && last.counts.total === 0) return;
    lastAt = now;
    shown = true;
    const line = progressText(last);
    if (tty) write(`\r\x1b[2K${line}${final ? '\n' : ''}`);
    else write(`${line}\n`);
  };
}

export function progressText(p: ImportProgress): string {
  const c = p.counts;
  const settled = c.done + c.failed + c.duplicate + c.cancelled;
  const pct = c.total > 0 ? Math.floor((100 * settled) / c.total) : 100;
  const parts = [`${formatCount(settled)}/${formatCount(c.total)} berkas (${pct}%)`];
  if (p.filesPerSecond > 0) parts.push(`${decimal.format(p.filesPerSecond)} berkas/detik`);
  if (p.etaSeconds !== null && c.queued + c.reading > 0) parts.push(`sisa ± ${duration(p.etaSeconds)}`);
  if (c.failed > 0) parts.push(`${formatCount(c.failed)} gagal`);
  if (c.duplicate > 0) parts.push(`${formatCount(c.duplicate)} duplikat`);
  return `Membaca ${parts.join(' · ')}`;
}

export function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} dtk`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} mnt ${s % 60} dtk`;
  return `${Math.floor(m / 60)} jam ${m % 60} mnt`;
}

const KIND_LABEL: Record<AttentionKind, string> = {
  failed: 'gagal',
  duplicate: 'duplikat',
  cancelled: 'dibatalkan',
  identity_conflict: 'identitas bertentangan',
  unknown_tps: 'TPS tidak dikenal',
  no_tps: 'TPS belum diketahui',
  race_unknown: 'pemilihan belum dipilih',
  withheld: 'ditahan',
  unregistered: 'ketik manual',
};

const STATUS_LABEL: Record<string, string> = {
  received: 'diterima (halaman belum lengkap)',
  needs_review: 'perlu diperiksa',
  verified: 'terverifikasi',
  withheld: 'ditahan',
  no_chasil: 'belum ada C.Hasil',
};

const MAX_LISTED = 25;

function summaryText(r: BatchReport, elapsedMs: number, dbPath: string): string[] {
  const c = r.counts;
  const settled = c.done + c.failed + c.duplicate;
  const rate = elapsedMs > 0 ? settled / (elapsedMs / 1000) : 0;
  const lines = [
    `Impor #${r.batch.id} dari ${r.batch.source}`,
    `ke ${dbPath}, dalam ${duration(elapsedMs / 1000)} (${decimal.format(rate)} berkas/detik)`,
    '',
    ...formatTable([
      ['Berkas', 'Jumlah'],
      ['Selesai dibaca', formatCount(c.done)],
      ['Gagal', formatCount(c.failed)],
      ['Duplikat (tidak dibaca ulang)', formatCount(c.duplicate)],
      ['Dibatalkan', formatCount(c.cancelled)],
      ['Masih di antrean', formatCount(c.queued + c.reading)],
      ['Halaman tersimpan', formatCount(r.pages)],
    ]),
  ];
  const statuses = Object.entries(r.tpsStatus).filter(([, n]) => (n ?? 0) > 0);
  if (statuses.length > 0) {
    lines.push('', `TPS: ${statuses.map(([s, n]) => `${formatCount(n!)} ${STATUS_LABEL[s] ?? s}`).join(', ')}`);
  }
  if (r.attention.length > 0) {
    lines.push('', `Perlu perhatian (${formatCount(r.attention.length)}):`);
    for (const a of r.attention.slice(0, MAX_LISTED)) {
      lines.push(`  ${KIND_LABEL[a.kind]}: ${a.name}${a.page ? ` hal. ${a.page}` : ''} — ${a.message}`);
    }
    if (r.attention.length > MAX_LISTED) lines.push(`  … dan ${formatCount(r.attention.length - MAX_LISTED)} lainnya (lihat --json)`);
  }
  return lines;
}
