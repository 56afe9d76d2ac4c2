/**
 * The E2E tests drive the built renderer, as users get it. `npm test` builds it first; run alone, a test
 * rebuilds it when any source is newer than dist/renderer/index.html. A lock folder keeps two test files
 * from building into the same folder at once.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const RENDERER_DIR = path.join(PROJECT_ROOT, 'dist', 'renderer');

const SOURCES = ['renderer', 'shared', 'vite.config.mts'];
const LOCK = path.join(PROJECT_ROOT, 'dist', '.renderer-build.lock');

function newestMtime(target: string): number {
  const stat = fs.statSync(target, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

export function rendererIsStale(): boolean {
  const built = fs.statSync(path.join(RENDERER_DIR, 'index.html'), { throwIfNoEntry: false });
  if (!built) return true;
  return SOURCES.some((source) => newestMtime(path.join(PROJECT_ROOT, source)) > built.mtimeMs);
}

export async function ensureRendererBuilt(): Promise<void> {
  if (!rendererIsStale()) return;
  fs.mkdirSync(path.dirname(LOCK), { recursive: true });
  await acquire();
  try {
    if (!rendererIsStale()) return; // another test file built it while we waited
    const result = spawnSync('npx', ['vite', 'build', '--config', 'vite.config.mts', '--logLevel', 'warn'], {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
    });
    if (result.status !== 0) throw new Error(`vite build gagal:\n${result.stdout}\n${result.stderr}`);
  } finally {
    fs.rmSync(LOCK, { recursive: true, force: true });
  }
}

async function acquire(): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      fs.mkdirSync(LOCK);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // A lock left by a killed run is older than any real build.
      const age = Date.now() - (fs.statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 120_000) fs.rmSync(LOCK, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`menunggu ${LOCK} terlalu lama`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
