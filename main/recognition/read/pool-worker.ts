/**
 * The body of one recognition worker thread: reads one file per task. opencv.js and the digit model are
 * loaded on the first task and stay loaded for the thread's life.
 */
import Piscina from 'piscina';
import sharp from 'sharp';
import { renderPdfPage, renderRectifiedPage } from '../../review/render-page.ts';
import type { PageReading } from '../../../shared/recognition/reading.ts';
import { collectEvidenceInThread, readFileInThread, type PageEvidence, type ReadFileOptions } from './read-file.ts';

// libvips' thread pool is process-wide: with its default (one thread per core) every worker's decode
// spreads over all cores and the workers' decodes fight each other. The pool already gives one thread
// per core, so each decode runs on its own worker's thread. No libvips operation cache either: each
// file is decoded once, and the cache only holds memory.
sharp.concurrency(1);
sharp.cache(false);

export interface ReadTask {
  file: string;
  options?: Pick<ReadFileOptions, 'decode' | 'joint' | 'digitModelPath'>;
}

export default async function readTask(task: ReadTask): Promise<PageReading[]> {
  return readFileInThread(task.file, task.file, task.options);
}

/** Named task `evidenceTask`: the page evidence before judging (the bench's threshold tuning). */
export async function evidenceTask(task: ReadTask): Promise<(PageEvidence | null)[]> {
  return collectEvidenceInThread(task.file, task.options);
}

/** Bytes marked for transfer: the caller of `pool.run` receives them as a plain Uint8Array. */
type MovedBytes = ReturnType<typeof Piscina.move>;

/** Named task `rectifiedPageTask` (input): the review screen's page, warped onto its template. */
export interface RectifiedPageTask {
  file: string;
  blobPage: number;
  templateId: string;
}

/** Named task `pdfPageTask` (input): one page of a PDF as it is. */
export interface PdfPageTask {
  file: string;
  blobPage: number;
}

/**
 * Named task `rectifiedPageTask`: the review screen's page image (main/review/page-render-pool.ts), a JPEG
 * moved to the main thread without a copy; null when the page does not register.
 */
export async function rectifiedPageTask(task: RectifiedPageTask): Promise<MovedBytes | null> {
  const jpeg = await renderRectifiedPage(task.file, task.blobPage, task.templateId);
  return jpeg && Piscina.move(jpeg);
}

/** Named task `pdfPageTask`: one PDF page as a JPEG for the review screen; null when there is no such page. */
export async function pdfPageTask(task: PdfPageTask): Promise<MovedBytes | null> {
  const jpeg = await renderPdfPage(task.file, task.blobPage);
  return jpeg && Piscina.move(jpeg);
}
