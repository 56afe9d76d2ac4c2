/**
 * The frame every Pleno document shares: A4, styles, and the footer — "Halaman n dari N", the data hash
 * (document-hash.ts) and the generating device and time — so a printed page can be matched to its data.
 */
import { formatDateTime } from './format.ts';
import { hashDocumentData, sha256Hex } from './document-hash.ts';
import { renderPdf, type PdfDoc } from '../pdf/pdfmake.ts';
import type { Provenance, RenderedPdf } from './types.ts';

export const STYLES = {
  title: { fontSize: 12, bold: true, alignment: 'center' },
  subtitle: { fontSize: 10, bold: true, alignment: 'center' },
  section: { fontSize: 9.5, bold: true, margin: [0, 10, 0, 4] },
  th: { bold: true, fontSize: 7.5, alignment: 'center', fillColor: '#e8e8e8' },
  td: { fontSize: 7.5 },
  num: { fontSize: 7.5, alignment: 'right' },
  total: { fontSize: 7.5, bold: true, alignment: 'right', fillColor: '#f2f2f2' },
  small: { fontSize: 7.5 },
  note: { fontSize: 7.5, italics: true, color: '#333333' },
  bad: { color: '#b00000', bold: true },
};

export const TABLE_LAYOUT = {
  hLineWidth: () => 0.5,
  vLineWidth: () => 0.5,
  hLineColor: () => '#555555',
  vLineColor: () => '#555555',
  paddingLeft: () => 2.5,
  paddingRight: () => 2.5,
  paddingTop: () => 1.5,
  paddingBottom: () => 1.5,
};

export type FrameOptions = {
  /** Document kind for the hash (e.g. "d-hasil-kecamatan"). */
  kind: string;
  /** Exactly the input the content was built from (dates as ISO strings): what the hash covers. */
  hashed: unknown;
  title: string;
  orientation: 'portrait' | 'landscape';
  content: unknown[];
  provenance: Provenance;
};

/** Renders content inside the common frame; returns bytes, hashes and the page count. */
export async function renderFramed(options: FrameOptions): Promise<RenderedPdf> {
  const { data, sha256 } = hashDocumentData(options.kind, options.hashed);
  const when = formatDateTime(options.provenance.generatedAt, options.provenance.timeZone);
  let pages = 0;
  const doc: PdfDoc = {
    pageSize: 'A4',
    pageOrientation: options.orientation,
    pageMargins: [28, 28, 28, 46],
    info: { title: options.title, author: 'Pleno', creator: 'Pleno', producer: 'Pleno (pdfmake)', subject: options.kind },
    styles: STYLES,
    defaultStyle: { font: 'Roboto', fontSize: 8.5 },
    content: options.content,
    footer: (currentPage: number, pageCount: number) => {
      pages = pageCount;
      return {
        margin: [28, 8, 28, 0],
        columns: [
          {
            width: '*',
            stack: [
              { text: `Hash data dokumen (SHA-256): ${sha256}`, fontSize: 6.5, font: 'Roboto' },
              { text: `Dibuat oleh Pleno di perangkat "${options.provenance.device}" pada ${when}. Hash dihitung dari JSON kanonik data yang ditampilkan.`, fontSize: 6.5, color: '#444444' },
            ],
          },
          { width: 90, text: `Halaman ${currentPage} dari ${pageCount}`, alignment: 'right', fontSize: 8, bold: true },
        ],
      };
    },
  };
  const pdf = await renderPdf(doc);
  return { pdf, sha256, data, pdfSha256: sha256Hex(pdf), pages };
}

/** A table cell with a number in id-ID format. */
export function numCell(text: string, style: 'num' | 'total' = 'num'): Record<string, unknown> {
  return { text, style };
}
