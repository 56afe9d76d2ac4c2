/**
 * `pleno import-photos`: usage errors worded for the operator, Ctrl+C pauses (exit 130, nothing left
 * half-read) and the same command resumes, the JSON summary. Real recognition engine throughout.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { runCli } from '../../main/cli/run.ts';
import { demoDbPath, TPS, writeFolder } from './support/fixture.ts';
import { scenery } from './support/scenery.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

async function cli(args: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['import-photos', ...args], {
    stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), env: {}, cwd,
  });
  return { code, stdout, stderr };
}

describe('pleno import-photos', () => {
  test('usage errors name the problem in one Indonesian line', async () => {
    const dbPath = demoDbPath();
    const dir = path.dirname(dbPath);
    const folder = writeFolder(dir, { [`${TPS[0]}_hal1.jpg`]: Buffer.from([0xff, 0xd8, 0xff]) });
    const cases: [string[], RegExp, number][] = [
      [[folder, '--db', dbPath], /memuat 2 pemilihan \(gubernur, bupati\): sebutkan --race/, 2],
      [[folder, '--db', dbPath, '--race', 'walikota'], /--race walikota tidak cocok .*1 = gubernur, 2 = bupati/, 2],
      [[folder, '--db', dbPath, '--race', 'bupati', '--workers', 'dua'], /--workers harus bilangan bulat/, 2],
      [[folder, '--db', dbPath, '--race', 'bupati', '--pattern', '{hal}'], /--pattern tidak sah: pola harus memuat \{tps\}/, 2],
      [[folder, '--db', dbPath, '--race', 'bupati', '--tps', '123'], /--tps harus kode TPS 13 digit/, 2],
      [[path.join(dir, 'tidak-ada'), '--db', dbPath], /bukan folder/, 1],
      [[folder, '--db', path.join(dir, 'lain.db'), '--race', 'bupati'], /basis data tidak ditemukan/, 1],
      [[folder, '--db', dbPath, '--race', 'bupati', '--tps', '3506012001999'], /TPS 3506012001999 tidak ada di data induk/, 1],
    ];
    for (const [args, message, exit] of cases) {
      const r = await cli(args, dir);
      assert.equal(r.code, exit, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, message);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    }
    const help = await runCli(['import-photos', '--help'], { stdout: (t) => assert.match(t, /\{tps\}\[_\{hal\}\]\*/), stderr: () => {}, env: {}, cwd: dir });
    assert.equal(help, 0);
  });

  test('Ctrl+C pauses (exit 130, nothing left half-read); the same command resumes and reports', async () => {
    const dbPath = demoDbPath();
    const dir = path.dirname(dbPath);
    const files: Record<string, Buffer> = {};
    for (let i = 0; i < 10; i++) files[`${TPS[i % 5]}_hal${(i % 2) + 1}_${i}.jpg`] = await scenery(100 + i);
    const folder = writeFolder(dir, files);
    const args = ['import-photos', folder, '--db', dbPath, '--race', 'bupati', '--workers', '1'];
    const proc = spawn(process.execPath, [path.join(root, 'bin/pleno.mjs'), ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let stdout = '';
    proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    proc.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const exited = new Promise<number | null>((resolve) => proc.on('exit', resolve));
    for (let sent = false; proc.exitCode === null && !sent;) {
      await new Promise((r) => setTimeout(r, 50));
      const watch = new Database(dbPath, { readonly: true });
      const done = watch.prepare(`SELECT count(*) FROM import_item WHERE state = 'done'`).pluck().get() as number;
      watch.close();
      if (done >= 2) {
        proc.kill('SIGINT');
        sent = true;
      }
    }
    const code = await exited;
    assert.equal(code, 130, stderr);
    assert.match(stderr, /Impor #1: 10 berkas baru/);
    assert.match(stderr, /Impor dijeda; \d+ berkas masih di antrean\. Jalankan perintah yang sama untuk melanjutkan\./);
    assert.match(stdout, /Masih di antrean\s+[1-9]/);
    const db = new Database(dbPath, { readonly: true });
    assert.equal(db.prepare(`SELECT count(*) FROM import_item WHERE state = 'reading'`).pluck().get(), 0);
    assert.equal(db.prepare(`SELECT count(*) FROM import_runner`).pluck().get(), 0);
    assert.equal(db.prepare(`SELECT state FROM import_batch`).pluck().get(), 'open');
    db.close();

    const resumed = await cli([folder, '--db', dbPath, '--race', 'bupati', '--workers', '0', '--json'], dir);
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.match(resumed.stderr, /Impor #1: 0 berkas baru .*melanjutkan antrean yang belum selesai/);
    const report = JSON.parse(resumed.stdout) as {
      batch: { id: number; state: string }; counts: Record<string, number>; pages: number;
      tpsStatus: Record<string, number>; attention: { kind: string; name: string; message: string }[];
    };
    assert.equal(report.batch.state, 'finished');
    assert.equal(report.counts.done, 10);
    assert.equal(report.pages, 10);
    assert.deepEqual(report.tpsStatus, { withheld: 5 });
    assert.equal(report.attention.filter((a) => a.kind === 'withheld').length, 10);
    assert.match(report.attention[0]!.message, /Bukan formulir C\.Hasil/);
  });
});
