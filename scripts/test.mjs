#!/usr/bin/env node
// `npm test`: builds what the end-to-end tests need, then runs every test/**/*.test.ts with node's
// test runner (through tsx), printing the spec output and a closing "N passed, N failed" line.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const only = process.argv.slice(2);

function findTests(dir) {
  const found = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) {
      if (name !== 'support' && name !== 'fixtures') found.push(...findTests(full));
    } else if (name.endsWith('.test.ts')) {
      found.push(relative(root, full));
    }
  }
  return found.sort();
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: process.env });
  return r.status ?? 1;
}

if (!process.env.PLENO_SKIP_BUILD) {
  const status = run('npx', ['vite', 'build', '--config', 'vite.config.mts', '--logLevel', 'warn']);
  if (status !== 0) {
    console.error('pleno test: build renderer gagal');
    console.log('\n0 passed, 1 failed');
    process.exit(status);
  }
}

const files = only.length ? only : findTests(join(root, 'test'));
const status = run(process.execPath, [
  '--import', 'tsx',
  '--test',
  '--test-concurrency=2',
  // Per test file: the longest (the seven training cases in Chromium with the real reader) takes ~2–3 min on
  // two cores while another file runs beside it; a hang still ends the run well inside CI's limit.
  '--test-timeout=450000',
  '--test-reporter=spec', '--test-reporter-destination=stdout',
  '--test-reporter=./scripts/test-summary-reporter.mjs', '--test-reporter-destination=stdout',
  ...files,
]);
process.exit(status);
