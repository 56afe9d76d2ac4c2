/**
 * The review screen's own worker thread for page images (render-page.ts runs inside it). One thread, started
 * on the first page asked for and ended after a minute without work: it holds opencv.js's heap (~250 MB)
 * only while someone is reviewing. It runs the recognition worker's file (the bundle in the built app), so
 * the app ships nothing new for it; it keeps normal priority, unlike the import queue's niced readers,
 * because an operator is waiting on it.
 */
import Piscina from 'piscina';
import { workerExecArgv, workerUrl } from '../recognition/read/pool-reader.ts';
import type { PdfPageTask, RectifiedPageTask } from '../recognition/read/pool-worker.ts';

const IDLE_MS = 60_000;

let pool: Piscina | undefined;

function started(): Piscina {
  if (pool) return pool;
  const made = new Piscina({
    filename: workerUrl(),
    // 0 so the idle timeout can end the last thread too.
    minThreads: 0,
    maxThreads: 1,
    concurrentTasksPerWorker: 1,
    idleTimeout: IDLE_MS,
    execArgv: workerExecArgv(),
  });
  // A thread that dies outside a task (cannot start, out of memory): forget this pool, the next page starts a new one.
  made.on('error', (error: unknown) => {
    console.error('pleno: thread gambar halaman berhenti:', error);
    if (pool === made) pool = undefined;
    void made.destroy().catch(() => undefined);
  });
  pool = made;
  return made;
}

/** What the worker handed back (a transferred Uint8Array) as the Buffer the API encodes. */
function asBuffer(bytes: Uint8Array | null): Buffer | null {
  return bytes ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) : null;
}

/** The page warped onto its template, rendered in the worker thread; null when it does not register. */
export async function rectifiedPageInWorker(task: RectifiedPageTask): Promise<Buffer | null> {
  return asBuffer((await started().run(task, { name: 'rectifiedPageTask' })) as Uint8Array | null);
}

/** One PDF page as it is, rendered in the worker thread; null when the file has no such page. */
export async function pdfPageInWorker(task: PdfPageTask): Promise<Buffer | null> {
  return asBuffer((await started().run(task, { name: 'pdfPageTask' })) as Uint8Array | null);
}

/** End the thread (the core closes): pages still rendering resolve to null, the screen shows the photo. */
export async function closePageRenderPool(): Promise<void> {
  const closing = pool;
  pool = undefined;
  await closing?.destroy();
}
