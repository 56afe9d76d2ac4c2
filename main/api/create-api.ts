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
};

export function createApi(ctx: ApiContext): PlenoCoreApi {
  const { store } = ctx;
  const events = ctx.events ?? createEventBus();
  const now = ctx.now ?? (() => new Date());
  const accounts = ctx.accounts ?? createLocalProfiles(store, { fallbackActor: ctx.actor ?? 'operator' });
  const projector = createProjector(store, now);

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
  };

  return {
    handlers,
    events,
    face: ctx.face,
    accounts,
    validateOutputs: ctx.validateOutputs ?? false,
    onInternalError:
      ctx.onInternalError ??
      ((error, method) => {
        console.error(`pleno: metode ${method} gagal:`, error);
      }),
    publishDataChanged(scope, regionCode) {
      events.emit('dataChanged', { scope, regionCode });
      if (projector.covers(regionCode)) events.emit('projectorChanged', projector.state());
    },
  };
}
