/**
 * A FileReader backed by a piscina pool of worker threads, one file per task. In development and tests the
 * workers run the TypeScript sources through tsx; a built app runs the compiled worker next to this file.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import Piscina from 'piscina';
import { setFlagsFromString } from 'node:v8';
import type { PageReading } from '../../../shared/recognition/reading.ts';
import type { FileReader, ReadFilesOptions } from '../index.ts';
import type { ReadTask } from './pool-worker.ts';

const isTs = import.meta.url.endsWith('.ts');

/** Set by scripts/build-main.mjs in the bundled app: the worker bundle's file name beside the main bundle. */
declare const __PLENO_WORKER_BUNDLE__: string | undefined;

/** The worker body to start: the bundle beside the built main process, else the source (tsx) or compiled file. */
export function workerUrl(): string {
  if (typeof __PLENO_WORKER_BUNDLE__ === 'string') return pathToFileURL(path.join(__dirname, __PLENO_WORKER_BUNDLE__)).href;
  return new URL(isTs ? './pool-worker.ts' : './pool-worker.js', import.meta.url).href;
}

/** The worker threads' node flags: tsx for the TypeScript sources, nothing for the bundle or compiled files. */
export const workerExecArgv = (): string[] => (isTs && typeof __PLENO_WORKER_BUNDLE__ !== 'string' ? ['--import', import.meta.resolve('tsx')] : []);

/**
 * `niceIncrement`: lower the worker threads' CPU priority (piscina, via @napi-rs/nice where present). The
 * import queue uses it so that a busy pool never keeps the app's main thread — which answers every click —
 * waiting behind the readers on a two-core laptop.
 */
export function poolReader(workers: number, options: ReadFilesOptions['read'] = {}, niceIncrement = 0): FileReader {
  startWorkersWithRoomyOldSpace();
  const pool = new Piscina<ReadTask, PageReading[]>({
    filename: workerUrl(),
    minThreads: workers,
    maxThreads: workers,
    // One file per worker at a time: each worker holds one opencv heap and one page.
    concurrentTasksPerWorker: 1,
    idleTimeout: 30_000,
    ...(niceIncrement > 0 ? { niceIncrement } : {}),
    // Resolved here, not by the worker: the worker resolves `--import` from the process's cwd, which may be anywhere.
    execArgv: workerExecArgv(),
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

/**
 * Worker isolates start with 128 MB of old space instead of V8's small default. A reading leaves 10–14 MB of
 * old objects per 12 MP photo on ~43 MB live, so the default heap ran a full mark-compact about once per photo,
 * and each one threw away the optimised code of every closure not alive at that moment (jsQR makes its loops
 * as closures per call): V8 then compiled them again on its background threads, CPU that two workers on two
 * cores take from each other. Measured on 40 photos (one worker): full collections 35 → 8, compiles per photo
 * ~15 → 6,4, background V8 CPU ~98 → 30–38 ms per photo; RSS +23 MB. V8 flags are per process and are read when
 * an isolate is created, so this reaches the workers started after it (and not the running main isolate).
 */
let oldSpaceFlagSet = false;
function startWorkersWithRoomyOldSpace(): void {
  if (oldSpaceFlagSet) return;
  setFlagsFromString('--initial-old-space-size=128');
  oldSpaceFlagSet = true;
}
