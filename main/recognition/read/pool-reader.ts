/**
 * A FileReader backed by a piscina pool of worker threads, one file per task. In development and tests the
 * workers run the TypeScript sources through tsx; a built app runs the compiled worker next to this file.
 */
import Piscina from 'piscina';
import type { PageReading } from '../../../shared/recognition/reading.ts';
import type { FileReader, ReadFilesOptions } from '../index.ts';
import type { ReadTask } from './pool-worker.ts';

const isTs = import.meta.url.endsWith('.ts');

export function poolReader(workers: number, options: ReadFilesOptions['read'] = {}): FileReader {
  const pool = new Piscina<ReadTask, PageReading[]>({
    filename: new URL(isTs ? './pool-worker.ts' : './pool-worker.js', import.meta.url).href,
    minThreads: workers,
    maxThreads: workers,
    // One file per worker at a time: each worker holds one opencv heap and one page.
    concurrentTasksPerWorker: 1,
    idleTimeout: 30_000,
    // Resolved here, not by the worker: the worker resolves `--import` from the process's cwd, which may be anywhere.
    execArgv: isTs ? ['--import', import.meta.resolve('tsx')] : [],
  });
  // A worker that dies outside a task (e.g. cannot start) must fail the reads, not the process.
  let broken: Error | undefined;
  pool.on('error', (error: Error) => {
    broken = error;
  });
  return {
    read: (file, signal) => (broken ? Promise.reject(broken) : pool.run({ file, options }, signal ? { signal } : {})),
    close: () => pool.destroy(),
  };
}
