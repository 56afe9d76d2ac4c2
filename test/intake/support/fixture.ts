/**
 * Test fixtures for intake: a database seeded with the Kediri demo (seeded once per test file, copied per
 * test), temp folders, and folders of files.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after } from 'node:test';
import { openStore, type Store } from '../../../main/store/index.ts';
import { seedDemo } from '../../../main/seed/demo.ts';

/** Kediri demo: races 1 = gubernur Jawa Timur (35), 2 = bupati Kediri (3506), 3 paslon each. */
export const GUBERNUR = 1;
export const BUPATI = 2;
/** Real TPS codes of the demo (desa 3506012001). */
export const TPS = ['3506012001001', '3506012001002', '3506012001003', '3506012001004', '3506012001005'] as const;

/**
 * A fresh folder removed when the test ends. `ram`: on /dev/shm when there is one — for tests of queue
 * mechanics at scale, where this VM's ~20 ms per fsync (several per file) would dominate; durability on a
 * real disk is what crash-resume.test.ts tests.
 */
export function tempDir(prefix = 'pleno-intake-', options: { ram?: boolean } = {}): string {
  const base = options.ram && isWritableDir('/dev/shm') ? '/dev/shm' : os.tmpdir();
  const dir = fs.mkdtempSync(path.join(base, prefix));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

let seeded: string | null = null;

function isWritableDir(dir: string): boolean {
  try {
    fs.accessSync(dir, fs.constants.W_OK);
    return fs.statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

/** A fresh database file (in its own temp folder) holding the Kediri demo. */
export function demoDbPath(options: { ram?: boolean } = {}): string {
  if (!seeded) {
    // seeded once per process and shared by every test of the file, so removed at exit, not after one test
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pleno-intake-seed-'));
    process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
    seeded = path.join(dir, 'seed.db');
    const store = openStore(seeded);
    seedDemo(store, 'kediri');
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    store.close();
  }
  const dir = tempDir('pleno-intake-', options);
  const file = path.join(dir, 'pleno.db');
  fs.copyFileSync(seeded, file);
  return file;
}

export function openDemoStore(options: { ram?: boolean } = {}): { store: Store; dir: string; dbPath: string } {
  const dbPath = demoDbPath(options);
  const store = openStore(dbPath);
  after(() => store.close());
  return { store, dir: path.dirname(dbPath), dbPath };
}

/** Writes files (name → bytes) under a new folder; returns the folder. */
export function writeFolder(parent: string, files: Record<string, Uint8Array | string>): string {
  const dir = fs.mkdtempSync(path.join(parent, 'in-'));
  for (const [name, bytes] of Object.entries(files)) {
    const full = path.join(dir, name);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, bytes);
  }
  return dir;
}
