/**
 * Measures the NETGRIT / International IDEA draft C.HASIL-PPWP (../shared/forms/netgrit-c.hasil-ppwp-hal{1,2}.png,
 * 1800 × 2800 px at 300 dpi) and writes resources/forms/netgrit-ppwp/netgrit-ppwp-hal{1,2}.json.
 * The PNG is the canonical raster itself (1800 × 2800), so coordinates are its pixels.
 *
 * Marks (black): 4 corner markers (two diagonal squares), 4 mid-edge pairs of squares, table markers (square +
 * triangle at the table corners, a single square mid-way), a bar at the right end of every row and a triangle at
 * the top-right of every row label, and a QR code (page code, e.g. "010200-01"). Digit boxes, their dotted 8
 * guides and the words comb cells are light grey, found in a grey band that excludes black print.
 *
 * Run: node --import tsx scripts/measure-forms-netgrit.ts [--overlay DIR]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import sharp from 'sharp';
import type { GrayImage } from '../main/recognition/gray-image.ts';
import { loadOpenCv } from '../main/recognition/opencv/load.ts';
import { FormTemplate, type Check, type Field, type RegistrationMark, type WordsLine } from '../main/recognition/templates/schema.ts';
import { validateTemplate } from '../main/recognition/templates/validate.ts';
import { darkBlobs, findCornerMarker, type Blob } from './measure-forms-lib.ts';
import { drawOverlay } from './measure-forms-overlay.ts';

const FORMS = new URL('../../shared/forms/', import.meta.url).pathname;
const OUT_DIR = new URL('../resources/forms/netgrit-ppwp/', import.meta.url).pathname;
const FORM = 'netgrit-c-hasil-ppwp';
const id = (page: number) => `netgrit-ppwp-hal${page}`;
const DPI = 300;
/** Grey band of the digit boxes and comb cells: lighter than black print, darker than paper. */
const GREY: [number, number] = [150, 236];

type R = { x: number; y: number; w: number; h: number };
const rect = (b: Blob): R => ({ x: b.x, y: b.y, w: b.w, h: b.h });
const fill = (b: Blob) => b.area / (b.w * b.h);
const cx = (b: Blob) => b.x + b.w / 2;
const cy = (b: Blob) => b.y + b.h / 2;
const grow = (r: R, m: number, img: GrayImage): R => {
  const x = Math.max(0, r.x - m);
  const y = Math.max(0, r.y - m);
  return { x, y, w: Math.min(img.width, r.x + r.w + m) - x, h: Math.min(img.height, r.y + r.h + m) - y };
};
const union = (rs: R[]): R => {
  const x = Math.min(...rs.map((r) => r.x));
  const y = Math.min(...rs.map((r) => r.y));
  return { x, y, w: Math.max(...rs.map((r) => r.x + r.w)) - x, h: Math.max(...rs.map((r) => r.y + r.h)) - y };
};

async function loadPage(page: number): Promise<GrayImage> {
  const { data, info } = await sharp(`${FORMS}netgrit-c.hasil-ppwp-hal${page}.png`).greyscale().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(data) };
}

function rowsOf<T extends { y: number; x: number }>(items: T[], tol: number): T[][] {
  const rows: T[][] = [];
  for (const it of [...items].sort((a, b) => a.y - b.y)) {
    const row = rows.at(-1);
    if (row && Math.abs(row[0].y - it.y) <= tol) row.push(it);
    else rows.push([it]);
  }
  return rows.map((r) => r.sort((a, b) => a.x - b.x));
}

/** Corner markers, mid-edge pairs, table markers, QR. Row marks are added per field row. */
async function pageMarks(img: GrayImage, black: Blob[]): Promise<{ marks: RegistrationMark[]; bars: Blob[]; triangles: Blob[]; qr: R }> {
  const marks: RegistrationMark[] = [];
  const q = 400;
  const regions = {
    tl: { x: 0, y: 0, w: q, h: q },
    tr: { x: img.width - q, y: 0, w: q, h: q },
    br: { x: img.width - q, y: img.height - q, w: q, h: q },
    bl: { x: 0, y: img.height - q, w: q, h: q },
  } as const;
  for (const pos of ['tl', 'tr', 'br', 'bl'] as const) {
    const found = await findCornerMarker(img, regions[pos], 24.5);
    if (!found) throw new Error(`corner ${pos} not found`);
    const e = found.bbox;
    const half = { w: (e.x2 - e.x) / 2, h: (e.y2 - e.y) / 2 };
    const backslash = img.data[Math.round(e.y + half.h / 2) * img.width + Math.round(e.x + half.w / 2)] < 128;
    const sq = (x: number, y: number): R => ({ x, y, w: half.w, h: half.h });
    marks.push({
      id: `corner-${pos}`, type: 'corner', position: pos,
      rect: { x: e.x, y: e.y, w: e.x2 - e.x, h: e.y2 - e.y },
      anchor: found.anchor,
      squares: backslash ? [sq(e.x, e.y), sq(e.x + half.w, e.y + half.h)] : [sq(e.x + half.w, e.y), sq(e.x, e.y + half.h)],
      search: regions[pos],
    });
  }
  const squares = black.filter((b) => fill(b) > 0.97 && Math.abs(b.w - b.h) <= 1 && b.w >= 22 && b.w <= 28);
  const triangles = black.filter((b) => fill(b) > 0.45 && fill(b) < 0.6 && Math.abs(b.w - b.h) <= 2 && b.w >= 22 && b.w <= 28);
  const bars = black.filter((b) => fill(b) > 0.97 && b.w >= 22 && b.w <= 28 && b.h >= 10 && b.h <= 15);

  // Mid-edge pairs: two squares side by side at the top/bottom centre, stacked at the left/right middle.
  const W = img.width;
  const H = img.height;
  const pair = (edge: 'top' | 'bottom' | 'left' | 'right', pick: (b: Blob) => boolean) => {
    const two = squares.filter(pick);
    if (two.length !== 2) throw new Error(`mid-edge ${edge}: ${two.length} squares`);
    const r = union(two.map(rect));
    marks.push({ id: `mid-${edge}`, type: 'midEdge', edge, rect: r, anchor: { x: r.x + r.w / 2, y: r.y + r.h / 2 }, squares: two.map(rect), search: grow(r, 150, img) });
  };
  pair('top', (b) => b.y < 150 && Math.abs(cx(b) - W / 2) < 150);
  pair('bottom', (b) => b.y > H - 150 && Math.abs(cx(b) - W / 2) < 150);
  pair('left', (b) => b.x < 150 && Math.abs(cy(b) - H / 2) < 150);
  pair('right', (b) => b.x > W - 150 && Math.abs(cy(b) - H / 2) < 150);

  // Table markers: per marker row (top and bottom of the table block) a square+triangle at each end and a
  // single square in the middle. Anchor of a corner pair: the point where square and triangle meet.
  const inner = (b: Blob) => b.x > 150 && b.x < W - 150 && b.y > 150 && b.y < H - 150;
  const tableSquares = squares.filter(inner);
  const markerRows = rowsOf([...tableSquares, ...triangles.filter((t) => tableSquares.some((s) => Math.abs(s.y - t.y) <= 2 && Math.abs(s.x - t.x) < 40))], 3);
  if (markerRows.length !== 2) throw new Error(`expected 2 rows of table markers, found ${markerRows.length}`);
  markerRows.forEach((row, i) => {
    if (row.length !== 5) throw new Error(`table marker row ${i}: ${row.length} parts`);
    const [lSq, lTri, mid, rTri, rSq] = row;
    const top = i === 0;
    const left = union([rect(lSq), rect(lTri)]);
    const right = union([rect(rTri), rect(rSq)]);
    marks.push({
      id: `table-${top ? 'tl' : 'bl'}`, type: 'table', position: top ? 'tl' : 'bl', table: 'main', rect: left,
      anchor: { x: lSq.x + lSq.w, y: cy(lSq) }, search: grow(left, 120, img),
    });
    marks.push({ id: `table-${top ? 'top' : 'bottom'}`, type: 'square', rect: rect(mid), anchor: { x: cx(mid), y: cy(mid) }, search: grow(rect(mid), 120, img), optional: true });
    marks.push({
      id: `table-${top ? 'tr' : 'br'}`, type: 'table', position: top ? 'tr' : 'br', table: 'main', rect: right,
      anchor: { x: rSq.x, y: cy(rSq) }, search: grow(right, 120, img),
    });
  });

  // QR: OpenCV's detector gives its outer corners (and the content, the form's page code).
  const cv = (await loadOpenCv()) as unknown as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  const mat = new cv.Mat(img.height, img.width, cv.CV_8UC1);
  mat.data.set(img.data);
  const det = new cv.QRCodeDetectorAruco();
  const pts = new cv.Mat();
  const content: string = det.detectAndDecode(mat, pts);
  const p = Array.from(pts.data32F as Float32Array);
  mat.delete();
  pts.delete();
  det.delete();
  if (!content) throw new Error('QR not decoded');
  const qr: R = { x: Math.min(p[0], p[6]), y: Math.min(p[1], p[3]), w: Math.max(p[2], p[4]) - Math.min(p[0], p[6]), h: Math.max(p[5], p[7]) - Math.min(p[1], p[3]) };
  marks.push({ id: 'qr', type: 'qr', rect: qr, anchor: { x: qr.x + qr.w / 2, y: qr.y + qr.h / 2 }, content, search: grow(qr, 200, img), optional: true });

  const rowBars = bars.filter((b) => b.x > W / 2 && b.x < W - 100 && b.y > 150 && b.y < H - 150).sort((a, b) => a.y - b.y);
  const rowTriangles = triangles.filter((t) => inner(t) && !markerRows.flat().includes(t)).sort((a, b) => a.y - b.y);
  return { marks, bars: rowBars, triangles: rowTriangles, qr };
}

/** Row marks for one field row: the bar right of the row, the triangle at the row label's top-right. */
function rowMarks(rowId: string, fieldIds: string[], bar: Blob, tri: Blob, img: GrayImage): RegistrationMark[] {
  return [
    { id: `row-${rowId}`, type: 'row', rect: rect(bar), anchor: { x: cx(bar), y: cy(bar) }, fields: fieldIds, search: grow(rect(bar), 60, img), optional: true },
    { id: `row-${rowId}-label`, type: 'row', rect: rect(tri), anchor: { x: tri.x + tri.w, y: tri.y }, fields: fieldIds, search: grow(rect(tri), 60, img), optional: true },
  ];
}

function boxesIn(grey: Blob[]): Blob[] {
  // 64 × 64 on hal 1, 70 × 84 on hal 2.
  return grey.filter((b) => b.w >= 55 && b.w <= 80 && b.h >= 55 && b.h <= 95 && fill(b) < 0.35);
}

/** A comb of letter cells (one grey component): its rect, how many comb rows, and how many cells in all. */
function comb(img: GrayImage, b: Blob): WordsLine {
  const g = (x: number, y: number) => {
    const v = img.data[y * img.width + x];
    return v >= GREY[0] && v < GREY[1];
  };
  // Horizontal rules: rows where most of the width is grey.
  const rules: number[] = [];
  for (let y = b.y; y < b.y + b.h; y++) {
    let n = 0;
    for (let x = b.x; x < b.x + b.w; x++) if (g(x, y)) n++;
    if (n > b.w * 0.3 && (rules.length === 0 || y - rules.at(-1)! > 3)) rules.push(y);
  }
  const lines = Math.max(1, rules.length - 1);
  let cells = 0;
  for (let i = 0; i < lines; i++) {
    const top = rules[i];
    const bottom = rules[i + 1] ?? b.y + b.h;
    const y = Math.round((top + bottom) / 2);
    const q = Math.round((bottom - top) / 3);
    // A cell wall is grey across the whole line height (anti-aliased edges of black caption text are not).
    const wall = (x: number) => g(x, y) && g(x, y - q) && g(x, y + q);
    let crossings = 0;
    let inRule = false;
    for (let x = b.x; x < b.x + b.w; x++) {
      if (wall(x) && !inRule) crossings++;
      inRule = wall(x);
    }
    cells += crossings - 1;
  }
  return { ...rect(b), cells, lines };
}

async function page1(img: GrayImage, black: Blob[], grey: Blob[]): Promise<{ fields: Field[]; marks: RegistrationMark[] }> {
  const rows = rowsOf(boxesIn(grey), 10);
  const counts = rows.map((r) => r.length).join(',');
  if (counts !== '9,9,9,9,9,9,9,9,3,3,3,3,9,9') throw new Error(`hal 1: unexpected box rows ${counts}`);
  const { marks, bars, triangles } = await pageMarks(img, black);
  if (bars.length !== 14 || triangles.length !== 14) throw new Error(`hal 1: ${bars.length} row bars, ${triangles.length} row triangles`);
  const defs: [string, string, boolean][] = [
    ['I.A.1', 'Jumlah pemilih dalam DPT (Model A.3)', true],
    ['I.A.2', 'Jumlah pemilih yang pindah memilih (DPPh)', true],
    ['I.A.3', 'Jumlah pemilih tidak terdaftar dalam DPT yang menggunakan hak pilih dengan KTP-el/suket (DPTb)', true],
    ['I.A.4', 'Jumlah pemilih (A.1 + A.2 + A.3)', true],
    ['I.B.1', 'Jumlah pengguna hak pilih dalam DPT', true],
    ['I.B.2', 'Jumlah pemilih pindah memilih (DPPh) yang menggunakan hak pilih', true],
    ['I.B.3', 'Jumlah pemilih tidak terdaftar dalam DPT yang menggunakan hak pilih (DPTb)', true],
    ['I.B.4', 'Jumlah pengguna hak pilih (B.1 + B.2 + B.3)', true],
    ['II.1', 'Jumlah surat suara yang digunakan', true],
    ['II.2', 'Jumlah surat suara yang dikembalikan pemilih karena rusak/keliru dicoblos', false],
    ['II.3', 'Jumlah surat suara yang tidak digunakan/tidak terpakai, termasuk sisa cadangan', false],
    ['II.4', 'Jumlah surat suara yang diterima, termasuk cadangan (II.1 + II.2 + II.3)', false],
    ['III.1', 'Jumlah seluruh pemilih disabilitas', true],
    ['III.2', 'Jumlah seluruh pemilih disabilitas yang menggunakan hak pilih', true],
  ];
  const fields: Field[] = [];
  defs.forEach(([rowId, label, capped], i) => {
    const row = rows[i];
    const ids: string[] = [];
    if (row.length === 9) {
      (['L', 'P', 'LP'] as const).forEach((col, k) => {
        const fid = `${rowId}.${col}`;
        ids.push(fid);
        fields.push({ id: fid, label: `${label} (${col === 'LP' ? 'L+P' : col})`, digits: row.slice(3 * k, 3 * k + 3).map(rect), capped });
      });
    } else {
      ids.push(rowId);
      fields.push({ id: rowId, label, digits: row.map(rect), capped });
    }
    // Each bar / triangle sits beside its row: check before pairing them up.
    if (Math.abs(cy(bars[i]) - cy(row[0])) > 60 || Math.abs(cy(triangles[i]) - cy(row[0])) > 60) throw new Error(`row marks do not line up with ${rowId}`);
    marks.push(...rowMarks(rowId, ids, bars[i], triangles[i], img));
  });
  return { fields, marks };
}

async function page2(img: GrayImage, black: Blob[], grey: Blob[]): Promise<{ fields: Field[]; marks: RegistrationMark[] }> {
  const rows = rowsOf(boxesIn(grey), 10);
  if (rows.map((r) => r.length).join(',') !== '3,3,3,3,3,3') throw new Error(`hal 2: unexpected box rows ${rows.map((r) => r.length)}`);
  const combs = grey.filter((b) => b.w > 600 && b.h >= 25 && b.h < 120 && fill(b) < 0.5).sort((a, b) => a.y - b.y);
  if (combs.length !== 6) throw new Error(`hal 2: ${combs.length} word combs`);
  const tallies = grey.filter((b) => b.w > 600 && b.h > 150 && b.h < 260).sort((a, b) => a.y - b.y);
  if (tallies.length !== 4) throw new Error(`hal 2: ${tallies.length} tally grids`);
  const { marks, bars, triangles } = await pageMarks(img, black);
  if (bars.length !== 6 || triangles.length !== 6) throw new Error(`hal 2: ${bars.length} row bars, ${triangles.length} row triangles`);
  const defs: [string, string][] = [
    ['IV.1', 'Suara sah pasangan calon nomor urut 01'],
    ['IV.2', 'Suara sah pasangan calon nomor urut 02'],
    ['IV.3', 'Suara sah pasangan calon nomor urut 03'],
    ['V.A', 'Jumlah seluruh suara sah (IV.01 + IV.02 + IV.03)'],
    ['V.B', 'Jumlah suara tidak sah'],
    ['V.C', 'Jumlah seluruh suara sah dan suara tidak sah (V.A + V.B)'],
  ];
  // Each row's comb and tally grid lie between its boxes' top and the next row's boxes (IV, V.B: comb under
  // the tally; V.A, V.C: comb beside the boxes).
  const fields: Field[] = defs.map(([fid, label], i) => {
    const boxes = rows[i];
    const nextTop = rows[i + 1]?.[0].y ?? img.height;
    const within = (c: Blob) => c.y > boxes[0].y - 40 && c.y < nextTop - 40;
    const words = combs.find(within);
    const tally = tallies.find(within);
    return {
      id: fid, label, digits: boxes.map(rect),
      ...(words ? { words: comb(img, words) } : {}),
      ...(tally ? { tally: rect(tally) } : {}),
      capped: true,
    };
  });
  const used = new Set(fields.map((f) => f.words && `${f.words.x},${f.words.y}`));
  if (used.size !== 6) throw new Error('hal 2: word combs not assigned one per field');
  if (fields.filter((f) => f.tally).length !== 4) throw new Error('hal 2: tally grids not assigned');
  defs.forEach(([fid], i) => {
    if (Math.abs(cy(bars[i]) - cy(triangles[i])) > 400) throw new Error(`row marks of ${fid} far apart`);
    marks.push(...rowMarks(fid, [fid], bars[i], triangles[i], img));
  });
  return { fields, marks };
}

function checks(page: number): Check[] {
  const lp = (row: string): Check => ({ id: `${row}.L+P`, type: 'sum', left: [`${row}.L`, `${row}.P`], right: `${row}.LP`, label: `${row}: L + P = L+P` });
  const cols = ['L', 'P', 'LP'] as const;
  const colName = (c: string) => (c === 'LP' ? 'L+P' : c);
  if (page === 1) {
    return [
      ...['I.A.1', 'I.A.2', 'I.A.3', 'I.A.4', 'I.B.1', 'I.B.2', 'I.B.3', 'I.B.4', 'III.1', 'III.2'].map(lp),
      ...cols.map((c): Check => ({ id: `I.A.4.${c}=A.1+A.2+A.3`, type: 'sum', left: [`I.A.1.${c}`, `I.A.2.${c}`, `I.A.3.${c}`], right: `I.A.4.${c}`, label: `A.4 = A.1 + A.2 + A.3 (${colName(c)})` })),
      ...cols.map((c): Check => ({ id: `I.B.4.${c}=B.1+B.2+B.3`, type: 'sum', left: [`I.B.1.${c}`, `I.B.2.${c}`, `I.B.3.${c}`], right: `I.B.4.${c}`, label: `B.4 = B.1 + B.2 + B.3 (${colName(c)})` })),
      ...[1, 2, 3, 4].map((k): Check => ({ id: `I.B.${k}<=I.A.${k}`, type: 'lte', left: `I.B.${k}.LP`, right: `I.A.${k}.LP`, label: `Pengguna hak pilih B.${k} ≤ pemilih A.${k}` })),
      { id: 'II.4=II.1+II.2+II.3', type: 'sum', left: ['II.1', 'II.2', 'II.3'], right: 'II.4', label: 'Surat suara diterima = digunakan + rusak + tidak digunakan' },
      { id: 'II.1=I.B.4', type: 'equal', left: 'II.1', right: 'I.B.4.LP', label: 'Surat suara digunakan = jumlah pengguna hak pilih' },
      { id: 'II.4<=I.A.4+2%', type: 'lte', left: 'II.4', right: 'I.A.4.LP', plusPercent: 2, label: 'Surat suara diterima ≤ jumlah pemilih + 2 % cadangan' },
      { id: 'III.2<=III.1', type: 'lte', left: 'III.2.LP', right: 'III.1.LP', label: 'Pemilih disabilitas yang memilih ≤ pemilih disabilitas' },
      { id: 'III.2<=I.B.4', type: 'lte', left: 'III.2.LP', right: 'I.B.4.LP', label: 'Pemilih disabilitas yang memilih ≤ jumlah pengguna hak pilih' },
    ];
  }
  return [
    { id: 'V.A=ΣIV', type: 'sum', left: ['IV.1', 'IV.2', 'IV.3'], right: 'V.A', label: 'Suara sah = jumlah suara semua paslon' },
    { id: 'V.C=V.A+V.B', type: 'sum', left: ['V.A', 'V.B'], right: 'V.C', label: 'Suara sah + tidak sah = jumlah' },
    { id: 'V.C=I.B.4', type: 'equal', left: 'V.C', right: `${id(1)}#I.B.4.LP`, label: 'Jumlah suara = jumlah pengguna hak pilih (hal. 1)' },
    { id: 'V.C=II.1', type: 'equal', left: 'V.C', right: `${id(1)}#II.1`, label: 'Jumlah suara = surat suara digunakan (hal. 1)' },
  ];
}

async function main() {
  const overlayAt = process.argv.indexOf('--overlay');
  const overlayDir = overlayAt > 0 ? process.argv[overlayAt + 1] : null;
  mkdirSync(OUT_DIR, { recursive: true });
  for (const page of [1, 2]) {
    const img = await loadPage(page);
    const all = { x: -1, y: -1, w: img.width + 2, h: img.height + 2 };
    const black = await darkBlobs(img, all, 128);
    const grey = await darkBlobs(img, all, GREY);
    const { fields, marks } = page === 1 ? await page1(img, black, grey) : await page2(img, black, grey);
    const mm = (px: number) => Math.round((px / DPI) * 25.4 * 100) / 100;
    const t: FormTemplate = {
      id: id(page),
      form: FORM,
      title: `Draf C.HASIL-PPWP NETGRIT / International IDEA, halaman ${page} dari 2`,
      page,
      pages: 2,
      size: { widthMm: mm(img.width), heightMm: mm(img.height) },
      canonical: { width: img.width, height: img.height },
      source: `measured by scripts/measure-forms-netgrit.ts from ../shared/forms/netgrit-c.hasil-ppwp-hal${page}.png (the canonical raster itself; size from its 300 dpi)`,
      tpsCap: 300,
      digitStyle: { guide: 'dotted8', borderPx: 4, border: 'grey' },
      registration: { marks },
      fields,
      checks: checks(page),
    };
    const parsed = FormTemplate.safeParse(t);
    if (!parsed.success) throw new Error(`${t.id}: ${JSON.stringify(parsed.error.issues)}`);
    const problems = validateTemplate(t);
    if (problems.length) throw new Error(`${t.id}: ${JSON.stringify(problems)}`);
    writeFileSync(`${OUT_DIR}${t.id}.json`, `${JSON.stringify(t, null, 1)}\n`);
    console.log(`${t.id}: ${t.fields.length} fields, ${t.registration.marks.length} marks`);
    if (overlayDir) await drawOverlay(img, 1, t, `${overlayDir}/${t.id}.png`);
  }
}

await main();
