/**
 * Test inputs for decoding, made on the fly: images with sharp, PDFs with pdfmake (its own Roboto, no
 * network), and hand-written bytes for the malformed cases.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { deflateSync } from 'node:zlib';
import sharp from 'sharp';

const require = createRequire(import.meta.url);

interface PdfMake {
  setUrlAccessPolicy(cb: (url: string) => boolean): void;
  setLocalAccessPolicy(cb: (path: string) => boolean): void;
  setFonts(fonts: Record<string, Record<string, string>>): void;
  createPdf(doc: Record<string, unknown>): { getBuffer(): Promise<Buffer> };
}

let pm: PdfMake | undefined;
function pdfmake(): PdfMake {
  if (pm) return pm;
  pm = require('pdfmake') as PdfMake;
  const fontDir = join(dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');
  const font = join(fontDir, 'Roboto-Regular.ttf');
  pm.setFonts({ Roboto: { normal: font, bold: font, italics: font, bolditalics: font } });
  pm.setUrlAccessPolicy(() => false);
  pm.setLocalAccessPolicy((p) => p.startsWith(fontDir));
  return pm;
}

/** A PDF of one page exactly covered by `jpeg` (a scanned page), optionally password-protected. */
export async function scannedPdf(jpeg: Buffer, widthPt: number, heightPt: number, userPassword?: string): Promise<Buffer> {
  return pdfmake()
    .createPdf({
      pageSize: { width: widthPt, height: heightPt },
      pageMargins: [0, 0, 0, 0],
      content: [{ image: `data:image/jpeg;base64,${jpeg.toString('base64')}`, width: widthPt, height: heightPt, absolutePosition: { x: 0, y: 0 } }],
      ...(userPassword ? { userPassword, ownerPassword: `${userPassword}-pemilik`, permissions: { printing: 'highResolution' } } : {}),
    })
    .getBuffer();
}

/** A vector PDF page with some text and a black square near its top-left corner. */
export async function vectorPdf(pages = 1): Promise<Buffer> {
  const content = Array.from({ length: pages }, (_, i) => [
    { canvas: [{ type: 'rect', x: 0, y: 0, w: 60, h: 60, color: '#000000' }], absolutePosition: { x: 40, y: 40 } },
    { text: `Halaman ${i + 1}`, fontSize: 24, absolutePosition: { x: 40, y: 200 }, ...(i < pages - 1 ? { pageBreak: 'after' } : {}) },
  ]).flat();
  return pdfmake().createPdf({ pageSize: 'A4', pageMargins: [0, 0, 0, 0], content }).getBuffer();
}

/** A gray test image: white, with a black block in its top-left quarter (so orientation is visible). */
export async function markedImage(width: number, height: number): Promise<Buffer> {
  const block = await sharp({ create: { width: Math.round(width / 4), height: Math.round(height / 4), channels: 3, background: '#000' } })
    .png()
    .toBuffer();
  return sharp({ create: { width, height, channels: 3, background: '#fff' } })
    .composite([{ input: block, left: Math.round(width / 16), top: Math.round(height / 16) }])
    .png()
    .toBuffer();
}

/**
 * A PNG file whose header claims `width × height`; with `rows`, a valid compressed start of that many
 * rows follows (a "decompression bomb" needs no more), else no pixel data at all.
 */
export function hugeHeaderPng(width: number, height: number, rows = 0): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const idat = rows > 0 ? [chunk('IDAT', deflateSync(Buffer.alloc(rows * (1 + 3 * width), 0xff)))] : [];
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    ...idat,
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

/** A syntactically valid PDF whose page tree is empty. */
export function emptyPdf(): Buffer {
  const objects = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [] /Count 0 >>'];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) out += `${String(off).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** Mean of a rectangle of a gray image (fractions of its size). */
export function meanOf(img: { width: number; height: number; data: Uint8Array }, fx0: number, fy0: number, fx1: number, fy1: number): number {
  const x0 = Math.floor(img.width * fx0);
  const x1 = Math.ceil(img.width * fx1);
  const y0 = Math.floor(img.height * fy0);
  const y1 = Math.ceil(img.height * fy1);
  let s = 0;
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) s += img.data[y * img.width + x];
  return s / ((x1 - x0) * (y1 - y0));
}
