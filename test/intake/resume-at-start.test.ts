/**
 * Resume at start-up: a batch left half-read by a killed process is finished by the next core that opens the
 * same database (the desktop app, `pleno serve`), with no API call — the test only watches the database.
 * A command that only prints (opens with `mustExist`) leaves the queue alone.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { startCore } from '../../main/bootstrap.ts';
import { fakePhotoBytes, kwkPage } from './support/fake-reader.ts';
import { demoDbPath, TPS, writeFolder } from './support/fixture.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const child = fileURLToPath(new URL('./support/import-child.ts', import.meta.url));

function states(dbPath: string): Record<string, number> {
  const db = new Database(dbPath, { readonly: true });
  try {
    const rows = db.prepare('SELECT state, count(*) AS n FROM import_item GROUP BY state').all() as { state: string; n: number }[];
    return Object.fromEntries(rows.map((r) => [r.state, r.n]));
  } finally {
    db.close();
  }
}

/** Imports `folder` in a child process (stand-in reader, 40 ms a file) and SIGKILLs it after `settled` files. */
function importAndKill(dbPath: string, folder: string, settled: number): Promise<void> {
  const dir = path.dirname(dbPath);
  const proc = spawn(process.execPath, ['--import', 'tsx', child, dbPath, path.join(dir, 'blobs'), folder, path.join(dir, 'reads.log'), '40', '1'],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve, reject) => {
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if ((out.match(/^item /gm)?.length ?? 0) >= settled) proc.kill('SIGKILL');
    });
    proc.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`child exited ${code} before the kill: ${err}`))));
  });
}

describe('import queue resumes at start-up', () => {
  test('a fresh core finishes a killed batch without being asked', async () => {
    const dbPath = demoDbPath();
    const files: Record<string, Buffer> = {};
    for (let i = 0; i < 12; i++) files[`${TPS[i % 5]}_${i}.jpg`] = fakePhotoBytes({ id: `r${i}`, pages: [kwkPage(2, i)] });
    await importAndKill(dbPath, writeFolder(path.dirname(dbPath), files), 3);
    const left = states(dbPath);
    assert.ok((left.queued ?? 0) + (left.reading ?? 0) > 0, `killed mid-batch: ${JSON.stringify(left)}`);
    const doneBefore = left.done ?? 0;

    // a command that only prints opens the same file: nothing moves
    const quiet = startCore({ dbPath, face: 'browser', mustExist: true });
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual(states(dbPath), left);
    quiet.close();

    // the serving core: the queue is read to the end (the real engine fails the stand-in's bytes, which settles them)
    process.env.PLENO_IMPORT_WORKERS = '0';
    const started = Date.now();
    const core = startCore({ dbPath, face: 'browser', seedDemo: true });
    try {
      for (;;) {
        const now = states(dbPath);
        if ((now.queued ?? 0) + (now.reading ?? 0) === 0) break;
        assert.ok(Date.now() - started < 30_000, `queue did not finish: ${JSON.stringify(now)}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      const end = states(dbPath);
      assert.equal((end.done ?? 0) + (end.failed ?? 0) + (end.duplicate ?? 0), 12);
      assert.ok((end.done ?? 0) >= doneBefore, 'files done before the crash stay done');
      const db = new Database(dbPath, { readonly: true });
      assert.equal(db.prepare(`SELECT state FROM import_batch`).pluck().get(), 'finished');
      db.close();
      // let the run's last events settle before the store closes
      while (await isRunning(core)) {
        await new Promise((r) => setTimeout(r, 50));
      }
    } finally {
      core.close();
    }
  });
});

async function isRunning(core: ReturnType<typeof startCore>): Promise<boolean> {
  const status = await core.api.handlers.getImportStatus({}, { access: 'viewer', face: 'browser' });
  return status.running;
}
