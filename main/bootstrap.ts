/**
 * Starting Pleno's core outside Electron's specifics: open (and migrate) the database, seed the Kediri
 * demo on the very first start so `npm start` / `npm run serve` show something useful with no setup,
 * and build the API on top. Electron main, `pleno serve` and the other CLI commands all start here.
 */
import fs from 'node:fs';
import { createApi, type ApiContext, type PlenoCoreApi } from './api/create-api.ts';
import type { Face } from './api/types.ts';
import { createRekapHolder, type RekapHolder } from './pleno/index.ts';
import { dataDir as defaultDataDir, packageVersion } from './paths.ts';
import { warmImportPath } from './intake/recognition-reader.ts';
import { closePageRenderPool } from './review/page-render-pool.ts';
import { seedDemo as seedDemoData } from './seed/demo.ts';
import { isEmpty, openStore, StoreError, type Store } from './store/index.ts';

export type OpenAppStoreOptions = {
  dbPath: string;
  /** Seed the Kediri demo when the database has no regions yet. */
  seedDemo?: boolean;
  /** Refuse (StoreError 'io') instead of creating a database that does not exist yet. */
  mustExist?: boolean;
};

export type AppStore = {
  store: Store;
  /** The file did not exist before this call. */
  created: boolean;
  /** The demo was seeded by this call. */
  seeded: boolean;
};

export function openAppStore(options: OpenAppStoreOptions): AppStore {
  const existed = fs.existsSync(options.dbPath);
  if (options.mustExist && !existed) {
    throw new StoreError('io', `basis data tidak ditemukan: ${options.dbPath} (buat dengan: pleno init)`);
  }
  const store = openStore(options.dbPath);
  let seeded = false;
  try {
    if (options.seedDemo && isEmpty(store)) {
      seedDemoData(store, 'kediri');
      seeded = true;
    }
  } catch (error) {
    store.close();
    throw error;
  }
  return { store, created: !existed, seeded };
}

export type StartCoreOptions = OpenAppStoreOptions & {
  face: Face;
  /** Shown by getAppInfo; defaults to the folder the database lives in by default. */
  dataDir?: string;
  /** Defaults to package.json's version (Electron passes app.getVersion()). */
  version?: string;
  validateOutputs?: boolean;
  onInternalError?: ApiContext['onInternalError'];
  /** Load the rekap engine now (default) or on first use ('lazy': commands that never read totals). */
  rekap?: 'eager' | 'lazy';
  /**
   * Resume an import queue a crash or a closed app left behind, as soon as the core is up. Default: on for
   * the cores that serve (the desktop app and `pleno serve` both open with `seedDemo`), off for commands
   * that only print or run their own queue (`pleno status`, `pleno import-photos` open with `mustExist`).
   */
  resumeImports?: boolean;
};

export type AppCore = AppStore & {
  api: PlenoCoreApi;
  /** The rekap engine over the store, with the locks on record (main/pleno/rekap-holder.ts). */
  rekap: RekapHolder;
  dbPath: string;
  close(): void;
  /**
   * Settles when the core is warm: for the cores that serve, the import path is loaded (warmImportPath), so
   * the first import never stalls a screen. Faces start answering after it (~0,3 s under tsx).
   */
  ready: Promise<void>;
  /** Stops background work (an import pauses: its files go back to the queue), then closes. Prefer it to close(). */
  shutdown(): Promise<void>;
};

/** The database plus the API over it: what a face needs to start serving. */
export function startCore(options: StartCoreOptions): AppCore {
  const opened = openAppStore(options);
  // The rekap of every race in the database, loaded once: the projector and the pleno read it from memory.
  const rekap = createRekapHolder(opened.store);
  if (options.rekap !== 'lazy') rekap.engine();
  const api = createApi({
    rekap,
    store: opened.store,
    face: options.face,
    version: options.version ?? packageVersion(),
    dataDir: options.dataDir ?? defaultDataDir(),
    dbPath: options.dbPath,
    validateOutputs: options.validateOutputs,
    onInternalError: options.onInternalError,
  });
  let ready = Promise.resolve();
  if (options.resumeImports ?? (options.seedDemo === true && !options.mustExist)) {
    ready = warmImportPath();
    resumeImportQueue(api, options.face);
  }
  return {
    ...opened,
    api,
    rekap,
    dbPath: options.dbPath,
    ready,
    close: () => { void closePageRenderPool(); opened.store.close(); }, // the review page-image thread ends with the core
    shutdown: async () => {
      await api.shutdown();
      await closePageRenderPool();
      opened.store.close();
    },
  };
}

/**
 * The import handlers resume an unfinished queue on their first status read (main/api/handlers-intake.ts):
 * asking once here starts that at start-up instead of when a screen first asks. A fresh database has no
 * queue, so this reads nothing and starts no reader.
 */
function resumeImportQueue(api: PlenoCoreApi, face: Face): void {
  try {
    void api.handlers.getImportStatus({}, { access: 'operator', face });
  } catch (error) {
    // the app still opens; the import screen retries when it first asks for the status
    console.error('pleno: antrean impor tidak dapat dilanjutkan saat mulai:', error);
  }
}
