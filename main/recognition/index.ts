/**
 * Recognition, the public face: read C.Hasil photos and PDFs into one PageReading per page.
 *
 *   const readings = await readFiles(['a.jpg', 'b.pdf'], { workers: 2, onProgress, signal });
 *
 * Files are read in worker threads (a pool sized to the cores, or `workers`); `workers: 0` reads in the
 * calling thread (tests, tools). A file that cannot be used yields one reading with `error`; the others are
 * still read. Progress is reported per file (queued → reading → done); aborting `signal` stops queued files
 * and rejects with the signal's reason.
 */
import { availableParallelism } from 'node:os';
import type { PageReading } from '../../shared/recognition/reading.ts';
import { errorReading, readFileInThread, type ReadFileOptions } from './read/read-file.ts';

export type { PageReading, FieldReading, CheckReading, Verdict } from '../../shared/recognition/reading.ts';

export type ReadProgress =
  | { file: string; index: number; state: 'queued' }
  | { file: string; index: number; state: 'reading' }
  | { file: string; index: number; state: 'done'; readings: PageReading[] };

export interface ReadFilesOptions {
  /** Worker threads; default: one per core. 0 reads in this thread. */
  workers?: number;
  signal?: AbortSignal;
  onProgress?: (event: ReadProgress) => void;
  /** Passed to every file's reader (decode limits, joint options, digit model path). */
  read?: Pick<ReadFileOptions, 'decode' | 'joint' | 'digitModelPath'>;
}

/** Something that reads one file into its page readings: the worker pool, or this thread. */
export interface FileReader {
  read(file: string, signal?: AbortSignal): Promise<PageReading[]>;
  close(): Promise<void>;
}

export function defaultWorkerCount(): number {
  return Math.max(1, availableParallelism());
}

export function inThreadReader(options: ReadFilesOptions['read'] = {}): FileReader {
  return {
    read: (file, signal) => readFileInThread(file, file, { ...options, shouldStop: () => signal?.aborted === true }),
    close: async () => {},
  };
}

/** `niceIncrement`: run the worker threads below the calling thread's CPU priority (see pool-reader.ts). */
export async function createReader(options: Pick<ReadFilesOptions, 'workers' | 'read'> & { niceIncrement?: number } = {}): Promise<FileReader> {
  const workers = options.workers ?? defaultWorkerCount();
  if (workers === 0) return inThreadReader(options.read);
  const { poolReader } = await import('./read/pool-reader.ts');
  return poolReader(workers, options.read, options.niceIncrement);
}

/** Reads every file; readings come back in input order (all pages of a file together). */
export async function readFiles(paths: readonly string[], options: ReadFilesOptions = {}): Promise<PageReading[]> {
  const { signal, onProgress } = options;
  signal?.throwIfAborted();
  paths.forEach((file, index) => onProgress?.({ file, index, state: 'queued' }));
  const workers = Math.min(options.workers ?? defaultWorkerCount(), paths.length);
  const reader = await createReader({ workers, read: options.read });
  try {
    const results: PageReading[][] = new Array(paths.length);
    let next = 0;
    // As many files in flight as there are workers: each finishing file pulls the next one.
    const lane = async () => {
      while (next < paths.length) {
        signal?.throwIfAborted();
        const index = next++;
        const file = paths[index];
        onProgress?.({ file, index, state: 'reading' });
        let readings: PageReading[];
        try {
          readings = await reader.read(file, signal);
        } catch (error) {
          if (signal?.aborted) throw signal.reason;
          // Unexpected (a bug or a crashed worker): the file gets an error reading, the others go on.
          readings = [errorReading(file, `Gagal membaca berkas: ${error instanceof Error ? error.message : String(error)}`)];
        }
        results[index] = readings;
        onProgress?.({ file, index, state: 'done', readings });
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, workers) }, lane));
    signal?.throwIfAborted();
    return results.flat();
  } finally {
    await reader.close();
  }
}

/** Reads one file (all its pages). */
export async function readFile(path: string, options: ReadFilesOptions = {}): Promise<PageReading[]> {
  return readFiles([path], options);
}
