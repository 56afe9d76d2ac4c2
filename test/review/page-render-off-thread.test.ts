/**
 * The review screen's page images render in a worker thread, not on the main thread that answers every
 * screen's clicks: a synthetic KWK photo is registered and warped into a JPEG of the template's canonical
 * size, a page of the official C.Hasil PDF is rendered, and meanwhile a 5 ms timer on the main thread keeps
 * ticking. The same render done in this thread (the old way) is the control: it must trip the same watch.
 *
 * Two measures per tick: the wall-clock gap since the last tick, and how long the main thread's event loop
 * was busy in that gap (performance.eventLoopUtilization). A blocking render shows up in both (the old way:
 * 350–900 ms). The assertions are on the busy stretch: on the loaded two-core CI machine the OS alone holds
 * an idle thread off the CPU for 70–570 ms now and then (measured: wall gaps that long with ≤ 30 ms busy,
 * and 77 ms with no render at all), which a wall-clock limit would report as a stall of ours.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { getTemplate } from '../../main/recognition/templates/loader.ts';
import { closePageRenderPool, pdfPageInWorker, rectifiedPageInWorker } from '../../main/review/page-render-pool.ts';
import { pdfPageJpeg, rectifiedPageJpeg } from '../../main/review/rectified-page.ts';
import { renderRectifiedPage } from '../../main/review/render-page.ts';
import { generateSample } from '../support/synth/generate-sample.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const officialPdf = path.join(root, '..', 'shared', 'forms', 'C.HASIL-PPWP-2024.pdf');
/** Longer than any stretch the main thread may be stuck while a page renders elsewhere; the in-thread render blocks 350–800 ms. */
const MAX_STALL_MS = 100;

let dir: string;
let photo: string;
let templateId: string;

before(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'pleno-page-render-'));
  const { jpeg, truth } = await generateSample({ kwk: { nPaslon: 2, page: 2 }, seed: 3 });
  photo = path.join(dir, 'kwk-2paslon-hal2.jpg');
  writeFileSync(photo, jpeg);
  templateId = truth.templateId;
});

after(async () => {
  await closePageRenderPool();
  rmSync(dir, { recursive: true, force: true });
});

type Watch = { ms: number; ticks: number; maxGapMs: number; maxBusyMs: number };

/** Runs `work` while a 5 ms timer ticks on this thread; the worst wall-clock gap and the worst busy stretch between ticks. */
async function watchMainThread<T>(work: () => Promise<T>): Promise<{ value: T; watch: Watch }> {
  const t0 = performance.now();
  let lastAt = t0;
  let lastElu = performance.eventLoopUtilization();
  let maxGapMs = 0;
  let maxBusyMs = 0;
  let ticks = 0;
  const tick = () => {
    ticks++;
    const now = performance.now();
    const elu = performance.eventLoopUtilization();
    maxGapMs = Math.max(maxGapMs, now - lastAt);
    maxBusyMs = Math.max(maxBusyMs, performance.eventLoopUtilization(elu, lastElu).active);
    lastAt = now;
    lastElu = elu;
  };
  const timer = setInterval(tick, 5);
  try {
    const value = await work();
    tick();
    return { value, watch: { ms: performance.now() - t0, ticks, maxGapMs, maxBusyMs } };
  } finally {
    clearInterval(timer);
  }
}

const show = (w: Watch) => `render ${Math.round(w.ms)} ms, max gap ${Math.round(w.maxGapMs)} ms, max busy ${Math.round(w.maxBusyMs)} ms`;

describe('review page images off the main thread', () => {
  test('a KWK photo is rectified in the worker to the canonical JPEG while the main thread keeps ticking', async (t) => {
    const canonical = getTemplate(templateId)?.canonical;
    assert.ok(canonical, templateId);

    // First page: the thread starts and loads opencv.js — still nothing of it on this thread.
    const cold = await watchMainThread(() => rectifiedPageInWorker({ file: photo, blobPage: 1, templateId }));
    assert.ok(cold.value, 'the page registers');
    const meta = await sharp(cold.value).metadata();
    assert.deepEqual([meta.format, meta.width, meta.height], ['jpeg', canonical.width, canonical.height]);
    assert.ok(cold.watch.maxBusyMs < MAX_STALL_MS, `cold: ${show(cold.watch)}`);

    // Through the API's entry (cache + shared in-flight promise), on the thread that is now warm.
    const key = { sha256: 'a'.repeat(64), blobPage: 1, templateId };
    const warm = await watchMainThread(() => {
      const first = rectifiedPageJpeg(photo, key);
      assert.equal(rectifiedPageJpeg(photo, key), first, 'a page asked for twice while it renders renders once');
      return first;
    });
    assert.ok(warm.value?.equals(cold.value), 'the cache holds the same JPEG');
    assert.ok(warm.watch.maxBusyMs < MAX_STALL_MS, `warm: ${show(warm.watch)}`);
    assert.ok(warm.watch.ticks >= warm.watch.ms / 25, `the timer ran all along (${warm.watch.ticks} ticks): ${show(warm.watch)}`);

    // The control: the old way, in this thread, is caught by the same watch — and makes the same bytes.
    const inThread = await watchMainThread(() => renderRectifiedPage(photo, 1, templateId));
    assert.ok(inThread.value && Buffer.from(inThread.value).equals(cold.value), 'the worker makes the JPEG the main thread made');
    assert.ok(inThread.watch.maxBusyMs >= MAX_STALL_MS && inThread.watch.maxGapMs >= MAX_STALL_MS, `in-thread: ${show(inThread.watch)}`);
    t.diagnostic(`rectified page (worker, cold): ${show(cold.watch)}`);
    t.diagnostic(`rectified page (worker, warm): ${show(warm.watch)}`);
    t.diagnostic(`rectified page (main thread, old way): ${show(inThread.watch)}`);
  });

  test('pages that cannot be rectified are null: the screen shows the photo', async () => {
    assert.equal(await rectifiedPageInWorker({ file: photo, blobPage: 2, templateId }), null, 'a JPEG has one page');
    assert.equal(await rectifiedPageInWorker({ file: photo, blobPage: 1, templateId: 'no-such-form' }), null);
    assert.equal(await rectifiedPageJpeg(path.join(dir, 'missing.jpg'), { sha256: 'b'.repeat(64), blobPage: 1, templateId }), null);
  });

  test('a page of the official C.Hasil PDF renders in the worker while the main thread keeps ticking', async (t) => {
    const pdf = await watchMainThread(() => pdfPageJpeg(officialPdf, { sha256: 'c'.repeat(64), blobPage: 2 }));
    assert.ok(pdf.value, 'page 2 renders');
    const meta = await sharp(pdf.value).metadata();
    assert.equal(meta.format, 'jpeg');
    assert.ok(Math.max(meta.width!, meta.height!) >= 2000, `${meta.width}×${meta.height}`);
    assert.ok(pdf.watch.maxBusyMs < MAX_STALL_MS, `pdf: ${show(pdf.watch)}`);
    t.diagnostic(`pdf page (worker): ${show(pdf.watch)}`);
    assert.equal(await pdfPageInWorker({ file: officialPdf, blobPage: 9 }), null, 'the form has 3 pages');
    assert.ok(readFileSync(officialPdf).subarray(0, 5).equals(Buffer.from('%PDF-')), 'the file itself is untouched');
  });
});
