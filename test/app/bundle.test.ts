// The built main-process bundle (what package.json "main" points at), loaded as Electron would load
// it, with require('electron') and require('electron-updater') answered by fakes. Proves the bundle is
// self-consistent: the entry wires the shell, finds the preload and the renderer, opens and seeds the
// real database in the data folder, and serves the API over IPC.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
// @ts-expect-error — plain ESM build script without type declarations
import { buildMain } from '../../scripts/build-main.mjs';
import { methodNames } from '../../shared/api/contract.ts';
import { createFakeElectron, createFakeUpdater } from './support/fake-electron.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
let outDir: string;
let dataDir: string;
let built: { mainFile: string; preloadFile: string };
const fake = createFakeElectron();
const fakeUpdater = createFakeUpdater();
type Loader = (request: string, parent: unknown, isMain: boolean) => unknown;
const moduleInternals = Module as unknown as { _load: Loader };
const originalLoad = moduleInternals._load;
const savedEnv = { PLENO_DATA_DIR: process.env.PLENO_DATA_DIR, PLENO_DB: process.env.PLENO_DB };

before(async () => {
  // Inside the project so the bundle resolves node_modules exactly as from dist/main.
  outDir = mkdtempSync(path.join(root, 'dist', 'test-main-'));
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'pleno-bundle-data-'));
  built = await buildMain({ outDir });
  process.env.PLENO_DATA_DIR = dataDir;
  delete process.env.PLENO_DB;
  moduleInternals._load = function (request, parent, isMain) {
    if (request === 'electron') return fake;
    if (request === 'electron-updater') return { autoUpdater: fakeUpdater };
    return originalLoad.call(this, request, parent, isMain);
  };
});

after(() => {
  fake.app.emit('will-quit');
  moduleInternals._load = originalLoad;
  for (const [k, v] of Object.entries(savedEnv)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  rmSync(outDir, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
});

test('the bundle starts the shell on the real core with the fake Electron', async () => {
  createRequire(import.meta.url)(built.mainFile);
  assert.equal(fake.app.paths.userData, dataDir, 'userData pinned to the Pleno data folder');
  assert.deepEqual(fake.protocol.privileged.map((s) => s.scheme), ['app']);
  assert.equal(fake.windows.length, 0, 'nothing before ready');

  fake.ready();
  const deadline = Date.now() + 10_000;
  while (fake.windows.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  const consoleWin = fake.windows[0]!;
  assert.ok(consoleWin, 'console window opened');
  assert.equal(consoleWin.options.webPreferences.preload, built.preloadFile);
  assert.ok(existsSync(consoleWin.options.webPreferences.preload));
  assert.equal(consoleWin.options.icon, path.join(root, 'build', 'icon.png'));
  assert.ok(existsSync(consoleWin.options.icon));
  assert.deepEqual([...fake.ipcMain.handlers.keys()].sort(), methodNames.map((n) => `pleno:${n}`).sort());

  const info = (await fake.ipcMain.invokeFrom(consoleWin.webContents, 'pleno:getAppInfo', {})) as {
    ok: boolean; value: { dbPath: string; demo: boolean; face: string; homeRegion: { name: string } | null; version: string };
  };
  assert.equal(info.ok, true);
  assert.equal(info.value.dbPath, path.join(dataDir, 'pleno.db'));
  assert.equal(info.value.face, 'electron');
  assert.equal(info.value.demo, true, 'first start seeds the demo');
  assert.match(info.value.homeRegion?.name ?? '', /KEDIRI/i);
  assert.equal(info.value.version, '0.1.0');
  assert.ok(existsSync(path.join(dataDir, 'pleno.db')));

  // The protocol handler points at the project's dist/renderer (built by `npm run build:renderer`).
  const index = await fake.protocol.handlers.get('app')!(new Request('app://pleno/index.html'));
  assert.equal(index.status, existsSync(path.join(root, 'dist', 'renderer', 'index.html')) ? 200 : 404);
  assert.equal(fakeUpdater.checks, 0, 'no update URL, no check');
});
