/**
 * readFiles: one reading per page in input order, per-file errors that do not stop the others, progress per
 * file (queued → reading → done), the same answers from the worker pool as from this thread, and cancellation.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readFiles, type ReadProgress } from '../../main/recognition/index.ts';
import { generateNonFormPhoto } from '../support/synth/non-form-photo.ts';

let tmp: string;
let files: string[];

before(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pleno-read-files-'));
  const indoor = await generateNonFormPhoto({ seed: 'read-files', kind: 'indoor', megapixels: 1 });
  const write = (name: string, data: Buffer | string) => {
    fs.writeFileSync(path.join(tmp, name), data);
    return path.join(tmp, name);
  };
  files = [
    write('kosong.png', Buffer.alloc(0)),
    write('ruangan.jpg', indoor.jpeg),
    write('catatan.txt', 'bukan gambar'),
    path.join(tmp, 'tidak-ada.jpg'),
  ];
});
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Readings without timings (they differ run to run). */
const stable = (readings: Awaited<ReturnType<typeof readFiles>>) => readings.map(({ timings: _t, ...r }) => r);

test('one reading per file, in input order; unusable files get an error, the others are read', async () => {
  const events: ReadProgress[] = [];
  const readings = await readFiles(files, { workers: 0, onProgress: (e) => events.push(e) });
  assert.deepEqual(readings.map((r) => r.file), files);
  assert.match(readings[0].error ?? '', /kosong/);
  assert.equal(readings[1].error, undefined);
  assert.ok(['not_a_form', 'unregistered'].includes(readings[1].verdict));
  assert.equal(readings[1].template, null);
  assert.match(readings[2].error ?? '', /tidak didukung/);
  assert.match(readings[3].error ?? '', /tidak ditemukan/);

  // Every file is queued first, then each is read and done, in order (one lane in this thread).
  assert.deepEqual(events.slice(0, files.length).map((e) => [e.state, e.index]), files.map((_, i) => ['queued', i]));
  assert.deepEqual(
    events.slice(files.length).map((e) => [e.state, e.index]),
    files.flatMap((_, i) => [['reading', i], ['done', i]]),
  );
  const done = events.filter((e): e is Extract<ReadProgress, { state: 'done' }> => e.state === 'done');
  assert.deepEqual(done.map((e) => e.readings[0].file), files);
});

test('the worker pool gives the same readings as this thread', async () => {
  const here = await readFiles(files, { workers: 0 });
  const pooled = await readFiles(files, { workers: 2 });
  assert.deepEqual(stable(pooled), stable(here));
});

test('aborting stops the queue and rejects with the reason', async () => {
  const controller = new AbortController();
  const many = Array.from({ length: 6 }, () => files[1]);
  let done = 0;
  const reading = readFiles(many, {
    workers: 0,
    signal: controller.signal,
    onProgress: (e) => {
      if (e.state === 'done' && ++done === 1) controller.abort(new Error('dibatalkan operator'));
    },
  });
  await assert.rejects(reading, /dibatalkan operator/);
  assert.equal(done, 1);
  await assert.rejects(readFiles(files, { signal: AbortSignal.abort() }), { name: 'AbortError' });
});
