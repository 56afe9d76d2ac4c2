// `npm start` (scripts/start.mjs): one clear line and exit 1 when the Electron binary is missing;
// otherwise Electron is spawned on the project with the extra arguments, and its exit code returned.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
// @ts-expect-error — plain ESM script without type declarations
import { isStale, MISSING_ELECTRON_MESSAGE } from '../../scripts/start.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const temps: string[] = [];
const tempDir = (prefix: string) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  temps.push(dir);
  return dir;
};
after(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

function runStart(args: string[], env: Record<string, string>) {
  return spawnSync(process.execPath, [path.join(root, 'scripts', 'start.mjs'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 30_000,
  });
}

test('without the Electron binary: one line pointing to npm run serve, exit 1, no stack trace', () => {
  // An empty override folder means "no binary" on any machine, with or without a real download.
  const r = runStart([], { ELECTRON_OVERRIDE_DIST_PATH: tempDir('pleno-no-electron-') });
  assert.equal(r.status, 1);
  assert.equal(r.stdout, '');
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines.length, 1, r.stderr);
  assert.equal(lines[0], MISSING_ELECTRON_MESSAGE);
  assert.match(lines[0]!, /npm run serve/);
  assert.match(lines[0]!, /Electron belum terpasang/);
  assert.doesNotMatch(r.stderr, /\n\s+at |Error:/);
});

test('with an Electron binary: it is spawned on the project folder with the extra arguments', { skip: process.platform === 'win32' }, () => {
  const dist = tempDir('pleno-fake-electron-');
  const pathTxt = path.join(root, 'node_modules', 'electron', 'path.txt');
  const executable = existsSync(pathTxt) ? readFileSync(pathTxt, 'utf8') : 'electron';
  const fakeBinary = path.join(dist, executable);
  mkdirSync(path.dirname(fakeBinary), { recursive: true });
  const record = path.join(dist, 'args.txt');
  writeFileSync(fakeBinary, `#!/bin/sh\nprintf '%s\\n' "$@" > "${record}"\nprintf '%s' "\${ELECTRON_RUN_AS_NODE:-unset}" >> "${record}"\nexit 7\n`);
  chmodSync(fakeBinary, 0o755);
  const r = runStart(['--no-build', '--enable-logging'], { ELECTRON_OVERRIDE_DIST_PATH: dist, ELECTRON_RUN_AS_NODE: '1' });
  assert.equal(r.status, 7, r.stderr);
  assert.deepEqual(readFileSync(record, 'utf8').split('\n'), [root, '--enable-logging', 'unset']);
});

test('a build is stale when an output is missing or a source is newer', () => {
  const dir = tempDir('pleno-stale-');
  const src = path.join(dir, 'src');
  mkdirSync(path.join(src, 'deep'), { recursive: true });
  const source = path.join(src, 'deep', 'a.ts');
  const out = path.join(dir, 'out.cjs');
  writeFileSync(source, 'x');
  assert.equal(isStale([out], [src]), true, 'missing output');
  writeFileSync(out, 'y');
  const t = Date.now() / 1000;
  utimesSync(source, t - 100, t - 100);
  utimesSync(out, t - 50, t - 50);
  assert.equal(isStale([out], [src]), false);
  utimesSync(source, t, t);
  assert.equal(isStale([out], [src]), true, 'source newer than output');
  assert.equal(isStale([out], [path.join(dir, 'absent')]), false, 'absent sources count as old');
});
