/**
 * Electron entry (bundled to dist/main/electron-main.cjs by scripts/build-main.mjs). Everything else in
 * the shell takes Electron as a parameter; this file alone hands over the real modules.
 */
import path from 'node:path';
import * as electron from 'electron';
import * as electronUpdater from 'electron-updater';
import { startCore } from '../bootstrap.ts';
import { dataDir, dbPath, defaultRendererDir, projectRoot } from '../paths.ts';
import { consoleLog, startShell } from './shell.ts';

const { app } = electron;

// One data folder for the desktop app, `npm run serve` and the CLI (see main/paths.ts). Before
// `ready`, so Chromium's own storage lands there too.
app.setPath('userData', dataDir());
app.setAppUserModelId('id.pleno.app');

startShell({
  electron,
  // A getter on the module: touching it constructs the platform updater, so only when really needed.
  loadUpdater: () => electronUpdater.autoUpdater,
  openCore: async () => {
    const core = startCore({
      dbPath: dbPath(),
      seedDemo: true,
      face: 'electron',
      dataDir: dataDir(),
      version: app.getVersion(),
      onInternalError: (error, method) => consoleLog.error(`metode ${method} gagal`, error),
    });
    if (core.seeded) consoleLog.info(`data demo Kabupaten Kediri dimuat ke ${core.dbPath}`);
    await core.ready;
    return core;
  },
  rendererDir: defaultRendererDir(),
  // __dirname is the bundle's folder (dist/main), where the preload is built beside it.
  preloadPath: path.join(__dirname, 'preload.cjs'),
  iconPath: path.join(projectRoot(), 'build', 'icon.png'),
});
