import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import { openStore, regionStatsDrift, verifyAuditChain, type Store } from '../../main/store/index.ts';
import { seedDemo } from '../../main/seed/demo.ts';
import { readWilayahText } from '../../main/seed/wilayah-source.ts';
import { tempDir } from './temp-dir.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const projectRoot = path.resolve(here, '../..');
const child = path.join(here, 'fixtures', 'import-child.ts');

/** Everything a crash must not change, as one comparable value. */
function snapshot(store: Store) {
  const hash = (sql: string) => createHash('sha256').update(JSON.stringify(store.db.prepare(sql).raw().all())).digest('hex');
  return {
    regions: hash('SELECT * FROM region ORDER BY code'),
    tps: hash('SELECT * FROM tps ORDER BY code'),
    stats: hash('SELECT * FROM region_stats ORDER BY code'),
    audit: hash('SELECT * FROM audit_log ORDER BY id'),
    settings: hash('SELECT * FROM setting ORDER BY key'),
  };
}

/** Starts the import in a child process and SIGKILLs it once it has written `killAfter` rows. */
function importAndKill(db: string, kind: string, file: string, killAfter: number): Promise<{ signal: NodeJS.Signals | null; lastReport: number; walBytes: number }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', child, db, kind, file], { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let lastReport = 0;
    let walBytes = 0;
    let stderr = '';
    let buffered = '';
    proc.stderr.on('data', (d) => (stderr += d));
    proc.stdout.on('data', (d) => {
      buffered += d;
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        const m = /^write (\d+)$/.exec(line);
        if (m) lastReport = Number(m[1]);
        if (line.startsWith('done')) reject(new Error(`the import finished before it was killed: ${line}`));
        if (m && lastReport >= killAfter && proc.exitCode === null && !proc.killed) {
          walBytes = fs.existsSync(`${db}-wal`) ? fs.statSync(`${db}-wal`).size : 0;
          proc.kill('SIGKILL');
        }
      }
    });
    proc.on('error', reject);
    proc.on('exit', (code, signal) => {
      if (signal === null) reject(new Error(`child exited with ${code}: ${stderr}`));
      else resolve({ signal, lastReport, walBytes });
    });
  });
}

describe('a crash during an import loses nothing and leaves nothing half done', () => {
  const dir = tempDir('pleno-crash-');
  const db = path.join(dir, 'pleno.db');
  let before: ReturnType<typeof snapshot>;

  test('setup: a database with the demo kabupaten', () => {
    const store = openStore(db);
    seedDemo(store, 'kediri');
    before = snapshot(store);
    store.close();
  });

  test('killed while importing every region of Jawa Tengah and Jawa Timur (17k rows)', async () => {
    const wilayah = JSON.parse(readWilayahText()) as { id2name: Record<string, string> };
    const rows = Object.entries(wilayah.id2name).filter(([code]) => code.startsWith('33') || code.startsWith('35'));
    assert.ok(rows.length > 17_000);
    const csv = path.join(dir, 'wilayah-indonesia.csv');
    fs.writeFileSync(csv, `kode,nama\n${rows.map(([code, name]) => `${code},"${name.replaceAll('"', '""')}"`).join('\n')}\n`);

    const { signal, lastReport, walBytes } = await importAndKill(db, 'wilayah', csv, 3000);
    assert.equal(signal, 'SIGKILL');
    assert.ok(lastReport >= 3000 && lastReport < rows.length, `killed after ${lastReport} rows`);
    assert.ok(walBytes > 100_000, `uncommitted pages had reached the WAL (${walBytes} bytes)`);

    const store = openStore(db);
    try {
      assert.equal(store.db.pragma('integrity_check', { simple: true }), 'ok');
      assert.deepEqual(store.db.pragma('foreign_key_check'), []);
      assert.deepEqual(snapshot(store), before);
      assert.equal(store.db.prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name GLOB '*_stats_on_*'").pluck().get(), 5);
      assert.deepEqual(regionStatsDrift(store.db), []);
      assert.equal(verifyAuditChain(store).ok, true);
    } finally {
      store.close();
    }
  });

  test('killed while updating the DPT of every Kediri TPS', async () => {
    const store = openStore(db);
    const tps = store.db.prepare('SELECT code, dpt_l, dpt_p FROM tps ORDER BY code').all() as { code: string; dpt_l: number; dpt_p: number }[];
    store.close();
    const csv = path.join(dir, 'dpt-baru.csv');
    fs.writeFileSync(csv, `kode_tps,dpt_l,dpt_p\n${tps.map((t) => `${t.code},${t.dpt_p},${t.dpt_l + 1}`).join('\n')}\n`);

    const { signal, lastReport } = await importAndKill(db, 'tps', csv, 2000);
    assert.equal(signal, 'SIGKILL');
    assert.ok(lastReport >= 2000 && lastReport < tps.length);

    const after = openStore(db);
    try {
      assert.equal(after.db.pragma('integrity_check', { simple: true }), 'ok');
      assert.deepEqual(snapshot(after), before);
      assert.deepEqual(regionStatsDrift(after.db), []);
    } finally {
      after.close();
    }
  });
});
