/**
 * Measures the official 2024 C.HASIL-PPWP plano (../shared/forms/C.HASIL-PPWP-2024.pdf, 3 pages of 600 × 900 mm)
 * and writes its templates to resources/forms/kpu-ppwp-2024/. Everything is measured from a 4000 px-wide render
 * (6.67 px/mm) and written in canonical px of a 2000 × 3000 raster, so re-running reproduces the numbers.
 *
 * The PDF is pure vector art (CorelDRAW; even the text is curves), so the marks and boxes are found in the
 * raster: corner markers and digit boxes as connected components, bubbles as small ring components under each
 * box, words areas by following the table rules around them, the page tag with OpenCV's AprilTag detector.
 *
 * Run: node --import tsx scripts/measure-forms-official.ts [--overlay DIR]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { FormTemplate, type Check, type Field, type RegistrationMark } from '../main/recognition/templates/schema.ts';
import type { GrayImage } from '../main/recognition/gray-image.ts';
import { validateTemplate } from '../main/recognition/templates/validate.ts';
import {
  darkBlobs, detectAprilTags, findCornerMarker, inkEdges, renderPdfPage, type Blob,
} from './measure-forms-lib.ts';
import { drawOverlay } from './measure-forms-overlay.ts';

const PDF = new URL('../../shared/forms/C.HASIL-PPWP-2024.pdf', import.meta.url).pathname;
const OUT_DIR = new URL('../resources/forms/kpu-ppwp-2024/', import.meta.url).pathname;
const RENDER_W = 4000;
const CANON_W = 2000;
const S = RENDER_W / CANON_W;
const FORM = 'kpu-c-hasil-ppwp-2024';
const id = (page: number) => `kpu-ppwp-2024-hal${page}`;

const r2 = (v: number) => Math.round(v * 100) / 100;
const c = (v: number) => r2(v / S);
type R = { x: number; y: number; w: number; h: number };
const canonRect = (e: { x: number; y: number; x2: number; y2: number }): R => ({ x: c(e.x), y: c(e.y), w: c(e.x2 - e.x), h: c(e.y2 - e.y) });

/** Digit boxes: square outlines of the given size (render px), little ink inside. */
function boxBlobs(blobs: Blob[], minSide: number, maxSide: number): Blob[] {
  return blobs.filter((b) => b.w >= minSide && b.w <= maxSide && Math.abs(b.w - b.h) < 8 && b.area / (b.w * b.h) < 0.3);
}

/** Groups items into rows by their top y (tolerance px), rows top→bottom, items left→right. */
function rowsOf<T extends { x: number; y: number }>(items: T[], tol: number): T[][] {
  const sorted = [...items].sort((a, b) => a.y - b.y);
  const rows: T[][] = [];
  for (const it of sorted) {
    const row = rows.at(-1);
    if (row && Math.abs(row[0].y - it.y) <= tol) row.push(it);
    else rows.push([it]);
  }
  return rows.map((r) => r.sort((a, b) => a.x - b.x));
}

const isDark = (img: GrayImage, x: number, y: number) => img.data[Math.round(y) * img.width + Math.round(x)] < 128;

/** Walks from (x, y) in direction (dx, dy) until a dark pixel; returns that coordinate along the axis. */
function scanTo(img: GrayImage, x: number, y: number, dx: number, dy: number, limit = 4000): number {
  for (let i = 0; i < limit; i++) {
    const px = x + dx * i;
    const py = y + dy * i;
    if (px < 0 || py < 0 || px >= img.width || py >= img.height) break;
    if (isDark(img, px, py)) return dx !== 0 ? px : py;
  }
  throw new Error(`no rule found from (${x}, ${y}) towards (${dx}, ${dy})`);
}

/** From a dark pixel of a rule, walks on across it; returns the first light coordinate on the far side. */
function acrossRule(img: GrayImage, x: number, y: number, dx: number, dy: number): number {
  let px = x;
  let py = y;
  while (isDark(img, px, py)) {
    px += dx;
    py += dy;
  }
  return dx !== 0 ? px : py;
}

/** Whether any ink lies in column x between rows y0..y1 (exclusive of the 2 px next to the rules). */
function columnHasInk(img: GrayImage, x: number, y0: number, y1: number): boolean {
  for (let y = y0; y < y1; y++) if (img.data[y * img.width + x] < 200) return true;
  return false;
}

/** Any ink at all (thin printed captions render lighter than the rules, hence the high threshold). */
function rowHasInk(img: GrayImage, y: number, x0: number, x1: number): boolean {
  for (let x = x0; x < x1; x++) if (img.data[y * img.width + x] < 200) return true;
  return false;
}

async function registration(img: GrayImage, page: number): Promise<RegistrationMark[]> {
  const marks: RegistrationMark[] = [];
  const q = 900; // corner search square, render px (135 mm)
  const regions = {
    tl: { x: 0, y: 0, w: q, h: q },
    tr: { x: img.width - q, y: 0, w: q, h: q },
    br: { x: img.width - q, y: img.height - q, w: q, h: q },
    bl: { x: 0, y: img.height - q, w: q, h: q },
  } as const;
  for (const pos of ['tl', 'tr', 'br', 'bl'] as const) {
    const found = await findCornerMarker(img, regions[pos], 48);
    if (!found) throw new Error(`page ${page}: corner marker ${pos} not found`);
    const e = found.bbox;
    const half = { w: (e.x2 - e.x) / 2, h: (e.y2 - e.y) / 2 };
    // Which diagonal: ink in the top-left quarter means "\" (top-left + bottom-right squares).
    const backslash = isDark(img, e.x + half.w / 2, e.y + half.h / 2);
    const sq = (x: number, y: number) => ({ x: c(x), y: c(y), w: c(half.w), h: c(half.h) });
    const squares = backslash
      ? [sq(e.x, e.y), sq(e.x + half.w, e.y + half.h)]
      : [sq(e.x + half.w, e.y), sq(e.x, e.y + half.h)];
    marks.push({
      id: `corner-${pos}`, type: 'corner', position: pos,
      rect: canonRect(e), anchor: { x: c(found.anchor.x), y: c(found.anchor.y) },
      squares: squares as [R, R],
      search: { x: c(regions[pos].x), y: c(regions[pos].y), w: c(q), h: c(q) },
    });
  }
  const tags = await detectAprilTags(img);
  const expected = 100 + page;
  const tag = tags.find((t) => t.id === expected);
  if (!tag || tags.length !== 1) throw new Error(`page ${page}: expected one AprilTag ${expected}, found ${tags.map((t) => t.id).join(', ') || 'none'}`);
  const xs = tag.corners.map((p) => p.x);
  const ys = tag.corners.map((p) => p.y);
  const bbox = { x: Math.min(...xs), y: Math.min(...ys), x2: Math.max(...xs), y2: Math.max(...ys) };
  const margin = 400; // 60 mm around the tag
  const sx = Math.max(0, bbox.x - margin);
  const sy = Math.max(0, bbox.y - margin);
  marks.push({
    id: 'tag', type: 'apriltag', family: '36h10', tagId: expected,
    rect: canonRect(bbox),
    anchor: { x: c((bbox.x + bbox.x2) / 2), y: c((bbox.y + bbox.y2) / 2) },
    corners: tag.corners.map((p) => ({ x: c(p.x), y: c(p.y) })) as [{ x: number; y: number }, { x: number; y: number }, { x: number; y: number }, { x: number; y: number }],
    search: { x: c(sx), y: c(sy), w: c(Math.min(img.width, bbox.x2 + margin) - sx), h: c(Math.min(img.height, bbox.y2 + margin) - sy) },
  });
  return marks;
}

function digitRects(img: GrayImage, boxes: Blob[]): R[] {
  return boxes.map((b) => canonRect(inkEdges(img, b)));
}

function lpFields(img: GrayImage, row: Blob[], base: string, label: string, capped: boolean): Field[] {
  if (row.length !== 9) throw new Error(`${base}: expected 9 boxes, found ${row.length}`);
  return (['L', 'P', 'LP'] as const).map((col, i) => ({
    id: `${base}.${col}`,
    label: `${label} (${col === 'LP' ? 'L+P' : col})`,
    digits: digitRects(img, row.slice(3 * i, 3 * i + 3)),
    capped,
  }));
}

async function page1(img: GrayImage): Promise<Field[]> {
  const blobs = await darkBlobs(img, { x: -1, y: -1, w: img.width + 2, h: img.height + 2 });
  const rows = rowsOf(boxBlobs(blobs, 110, 140), 20);
  const counts = rows.map((r) => r.length).join(',');
  if (counts !== '9,9,9,9,9,3,3,3,3,9') throw new Error(`page 1: unexpected box rows ${counts}`);
  const single = (row: Blob[], fid: string, label: string, capped: boolean): Field => ({ id: fid, label, digits: digitRects(img, row), capped });
  return [
    ...lpFields(img, rows[0], 'I.A', 'Jumlah pemilih dalam DPT', true),
    ...lpFields(img, rows[1], 'I.B.1', 'Pengguna hak pilih dalam DPT', true),
    ...lpFields(img, rows[2], 'I.B.2', 'Pengguna hak pilih dalam DPTb', true),
    ...lpFields(img, rows[3], 'I.B.3', 'Pengguna hak pilih dalam DPK', true),
    ...lpFields(img, rows[4], 'I.B.4', 'Jumlah pengguna hak pilih (B.1 + B.2 + B.3)', true),
    single(rows[5], 'II.1', 'Surat suara diterima, termasuk cadangan 2% dari DPT', false),
    single(rows[6], 'II.2', 'Surat suara digunakan', true),
    single(rows[7], 'II.3', 'Surat suara dikembalikan pemilih (rusak/keliru coblos)', false),
    single(rows[8], 'II.4', 'Surat suara tidak digunakan, termasuk sisa cadangan', false),
    ...lpFields(img, rows[9], 'III', 'Pemilih disabilitas yang menggunakan hak pilih', true),
  ];
}

/**
 * The words area of a page-2 paslon block: the cell under the tally grid, left of the "jumlah suara sah"
 * column; its right part holds the printed bubble instruction and its bottom the printed caption, both left out.
 */
function paslonWords(img: GrayImage, firstBox: Blob, midY: number): R {
  // Leftwards from the boxes: the column rule, crossed; xr is the first light column of the words cell.
  const xr = acrossRule(img, scanTo(img, firstBox.x - 8, midY, -1, 0), midY, -1, 0);
  const xl = scanTo(img, xr - 30, midY, -1, 0) + 1; // first light column right of the table's left rule
  const cx = Math.round((xl + xr) / 2);
  const yt = scanTo(img, cx, midY, 0, -1) + 1;
  const yb = scanTo(img, cx, midY, 0, 1);
  // The printed instruction on the right: first inked column scanning right from the middle.
  let textLeft = xr;
  for (let x = cx; x < xr - 4; x++) if (columnHasInk(img, x, yt + 4, yb - 4)) { textLeft = x; break; }
  // The printed caption at the bottom: first inked row scanning up from the bottom rule, left part only.
  let y = yb - 4;
  while (y > yt && !rowHasInk(img, y, xl + 4, textLeft - 4)) y--;
  while (y > yt && rowHasInk(img, y, xl + 4, textLeft - 4)) y--;
  const captionTop = y;
  const pad = 6;
  return canonRect({ x: xl + pad, y: yt + pad, x2: textLeft - 3 * pad, y2: captionTop - pad });
}

/** The tally grid of a page-2 paslon block: the cell above its words cell, between the black rules
 *  (its own grid lines are light grey, below the rule threshold). */
function paslonTally(img: GrayImage, words: R): R {
  const cx = Math.round((words.x + words.w / 2) * S);
  const ruleBottom = scanTo(img, cx, Math.round(words.y * S), 0, -1);
  const bottom = acrossRule(img, cx, ruleBottom, 0, -1);
  const y = bottom - 40;
  const top = scanTo(img, cx, y, 0, -1) + 1;
  const left = scanTo(img, cx, y, -1, 0) + 1;
  const right = scanTo(img, cx, y, 1, 0);
  return canonRect({ x: left, y: top, x2: right, y2: bottom + 1 });
}

/** The tally grid of row V.B on page 3: left of the "jumlah tiap baris" column, beside the boxes. */
function vbTally(img: GrayImage, boxes: Blob[]): R {
  const y = Math.round(boxes[0].y + boxes[0].h / 2);
  const inRowSums = acrossRule(img, scanTo(img, boxes[0].x - 8, y, -1, 0), y, -1, 0);
  const right = acrossRule(img, scanTo(img, inRowSums, y, -1, 0), y, -1, 0) + 1;
  const left = scanTo(img, right - 5, y, -1, 0) + 1;
  const cx = Math.round((left + right) / 2);
  const top = scanTo(img, cx, y, 0, -1) + 1;
  const bottom = scanTo(img, cx, y, 0, 1);
  return canonRect({ x: left, y: top, x2: right, y2: bottom });
}

async function page2(img: GrayImage): Promise<Field[]> {
  const blobs = await darkBlobs(img, { x: -1, y: -1, w: img.width + 2, h: img.height + 2 });
  const rows = rowsOf(boxBlobs(blobs, 125, 160), 20);
  if (rows.map((r) => r.length).join(',') !== '3,3,3') throw new Error(`page 2: unexpected box rows ${rows.map((r) => r.length)}`);
  const rings = blobs.filter((b) => b.w > 40 && b.w < 70 && Math.abs(b.w - b.h) < 6);
  return rows.map((boxes, i) => {
    const nextTop = rows[i + 1]?.[0].y ?? img.height;
    const bubbles = boxes.map((box) => {
      const cx = box.x + box.w / 2;
      const col = rings
        .filter((r) => Math.abs(r.x + r.w / 2 - cx) < 30 && r.y > box.y + box.h && r.y < nextTop)
        .sort((a, b) => a.y - b.y);
      if (col.length !== 10) throw new Error(`IV.${i + 1}: ${col.length} bubbles under a box`);
      const radius = r2(col.reduce((s, r) => s + (inkEdges(img, r).x2 - inkEdges(img, r).x) / 2, 0) / 10 / S);
      return { radius, centers: col.map((r) => { const e = inkEdges(img, r); return { x: c((e.x + e.x2) / 2), y: c((e.y + e.y2) / 2) }; }) };
    });
    const bubbleCol = rings.filter((r) => Math.abs(r.x + r.w / 2 - (boxes[0].x + boxes[0].w / 2)) < 30 && r.y > boxes[0].y && r.y < nextTop).sort((a, b) => a.y - b.y);
    const midY = Math.round(bubbleCol[5].y + bubbleCol[5].h / 2);
    const words = paslonWords(img, boxes[0], midY);
    return {
      id: `IV.${i + 1}`,
      label: `Suara sah pasangan calon nomor urut ${i + 1}`,
      digits: digitRects(img, boxes),
      bubbles,
      words,
      tally: paslonTally(img, words),
      capped: true,
    };
  });
}

/** Words areas of page 3: rows A and C — the wide cell left of the boxes (minus the caption at its bottom right);
 *  row B — the space under the boxes in the "jumlah suara tidak sah" column (above its caption). */
function vWordsWide(img: GrayImage, boxes: Blob[]): R {
  const midY = Math.round(boxes[0].y + boxes[0].h / 2);
  const xr = acrossRule(img, scanTo(img, boxes[0].x - 8, midY, -1, 0), midY, -1, 0);
  const xl = scanTo(img, xr - 30, midY, -1, 0) + 1;
  const cx = Math.round((xl + xr) / 2);
  const yt = scanTo(img, cx, midY, 0, -1) + 1;
  const yb = scanTo(img, cx, midY, 0, 1);
  let y = yb - 4;
  while (y > yt && !rowHasInk(img, y, xl + 4, xr - 4)) y--;
  while (y > yt && rowHasInk(img, y, xl + 4, xr - 4)) y--;
  const pad = 6;
  return canonRect({ x: xl + pad, y: yt + pad, x2: xr - pad, y2: y - pad });
}

function vWordsUnderBoxes(img: GrayImage, boxes: Blob[]): R {
  const last = boxes[2];
  const cx = Math.round((boxes[0].x + last.x + last.w) / 2);
  const below = last.y + last.h + 6;
  const xl = scanTo(img, boxes[0].x - 8, below + 10, -1, 0) + 1;
  const xr = scanTo(img, last.x + last.w + 8, below + 10, 1, 0);
  const yb = scanTo(img, cx, below, 0, 1);
  let y = yb - 4;
  while (y > below && !rowHasInk(img, y, xl + 4, xr - 4)) y--;
  while (y > below && rowHasInk(img, y, xl + 4, xr - 4)) y--;
  const pad = 6;
  return canonRect({ x: xl + pad, y: below + pad, x2: xr - pad, y2: y - pad });
}

async function page3(img: GrayImage): Promise<Field[]> {
  const blobs = await darkBlobs(img, { x: -1, y: -1, w: img.width + 2, h: img.height + 2 });
  const rows = rowsOf(boxBlobs(blobs, 125, 160), 20);
  if (rows.map((r) => r.length).join(',') !== '3,3,3') throw new Error(`page 3: unexpected box rows ${rows.map((r) => r.length)}`);
  return [
    { id: 'V.A', label: 'Jumlah seluruh suara sah (IV.1 + IV.2 + IV.3)', digits: digitRects(img, rows[0]), words: vWordsWide(img, rows[0]), capped: true },
    { id: 'V.B', label: 'Jumlah suara tidak sah', digits: digitRects(img, rows[1]), words: vWordsUnderBoxes(img, rows[1]), tally: vbTally(img, rows[1]), capped: true },
    { id: 'V.C', label: 'Jumlah seluruh suara sah dan suara tidak sah (V.A + V.B)', digits: digitRects(img, rows[2]), words: vWordsWide(img, rows[2]), capped: true },
  ];
}

function checks(page: number): Check[] {
  if (page === 1) {
    const lp = (row: string): Check => ({ id: `${row}.L+P`, type: 'sum', left: [`${row}.L`, `${row}.P`], right: `${row}.LP`, label: `${row}: L + P = L+P` });
    return [
      ...['I.A', 'I.B.1', 'I.B.2', 'I.B.3', 'I.B.4', 'III'].map(lp),
      ...(['L', 'P', 'LP'] as const).map((col): Check => ({
        id: `I.B.4.${col}=B.1+B.2+B.3`, type: 'sum', left: [`I.B.1.${col}`, `I.B.2.${col}`, `I.B.3.${col}`], right: `I.B.4.${col}`,
        label: `B.4 = B.1 + B.2 + B.3 (${col === 'LP' ? 'L+P' : col})`,
      })),
      { id: 'I.B.1<=I.A', type: 'lte', left: 'I.B.1.LP', right: 'I.A.LP', label: 'Pengguna DPT tidak melebihi DPT' },
      { id: 'II.1=II.2+II.3+II.4', type: 'sum', left: ['II.2', 'II.3', 'II.4'], right: 'II.1', label: 'Surat suara diterima = digunakan + rusak + tidak digunakan' },
      { id: 'II.1<=I.A+2%', type: 'lte', left: 'II.1', right: 'I.A.LP', plusPercent: 2, label: 'Surat suara diterima ≤ DPT + 2 % cadangan' },
      { id: 'II.2=I.B.4', type: 'equal', left: 'II.2', right: 'I.B.4.LP', label: 'Surat suara digunakan = jumlah pengguna hak pilih' },
      { id: 'III<=I.B.4', type: 'lte', left: 'III.LP', right: 'I.B.4.LP', label: 'Pemilih disabilitas ≤ jumlah pengguna hak pilih' },
    ];
  }
  if (page === 2) return [];
  return [
    { id: 'V.A=ΣIV', type: 'sum', left: [`${id(2)}#IV.1`, `${id(2)}#IV.2`, `${id(2)}#IV.3`], right: 'V.A', label: 'Suara sah = jumlah suara semua paslon (hal. 2)' },
    { id: 'V.C=V.A+V.B', type: 'sum', left: ['V.A', 'V.B'], right: 'V.C', label: 'Suara sah + tidak sah = jumlah' },
    { id: 'V.C=I.B.4', type: 'equal', left: 'V.C', right: `${id(1)}#I.B.4.LP`, label: 'Jumlah suara = jumlah pengguna hak pilih (hal. 1)' },
    { id: 'V.C=II.2', type: 'equal', left: 'V.C', right: `${id(1)}#II.2`, label: 'Jumlah suara = surat suara digunakan (hal. 1)' },
  ];
}

/** Box border width (render px → canonical): the ink run across the left edge of the first box. */
function borderWidth(img: GrayImage, f: Field): number {
  const d = f.digits[0];
  const y = Math.round((d.y + d.h / 2) * S);
  let x = Math.round(d.x * S);
  let n = 0;
  while (isDark(img, x + n, y)) n++;
  return r2(n / S);
}

async function main() {
  const overlayAt = process.argv.indexOf('--overlay');
  const overlayDir = overlayAt > 0 ? process.argv[overlayAt + 1] : null;
  mkdirSync(OUT_DIR, { recursive: true });
  const pagesAt = process.argv.indexOf('--pages');
  const pages = pagesAt > 0 ? process.argv[pagesAt + 1].split(',').map(Number) : [1, 2, 3];
  for (const page of pages) {
    const img = await renderPdfPage(PDF, page, RENDER_W);
    const fields = page === 1 ? await page1(img) : page === 2 ? await page2(img) : await page3(img);
    const t: FormTemplate = {
      id: id(page),
      form: FORM,
      title: `Model C.HASIL-PPWP (plano Pemilu 2024), halaman ${page} dari 3`,
      page,
      pages: 3,
      size: { widthMm: 600, heightMm: 900 },
      canonical: { width: CANON_W, height: Math.round((img.height / img.width) * CANON_W) },
      source: `measured by scripts/measure-forms-official.ts from ../shared/forms/C.HASIL-PPWP-2024.pdf rendered at ${RENDER_W} px wide`,
      tpsCap: 300,
      digitStyle: { guide: page === 2 ? 'dotted8' : 'none', borderPx: borderWidth(img, fields[0]), border: 'black' },
      registration: { marks: await registration(img, page) },
      fields,
      checks: checks(page),
    };
    const parsed = FormTemplate.safeParse(t);
    if (!parsed.success) throw new Error(`${t.id}: ${JSON.stringify(parsed.error.issues)}`);
    const problems = validateTemplate(t);
    if (problems.length) throw new Error(`${t.id}: ${JSON.stringify(problems)}`);
    writeFileSync(`${OUT_DIR}${t.id}.json`, `${JSON.stringify(t, null, 1)}\n`);
    console.log(`${t.id}: ${t.fields.length} fields, ${t.registration.marks.length} marks`);
    if (overlayDir) await drawOverlay(img, S, t, `${overlayDir}/${t.id}.png`);
  }
}

await main();
