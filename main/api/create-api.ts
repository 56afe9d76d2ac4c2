/**
 * The API, implemented once. Each handler receives input the contract already validated (see
 * call-method.ts) and answers from the store; "not there" is an ApiError, never a null in a field
 * the contract says is present. Both faces (Electron IPC, HTTP/WebSocket) and the CLI call these
 * through `callMethod`, and follow the same event bus.
 */
import { ApiError, type MethodName } from '../../shared/api/contract.ts';
import {
  getHomeRegion,
  getRegion,
  getRegionDetail,
  getSettings,
  getStatusSummary,
  isDemo,
  listElections,
  listRegionChildren,
  listTps,
  updateSettings,
  type Store,
} from '../store/index.ts';
import { createLocalProfiles, type Accounts } from '../accounts/index.ts';
import { createEventBus, type EventBus } from './events.ts';
import { createAccountHandlers } from './handlers-accounts.ts';
import { createStatusHandlers } from './handlers-status.ts';
import { createPlenoHandlers } from './handlers-pleno.ts';
import { createRekapHandlers } from './handlers-rekap.ts';
import { createReviewHandlers } from './handlers-review.ts';
import { createWithheldHandlers } from './handlers-withheld.ts';
import { createDocumentHandlers } from './handlers-documents.ts';
import { createIntakeHandlers } from './handlers-intake.ts';
import { createRekapHolder, type RekapHolder } from '../pleno/index.ts';
import { createProjector } from './projector.ts';
import type { Api, Face, Handlers } from './types.ts';

export type ApiContext = {
  store: Store;
  /** The face callers get when they do not name one. */
  face: Face;
  version: string;
  /** The data folder shown in "Tentang" (the database may live elsewhere with --db). */
  dataDir: string;
  /** Defaults to the store's own path. */
  dbPath?: string;
  /** Share one bus between several APIs or faces; a new one is made when absent. */
  events?: EventBus;
  /** Who the audit log names for operator actions while no profile is chosen (CLI, tests). */
  actor?: string;
  /** Who works at this device (main/accounts); local profiles over the store when absent. */
  accounts?: Accounts;
  /** The rekap engine over this store (startCore loads it at start); a lazily loaded one when absent. */
  rekap?: RekapHolder;
  validateOutputs?: boolean;
  onInternalError?: (error: unknown, method: MethodName) => void;
  now?: () => Date;
};

export type PlenoCoreApi = Api & {
  /**
   * For code that changes data outside the API methods (imports, intake, rekap): tells every screen,
   * and refreshes the projector when the change touches what it shows.
   */
  publishDataChanged(scope: string, regionCode: string | null): void;
  /** The active user: `accounts.actor()` for audit entries, `requireRole(accounts, 'kpu_kabkota')` to guard. */
  accounts: Accounts;
  /** The rekap engine the projector and the rekap/pleno methods read (main/pleno/rekap-holder.ts). */
  rekap: RekapHolder;
  /** Before the database closes: lets background work (the import queue) stop cleanly. */
  shutdown(): Promise<void>;
};

/** dataChanged scopes that never touch a TPS's numbers or status: no rekap re-read for them. */
const NO_TALLY_SCOPES = new Set(['settings', 'intake', 'pleno', 'accounts', 'profile']);

export function createApi(ctx: ApiContext): PlenoCoreApi {
  const { store } = ctx;
  const events = ctx.events ?? createEventBus();
  const now = ctx.now ?? (() => new Date());
  const accounts = ctx.accounts ?? createLocalProfiles(store, { fallbackActor: ctx.actor ?? 'operator' });
  const rekap = ctx.rekap ?? createRekapHolder(store);
  const projector = createProjector(store, now, rekap);
  const shutdownHooks: (() => Promise<void>)[] = [];

  // Engine changes made outside the API (a writer calling rekap.syncTps itself) refresh the projector once
  // per burst; the API's own writers sync "quietly" and emit themselves, synchronously.
  let quiet = 0;
  let pending = false;
  const quietly = <T>(work: () => T): T => {
    quiet++;
    try {
      return work();
    } finally {
      quiet--;
    }
  };
  rekap.onChange((change) => {
    if (quiet > 0 || pending || !projector.covers(change.regionCodes[0] ?? null)) return;
    pending = true;
    setImmediate(() => {
      pending = false;
      events.emit('projectorChanged', projector.state());
    });
  });

  const requireRegion = (code: string) => {
    if (!getRegion(store, code)) throw new ApiError('not_found', `wilayah tidak ditemukan: ${code}`);
  };

  const handlers: Handlers = {
    getAppInfo: (_input, caller) => ({
      name: 'Pleno',
      version: ctx.version,
      dataDir: ctx.dataDir,
      dbPath: ctx.dbPath ?? store.path,
      schemaVersion: store.schemaVersion,
      homeRegion: getHomeRegion(store),
      demo: isDemo(store),
      face: caller.face,
      access: caller.access,
    }),

    getStatusSummary: ({ regionCode }) => {
      const counts = getStatusSummary(store, regionCode);
      if (!counts) throw new ApiError('not_found', `wilayah tidak ditemukan: ${regionCode}`);
      return counts;
    },

    listRegionChildren: ({ parentCode }) => {
      if (parentCode !== null) requireRegion(parentCode);
      return listRegionChildren(store, parentCode);
    },

    getRegion: ({ code }) => {
      const detail = getRegionDetail(store, code);
      if (!detail) throw new ApiError('not_found', `wilayah tidak ditemukan: ${code}`);
      return detail;
    },

    listTps: (query) => {
      requireRegion(query.regionCode);
      return listTps(store, query);
    },

    listElections: () => listElections(store),

    getProjectorState: () => projector.state(),

    setProjectorFocus: (focus) => {
      const chosen = projector.setFocus(focus);
      events.emit('projectorChanged', projector.state());
      return chosen;
    },

    getSettings: () => getSettings(store),

    updateSettings: (patch) => {
      const before = getSettings(store);
      const after = updateSettings(store, patch, accounts.actor());
      if (JSON.stringify(before) !== JSON.stringify(after)) {
        events.emit('dataChanged', { scope: 'settings', regionCode: null });
      }
      return after;
    },

    ...createAccountHandlers({ accounts, events }),
    ...createStatusHandlers({ store }),
    ...createRekapHandlers({ rekap }),
    ...createPlenoHandlers({ store, rekap, events, projector, actor: () => accounts.actor(), now, quietly }),
    ...createReviewHandlers({ store, accounts, rekap, events, quietly }),
    ...createWithheldHandlers({ store, accounts, rekap, events, quietly }),
    ...createDocumentHandlers({ store, rekap, actor: () => accounts.actor(), now }),
    ...createIntakeHandlers({ store, accounts, events, rekap, quietly, onShutdown: (hook) => shutdownHooks.push(hook) }),
  };

  return {
    handlers,
    events,
    async shutdown() {
      await Promise.allSettled(shutdownHooks.map((hook) => hook()));
    },
    face: ctx.face,
    accounts,
    rekap,
    validateOutputs: ctx.validateOutputs ?? false,
    onInternalError:
      ctx.onInternalError ??
      ((error, method) => {
        console.error(`pleno: metode ${method} gagal:`, error);
      }),
    publishDataChanged(scope, regionCode) {
      // the rekap follows what other writers committed: new master data rebuilds it, a changed region is re-read
      if (scope === 'import') rekap.reload();
      else if (regionCode !== null && regionCode.length >= 6 && !NO_TALLY_SCOPES.has(scope)) quietly(() => rekap.syncRegion(regionCode));
      events.emit('dataChanged', { scope, regionCode });
      if (projector.covers(regionCode)) events.emit('projectorChanged', projector.state());
    },
  };
}
