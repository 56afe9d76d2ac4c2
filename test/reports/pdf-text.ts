/**
 * Reading back a rendered PDF: its text per page with pdf.js (legacy build for Node), and page 1 as a PNG
 * with poppler's pdftoppm into test-results/reports/ (to look at).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const pdfjsRoot = path.dirname(require.resolve('pdfjs-dist/package.json'));
const assetUrl = (dir: string): string => pathToFileURL(path.join(pdfjsRoot, dir) + path.sep).href;

export const RESULTS_DIR = path.resolve(import.meta.dirname, '../../test-results/reports');

/** Each page's text: items joined by one space; pdf.js splits runs after '-' and '/' (pdfmake's break points), so those are rejoined. */
export async function pdfPagesText(pdf: Uint8Array): Promise<string[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({
    data: new Uint8Array(pdf),
    isEvalSupported: false,
    disableFontFace: true,
    standardFontDataUrl: assetUrl('standard_fonts'),
    cMapUrl: assetUrl('cmaps'),
    cMapPacked: true,
    verbosity: 0,
  }).promise;
  try {
    const pages: string[] = [];
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const content = await page.getTextContent();
      pages.push(content.items.map((it) => ('str' in it ? it.str : '')).join(' ').replace(/\s+/g, ' ').replace(/([-/]) /g, '$1').trim());
      page.cleanup();
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}

/** Writes the PDF and its page `page` as `<name>.pdf` / `<name>-<page>.png` (96 dpi) under test-results/reports. */
export function savePdfAndPng(pdf: Uint8Array, name: string, page = 1): string {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const pdfPath = path.join(RESULTS_DIR, `${name}.pdf`);
  fs.writeFileSync(pdfPath, pdf);
  const prefix = path.join(RESULTS_DIR, `${name}-${page}`);
  execFileSync('pdftoppm', ['-r', '96', '-png', '-singlefile', '-f', String(page), '-l', String(page), pdfPath, prefix]);
  return `${prefix}.png`;
}

/** PNG width and height from its IHDR chunk. */
export function pngSize(file: string): { width: number; height: number } {
  const b = fs.readFileSync(file);
  if (b.toString('latin1', 1, 4) !== 'PNG') throw new Error(`${file} is not a PNG`);
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}
