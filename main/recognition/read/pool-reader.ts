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
    execArgv: isTs ? ['--import', 'tsx'] : [],
  });
  return {
    read: (file, signal) => pool.run({ file, options }, signal ? { signal } : {}),
    close: () => pool.destroy(),
  };
}
