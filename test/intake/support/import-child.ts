/**
 * Child process for the crash-resume test: imports a folder through the queue with the stand-in reader
 * (a delay per file, so the parent can SIGKILL it mid-batch), logging every file it reads (one line per
 * read, appended and fsynced before the read "happens") and every item it settles on stdout.
 * Usage: node --import tsx import-child.ts DB BLOBS FOLDER READ_LOG DELAY_MS WORKERS
 */
import fs from 'node:fs';
import { createIntake } from '../../../main/intake/index.ts';
import { openStore } from '../../../main/store/index.ts';
import { fakeReaderFactory } from './fake-reader.ts';

const [db, blobs, folder, readLog, delayMs, workers] = process.argv.slice(2) as [string, string, string, string, string, string];
const store = openStore(db);
const log = fs.openSync(readLog, 'a');
const intake = createIntake({
  store,
  blobRoot: blobs,
  readerFactory: fakeReaderFactory({
    delayMs: Number(delayMs),
    onRead: (file) => {
      fs.writeSync(log, `${file}\n`);
      fs.fsyncSync(log);
    },
  }),
});
const queued = await intake.enqueueFolder(folder, { electionId: 2 });
if (!queued.ok) throw new Error(queued.message);
fs.writeSync(1, `batch ${queued.batchId} added ${queued.added} resumed ${queued.resumed}\n`);
const summary = await intake.run({
  workers: Number(workers),
  onEvent: (e) => {
    if (e.kind === 'item') fs.writeSync(1, `item ${e.outcome.itemId} ${e.outcome.state}\n`);
  },
}).done;
fs.writeSync(1, `summary ${JSON.stringify({ counts: summary.counts, recovered: summary.recovered })}\n`);
store.close();
