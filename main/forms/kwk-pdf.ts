/**
 * Renders Pleno's C.Hasil-KWK for one TPS and race as a PDF (pdfmake, bundled Roboto, no network, no files
 * other than the fonts). Everything is drawn at absolute positions from kwk-layout.ts, so the printed page is
 * exactly what the template (kwk-template.ts) describes.
 */
import { renderPdf } from '../pdf/pdfmake.ts';
import { kwkPageLayout, kwkQrContent } from './kwk-layout.ts';
import { KWK_MAX_PASLON, KWK_MIN_PASLON, KWK_PAGES } from './kwk-tag-ids.ts';
import type { PageLayout, Prim } from './layout-primitives.ts';

export type JenisPemilihan = 'gubernur' | 'bupati' | 'walikota';

export interface KwkFormInput {
  tps: { code: string; nomor: number; desa: string; kecamatan: string; kabkota: string; provinsi: string };
  race: { jenis: JenisPemilihan; name: string; year?: number };
  /** The race's candidate pairs (1–6); an entry marked kotakKosong is ignored (the form adds that row itself). */
  paslon: { nomorUrut: number; kepala: string; wakil: string; kotakKosong?: boolean }[];
}

const RACE_TITLE: Record<JenisPemilihan, string> = {
  gubernur: 'GUBERNUR DAN WAKIL GUBERNUR',
  bupati: 'BUPATI DAN WAKIL BUPATI',
  walikota: 'WALI KOTA DAN WAKIL WALI KOTA',
};

const MM_TO_PT = 72 / 25.4;

export type KwkInputError = { kind: 'invalid_input'; message: string };

/** Checks the input; the message is Bahasa Indonesia for the CLI/UI. */
export function validateKwkInput(input: KwkFormInput): KwkInputError | null {
  const bad = (message: string): KwkInputError => ({ kind: 'invalid_input', message });
  if (!/^\d{13}$/.test(input.tps.code)) return bad(`kode TPS harus 13 digit: ${input.tps.code}`);
  if (!Number.isInteger(input.tps.nomor) || input.tps.nomor < 1 || input.tps.nomor > 999) return bad(`nomor TPS tidak sah: ${input.tps.nomor}`);
  if (!(input.race.jenis in RACE_TITLE)) return bad(`jenis pemilihan tidak dikenal: ${input.race.jenis}`);
  const pairs = input.paslon.filter((p) => !p.kotakKosong);
  if (pairs.length < KWK_MIN_PASLON || pairs.length > KWK_MAX_PASLON) {
    return bad(`jumlah pasangan calon harus ${KWK_MIN_PASLON}–${KWK_MAX_PASLON}, bukan ${pairs.length}`);
  }
  const nomor = pairs.map((p) => p.nomorUrut).sort((a, b) => a - b);
  if (nomor.some((n, i) => n !== i + 1)) return bad(`nomor urut paslon harus 1..${pairs.length}: ${nomor.join(', ')}`);
  return null;
}

function slotValues(input: KwkFormInput): Map<string, string> {
  const v = new Map<string, string>([
    ['provinsi', input.tps.provinsi],
    ['kabkota', input.tps.kabkota],
    ['kecamatan', input.tps.kecamatan],
    ['desa', input.tps.desa],
    ['tpsNomor', String(input.tps.nomor).padStart(3, '0')],
    ['tpsCode', input.tps.code],
    ['raceTitle', RACE_TITLE[input.race.jenis]],
    ['raceShort', `${input.race.jenis} ${input.race.name}`.toUpperCase()],
    ['raceName', input.race.name.toUpperCase()],
    ['year', String(input.race.year ?? 2024)],
  ]);
  for (const p of input.paslon) {
    if (p.kotakKosong) continue;
    v.set(`paslon.${p.nomorUrut}.kepala`, p.kepala.toUpperCase());
    v.set(`paslon.${p.nomorUrut}.wakil`, p.wakil.toUpperCase());
  }
  return v;
}

function fill(text: string, values: Map<string, string>): string {
  return text.replace(/\{([a-zA-Z0-9.]+)\}/g, (_, key: string) => {
    const value = values.get(key);
    if (value === undefined) throw new Error(`layout slot {${key}} has no value`);
    return value;
  });
}

const pt = (mm: number) => mm * MM_TO_PT;

/**
 * A generous estimate of a Roboto text's width in em (per character class), so a filled-in value (a long desa
 * or paslon name) can be shrunk to its one line instead of wrapping onto the next line of the form.
 */
function estimateWidthEm(text: string, bold: boolean): number {
  let em = 0;
  for (const ch of text) {
    if (ch === ' ') em += 0.26;
    else if (/[A-Z]/.test(ch)) em += ch === 'M' || ch === 'W' ? 0.88 : ch === 'I' ? 0.3 : 0.68;
    else if (/[a-z]/.test(ch)) em += ch === 'm' || ch === 'w' ? 0.86 : 'ijlft'.includes(ch) ? 0.3 : 0.56;
    else if (/[0-9]/.test(ch)) em += 0.57;
    else em += 0.34;
  }
  return em * (bold ? 1.04 : 1);
}

/** Font size for a filled-in single-line text: the layout's size, or smaller until it fits its width. */
function fittedSize(text: string, sizePt: number, widthMm: number, bold: boolean): number {
  const needPt = estimateWidthEm(text, bold) * sizePt;
  const havePt = pt(widthMm) - 1;
  return needPt <= havePt ? sizePt : Math.max(4, Math.floor((sizePt * havePt * 10) / needPt) / 10);
}

/** The pdfmake content of one page: one canvas with every vector item, then absolutely placed texts and the QR. */
function pageContent(layout: PageLayout, values: Map<string, string>, qrText: string, first: boolean): unknown[] {
  const canvas: unknown[] = [];
  const texts: unknown[] = [];
  for (const p of layout.prims) drawPrim(p, canvas, texts, values, qrText);
  const out: unknown[] = [];
  // pdfmake places absolute items on the current page; an empty text with a page break starts the next one.
  if (!first) out.push({ text: '', pageBreak: 'before' });
  out.push({ canvas, absolutePosition: { x: 0, y: 0 } }, ...texts);
  return out;
}

function drawPrim(p: Prim, canvas: unknown[], texts: unknown[], values: Map<string, string>, qrText: string): void {
  switch (p.kind) {
    case 'rect':
      canvas.push({
        type: 'rect', x: pt(p.r.x), y: pt(p.r.y), w: pt(p.r.w), h: pt(p.r.h),
        ...(p.fill ? { color: p.fill } : {}),
        ...(p.stroke ? { lineColor: p.stroke, lineWidth: pt(p.lineMm ?? 0.3) } : { lineWidth: 0 }),
      });
      return;
    case 'line':
      canvas.push({
        type: 'line', x1: pt(p.x1), y1: pt(p.y1), x2: pt(p.x2), y2: pt(p.y2), lineColor: p.color, lineWidth: pt(p.lineMm),
        ...(p.dash ? { dash: { length: pt(p.dash.on), space: pt(p.dash.off) } } : {}),
      });
      return;
    case 'circle':
      canvas.push({
        type: 'ellipse', x: pt(p.c.x), y: pt(p.c.y), r1: pt(p.r), r2: pt(p.r), lineColor: p.stroke, lineWidth: pt(p.lineMm),
        ...(p.fill ? { color: p.fill } : {}),
      });
      return;
    case 'text': {
      // Texts with {slots} take values of any length: keep them on their one line.
      const filled = fill(p.text, values);
      const size = p.text.includes('{') ? fittedSize(filled, p.sizePt, p.w, p.bold ?? false) : p.sizePt;
      // `width` only binds inside columns; a lone absolute text would align against the rest of the page.
      texts.push({
        columns: [{
          width: pt(p.w), text: filled, fontSize: size, bold: p.bold ?? false, italics: p.italics ?? false,
          alignment: p.align ?? 'left', color: p.color ?? '#000000', lineHeight: 1,
        }],
        // A shrunk text keeps its vertical centre.
        absolutePosition: { x: pt(p.x), y: pt(p.y) + ((p.sizePt - size) * 0.5) },
      });
      return;
    }
    case 'qr':
      // pdfmake draws modules of floor(fit / modules) whole points and no quiet zone (the layout leaves white).
      texts.push({
        qr: qrText, version: p.version, eccLevel: 'M', mode: 'alphanumeric',
        fit: pt(p.modules * p.moduleMm) + 0.5, absolutePosition: { x: pt(p.x), y: pt(p.y) },
      });
      return;
  }
}

/** The two-page C.Hasil-KWK PDF for one TPS and race. Throws RangeError on invalid input (see validateKwkInput). */
export async function renderKwkFormPdf(input: KwkFormInput): Promise<Buffer> {
  const problem = validateKwkInput(input);
  if (problem) throw new RangeError(problem.message);
  const nPaslon = input.paslon.filter((p) => !p.kotakKosong).length;
  const values = slotValues(input);
  const content: unknown[] = [];
  for (let page = 1; page <= KWK_PAGES; page++) {
    const layout = kwkPageLayout(nPaslon, page);
    const qr = kwkQrContent(input.tps.code, input.race.jenis, nPaslon, page);
    content.push(...pageContent(layout, values, qr, page === 1));
  }
  const doc = {
    pageSize: 'A4',
    pageOrientation: 'portrait',
    pageMargins: [0, 0, 0, 0],
    info: {
      title: `C.HASIL-KWK ${RACE_TITLE[input.race.jenis]} ${input.race.name} — TPS ${input.tps.code}`,
      author: 'Pleno',
      subject: 'Model C.HASIL-KWK',
      creator: 'Pleno',
      producer: 'Pleno (pdfmake)',
    },
    defaultStyle: { font: 'Roboto' },
    content,
  };
  return renderPdf(doc);
}
