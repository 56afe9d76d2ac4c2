/**
 * The worker pool behind readFiles: files read in parallel worker threads (each loads opencv.js and the
 * digit model once), progress per file, cancellation, and memory per worker.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFiles, type ReadProgress } from '../../main/recognition/index.ts';
import { generateSample } from '../support/synth/generate-sample.ts';
import { generateNonFormPhoto } from '../support/synth/non-form-photo.ts';

const dir = mkdtempSync(join(tmpdir(), 'pleno-pool-'));

/** Two forms and a landscape, written once for all tests. */
const files = (async () => {
  const photo = { minMegapixels: 3, maxMegapixels: 3.5, maxTiltDeg: 15 };
  const out: string[] = [];
  for (const spec of [
    { kwk: { nPaslon: 2, page: 2 }, seed: 'pool-a' },
    { templateId: 'kpu-ppwp-2024-hal3', seed: 'pool-b' },
  ]) {
    const { jpeg } = await generateSample({ ...spec, options: { photo } });
    const file = join(dir, `${spec.seed}.jpg`);
    writeFileSync(file, jpeg);
    out.push(file);
  }
  const land = await generateNonFormPhoto({ seed: 'pool-c', kind: 'landscape', megapixels: 12 });
  const file = join(dir, 'pemandangan.jpg');
  writeFileSync(file, land.jpeg);
  out.push(file);
  return out;
})();

test('two workers read two files at the same time; progress per file; results in input order', async () => {
  const [a, b] = await files;
  const events: ReadProgress[] = [];
  const readings = await readFiles([a, b], { workers: 2, onProgress: (e) => events.push(e) });
  assert.deepEqual(readings.map((r) => r.file), [a, b]);
  assert.deepEqual(readings.map((r) => r.template), ['pleno-kwk-2paslon-hal2', 'kpu-ppwp-2024-hal3']);
  for (const r of readings) assert.ok(r.verdict === 'accepted' || r.verdict === 'needs_review', r.reason);
  const states = events.map((e) => `${e.state}:${e.index}`);
  assert.deepEqual(states.slice(0, 2).sort(), ['queued:0', 'queued:1']);
  // Both files were being read before either was done: they ran in parallel.
  const firstDone = states.findIndex((s) => s.startsWith('done'));
  assert.ok(states.indexOf('reading:0') < firstDone && states.indexOf('reading:1') < firstDone, states.join(' '));
  assert.equal(states.filter((s) => s.startsWith('done')).length, 2);
});

test('aborting stops the files still waiting and rejects', async () => {
  const [a, b, land] = await files;
  const controller = new AbortController();
  const events: ReadProgress[] = [];
  await assert.rejects(
    readFiles([land, a, b, a, b], {
      workers: 1,
      signal: controller.signal,
      onProgress: (e) => {
        events.push(e);
        if (e.state === 'done') controller.abort(new Error('dibatalkan operator'));
      },
    }),
    /dibatalkan operator/,
  );
  const done = events.filter((e) => e.state === 'done');
  assert.equal(done.length, 1);
  assert.equal(done[0].state === 'done' && done[0].readings[0].verdict, 'not_a_form');
  assert.ok(events.filter((e) => e.state === 'reading').length < 5);
});

test('a worker stays within 400 MB reading 12 MP photos (opencv heap, decoded pages, digit model)', async () => {
  const all = await files;
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  try {
    await readFiles([all[2], all[0], all[1], all[2]], { workers: 2 });
  } finally {
    clearInterval(timer);
  }
  const perWorker = (peak - before) / 2 / 1e6;
  console.log(`pool: process RSS ${(before / 1e6).toFixed(0)} MB → peak ${(peak / 1e6).toFixed(0)} MB with 2 workers: ≈ ${perWorker.toFixed(0)} MB per worker`);
  assert.ok(perWorker < 400, `${perWorker.toFixed(0)} MB per worker`);
});
