/**
 * The page as the review screen should show it: the photo warped onto the form's canonical raster (upright,
 * flat, the same geometry as the template), so each field's box is where the crops and the highlight put it.
 * Registration runs again on demand (the reading does not keep its homography). The work (render-page.ts)
 * runs in the review's worker thread (page-render-pool.ts): on the main thread it would stall every screen and
 * the projector for 1–2 s per page. The result is cached here, a few pages at a time, since the operator flips
 * between the pages of one TPS; a page asked for again while it renders shares that render.
 */
import { pdfPageInWorker, rectifiedPageInWorker } from './page-render-pool.ts';

const CACHE_SIZE = 8;
const cache = new Map<string, Promise<Buffer | null>>();

/** JPEG of the rectified page, or null when the page does not register against its template (then show the photo). */
export function rectifiedPageJpeg(file: string, key: { sha256: string; blobPage: number; templateId: string }): Promise<Buffer | null> {
  return cached(`${key.sha256}:${key.blobPage}:${key.templateId}`, () =>
    rectifiedPageInWorker({ file, blobPage: key.blobPage, templateId: key.templateId }),
  );
}

/** One page of a PDF as a JPEG the screen can show as it is (a browser cannot put a PDF in an <img>); null: show the file. */
export function pdfPageJpeg(file: string, key: { sha256: string; blobPage: number }): Promise<Buffer | null> {
  return cached(`${key.sha256}:${key.blobPage}:pdf`, () => pdfPageInWorker({ file, blobPage: key.blobPage }));
}

/**
 * Least recently used first out. A render that fails (the file cannot be read, the thread ended with the
 * core) is null — the screen falls back to the photo — and is not kept, so a later look tries again.
 */
function cached(id: string, render: () => Promise<Buffer | null>): Promise<Buffer | null> {
  const hit = cache.get(id);
  if (hit) {
    cache.delete(id);
    cache.set(id, hit);
    return hit;
  }
  const made = render().catch(() => {
    if (cache.get(id) === made) cache.delete(id);
    return null;
  });
  cache.set(id, made);
  while (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return made;
}
