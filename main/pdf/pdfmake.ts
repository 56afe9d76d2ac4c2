/**
 * pdfmake (server build) configured for offline use: the Roboto that ships inside the pdfmake package, no
 * URL access, no local files other than those fonts. pdfmake is a process-wide singleton, so it is
 * configured here once for every document Pleno prints (C.Hasil-KWK forms, D.Hasil and reports).
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export type PdfDoc = Record<string, unknown>;

interface PdfMakeServer {
  setUrlAccessPolicy(cb: (url: string) => boolean): void;
  setLocalAccessPolicy(cb: (path: string) => boolean): void;
  setFonts(fonts: Record<string, Record<string, string>>): void;
  createPdf(doc: PdfDoc): { getBuffer(): Promise<Buffer> };
}

const require = createRequire(import.meta.url);
let ready: PdfMakeServer | undefined;

function pdfmake(): PdfMakeServer {
  if (ready) return ready;
  const pm = require('pdfmake') as PdfMakeServer;
  const fontDir = join(dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');
  pm.setFonts({
    Roboto: {
      normal: join(fontDir, 'Roboto-Regular.ttf'),
      bold: join(fontDir, 'Roboto-Medium.ttf'),
      italics: join(fontDir, 'Roboto-Italic.ttf'),
      bolditalics: join(fontDir, 'Roboto-MediumItalic.ttf'),
    },
  });
  pm.setUrlAccessPolicy(() => false);
  pm.setLocalAccessPolicy((p) => p.startsWith(fontDir));
  ready = pm;
  return pm;
}

/** Renders a pdfmake document definition to PDF bytes. */
export function renderPdf(doc: PdfDoc): Promise<Buffer> {
  return pdfmake().createPdf({ defaultStyle: { font: 'Roboto' }, ...doc }).getBuffer();
}
