/**
 * Crash-resume: a child process imports a batch and is SIGKILLed mid-batch (several times), then a fresh
 * process finishes it. Every file must end settled exactly once, no row duplicated, and no file that was
 * already done before a kill read again. First with the stand-in reader (fast, many kills), then the real
 * `pleno import-photos` with the real recognition engine.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { fakePhotoBytes, kwkPage } from './support/fake-reader.ts';
import { demoDbPath, TPS, writeFolder } from './support/fixture.ts';
import { scenery } from './support/scenery.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const child = fileURLToPath(new URL('./support/import-child.ts', import.meta.url));

type Snapshot = { states: Record<string, number>; done: Set<number> };

function snapshot(dbPath: string): Snapshot {
  const db = new Database(dbPath, { readonly: true });
  try {
    const rows = db.prepare('SELECT state, count(*) AS n FROM import_item GROUP BY state').all() as { state: string; n: number }[];
    const done = new Set(db.prepare(`SELECT id FROM import_item WHERE state IN ('done', 'failed', 'duplicate')`).pluck().all() as number[]);
    return { states: Object.fromEntries(rows.map((r) => [r.state, r.n])), done };
  } finally {
    db.close();
  }
}

/** Runs a process until it exits, or kills it (SIGKILL) once `until(stdout)` holds. */
function runUntil(proc: ChildProcess, until?: (out: string) => boolean): Promise<{ out: string; err: string; killed: boolean; code: number | null }> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    let killed = false;
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (!killed && until?.(out)) {
        killed = true;
        proc.kill('SIGKILL');
      }
    });
    proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    proc.on('error', reject);
    proc.on('exit', (code) => resolve({ out, err, killed, code }));
  });
}

function assertSettledOnce(dbPath: string, files: number) {
  const db = new Database(dbPath, { readonly: true });
  try {
    const q = (sql: string) => db.prepare(sql).pluck().get() as number;
    assert.equal(q('SELECT count(*) FROM import_item'), files, 'one item per file');
    assert.equal(q(`SELECT count(*) FROM import_item WHERE state IN ('queued', 'reading')`), 0, 'nothing left in the queue');
    assert.equal(q('SELECT count(*) FROM import_runner'), 0, 'no runner left registered');
    // one sheet per (blob, page), one reading per sheet, and each sheet's item is the only done one for its bytes
    assert.equal(q('SELECT count(*) FROM (SELECT blob_sha256, blob_page FROM sheet GROUP BY 1, 2 HAVING count(*) > 1)'), 0);
    assert.equal(q('SELECT count(*) FROM (SELECT sheet_id FROM reading GROUP BY 1 HAVING count(*) > 1)'), 0, 'no page read into the store twice');
    assert.equal(q('SELECT count(*) FROM sheet'), q('SELECT count(*) FROM reading'));
    assert.equal(q('SELECT count(*) FROM sheet'), q('SELECT count(*) FROM sheet_intake'));
    assert.equal(q(`SELECT coalesce(sum(pages), 0) FROM import_item WHERE state = 'done'`), q('SELECT count(*) FROM sheet'));
    assert.equal(q('SELECT count(*) FROM (SELECT election_id, tps_code, field_id FROM tally_value GROUP BY 1, 2, 3 HAVING count(*) > 1)'), 0);
    assert.equal(q(`SELECT count(*) FROM import_item WHERE state = 'done' AND blob_sha256 IS NULL`), 0, 'every done file is stored');
  } finally {
    db.close();
  }
}

describe('crash-resume', () => {
  test('SIGKILL mid-batch three times, then resume: every file done exactly once, nothing read twice', async () => {
    const dbPath = demoDbPath();
    const dir = path.dirname(dbPath);
    const files: Record<string, Buffer> = {};
    const codes = TPS.slice(0, 5);
    for (let i = 0; i < 60; i++) files[`${codes[i % 5]}_${i}.jpg`] = fakePhotoBytes({ id: `k${i}`, pages: [kwkPage(2, i)] });
    files['salinan.jpg'] = files[`${codes[0]}_0.jpg`]!; // a duplicate, to be recognised across restarts too
    const folder = writeFolder(dir, files);
    const readLog = path.join(dir, 'reads.log');
    const args = [dbPath, path.join(dir, 'blobs'), folder, readLog, '8', '2'];
    const spawnChild = () => spawn(process.execPath, ['--import', 'tsx', child, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });

    const logLines = () => (fs.existsSync(readLog) ? fs.readFileSync(readLog, 'utf8').trim().split('\n').filter(Boolean).length : 0);
    // item → how many reads the log held when the item was seen settled after a kill
    const doneAt = new Map<number, number>();
    for (const killAfter of [6, 18, 34]) {
      const r = await runUntil(spawnChild(), (out) => (out.match(/^item /gm)?.length ?? 0) >= killAfter - doneAt.size);
      assert.ok(r.killed, `child finished before it could be killed: ${r.err}`);
      const snap = snapshot(dbPath);
      assert.ok((snap.states.queued ?? 0) > 0, 'killed mid-batch');
      const pos = logLines();
      for (const id of snap.done) if (!doneAt.has(id)) doneAt.set(id, pos);
    }
    const readsBeforeResume = fs.readFileSync(readLog, 'utf8').trim().split('\n').length;
    const last = await runUntil(spawnChild());
    assert.equal(last.code, 0, last.err);
    assert.match(last.out, /resumed true/);
    const summary = JSON.parse(last.out.split('\n').find((l) => l.startsWith('summary '))!.slice(8)) as { counts: Record<string, number>; recovered: number };
    assert.equal(summary.counts.done + summary.counts.duplicate, 61);
    assert.equal(summary.counts.duplicate, 1);
    assertSettledOnce(dbPath, 61);

    // a file settled before a kill is never read again afterwards
    const reads = fs.readFileSync(readLog, 'utf8').trim().split('\n');
    const db = new Database(dbPath, { readonly: true });
    const blobOfItem = db.prepare('SELECT blob_sha256 FROM import_item WHERE id = ?').pluck();
    const blobPath = (sha: string) => path.join(dir, 'blobs', sha.slice(0, 2), sha.slice(2));
    assert.ok(doneAt.size >= 34);
    for (const [id, pos] of doneAt) {
      const sha = blobOfItem.get(id) as string | null;
      if (sha) assert.equal(reads.slice(pos).filter((r) => r === blobPath(sha)).length, 0, `item ${id} was read again after it was done`);
    }
    db.close();
    // at most the files in flight at each kill (2 lanes) were read twice
    assert.ok(reads.length <= 60 + 3 * 2, `reads ${reads.length}`);
    assert.ok(readsBeforeResume < reads.length);
  });

  test('real `pleno import-photos` with the recognition engine, killed mid-batch and run again', async () => {
    const dbPath = demoDbPath();
    const dir = path.dirname(dbPath);
    const files: Record<string, Buffer> = {};
    for (let i = 0; i < 14; i++) files[`${TPS[i % 5]}_hal${(i % 2) + 1}_${i}.jpg`] = await scenery(i);
    files['rusak.jpg'] = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(4000, 9)]);
    files['kosong.jpg'] = Buffer.alloc(0);
    files['tanpa-halaman.pdf'] = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
    const folder = writeFolder(dir, files);
    const cli = () => spawn(process.execPath, [path.join(root, 'bin/pleno.mjs'), 'import-photos', folder, '--db', dbPath, '--race', 'bupati', '--workers', '1'],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });

    // kill once a few files are settled (watched in the database, as another process would)
    const proc = cli();
    const watching = runUntil(proc);
    for (;;) {
      await new Promise((r) => setTimeout(r, 50));
      if (proc.exitCode !== null) break;
      const snap = fs.existsSync(dbPath) ? snapshot(dbPath) : null;
      if (snap && (snap.states.done ?? 0) >= 3 && (snap.states.queued ?? 0) > 0) {
        proc.kill('SIGKILL');
        break;
      }
    }
    const first = await watching;
    assert.equal(first.code, null, `the first run was to be killed mid-batch (exit ${first.code}): ${first.err}`);
    const doneBeforeKill = snapshot(dbPath).done.size;
    assert.ok(doneBeforeKill >= 3 && doneBeforeKill < 17);

    const second = await runUntil(cli());
    assert.equal(second.code, 0, second.err);
    assert.match(second.err, /melanjutkan antrean yang belum selesai/);
    assert.match(second.out, /Selesai dibaca\s+14/);
    assert.match(second.out, /Gagal\s+3/);
    assert.match(second.out, /gagal: tanpa-halaman\.pdf — Berkas PDF ini tidak berisi halaman\./);
    assert.match(second.out, /gagal: kosong\.jpg — Berkas kosong \(0 byte\)/);
    assert.match(second.out, /gagal: rusak\.jpg — Berkas rusak/);
    assert.match(second.out, /ditahan: .*Bukan formulir C\.Hasil/);
    assertSettledOnce(dbPath, 17);
    const db = new Database(dbPath, { readonly: true });
    assert.equal(db.prepare(`SELECT count(*) FROM sheet WHERE verdict = 'not_a_form' AND withheld = 1`).pluck().get(), 14);
    assert.equal(db.prepare(`SELECT count(*) FROM tps_status WHERE status = 'withheld'`).pluck().get(), 5);
    assert.ok((db.prepare(`SELECT engine FROM reading LIMIT 1`).pluck().get() as string).startsWith('pleno-recognition@'));
    // nothing lost: the unreadable files' bytes are kept too (all but the empty one, which has none)
    assert.equal(db.prepare(`SELECT count(*) FROM import_item WHERE state = 'failed' AND blob_sha256 IS NOT NULL`).pluck().get(), 2);
    assert.equal(db.prepare(`SELECT count(*) FROM blob`).pluck().get(), 16);
    db.close();
  });
});
