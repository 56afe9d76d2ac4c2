/**
 * Starts the real shell (main/app/shell.ts) against a fake Electron and a real, seeded SQLite store in
 * a temp folder. The demo is seeded once per process and copied, so each test starts from the same data.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startCore } from '../../../main/bootstrap.ts';
import type { ElectronPort, RunningShell, ShellLog } from '../../../main/app/shell.ts';
import { startShell } from '../../../main/app/shell.ts';
import type { UpdaterPort } from '../../../main/app/updater.ts';
import { createFakeElectron, createFakeUpdater, type FakeElectronOptions } from './fake-electron.ts';

let templateDb: string | null = null;
const tempDirs: string[] = [];

function seededTemplate(): string {
  if (templateDb && existsSync(templateDb)) return templateDb;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pleno-shell-template-'));
  tempDirs.push(dir);
  const file = path.join(dir, 'template.db');
  startCore({ dbPath: file, seedDemo: true, face: 'electron', dataDir: dir }).close();
  templateDb = file;
  return file;
}

export function cleanupShellTemps(): void {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  templateDb = null;
}

export type Harness = Awaited<ReturnType<typeof startHarness>>;

export async function startHarness(
  options: FakeElectronOptions & { failOpen?: Error; updaterFail?: Error } = {},
) {
  const fake = createFakeElectron(options);
  const updater = createFakeUpdater(options.updaterFail ? { fail: options.updaterFail } : {});
  let updaterLoads = 0;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pleno-shell-'));
  tempDirs.push(dir);
  const rendererDir = path.join(dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Pleno</title>');
  const dbPath = path.join(dir, 'pleno.db');
  copyFileSync(seededTemplate(), dbPath);
  const logs: string[] = [];
  const log: ShellLog = {
    info: (m) => logs.push(`info ${m}`),
    warn: (m) => logs.push(`warn ${m}`),
    error: (m, e) => logs.push(`error ${m}${e ? `: ${String(e)}` : ''}`),
  };
  let closed = 0;
  const started = startShell({
    electron: fake as unknown as ElectronPort,
    loadUpdater: () => {
      updaterLoads++;
      return updater as unknown as UpdaterPort;
    },
    openCore: async () => {
      if (options.failOpen) throw options.failOpen;
      const core = startCore({ dbPath, seedDemo: true, face: 'electron', dataDir: dir });
      return { api: core.api, close: () => { closed++; core.close(); } };
    },
    rendererDir,
    preloadPath: path.join(dir, 'preload.cjs'),
    log,
    updateCheck: { firstDelayMs: 3_600_000, intervalMs: 3_600_000 },
  });
  let shell: RunningShell | null = null;
  if (started.kind === 'started') {
    fake.ready();
    shell = await started.ready;
  }
  const consoleWin = () => fake.windows[0]!;
  const projectorWin = () => fake.windows.slice(1).filter((w) => !w.destroyed).at(-1);
  return {
    fake,
    updater,
    updaterLoads: () => updaterLoads,
    started,
    shell,
    logs,
    dir,
    consoleWin,
    projectorWin,
    closedCount: () => closed,
    /** Ends the run as Electron would at quit, closing the database. */
    quit: () => fake.app.emit('will-quit'),
  };
}
