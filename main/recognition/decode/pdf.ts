/**
 * PDF pages through pdf.js (legacy build, which runs on Node 20). A page that is essentially one scanned
 * image yields that image itself, at its own resolution and upright; any other page is rendered with
 * @napi-rs/canvas at the working size. Nothing is fetched: fonts, cmaps and wasm decoders come from the
 * pdfjs-dist package folder.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { GrayImage } from '../gray-image.ts';
import { decodeErrors, type DecodeError } from './errors.ts';
import type { LongSide, PageSource } from './page-source.ts';
import { shrinkToFit } from './raster.ts';
import { err, ok, type Result } from './result.ts';
import { findFullPageImage, type Affine } from './pdf-page-image.ts';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
type PdfDocument = import('pdfjs-dist/legacy/build/pdf.mjs').PDFDocumentProxy;
type PdfPage = import('pdfjs-dist/legacy/build/pdf.mjs').PDFPageProxy;

const require = createRequire(import.meta.url);
const pdfjsRoot = path.dirname(require.resolve('pdfjs-dist/package.json'));
const assetUrl = (dir: string): string => pathToFileURL(path.join(pdfjsRoot, dir) + path.sep).href;

let pdfjsLoading: Promise<PdfJs> | undefined;
function loadPdfJs(): Promise<PdfJs> {
  pdfjsLoading ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjsLoading;
}

/** Rendered vector pages never go beyond this resolution (more detail than any form needs). */
const MAX_RENDER_DPI = 300;

export interface PdfOptions {
  maxMegapixels: number;
  working: LongSide;
}

export interface OpenedPdf {
  pages: PageSource[];
  close(): Promise<void>;
}

export async function openPdf(buf: Uint8Array, opts: PdfOptions): Promise<Result<OpenedPdf, DecodeError>> {
  const pdfjs = await loadPdfJs();
  let doc: PdfDocument;
  try {
    doc = await pdfjs.getDocument({
      // pdf.js takes ownership of (detaches) the buffer it is given, so hand it a copy.
      data: new Uint8Array(buf),
      isEvalSupported: false,
      isOffscreenCanvasSupported: false,
      isImageDecoderSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      stopAtErrors: false,
      // pdf.js leaves out (does not decode) images above this pixel count: nothing huge is allocated.
      maxImageSize: Math.round(opts.maxMegapixels * 1e6),
      standardFontDataUrl: assetUrl('standard_fonts'),
      cMapUrl: assetUrl('cmaps'),
      cMapPacked: true,
      wasmUrl: assetUrl('wasm'),
      verbosity: 0,
    }).promise;
  } catch (e) {
    const name = (e as { name?: string } | null)?.name;
    if (name === 'PasswordException') return err(decodeErrors.pdfEncrypted());
    return err(decodeErrors.corrupt(String(e)));
  }
  if (doc.numPages < 1) {
    await doc.destroy();
    return err(decodeErrors.pdfNoPages());
  }
  const pages: PageSource[] = [];
  for (let n = 1; n <= doc.numPages; n++) pages.push(await pdfPage(pdfjs, doc, n, opts));
  return ok({ pages, close: () => doc.destroy() });
}

async function pdfPage(pdfjs: PdfJs, doc: PdfDocument, pageNumber: number, opts: PdfOptions): Promise<PageSource> {
  // Size in points, upright (after the page's /Rotate), known without parsing the page's content.
  let page: PdfPage | undefined;
  let pointsW = 0;
  let pointsH = 0;
  try {
    page = await doc.getPage(pageNumber);
    const vp = page.getViewport({ scale: 1 });
    pointsW = vp.width;
    pointsH = vp.height;
  } catch {
    // A broken page object: reported when the page is loaded.
  }
  // Decoded once at working size on first use; smaller requests (the preview) are cut from it.
  let cached: Result<GrayImage, DecodeError> | undefined;

  const source: PageSource = {
    pageNumber,
    origin: 'pdf-rendered',
    width: Math.round(pointsW),
    height: Math.round(pointsH),
    async load(size: LongSide) {
      if (!cached) {
        cached = page
          ? await decodePage(pdfjs, doc, page, Math.max(size.max, opts.working.max), (o, w, h) => {
              source.origin = o;
              source.width = w;
              source.height = h;
            })
          : err(decodeErrors.corrupt(`page ${pageNumber} cannot be read`));
        // The page's parsed content is no longer needed once its pixels are in hand.
        page?.cleanup();
      }
      if (!cached.ok) return cached;
      return ok(await shrinkToFit(cached.value, size));
    },
  };
  return source;
}

async function decodePage(
  pdfjs: PdfJs,
  doc: PdfDocument,
  page: PdfPage,
  maxLongSide: number,
  setOrigin: (origin: PageSource['origin'], width: number, height: number) => void,
): Promise<Result<GrayImage, DecodeError>> {
  try {
    const viewport = page.getViewport({ scale: 1 });
    const ops = await page.getOperatorList();
    const found = findFullPageImage(pdfjs.OPS, ops.fnArray, ops.argsArray, viewport.transform as Affine, {
      width: viewport.width,
      height: viewport.height,
    });
    if (found) {
      const img = await getImageObject(page, found.objId);
      const gray = img ? imageObjectToGray(img) : undefined;
      if (gray) {
        const upright = found.orient(gray);
        setOrigin('pdf-embedded-image', upright.width, upright.height);
        return ok(await shrinkToFit(upright, { min: maxLongSide * 0.6, max: maxLongSide }));
      }
    }
    return ok(await renderPage(doc, page, maxLongSide));
  } catch (e) {
    return err(decodeErrors.corrupt(String(e)));
  }
}

interface PdfImageObject {
  width: number;
  height: number;
  kind?: number;
  data?: Uint8Array | Uint8ClampedArray;
}

function getImageObject(page: PdfPage, objId: string): Promise<PdfImageObject | undefined> {
  const store = objId.startsWith('g_') ? page.commonObjs : page.objs;
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), 10_000);
    store.get(objId, (obj: PdfImageObject | null) => {
      clearTimeout(timer);
      resolve(obj ?? undefined);
    });
  });
}

/** pdf.js image kinds: 1 = 1 bit per pixel (rows padded to bytes), 2 = RGB, 3 = RGBA. */
function imageObjectToGray(img: PdfImageObject): GrayImage | undefined {
  const { width: w, height: h, data } = img;
  if (!data || !w || !h) return undefined;
  const out = new Uint8Array(w * h);
  if (img.kind === 1) {
    const rowBytes = (w + 7) >> 3;
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const bit = (data[y * rowBytes + (x >> 3)] >> (7 - (x & 7))) & 1;
        out[y * w + x] = bit ? 255 : 0;
      }
    }
  } else if (img.kind === 2 || img.kind === 3) {
    const step = img.kind === 2 ? 3 : 4;
    if (data.length < w * h * step) return undefined;
    for (let i = 0, j = 1; i < w * h; i++, j += step) out[i] = data[j];
  } else {
    return undefined;
  }
  return { width: w, height: h, data: out };
}

async function renderPage(doc: PdfDocument, page: PdfPage, maxLongSide: number): Promise<GrayImage> {
  const unit = page.getViewport({ scale: 1 });
  const scale = Math.min(maxLongSide / Math.max(unit.width, unit.height), MAX_RENDER_DPI / 72);
  const viewport = page.getViewport({ scale });
  const w = Math.max(1, Math.floor(viewport.width));
  const h = Math.max(1, Math.floor(viewport.height));
  const factory = (doc as unknown as { canvasFactory: CanvasFactory }).canvasFactory;
  const target = factory.create(w, h);
  try {
    await page.render({
      canvas: target.canvas as unknown as HTMLCanvasElement,
      canvasContext: target.context as unknown as CanvasRenderingContext2D,
      viewport,
      background: 'rgb(255,255,255)',
    }).promise;
    const rgba = target.context.getImageData(0, 0, w, h).data;
    const gray = new Uint8Array(w * h);
    for (let i = 0, j = 1; i < gray.length; i++, j += 4) gray[i] = rgba[j];
    return { width: w, height: h, data: gray };
  } finally {
    factory.destroy(target);
  }
}

interface CanvasAndContext {
  canvas: unknown;
  context: { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } };
}
interface CanvasFactory {
  create(width: number, height: number): CanvasAndContext;
  destroy(target: CanvasAndContext): void;
}
