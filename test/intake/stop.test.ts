/**
 * Closing the app (or Ctrl+C on `pleno serve`) while an import reads: intake.stop() pauses every run — the
 * files being read go back to the queue, none is lost or marked read — and resolves once the readers have
 * stopped, so the database can close under no one's feet. Queue mechanics: stand-in reader.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { createIntake } from '../../main/intake/index.ts';
import { fakePhotoBytes, fakeReaderFactory, kwkPage } from './support/fake-reader.ts';
import { BUPATI, openDemoStore, writeFolder } from './support/fixture.ts';

test('stop() mid-batch: reads pause, nothing is left "reading", the rest stays queued; no run starts after', async () => {
  const { store, dir } = openDemoStore({ ram: true });
  const intake = createIntake({ store, blobRoot: path.join(dir, 'blobs'), readerFactory: fakeReaderFactory({ delayMs: 150 }) });
  const codes = store.db.prepare('SELECT code FROM tps ORDER BY code LIMIT 10').pluck().all() as string[];
  const files = Object.fromEntries(codes.map((code, i) => [`${code}_hal2.jpg`, fakePhotoBytes({ id: code, pages: [kwkPage(2, i)] })]));
  const queued = await intake.enqueueFolder(writeFolder(dir, files), { electionId: BUPATI });
  assert.ok(queued.ok);

  let settled = 0;
  const firstDone = new Promise<void>((resolve) => intake.subscribe((e) => {
    if (e.kind === 'item' && ++settled === 1) resolve();
  }));
  const run = intake.ensureRunning({ workers: 2 });
  await firstDone;
  await intake.stop();
  const summary = await run.done;

  const states = Object.fromEntries(store.db.prepare('SELECT state, count(*) AS n FROM import_item GROUP BY state').all()
    .map((r) => [(r as { state: string }).state, (r as { n: number }).n]));
  assert.equal(intake.isRunning(), false);
  assert.equal(summary.paused, true);
  assert.equal(states.reading, undefined, 'no file left half-read');
  assert.ok(states.done >= 1 && states.done < 10, `some read, not all: ${JSON.stringify(states)}`);
  assert.equal(states.done + states.queued, 10, 'every other file is back in the queue');
  assert.equal(store.db.prepare('SELECT count(*) FROM sheet').pluck().get(), states.done, 'only finished files have pages');

  // a late ensureRunning (a screen asking as the app closes) reads nothing more
  await intake.ensureRunning({ workers: 1 }).done;
  assert.equal(store.db.prepare("SELECT count(*) FROM import_item WHERE state = 'done'").pluck().get(), states.done);
  store.close();
});
