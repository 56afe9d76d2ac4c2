/**
 * The warm-up both speed benchmarks (bench-recognize.ts, bench-recognize-speed.ts) give a reader pool before
 * timing it, so their figures compare.
 *
 * First one photo per worker at once: every worker loads opencv.js and the digit model (a worker's cold start
 * is ~1,8 s; counted in the wall time of a short run it hid the speed-up). Then WARM_PHOTOS more per worker,
 * so that each has met every template family's code (tagless registration, bubbles, words) before the timed
 * run: with one photo each, the two-worker run paid the first use of those paths twice in half the photos per
 * worker, the one-worker run once, and the speed-up measured that.
 */
import type { PageReading } from '../shared/recognition/reading.ts';

/** Photos each worker reads untimed after its first. */
export const WARM_PHOTOS = 8;

/** Warms `workers` workers on `files` (untimed); returns the first, cold reading of each worker. */
export async function warmWorkers(
  reader: { read(file: string): Promise<PageReading[]> },
  files: string[],
  workers: number,
): Promise<PageReading[][]> {
  const cold = await Promise.all(Array.from({ length: workers }, () => reader.read(files[0])));
  await Promise.all(
    Array.from({ length: workers }, async () => {
      for (const f of files.slice(1, 1 + WARM_PHOTOS)) await reader.read(f);
    }),
  );
  return cold;
}
