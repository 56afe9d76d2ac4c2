/**
 * `pleno audit verify` over a real database file: a fresh chain is intact (OK with its count); one field of
 * one entry changed by raw SQL (as someone with the file and sqlite3 would do, triggers dropped first) is named
 * as the first broken entry, with a non-zero exit; the real process prints the same.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { runCli } from '../../main/cli/run.ts';
import { openStore } from '../../main/store/index.ts';
import { appendAudit } from '../../main/store/queries/audit.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
let tmp: string;
let db: string;

async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), env: { PLENO_DATA_DIR: tmp }, cwd: tmp });
  return { code, stdout, stderr };
}

describe('pleno audit verify', () => {
  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pleno-audit-'));
    db = path.join(tmp, 'pleno.db');
    const store = openStore(db);
    for (let i = 0; i < 5; i++) {
      appendAudit(store, { actor: 'Operator PPK Kecamatan Semen', device: 'laptop-ppk', action: 'tally.review', entity: 'tps:3506012001001', before: { 'IV.2': i }, after: { electionId: 2, values: { 'IV.2': i + 1 } }, reason: null });
    }
    store.close();
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test('--help explains it without opening a database', async () => {
    const r = await cli(['audit', '--help']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /pleno audit verify/);
    assert.match(r.stdout, /Kode keluar/);
  });

  test('an intact chain: OK with the entry count', async () => {
    const r = await cli(['audit', 'verify', '--db', db]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Log audit utuh: 5 entri/);
  });

  test('an unknown subcommand is a usage error', async () => {
    const r = await cli(['audit', 'repair', '--db', db]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /subperintah audit tidak dikenal: repair/);
  });

  test('one value flipped by raw SQL: the entry is named, exit 1 (also as a real process)', async () => {
    const store = openStore(db);
    store.db.exec('DROP TRIGGER audit_log_no_update');
    // entry 3 recorded IV.2: 2 → 3; one byte of its old value changed (2 → 7)
    store.db.prepare(`UPDATE audit_log SET before = replace(before, '"IV.2":2', '"IV.2":7') WHERE id = 3`).run();
    assert.equal(store.db.prepare('SELECT before FROM audit_log WHERE id = 3').pluck().get(), '{"IV.2":7}', 'the change landed');
    store.close();

    const r = await cli(['audit', 'verify', '--db', db]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /LOG AUDIT RUSAK: entri pertama yang tidak cocok adalah #3/);
    assert.match(r.stdout, /tally\.review · tps:3506012001001 · oleh Operator PPK Kecamatan Semen/);
    assert.match(r.stdout, /isi entri #3 tidak cocok dengan hash-nya/);
    assert.match(r.stdout, /2 entri sebelumnya utuh/);

    const json = await cli(['audit', 'verify', '--json', '--db', db]);
    assert.equal(json.code, 1);
    const parsed = JSON.parse(json.stdout) as { ok: boolean; brokenAt: number; entry: { at: string } };
    assert.equal(parsed.ok, false);
    assert.equal(parsed.brokenAt, 3);
    assert.match(parsed.entry.at, /^\d{4}-\d\d-\d\dT/);

    const proc = spawnSync(process.execPath, [path.join(root, 'bin', 'pleno.mjs'), 'audit', 'verify', '--db', db], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(proc.status, 1, proc.stderr);
    assert.match(proc.stdout, /#3/);
  });

  test('a deleted entry breaks the numbering at the gap', async () => {
    const store = openStore(db);
    store.db.exec('DROP TRIGGER audit_log_no_delete');
    store.db.prepare('DELETE FROM audit_log WHERE id = 2').run();
    store.close();
    const r = await cli(['audit', 'verify', '--db', db]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /#3/);
    assert.match(r.stdout, /entri #2 hilang/);
  });
});
