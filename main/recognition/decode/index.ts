/**
 * Input decoding: a file (path or bytes) → its pages as upright 8-bit gray images.
 *
 * `openInput` checks everything that can be checked cheaply (size, type by magic bytes, image header
 * dimensions, PDF structure and password) and returns lazy pages; `decodeInput` also decodes every page at
 * working size. All expected failures are values with an Indonesian message (see errors.ts).
 */
import { readFile } from 'node:fs/promises';
import type { GrayImage } from '../gray-image.ts';
import { decodeErrors, type DecodeError } from './errors.ts';
import { WORKING_SIZE, type LongSide, type PageOrigin, type PageSource } from './page-source.ts';
import { openPdf } from './pdf.ts';
import { openRaster } from './raster.ts';
import { err, ok, type Result } from './result.ts';
import { sniffFormat, type InputFormat } from './sniff.ts';

export type { DecodeError, DecodeErrorCode } from './errors.ts';
export type { LongSide, PageOrigin, PageSource } from './page-source.ts';
export { PREVIEW_SIZE, WORKING_SIZE } from './page-source.ts';
export type { Result } from './result.ts';
export type { InputFormat } from './sniff.ts';

export interface DecodeOptions {
  /** Refuse images above this many megapixels (checked from the header, before decoding). Default 100. */
  maxMegapixels?: number;
  /** Long side of the decoded working image in px. Default WORKING_SIZE (2000–3300). */
  working?: LongSide;
}

export interface OpenedInput {
  format: InputFormat;
  byteLength: number;
  pages: PageSource[];
  /** Releases the PDF document, if any. Safe to call more than once. */
  close(): Promise<void>;
}

export interface DecodedPage {
  pageNumber: number;
  origin: PageOrigin;
  gray: GrayImage;
  /** Upright native size (see PageSource.width). */
  originalWidth: number;
  originalHeight: number;
  /** gray.width / originalWidth. */
  scale: number;
}

export async function openInput(input: string | Uint8Array, options: DecodeOptions = {}): Promise<Result<OpenedInput, DecodeError>> {
  const maxMegapixels = options.maxMegapixels ?? 100;
  const working = options.working ?? WORKING_SIZE;
  let buf: Buffer;
  if (typeof input === 'string') {
    try {
      buf = await readFile(input);
    } catch (e) {
      return err(decodeErrors.notFound((e as NodeJS.ErrnoException).code ?? String(e)));
    }
  } else {
    buf = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  }
  if (buf.length === 0) return err(decodeErrors.empty());

  const sniffed = sniffFormat(buf);
  if (!sniffed.supported) return err(sniffed.what === 'HEIC' ? decodeErrors.heic() : decodeErrors.unsupported(sniffed.what));
  const { format } = sniffed;

  if (format === 'pdf') {
    const pdf = await openPdf(buf, { maxMegapixels, working });
    if (!pdf.ok) return pdf;
    let closed = false;
    return ok({
      format,
      byteLength: buf.length,
      pages: pdf.value.pages,
      close: async () => {
        if (closed) return;
        closed = true;
        await pdf.value.close();
      },
    });
  }
  const raster = await openRaster(buf, format, { maxMegapixels, working, ...(typeof input === 'string' ? { path: input } : {}) });
  if (!raster.ok) return raster;
  return ok({ format, byteLength: buf.length, pages: raster.value, close: async () => {} });
}

/** Opens the input and decodes every page at working size. */
export async function decodeInput(
  input: string | Uint8Array,
  options: DecodeOptions = {},
): Promise<Result<DecodedPage[], DecodeError>> {
  const opened = await openInput(input, options);
  if (!opened.ok) return opened;
  const working = options.working ?? WORKING_SIZE;
  try {
    const pages: DecodedPage[] = [];
    for (const page of opened.value.pages) {
      const gray = await page.load(working);
      if (!gray.ok) return gray;
      pages.push({
        pageNumber: page.pageNumber,
        origin: page.origin,
        gray: gray.value,
        originalWidth: page.width,
        originalHeight: page.height,
        scale: gray.value.width / page.width,
      });
    }
    return ok(pages);
  } finally {
    await opened.value.close();
  }
}
