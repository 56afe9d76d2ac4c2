/**
 * The layout of Pleno's printable C.Hasil-KWK (Pilkada), A4 portrait, 2 pages, for 1–6 paslon:
 *   hal 1: header + TPS identity, I. data pemilih & pengguna hak pilih (L/P/L+P), II. surat suara, III. disabilitas
 *   hal 2: IV. suara per paslon (a single-pair race adds a row for the empty box), V. suara sah / tidak sah / jumlah,
 *          place and date, signatures of KPPS and saksi.
 * Every number: 3 digit boxes (dotted 8 guide) + 3 rows of bubbles 0–9 (hundreds, tens, units); the single-number
 * rows (II, IV, V) also get a words line. Registration: 4 corner markers + an AprilTag 36h10 page tag
 * (kwk-tag-ids.ts); identity: a QR code with the TPS code.
 *
 * This module is the ONE source for both the PDF (kwk-pdf.ts) and the template JSON (kwk-template.ts).
 */
import { aprilTag, BAND_FILL, cornerMarker, GUIDE_GREY, INK, LABEL_GREY, NUMBER_CELL_H, NUMBER_CELL_W, numberCell, wordsLine } from './kwk-parts.ts';
import { KWK_MAX_PASLON, KWK_MIN_PASLON, KWK_PAGES, kwkTagId } from './kwk-tag-ids.ts';
import type { FieldMm, PageLayout, Prim, RectMm, TextPrim } from './layout-primitives.ts';

export const A4 = { widthMm: 210, heightMm: 297 };
const X0 = 15;
const X1 = 195;
const CONTENT_W = X1 - X0;
const TABLE_LINE = 0.3;
/** Lowest y content may use: the bottom corner markers start at 297 − 7 − 9 = 281. */
const Y_MAX = 278;

/** Points per millimetre (PDF user space). */
const MM_PER_PT_INV = 72 / 25.4;

/**
 * QR content, fixed length and QR-alphanumeric so the code is always version 3-M:
 * `PLENO-KWK1:<13-digit TPS code>:<G|B|W (gubernur, bupati, walikota)>:<nPaslon>:<page>`.
 */
export const QR_SLOT = 'qr';
export const QR_VERSION = 3;
const JENIS_LETTER: Record<string, string> = { gubernur: 'G', bupati: 'B', walikota: 'W' };
export function kwkQrContent(tpsCode: string, jenis: string, nPaslon: number, page: number): string {
  const letter = JENIS_LETTER[jenis];
  if (!/^\d{13}$/.test(tpsCode) || !letter) throw new RangeError(`isi QR tidak sah: ${tpsCode} ${jenis}`);
  return `PLENO-KWK1:${tpsCode}:${letter}:${nPaslon}:${page}`;
}

export interface KwkQrInfo {
  tpsCode: string;
  jenis: 'gubernur' | 'bupati' | 'walikota';
  nPaslon: number;
  page: number;
}

/** Reads a decoded KWK QR text back; null when the text is not one (another form's QR, a misread). */
export function parseKwkQrContent(text: string): KwkQrInfo | null {
  const m = /^PLENO-KWK1:(\d{13}):([GBW]):([1-6]):([12])$/.exec(text.trim());
  if (!m) return null;
  const jenis = ({ G: 'gubernur', B: 'bupati', W: 'walikota' } as const)[m[2] as 'G' | 'B' | 'W'];
  return { tpsCode: m[1], jenis, nPaslon: Number(m[3]), page: Number(m[4]) };
}

interface Builder {
  prims: Prim[];
  fields: FieldMm[];
}

function text(b: Builder, t: Omit<TextPrim, 'kind'>): void {
  b.prims.push({ kind: 'text', ...t });
}

function frame(b: Builder, r: RectMm, lineMm = TABLE_LINE): void {
  b.prims.push({ kind: 'rect', r, stroke: INK, lineMm });
}

function hline(b: Builder, x1: number, x2: number, y: number, lineMm = TABLE_LINE): void {
  b.prims.push({ kind: 'line', x1, y1: y, x2, y2: y, color: INK, lineMm });
}

function vline(b: Builder, x: number, y1: number, y2: number, lineMm = TABLE_LINE): void {
  b.prims.push({ kind: 'line', x1: x, y1, x2: x, y2, color: INK, lineMm });
}

function band(b: Builder, r: RectMm): void {
  b.prims.push({ kind: 'rect', r, fill: BAND_FILL });
}

function sectionHeading(b: Builder, y: number, roman: string, title: string): number {
  text(b, { x: X0, y, w: 12, text: `${roman}.`, sizePt: 8.5, bold: true });
  text(b, { x: X0 + 9, y, w: CONTENT_W - 9, text: title, sizePt: 8.5, bold: true });
  return y + 5;
}

/** A number cell placed at (x, y) registered as field `id`. */
function addNumber(b: Builder, id: string, label: string, x: number, y: number, capped: boolean, words?: RectMm, range?: { min: number; max: number }): void {
  const cell = numberCell(x, y);
  b.prims.push(...cell.prims);
  b.fields.push({ id, label, digits: cell.digits, bubbles: cell.bubbles, words, capped, range });
}

/** Registration marks, model box, "Halaman N dari 2", AprilTag and QR — identical on both pages. */
function pageFurniture(b: Builder, nPaslon: number, page: number): Pick<PageLayout, 'corners' | 'tag' | 'qr'> {
  const corners = (['tl', 'tr', 'br', 'bl'] as const).map((p) => {
    const c = cornerMarker(p, A4.widthMm, A4.heightMm);
    b.prims.push(...c.prims);
    return c.mark;
  });
  const boxX = 162;
  frame(b, { x: boxX, y: 9, w: 27, h: 8.5 }, 0.4);
  text(b, { x: boxX, y: 9.9, w: 27, text: 'MODEL', sizePt: 7, bold: true, align: 'center' });
  text(b, { x: boxX, y: 13.2, w: 27, text: 'C.HASIL-KWK', sizePt: 7.5, bold: true, align: 'center' });
  text(b, { x: boxX - 2, y: 18.6, w: 31, text: `Halaman ${page} dari ${KWK_PAGES}`, sizePt: 7, bold: true, align: 'center' });
  const tagCell = 1.5;
  const t = aprilTag(kwkTagId(nPaslon, page), boxX + 13.5 - 4 * tagCell, 23, tagCell);
  b.prims.push(...t.prims);
  // The tag id in small print beside the tag, like the official plano's rotated page code.
  text(b, { x: boxX - 1, y: 27.5, w: 6.5, text: String(t.tag.tagId), sizePt: 5, color: LABEL_GREY, align: 'right' });
  // Version 3 (29 × 29 modules) holds the fixed-length alphanumeric content at ECC level M; pdfmake sizes
  // modules in whole points, so 2 pt (0.706 mm) modules: 20.5 mm square.
  const moduleMm = 2 / MM_PER_PT_INV;
  const qrRect: RectMm = { x: 20, y: 8.5, w: 29 * moduleMm, h: 29 * moduleMm };
  b.prims.push({ kind: 'qr', x: qrRect.x, y: qrRect.y, version: QR_VERSION, modules: 29, moduleMm, slot: QR_SLOT });
  text(b, { x: qrRect.x - 5, y: qrRect.y + qrRect.h + 0.8, w: qrRect.w + 10, text: '{tpsCode}', sizePt: 5.5, align: 'center', color: LABEL_GREY });
  text(b, { x: X0, y: Y_MAX + 0.5, w: 120, text: `C.HASIL-KWK · {raceShort} · TPS {tpsCode} · hal. ${page}/${KWK_PAGES} · dicetak oleh Pleno`, sizePt: 5.5, color: LABEL_GREY });
  text(b, { x: X1 - 60, y: Y_MAX + 0.5, w: 60, text: '*) coret yang tidak perlu', sizePt: 5.5, italics: true, color: LABEL_GREY, align: 'right' });
  return { corners, tag: t.tag, qr: { rect: qrRect, content: 'PLENO-KWK1:<kode TPS 13 digit>:<G|B|W>:<jumlah paslon>:<halaman>' } };
}

function identityLines(b: Builder, y: number): number {
  const rows: [string, string, string, string][] = [
    ['Provinsi', '{provinsi}', 'Kelurahan/Desa *)', '{desa}'],
    ['Kabupaten/Kota *)', '{kabkota}', 'Nomor TPS', '{tpsNomor}'],
    ['Kecamatan', '{kecamatan}', 'Kode TPS', '{tpsCode}'],
  ];
  for (const [l1, v1, l2, v2] of rows) {
    text(b, { x: X0, y, w: 28, text: l1, sizePt: 7.5 });
    text(b, { x: X0 + 28, y, w: 62, text: `:  ${v1}`, sizePt: 7.5, bold: true });
    text(b, { x: 107, y, w: 28, text: l2, sizePt: 7.5 });
    text(b, { x: 135, y, w: 60, text: `:  ${v2}`, sizePt: 7.5, bold: true });
    y += 4.6;
  }
  return y;
}

/** Table of rows with L / P / L+P number cells (sections I and III). Returns the y below the table. */
function lpTable(b: Builder, y: number, rows: ({ heading: string } | { id: string; label: string; capped: boolean })[]): number {
  const top = y;
  const colX = [X0, X0 + 60, X0 + 120];
  band(b, { x: X0, y, w: CONTENT_W, h: 5 });
  ['LAKI-LAKI (L)', 'PEREMPUAN (P)', 'JUMLAH (L+P)'].forEach((h, i) => {
    text(b, { x: colX[i], y: y + 1.4, w: 60, text: h, sizePt: 6.5, bold: true, align: 'center' });
  });
  y += 5;
  hline(b, X0, X1, y);
  for (const row of rows) {
    if ('heading' in row) {
      text(b, { x: X0 + 2, y: y + 1.1, w: CONTENT_W - 4, text: row.heading, sizePt: 7, bold: true });
      y += 4.6;
      hline(b, X0, X1, y);
      continue;
    }
    band(b, { x: X0 + 0.2, y: y + 0.2, w: CONTENT_W - 0.4, h: 4.2 });
    text(b, { x: X0 + 2, y: y + 1.05, w: CONTENT_W - 4, text: row.label, sizePt: 6.8 });
    y += 4.4;
    (['L', 'P', 'LP'] as const).forEach((col, i) => {
      addNumber(b, `${row.id}.${col}`, `${row.label} (${col === 'LP' ? 'L+P' : col})`, colX[i], y, row.capped);
    });
    vline(b, colX[1], y, y + NUMBER_CELL_H);
    vline(b, colX[2], y, y + NUMBER_CELL_H);
    y += NUMBER_CELL_H;
    hline(b, X0, X1, y);
  }
  vline(b, colX[1], top, top + 5);
  vline(b, colX[2], top, top + 5);
  frame(b, { x: X0, y: top, w: CONTENT_W, h: y - top }, 0.45);
  return y;
}

function page1(b: Builder): void {
  text(b, { x: 42, y: 9.5, w: 118, text: 'BERITA ACARA DAN SERTIFIKAT HASIL PENGHITUNGAN PEROLEHAN SUARA', sizePt: 8.5, bold: true, align: 'center' });
  text(b, { x: 42, y: 13.6, w: 118, text: 'DI TEMPAT PEMUNGUTAN SUARA DALAM PEMILIHAN', sizePt: 8.5, bold: true, align: 'center' });
  text(b, { x: 42, y: 17.7, w: 118, text: '{raceTitle}', sizePt: 9, bold: true, align: 'center' });
  text(b, { x: 42, y: 21.9, w: 118, text: '{raceName}', sizePt: 9, bold: true, align: 'center' });
  text(b, { x: 42, y: 26.1, w: 118, text: 'TAHUN {year}', sizePt: 8.5, bold: true, align: 'center' });
  let y = identityLines(b, 37);
  text(b, {
    x: X0, y: y + 0.6, w: CONTENT_W, sizePt: 7,
    text: 'Pada hari ini ................................ tanggal ........ bulan .......................... tahun ............ KPPS mengadakan Rapat Penghitungan Suara, dengan hasil sebagai berikut:',
  });
  y += 4.6;
  hline(b, X0, X1, y + 0.6, 0.2);
  y += 3;
  y = sectionHeading(b, y, 'I', 'DATA PEMILIH DAN PENGGUNA HAK PILIH');
  y = lpTable(b, y, [
    { id: 'I.A', label: 'A.  Jumlah Pemilih dalam Daftar Pemilih Tetap (DPT)', capped: true },
    { heading: 'B.  PENGGUNA HAK PILIH' },
    { id: 'I.B.1', label: '1.  Jumlah pengguna hak pilih dalam Daftar Pemilih Tetap (DPT)', capped: true },
    { id: 'I.B.2', label: '2.  Jumlah pengguna hak pilih dalam Daftar Pemilih Tambahan (DPTb)', capped: true },
    { id: 'I.B.3', label: '3.  Jumlah pengguna hak pilih dalam Daftar Pemilih Khusus (DPK)', capped: true },
    { id: 'I.B.4', label: '4.  Jumlah pengguna hak pilih (B.1 + B.2 + B.3)', capped: true },
  ]);
  y += 3;
  y = sectionHeading(b, y, 'II', 'DATA PENGGUNAAN SURAT SUARA');
  y = suratSuaraGrid(b, y);
  y += 3;
  y = sectionHeading(b, y, 'III', 'DATA PEMILIH DISABILITAS');
  y = lpTable(b, y, [{ id: 'III', label: 'Jumlah seluruh pemilih disabilitas yang menggunakan hak pilih', capped: true }]);
  y = fillingExample(b, y + 2.5);
  if (y > Y_MAX) throw new Error(`KWK hal 1 overflows: ${y.toFixed(1)} mm`);
}

/**
 * "Petunjuk pengisian": how to write 47 — an X in the unused leading box, one digit per box, the matching
 * bubble blackened in each row, the words line in capitals. Drawn with the same parts as the real fields
 * (but outside every field, so a reader never mistakes it for one).
 */
function fillingExample(b: Builder, y: number): number {
  const h = 14.8;
  frame(b, { x: X0, y, w: CONTENT_W, h }, 0.25);
  text(b, { x: X0 + 2, y: y + 1.2, w: 40, text: 'PETUNJUK PENGISIAN', sizePt: 6.5, bold: true });
  text(b, {
    x: X0 + 2, y: y + 4.4, w: 44, sizePt: 5.8, color: LABEL_GREY,
    text: 'Satu angka per kotak, rata kanan; kotak depan yang tidak dipakai diberi tanda X. Hitamkan satu bulatan di tiap baris (100 ratusan, 10 puluhan, 1 satuan).',
  });
  const example = numberCell(X0 + 48, y + 0.4);
  for (const p of example.prims) {
    // A lighter copy: the example must not compete with the real fields.
    if (p.kind === 'rect' && p.stroke) b.prims.push({ ...p, stroke: LABEL_GREY });
    else b.prims.push(p);
  }
  const [hundreds, tens, units] = example.digits;
  const ink = '#1f3a93';
  b.prims.push(
    { kind: 'line', x1: hundreds.x + 1, y1: hundreds.y + 1, x2: hundreds.x + hundreds.w - 1, y2: hundreds.y + hundreds.h - 1, color: ink, lineMm: 0.45 },
    { kind: 'line', x1: hundreds.x + hundreds.w - 1, y1: hundreds.y + 1, x2: hundreds.x + 1, y2: hundreds.y + hundreds.h - 1, color: ink, lineMm: 0.45 },
  );
  text(b, { x: tens.x, y: tens.y + 1.6, w: tens.w, text: '4', sizePt: 19, align: 'center', color: ink });
  text(b, { x: units.x, y: units.y + 1.6, w: units.w, text: '7', sizePt: 19, align: 'center', color: ink });
  [0, 4, 7].forEach((digit, place) => {
    const col = example.bubbles[place];
    b.prims.push({ kind: 'circle', c: col.centers[digit], r: col.radius, stroke: ink, lineMm: 0.18, fill: ink });
  });
  const words = X0 + 48 + NUMBER_CELL_W + 4;
  text(b, { x: words, y: y + 4.2, w: X1 - words - 2, text: 'Terbilang:', sizePt: 6, italics: true, color: LABEL_GREY });
  text(b, { x: words + 12, y: y + 3.4, w: X1 - words - 14, text: 'EMPAT PULUH TUJUH', sizePt: 10, color: ink });
  b.prims.push({ kind: 'line', x1: words + 12, y1: y + 8, x2: X1 - 3, y2: y + 8, color: GUIDE_GREY, lineMm: 0.25, dash: { on: 0.5, off: 0.5 } });
  return y + h;
}

/** Section II: four single numbers in a 2 × 2 grid, each with a label, boxes + bubbles and a words line. */
function suratSuaraGrid(b: Builder, y: number): number {
  const items: [string, string, boolean][] = [
    ['II.1', '1.  Jumlah surat suara yang diterima, termasuk surat suara cadangan 2% dari DPT', false],
    ['II.2', '2.  Jumlah surat suara yang digunakan', true],
    ['II.3', '3.  Jumlah surat suara yang dikembalikan oleh pemilih karena rusak/keliru coblos', false],
    ['II.4', '4.  Jumlah surat suara yang tidak digunakan/tidak terpakai, termasuk sisa surat suara cadangan', false],
  ];
  const top = y;
  const cellW = CONTENT_W / 2;
  const labelH = 7.2;
  const wordsH = 6.8;
  const rowH = labelH + NUMBER_CELL_H + wordsH;
  items.forEach(([id, label, capped], i) => {
    const cx = X0 + (i % 2) * cellW;
    const cy = top + Math.floor(i / 2) * rowH;
    band(b, { x: cx + 0.2, y: cy + 0.2, w: cellW - 0.4, h: labelH - 0.4 });
    text(b, { x: cx + 2, y: cy + 0.9, w: cellW - 4, text: label, sizePt: 6.8 });
    const w = wordsLine(cx + 2, cy + labelH + NUMBER_CELL_H, cellW - 4, wordsH - 0.8, 12);
    b.prims.push(...w.prims);
    addNumber(b, id, label.replace(/^\d\.\s+/, ''), cx, cy + labelH, capped, w.words);
  });
  const bottom = top + 2 * rowH;
  vline(b, X0 + cellW, top, bottom);
  hline(b, X0, X1, top + rowH);
  frame(b, { x: X0, y: top, w: CONTENT_W, h: bottom - top }, 0.45);
  return bottom;
}

/** One single-number row of sections IV and V: a narrow key cell, a label area, the number cell, a words line. */
const ROW_H = 21;
const KEY_W = 14;
function singleRow(b: Builder, y: number, id: string, key: string, keySize: number, labelLines: TextPrim[], label: string, capped: boolean): void {
  const numX = X1 - NUMBER_CELL_W;
  text(b, { x: X0, y: y + ROW_H / 2 - keySize * 0.22, w: KEY_W, text: key, sizePt: keySize, bold: true, align: 'center' });
  vline(b, X0 + KEY_W, y, y + ROW_H);
  for (const l of labelLines) b.prims.push(l);
  const w = wordsLine(X0 + KEY_W + 2, y + 13.6, X1 - X0 - KEY_W - 4, 6.4, 13);
  b.prims.push(...w.prims);
  addNumber(b, id, label, numX, y + 0.3, capped, w.words);
  hline(b, X0, X1, y + ROW_H);
}

/** Vote rows: the race's pairs; a single-pair race gets a second row for the empty box (kotak kosong). */
export function kwkVoteRows(nPaslon: number): { nomor: number; kotakKosong: boolean }[] {
  const rows = Array.from({ length: nPaslon }, (_, i) => ({ nomor: i + 1, kotakKosong: false }));
  if (nPaslon === 1) rows.push({ nomor: 2, kotakKosong: true });
  return rows;
}

function page2(b: Builder, nPaslon: number): void {
  text(b, { x: 42, y: 9.5, w: 118, text: 'PEMILIHAN {raceTitle}', sizePt: 8.5, bold: true, align: 'center' });
  text(b, { x: 42, y: 13.6, w: 118, text: '{raceName} TAHUN {year}', sizePt: 8.5, bold: true, align: 'center' });
  text(b, { x: 42, y: 19, w: 118, text: 'Kecamatan {kecamatan} · Kelurahan/Desa {desa} · TPS {tpsNomor}', sizePt: 7.5, align: 'center' });
  text(b, { x: 42, y: 22.8, w: 118, text: 'Kabupaten/Kota {kabkota} · Provinsi {provinsi}', sizePt: 7.5, align: 'center' });
  let y = 37;
  y = sectionHeading(b, y, 'IV', 'DATA PEROLEHAN SUARA PASANGAN CALON');
  const top = y;
  band(b, { x: X0, y, w: CONTENT_W, h: 5 });
  text(b, { x: X0, y: y + 0.5, w: KEY_W, text: 'NOMOR\nURUT', sizePt: 5.5, bold: true, align: 'center' });
  text(b, { x: X0 + KEY_W, y: y + 1.4, w: 110, text: 'NAMA PASANGAN CALON', sizePt: 6.5, bold: true, align: 'center' });
  text(b, { x: X1 - NUMBER_CELL_W, y: y + 1.4, w: NUMBER_CELL_W, text: 'JUMLAH SUARA SAH', sizePt: 6.5, bold: true, align: 'center' });
  y += 5;
  hline(b, X0, X1, y);
  const rows = kwkVoteRows(nPaslon);
  for (const r of rows) {
    const lx = X0 + KEY_W + 2;
    const lines: TextPrim[] = r.kotakKosong
      ? [{ kind: 'text', x: lx, y: y + 3.5, w: 100, text: 'KOLOM KOSONG (TIDAK BERGAMBAR)', sizePt: 8.5, bold: true }]
      : [
          { kind: 'text', x: lx, y: y + 2.2, w: 100, text: `{paslon.${r.nomor}.kepala}`, sizePt: 8.5, bold: true },
          { kind: 'text', x: lx, y: y + 6.6, w: 100, text: `{paslon.${r.nomor}.wakil}`, sizePt: 8, bold: true },
        ];
    const label = r.kotakKosong ? 'Suara kolom kosong' : `Suara pasangan calon nomor urut ${r.nomor}`;
    singleRow(b, y, `IV.${r.nomor}`, r.kotakKosong ? '' : String(r.nomor), 16, lines, label, true);
    y += ROW_H;
  }
  frame(b, { x: X0, y: top, w: CONTENT_W, h: y - top }, 0.45);
  y += 2.5;
  y = sectionHeading(b, y, 'V', 'DATA SUARA SAH DAN SUARA TIDAK SAH');
  const vTop = y;
  const ivSum = rows.map((r) => `IV.${r.nomor}`).join(' + ');
  const vRows: [string, string, string, string][] = [
    ['V.A', 'A.', 'JUMLAH SELURUH SUARA SAH', `( ${ivSum} )`],
    ['V.B', 'B.', 'JUMLAH SUARA TIDAK SAH', ''],
    ['V.C', 'C.', 'JUMLAH SELURUH SUARA SAH DAN SUARA TIDAK SAH', '( V.A + V.B )'],
  ];
  for (const [id, key, title, sub] of vRows) {
    const lx = X0 + KEY_W + 2;
    const lines: TextPrim[] = [{ kind: 'text', x: lx, y: y + 2.4, w: 100, text: title, sizePt: 8, bold: true }];
    if (sub) lines.push({ kind: 'text', x: lx, y: y + 6.6, w: 100, text: sub, sizePt: 7, color: LABEL_GREY });
    singleRow(b, y, id, key, 9, lines, title.charAt(0) + title.slice(1).toLowerCase(), true);
    y += ROW_H;
  }
  frame(b, { x: X0, y: vTop, w: CONTENT_W, h: y - vTop }, 0.45);
  y += 3;
  text(b, { x: X0, y, w: CONTENT_W, text: 'Ditetapkan di ........................................   tanggal ........ bulan ............................ tahun ..........', sizePt: 7.5 });
  y += 5;
  signatures(b, y, nPaslon);
}

/** Signature strips: the 7 KPPS members, then one saksi per paslon. Heights take the room that is left. */
function signatures(b: Builder, y: number, nPaslon: number): void {
  const room = Y_MAX - 1 - y;
  const headH = 4;
  const cellH = Math.min(16, (room - 2 * headH - 2) / 2);
  if (cellH < 7) throw new Error(`KWK hal 2 overflows: ${cellH.toFixed(1)} mm left for signatures`);
  const strip = (top: number, title: string, labels: string[]): number => {
    band(b, { x: X0, y: top, w: CONTENT_W, h: headH });
    text(b, { x: X0, y: top + 0.9, w: CONTENT_W, text: title, sizePt: 6.5, bold: true, align: 'center' });
    hline(b, X0, X1, top + headH);
    const w = CONTENT_W / labels.length;
    labels.forEach((l, i) => {
      text(b, { x: X0 + i * w + 1.2, y: top + headH + 0.8, w: w - 2.4, text: l, sizePt: 5.5, color: LABEL_GREY });
      if (i > 0) vline(b, X0 + i * w, top + headH, top + headH + cellH);
    });
    frame(b, { x: X0, y: top, w: CONTENT_W, h: headH + cellH }, 0.4);
    return top + headH + cellH;
  };
  const kpps = ['1. Ketua', '2. Anggota', '3. Anggota', '4. Anggota', '5. Anggota', '6. Anggota', '7. Anggota'];
  const after = strip(y, 'NAMA DAN TANDA TANGAN KELOMPOK PENYELENGGARA PEMUNGUTAN SUARA', kpps);
  const saksi = Array.from({ length: nPaslon }, (_, i) => `Saksi paslon ${i + 1}`);
  strip(after + 2, 'NAMA DAN TANDA TANGAN SAKSI PASANGAN CALON', saksi);
}

/** The layout of page `page` (1 or 2) of the form for `nPaslon` pairs (1–6). */
export function kwkPageLayout(nPaslon: number, page: number): PageLayout {
  if (!Number.isInteger(nPaslon) || nPaslon < KWK_MIN_PASLON || nPaslon > KWK_MAX_PASLON) {
    throw new RangeError(`jumlah paslon harus ${KWK_MIN_PASLON}–${KWK_MAX_PASLON}, bukan ${nPaslon}`);
  }
  if (page !== 1 && page !== 2) throw new RangeError(`halaman harus 1 atau 2, bukan ${page}`);
  const b: Builder = { prims: [], fields: [] };
  const furniture = pageFurniture(b, nPaslon, page);
  if (page === 1) page1(b);
  else page2(b, nPaslon);
  return { widthMm: A4.widthMm, heightMm: A4.heightMm, page, pages: KWK_PAGES, ...furniture, fields: b.fields, prims: b.prims };
}
