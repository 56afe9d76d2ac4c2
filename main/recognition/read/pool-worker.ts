/**
 * The body of one recognition worker thread: reads one file per task. opencv.js and the digit model are
 * loaded on the first task and stay loaded for the thread's life.
 */
import sharp from 'sharp';
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
