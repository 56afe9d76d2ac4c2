#!/usr/bin/env node
// `npm start`: opens the desktop app. Builds the renderer and the main-process bundle when their
// sources are newer than the build, then runs Electron on this folder (package.json "main").
// Where the Electron binary was never downloaded (ELECTRON_SKIP_BINARY_DOWNLOAD, offline installs),
// it says so in one line and points to browser mode instead of printing a stack trace.
//
//   npm start                 build if needed, then start
//   npm start -- --no-build   start whatever is built
//   npm start -- <args>       other arguments go to Electron
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const MISSING_ELECTRON_MESSAGE =
  'Pleno: Electron belum terpasang di komputer ini — buka Pleno di peramban dengan `npm run serve` ' +
  '(Electron binary not installed; use `npm run serve` for browser mode).';

/** The Electron executable, or null when the electron package has no binary (path.txt absent, file gone). */
export function findElectron(projectRoot = root) {
  try {
    const binary = createRequire(path.join(projectRoot, 'package.json'))('electron');
    return typeof binary === 'string' && existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

function newestMtime(entry) {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const name of readdirSync(entry)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(path.join(entry, name)));
  }
  return newest;
}

/** True when an output is missing or older than the newest source file. */
export function isStale(outputs, sources) {
  if (outputs.some((file) => !existsSync(file))) return true;
  const built = Math.min(...outputs.map((file) => statSync(file).mtimeMs));
  return Math.max(...sources.map(newestMtime)) > built;
}

export const TARGETS = {
  renderer: {
    outputs: ['dist/renderer/index.html'],
    sources: ['renderer', 'shared', 'vite.config.mts', 'package.json'],
  },
  main: {
    outputs: ['dist/main/electron-main.cjs', 'dist/main/preload.cjs'],
    sources: ['main', 'shared', 'scripts/build-main.mjs', 'package.json'],
  },
};

function stale(target, projectRoot = root) {
  const abs = (list) => list.map((p) => path.join(projectRoot, p));
  return isStale(abs(target.outputs), abs(target.sources));
}

async function buildIfNeeded() {
  if (stale(TARGETS.renderer)) {
    console.log('Pleno: membangun tampilan (vite build)…');
    const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
    const r = spawnSync(process.execPath, [vite, 'build', '--config', 'vite.config.mts', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) return false;
  }
  if (stale(TARGETS.main)) {
    console.log('Pleno: membangun proses utama (esbuild)…');
    const { buildMain } = await import('./build-main.mjs');
    await buildMain({ root });
  }
  return true;
}

async function main(argv) {
  const electron = findElectron();
  if (!electron) {
    console.error(MISSING_ELECTRON_MESSAGE);
    return 1;
  }
  const noBuild = argv.includes('--no-build');
  const passThrough = argv.filter((a) => a !== '--no-build');
  if (!noBuild && !(await buildIfNeeded())) {
    console.error('Pleno: pembangunan gagal; lihat pesan di atas.');
    return 1;
  }
  const env = { ...process.env };
  // Set by some tools; it would make Electron behave as plain Node and never open a window.
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(electron, [root, ...passThrough], { cwd: root, stdio: 'inherit', env, windowsHide: false });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  return await new Promise((resolve) => {
    child.on('error', (error) => {
      console.error(`Pleno: Electron tidak dapat dijalankan: ${error.message}`);
      resolve(1);
    });
    child.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      console.error(`Pleno: gagal memulai: ${error instanceof Error ? error.message : error}`);
      process.exit(1);
    },
  );
}
