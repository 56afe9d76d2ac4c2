/**
 * The page as the review screen should show it: the photo warped onto the form's canonical raster (upright,
 * flat, the same geometry as the template), so each field's box is where the crops and the highlight put it.
 * Registration runs again on demand (the reading does not keep its homography); the result is cached, a few
 * pages at a time, since the operator flips between the pages of one TPS.
 */
import sharp from 'sharp';
import { openInput, WORKING_SIZE } from '../recognition/decode/index.ts';
import type { GrayImage } from '../recognition/gray-image.ts';
import { registerPage } from '../recognition/register/register-page.ts';
import { getTemplate } from '../recognition/templates/loader.ts';

const CACHE_SIZE = 8;
const cache = new Map<string, Promise<Buffer | null>>();

/** JPEG of the rectified page, or null when the page does not register against its template (then show the photo). */
export function rectifiedPageJpeg(file: string, key: { sha256: string; blobPage: number; templateId: string }): Promise<Buffer | null> {
  const id = `${key.sha256}:${key.blobPage}:${key.templateId}`;
  const hit = cache.get(id);
  if (hit) {
    cache.delete(id);
    cache.set(id, hit);
    return hit;
  }
  const made = render(file, key.blobPage, key.templateId).catch(() => null);
  cache.set(id, made);
  while (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return made;
}

async function render(file: string, blobPage: number, templateId: string): Promise<Buffer | null> {
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
export async function pdfPageJpeg(file: string, blobPage: number): Promise<Buffer | null> {
  const opened = await openInput(file);
  if (!opened.ok) return null;
  try {
    const source = opened.value.pages.find((p) => p.pageNumber === blobPage);
    if (!source) return null;
    const page = await source.load(WORKING_SIZE);
    return page.ok ? await grayJpeg(page.value) : null;
  } catch {
    return null;
  } finally {
    await opened.value.close();
  }
}

function grayJpeg(page: GrayImage): Promise<Buffer> {
  return sharp(Buffer.from(page.data.buffer, page.data.byteOffset, page.data.byteLength), { raw: { width: page.width, height: page.height, channels: 1 } })
    .jpeg({ quality: 82 }).toBuffer();
}
