/**
 * Renders one PDF page to an RGB raster of an exact size with pdf.js (legacy build, Node 20) and
 * @napi-rs/canvas. Used for the blank forms: Pleno's C.Hasil-KWK and the official 2024 plano.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RgbImage } from './rgb-image.ts';

const require = createRequire(import.meta.url);
const pdfjsRoot = path.dirname(require.resolve('pdfjs-dist/package.json'));
const assetUrl = (dir: string): string => pathToFileURL(path.join(pdfjsRoot, dir) + path.sep).href;

interface CanvasAndContext {
  canvas: unknown;
  context: { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } };
}
interface CanvasFactory {
  create(width: number, height: number): CanvasAndContext;
  destroy(target: CanvasAndContext): void;
}

export async function renderPdfPage(pdf: Uint8Array, pageNumber: number, width: number, height: number): Promise<RgbImage> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({
    data: new Uint8Array(pdf), // pdf.js detaches what it is given
    isEvalSupported: false,
    isOffscreenCanvasSupported: false,
    disableFontFace: true,
    standardFontDataUrl: assetUrl('standard_fonts'),
    cMapUrl: assetUrl('cmaps'),
    cMapPacked: true,
    wasmUrl: assetUrl('wasm'),
    verbosity: 0,
  }).promise;
  try {
    const page = await doc.getPage(pageNumber);
    const unit = page.getViewport({ scale: 1 });
    // Stretch to the exact canonical size (aspect differs by < 1 px from rounding).
    const viewport = page.getViewport({ scale: width / unit.width });
    const factory = (doc as unknown as { canvasFactory: CanvasFactory }).canvasFactory;
    const target = factory.create(width, height);
    try {
      await page.render({
        canvas: target.canvas as unknown as HTMLCanvasElement,
        canvasContext: target.context as unknown as CanvasRenderingContext2D,
        viewport,
        background: 'rgb(255,255,255)',
      }).promise;
      const rgba = target.context.getImageData(0, 0, width, height).data;
      const out = new Uint8Array(width * height * 3);
      for (let i = 0, j = 0; j < rgba.length; i += 3, j += 4) {
        out[i] = rgba[j]; out[i + 1] = rgba[j + 1]; out[i + 2] = rgba[j + 2];
      }
      return { width, height, data: out };
    } finally {
      factory.destroy(target);
      page.cleanup();
    }
  } finally {
    await doc.destroy();
  }
}
