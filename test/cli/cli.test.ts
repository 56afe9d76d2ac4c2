import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../../main/cli/run.ts';
import { commands } from '../../main/cli/commands.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = path.join(root, 'bin', 'pleno.mjs');

let tmp: string;
before(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pleno-cli-'));
});
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Environment with no stray PLENO_* from the developer's shell, and a data folder of our own. */
function env(extra: Record<string, string> = {}): Record<string, string> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('PLENO_'))) as Record<string, string>;
  return { ...clean, PLENO_DATA_DIR: path.join(tmp, 'data'), ...extra };
}

/** `node bin/pleno.mjs …` as a user would run it. */
function pleno(args: string[], extraEnv: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: tmp, env: env(extraEnv), encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The same CLI in this process: for the many wording checks that need no real process. */
async function inProcess(args: string[], extraEnv: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), env: env(extraEnv), cwd: tmp });
  return { code, stdout, stderr };
}

function assertOneErrorLine(result: { code: number | null; stdout: string; stderr: string }, pattern: RegExp): void {
  assert.notEqual(result.code, 0);
  const lines = result.stderr.split('\n').filter(Boolean);
  assert.equal(lines.length, 1, `one line on stderr, got:\n${result.stderr}`);
  assert.match(lines[0]!, /^pleno: /);
  assert.match(lines[0]!, pattern);
  assert.doesNotMatch(result.stderr, /\bat .*\.ts:\d+/); // no stack trace
}

describe('pleno as a process', () => {
  test('--help lists every subcommand; --version prints the package version', () => {
    const help = pleno(['--help']);
    assert.equal(help.code, 0);
    for (const c of commands) assert.match(help.stdout, new RegExp(`^  ${c.name} `, 'm'));
    const version = pleno(['--version']);
    assert.equal(version.code, 0);
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
    assert.equal(version.stdout.trim(), `pleno ${pkg.version}`);
  });

  test('an unknown subcommand exits 2 with one Indonesian line', () => {
    const r = pleno(['hitung']);
    assert.equal(r.code, 2);
    assertOneErrorLine(r, /perintah tidak dikenal: hitung/);
  });

  test('init --demo kediri, then status --json and the readable table agree', async () => {
    const db = path.join(tmp, 'demo.db');
    const init = pleno(['init', '--db', db, '--demo', 'kediri']);
    assert.equal(init.code, 0, init.stderr);
    assert.match(init.stdout, /Basis data dibuat/);
    assert.match(init.stdout, /26 kecamatan, 344 desa/);
    const json = pleno(['status', '--json', '--db', db]);
    assert.equal(json.code, 0, json.stderr);
    const counts = JSON.parse(json.stdout);
    assert.equal(counts.provinsi, 1);
    assert.equal(counts.kabkota, 1);
    assert.equal(counts.kecamatan, 26);
    assert.equal(counts.desa, 344);
    assert.ok(counts.tps > 4000);
    assert.equal(counts.status.no_chasil, counts.tps);
    const table = await inProcess(['status', '--db', db]);
    assert.equal(table.code, 0);
    const tpsLine = table.stdout.split('\n').find((l) => l.startsWith('TPS '));
    assert.equal(tpsLine?.split(/\s+/).at(-1), counts.tps.toLocaleString('id-ID'));
    assert.match(table.stdout, new RegExp(counts.dpt.toLocaleString('id-ID').replace(/\./g, '\\.')));
  });

  test('import of a missing file and of a bad row: exit 1, one line, nothing imported', async () => {
    const db = path.join(tmp, 'import.db');
    assert.equal((await inProcess(['init', '--db', db])).code, 0);
    assertOneErrorLine(pleno(['import', 'wilayah', 'tidak-ada.csv', '--db', db]), /^pleno: berkas tidak ditemukan: tidak-ada\.csv$/);
    fs.writeFileSync(path.join(tmp, 'wilayah.csv'), 'kode,nama\n35,JAWA TIMUR\n3506,KEDIRI\n350601,\n');
    const bad = pleno(['import', 'wilayah', 'wilayah.csv', '--db', db]);
    assertOneErrorLine(bad, /wilayah\.csv, baris 4, kolom nama: .*tidak ada yang diimpor/);
    const counts = JSON.parse((await inProcess(['status', '--json', '--db', db])).stdout);
    assert.equal(counts.provinsi + counts.kabkota + counts.kecamatan, 0);
  });

  test('serve prints its URLs, answers the API, and stops cleanly on SIGTERM', async () => {
    const db = path.join(tmp, 'serve.db');
    const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--host', '127.0.0.1', '--db', db], { cwd: tmp, env: env() });
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no URL within 60 s; stdout:\n${stdout}`)), 60_000);
        child.stdout.on('data', () => {
          const m = /Konsol operator \(komputer ini\): (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stdout);
          if (m) {
            clearTimeout(timer);
            resolve(m[1]!);
          }
        });
      });
      assert.match(stdout, /data demo Kabupaten Kediri dimuat/);
      assert.match(stdout, /Proyektor \(komputer ini\): +http:\/\/127\.0\.0\.1:\d+\/#\/projector/);
      const reply = await fetch(new URL('/api/getStatusSummary', url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"regionCode":"3506"}' });
      assert.equal(reply.status, 200);
      assert.equal(((await reply.json()) as { kecamatan: number }).kecamatan, 26);
    } finally {
      child.kill('SIGTERM');
    }
    assert.equal(await exited, 0);
    assert.match(stdout, /Menghentikan Pleno/);
  });
});

describe('pleno subcommands in detail', () => {
  test('every subcommand has --help, which needs no database', async () => {
    for (const c of commands) {
      const r = await inProcess([c.name, '--help', '--db', path.join(tmp, 'never-created.db')]);
      assert.equal(r.code, 0, c.name);
      assert.match(r.stdout, new RegExp(`^Pemakaian: pleno ${c.name}`));
      const viaHelp = await inProcess(['help', c.name]);
      assert.equal(viaHelp.stdout, r.stdout);
    }
    assert.equal(fs.existsSync(path.join(tmp, 'never-created.db')), false);
  });

  test('usage errors exit 2 with one line naming the problem', async () => {
    assertOneErrorLine(await inProcess(['status', '--bogus']), /opsi tidak dikenal: --bogus \(lihat pleno status --help\)/);
    assertOneErrorLine(await inProcess(['status', 'ekstra']), /argumen berlebih untuk status: ekstra/);
    assertOneErrorLine(await inProcess(['import', 'tps']), /argumen kurang untuk import/);
    assertOneErrorLine(await inProcess(['import', 'desa', 'x.csv']), /jenis impor tidak dikenal: desa/);
    assertOneErrorLine(await inProcess(['init', '--demo', 'jakarta']), /data demo tidak dikenal: jakarta \(tersedia: kediri\)/);
    assertOneErrorLine(await inProcess(['init', '--db']), /opsi --db perlu nilai/);
    assertOneErrorLine(await inProcess(['serve', '--port', 'delapan']), /port tidak sah: delapan/);
    assertOneErrorLine(await inProcess(['status', '--region', '35x']), /--region tidak sah: kode wilayah harus/);
    assertOneErrorLine(await inProcess(['--frob']), /opsi tidak dikenal: --frob/);
    for (const args of [['status', '--bogus'], ['hitung'], ['serve', '--port', '-1']]) assert.equal((await inProcess(args)).code, 2, args.join(' '));
  });

  test('status and import refuse a database that does not exist, and do not create it', async () => {
    const db = path.join(tmp, 'belum-ada.db');
    assertOneErrorLine(await inProcess(['status', '--db', db]), /basis data tidak ditemukan: .*belum-ada\.db \(buat dengan: pleno init\)/);
    fs.writeFileSync(path.join(tmp, 'x.csv'), 'kode,nama\n35,JAWA TIMUR\n');
    assertOneErrorLine(await inProcess(['import', 'wilayah', 'x.csv', '--db', db]), /basis data tidak ditemukan/);
    assert.equal(fs.existsSync(db), false);
  });

  test('a folder given as the import file, and a damaged database, are one-line errors', async () => {
    const db = path.join(tmp, 'folder-case.db');
    assert.equal((await inProcess(['init', '--db', db])).code, 0);
    assertOneErrorLine(await inProcess(['import', 'tps', '.', '--db', db]), /bukan berkas: \./);
    const junk = path.join(tmp, 'rusak.db');
    fs.writeFileSync(junk, 'ini bukan basis data sqlite, hanya teks biasa yang cukup panjang untuk header'.repeat(20));
    assertOneErrorLine(await inProcess(['status', '--db', junk]), /rusak atau bukan basis data Pleno/);
  });

  test('master data imported from CSV shows up in status; init on a filled database refuses the demo', async () => {
    const db = path.join(tmp, 'own.db');
    assert.equal((await inProcess(['init', '--db', db])).code, 0);
    fs.writeFileSync(path.join(tmp, 'w.csv'), 'kode,nama\n35,JAWA TIMUR\n3506,KEDIRI\n350601,SEMEN\n3506012001,SEMEN\n3506012002,KANYORAN\n');
    fs.writeFileSync(path.join(tmp, 't.csv'), 'kode_tps,dpt_l,dpt_p\n3506012001001,131,137\n3506012001002,120,118\n3506012002001,90,95\n');
    fs.writeFileSync(path.join(tmp, 'p.csv'), 'jenis,kode_wilayah,tahun,nomor_urut,kepala,wakil,kotak_kosong\nbupati,3506,2024,1,Calon Tunggal,Wakilnya,\nbupati,3506,2024,2,,,ya\n');
    const w = await inProcess(['import', 'wilayah', 'w.csv', '--db', db]);
    assert.equal(w.code, 0, w.stderr);
    assert.match(w.stdout, /Diimpor 5 baris wilayah dari w\.csv/);
    assert.equal((await inProcess(['import', 'tps', 't.csv', '--db', db])).code, 0);
    const p = await inProcess(['import', 'paslon', 'p.csv', '--db', db, '--json']);
    assert.equal(p.code, 0, p.stderr);
    assert.equal(JSON.parse(p.stdout).ok, true);
    const counts = JSON.parse((await inProcess(['status', '--json', '--db', db, '--region', '350601'])).stdout);
    assert.deepEqual([counts.kecamatan, counts.desa, counts.tps, counts.dpt], [1, 2, 3, 131 + 137 + 120 + 118 + 90 + 95]);
    assertOneErrorLine(await inProcess(['init', '--db', db, '--demo', 'kediri']), /sudah berisi data; demo hanya dimuat ke basis data kosong/);
  });

  test('--json lists every import problem on stdout while stderr keeps one line', async () => {
    const db = path.join(tmp, 'json-errors.db');
    assert.equal((await inProcess(['init', '--db', db, '--demo', 'kediri'])).code, 0);
    fs.writeFileSync(path.join(tmp, 'bad-tps.csv'), 'kode_tps,dpt_l,dpt_p\n3506012001001,abc,1\n3506012001002,1,-5\n3506012001003,400,400\n');
    const r = await inProcess(['import', 'tps', 'bad-tps.csv', '--db', db, '--json']);
    assertOneErrorLine(r, /bad-tps\.csv, baris 2, kolom dpt_l: .*\(dan 2 kesalahan lain; tidak ada yang diimpor\)/);
    const listed = JSON.parse(r.stdout);
    assert.equal(listed.ok, false);
    assert.deepEqual(listed.errors.map((e: { line: number }) => e.line), [2, 3, 4]);
  });

  test('PLENO_DB and PLENO_DATA_DIR choose the database when --db is absent', async () => {
    const viaEnv = path.join(tmp, 'env.db');
    assert.equal((await inProcess(['init'], { PLENO_DB: viaEnv })).code, 0);
    assert.ok(fs.existsSync(viaEnv));
    const dataDir = path.join(tmp, 'datadir');
    const r = await inProcess(['init'], { PLENO_DATA_DIR: dataDir });
    assert.equal(r.code, 0);
    assert.ok(fs.existsSync(path.join(dataDir, 'pleno.db')));
  });
});
