/**
 * The status board as CSV, for spreadsheets: one row per TPS, RFC 4180 quoting, CRLF lines and a UTF-8
 * BOM (without it, spreadsheet programs guess the encoding and garble names). A cell that starts with
 * = + - @ is prefixed with ' so a spreadsheet never runs it as a formula (free-text reasons end up here).
 * For one race a first column "Pemilihan" names it, so files of several races can be pasted together.
 */
import type { TpsStatus } from '../../shared/domain/types.ts';
import type { StatusBoardRow } from '../store/queries/status-board.ts';

export const CSV_STATUS_LABEL: Record<TpsStatus, string> = {
  no_chasil: 'Belum ada C.Hasil',
  received: 'Diterima',
  needs_review: 'Perlu diperiksa',
  verified: 'Terverifikasi',
  withheld: 'Ditahan',
};

const HEADER = ['Kode TPS', 'Kecamatan', 'Desa/Kelurahan', 'TPS', 'DPT L', 'DPT P', 'DPT', 'Status', 'Kode status', 'Keterangan'];

export function statusCsv(rows: readonly StatusBoardRow[], options?: { race: string }): string {
  const race = options?.race;
  const lines = [race === undefined ? HEADER : ['Pemilihan', ...HEADER], ...rows.map((r) => [
    ...(race === undefined ? [] : [race]),
    r.code, r.kecamatanName, r.desaName, String(r.nomor), String(r.dptL), String(r.dptP), String(r.dptL + r.dptP),
    CSV_STATUS_LABEL[r.status], r.status, r.note ?? '',
  ])];
  return `\uFEFF${lines.map((cells) => cells.map(cell).join(',')).join('\r\n')}\r\n`;
}

function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
