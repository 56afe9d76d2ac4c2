/** How the import screen names what became of a file and of each of its pages (Bahasa Indonesia). */
import type { ImportItem, ImportSheet } from '../../shared/api/methods/intake.ts';

export type Tone = 'ok' | 'review' | 'bad' | 'held' | 'muted' | 'busy';

export interface SheetLine {
  tone: Tone;
  label: string;
  detail: string | null;
}

const PROBLEM: Record<NonNullable<ImportSheet['problem']>, string> = {
  identity_conflict: 'identitas bertentangan — tidak digabung',
  unknown_tps: 'TPS tidak dikenal — tidak digabung',
  no_tps: 'TPS belum diketahui — pilih TPS-nya',
  race_unknown: 'pemilihan belum diketahui',
};

export function sheetLine(sheet: ImportSheet): SheetLine {
  if (sheet.verdict === 'not_a_form') return { tone: 'held', label: 'bukan formulir (ditahan)', detail: sheet.reason };
  if (sheet.problem) return { tone: 'bad', label: PROBLEM[sheet.problem], detail: sheet.problemDetail };
  if (sheet.withheld) return { tone: 'held', label: 'ditahan', detail: sheet.reason };
  switch (sheet.verdict) {
    case 'accepted':
      return { tone: 'ok', label: 'diterima', detail: null };
    case 'needs_review':
      return { tone: 'review', label: 'perlu diperiksa', detail: sheet.reason };
    case 'unregistered':
      return { tone: 'bad', label: 'tak terbaca — ketik angkanya dari foto', detail: sheet.reason };
    default:
      return { tone: 'muted', label: 'belum dibaca', detail: null };
  }
}

/** A file without pages: where it stands in the queue, or why it has none. */
export function itemLine(item: ImportItem): SheetLine {
  switch (item.state) {
    case 'queued':
      return { tone: 'muted', label: 'menunggu', detail: null };
    case 'reading':
      return { tone: 'busy', label: 'sedang dibaca…', detail: null };
    case 'duplicate':
      return { tone: 'muted', label: 'duplikat', detail: item.message };
    case 'failed':
      return { tone: 'bad', label: 'gagal', detail: item.message };
    case 'cancelled':
      return { tone: 'muted', label: 'dibatalkan', detail: 'Impor dibatalkan sebelum berkas ini dibaca.' };
    default:
      return { tone: 'bad', label: 'tidak ada halaman', detail: item.message };
  }
}

export function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} detik`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} menit ${s % 60} detik`;
  return `${Math.floor(m / 60)} jam ${m % 60} menit`;
}
