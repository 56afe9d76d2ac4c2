/**
 * The review screen's page images, rendered in the thread that calls these: the recognition worker
 * (main/recognition/read/pool-worker.ts, `rectifiedPageTask` / `pdfPageTask`) — never the app's main thread,
 * where decoding, registering (opencv.js) and warping one page blocks every screen for 1–2 s.
 * main/review/rectified-page.ts is what the API calls; it sends the work here through page-render-pool.ts.
 */
import sharp from 'sharp';
import { openInput, WORKING_SIZE } from '../recognition/decode/index.ts';
import type { GrayImage } from '../recognition/gray-image.ts';
import { registerPage } from '../recognition/register/register-page.ts';
import { getTemplate } from '../recognition/templates/loader.ts';

/** JPEG of the photo's page warped onto its template's canonical raster; null when it does not register. */
export async function renderRectifiedPage(file: string, blobPage: number, templateId: string): Promise<Uint8Array | null> {
  const template = getTemplate(templateId);
  if (!template) return null;
  const opened = await openInput(file);
  if (!opened.ok) return null;
  try {
    const source = opened.value.pages.find((p) => p.pageNumber === blobPage) ?? (blobPage === 1 ? opened.value.pages[0] : undefined);
    if (!source) return null;
    const registered = await registerPage(source, [template], { fullPage: true });
    if (registered.kind !== 'registered') return null;
    return await grayJpeg(registered.rectified);
  } finally {
    await opened.value.close();
  }
}

/** One page of a PDF as a JPEG the screen can show as it is (a browser cannot put a PDF in an <img>). */
export async function renderPdfPage(file: string, blobPage: number): Promise<Uint8Array | null> {
  const opened = await openInput(file);
  if (!opened.ok) return null;
  try {
    const source = opened.value.pages.find((p) => p.pageNumber === blobPage);
    if (!source) return null;
    const page = await source.load(WORKING_SIZE);
    return page.ok ? await grayJpeg(page.value) : null;
  } finally {
    await opened.value.close();
  }
}

/**
 * The JPEG in an ArrayBuffer of its own: the worker hands it to the main thread by transfer (no copy), and a
 * buffer libvips allocated (or a slice of a pooled one) is not safe to detach.
 */
async function grayJpeg(page: GrayImage): Promise<Uint8Array> {
  const jpeg = await sharp(Buffer.from(page.data.buffer, page.data.byteOffset, page.data.byteLength), {
    raw: { width: page.width, height: page.height, channels: 1 },
  })
    .jpeg({ quality: 82 })
    .toBuffer();
  return new Uint8Array(jpeg);
}
