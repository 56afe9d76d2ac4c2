/**
 * Recognition's worker pool for the import queue, with its threads at a lower CPU priority. An import runs
 * in the background of the app: with the reader threads as eager as the main thread, a loaded machine (two
 * cores, two readers, the operator's browser) leaves the main thread — which answers every click — waiting
 * its turn behind them. Nice'd threads (piscina's `niceIncrement`, via @napi-rs/nice; absent, it is skipped)
 * give way to it the moment it has work, and take every cycle it leaves.
 *
 * Same worker body and settings as recognition's pool (main/recognition/read/pool-reader.ts), which should
 * take this option itself; until then the import builds its pool here.
 */
import Piscina from 'piscina';
import type { PageReading } from '../../shared/recognition/reading.ts';
import type { FileReader, ReadFilesOptions } from '../recognition/index.ts';
import type { ReadTask } from '../recognition/read/pool-worker.ts';

const isTs = import.meta.url.endsWith('.ts');

/** +10: below the app's main thread, still above truly idle work. */
export const READER_NICE_INCREMENT = 10;

export function backgroundPoolReader(workers: number, options: ReadFilesOptions['read'] = {}): FileReader {
  const pool = new Piscina<ReadTask, PageReading[]>({
    filename: new URL(isTs ? '../recognition/read/pool-worker.ts' : '../recognition/read/pool-worker.js', import.meta.url).href,
    minThreads: workers,
    maxThreads: workers,
    concurrentTasksPerWorker: 1,
    idleTimeout: 30_000,
    niceIncrement: READER_NICE_INCREMENT,
    execArgv: isTs ? ['--import', import.meta.resolve('tsx')] : [],
  });
  let broken: Error | undefined;
  pool.on('error', (error: Error) => {
    broken = error;
  });
  return {
    read: (file, signal) => (broken ? Promise.reject(broken) : pool.run({ file, options }, signal ? { signal } : {})),
    close: () => pool.destroy(),
  };
}
