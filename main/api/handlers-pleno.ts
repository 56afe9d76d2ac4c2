/**
 * API handlers for pleno sessions (shared/api/methods/pleno.ts). The work is in main/pleno; here its
 * results become answers or ApiErrors, and every change is told to the screens: `dataChanged` (scope
 * 'pleno', and 'tps' for a corrected TPS's desa) and `projectorChanged` when the projector shows it.
 */
import { ApiError } from '../../shared/api/contract.ts';
import {
  closeSession, correctTally, decideNote, getSession, itemDetail, listSessionRows, moveItem, openSession, recordNote, reopenLock, summarize,
  type PlenoContext, type PlenoError, type PlenoResult, type RekapHolder,
} from '../pleno/index.ts';
import type { Store } from '../store/index.ts';
import type { EventBus } from './events.ts';
import type { Projector } from './projector.ts';
import type { Handlers } from './types.ts';

type PlenoHandlers = Pick<Handlers,
  'listPlenoSessions' | 'getPlenoSession' | 'getPlenoItem' | 'openPlenoSession' | 'movePlenoItem' | 'correctPlenoTally' |
  'recordPlenoNote' | 'decidePlenoNote' | 'closePlenoSession' | 'reopenPlenoLock'>;

export type PlenoHandlerDeps = {
  store: Store;
  rekap: RekapHolder;
  events: EventBus;
  projector: Projector;
  actor: () => string;
  now: () => Date;
  /** Runs a sync of the engine without the engine's own (deferred) projector refresh: the handler emits. */
  quietly<T>(work: () => T): T;
};

export function createPlenoHandlers(deps: PlenoHandlerDeps): PlenoHandlers {
  const { store, events, projector } = deps;
  const ctx = (): PlenoContext => ({ store, rekap: deps.rekap, actor: deps.actor(), now: deps.now });
  // The projector's event goes out first: the room's screen must not wait behind the consoles' re-reads.
  const refresh = (regionCode: string, followSession?: number) => {
    if (followSession !== undefined) projector.follow(followSession);
    if (followSession !== undefined || projector.covers(regionCode)) events.emit('projectorChanged', projector.state());
    events.emit('dataChanged', { scope: 'pleno', regionCode });
  };

  return {
    listPlenoSessions: (filter) => listSessionRows(store, filter).map((row) => summarize(store, row)),

    getPlenoSession: ({ sessionId }) => unwrap(getSession(store, sessionId)),

    getPlenoItem: ({ sessionId, itemCode }) => unwrap(itemDetail(store, deps.rekap, sessionId, itemCode)),

    openPlenoSession: (input) => {
      const session = unwrap(deps.quietly(() => openSession(ctx(), input)));
      refresh(session.regionCode, session.id);
      return session;
    },

    movePlenoItem: (move) => {
      const summary = unwrap(moveItem(ctx(), move.itemCode !== undefined
        ? { sessionId: move.sessionId, itemCode: move.itemCode }
        : { sessionId: move.sessionId, direction: move.direction ?? 'next' }));
      projector.follow(summary.id);
      events.emit('projectorChanged', projector.state());
      return summary;
    },

    correctPlenoTally: (input) => {
      const result = unwrap(deps.quietly(() => correctTally(ctx(), input)));
      const desa = input.tpsCode.slice(0, 10);
      refresh(desa);
      events.emit('dataChanged', { scope: 'tps', regionCode: desa });
      return result;
    },

    recordPlenoNote: (input) => {
      const note = unwrap(recordNote(ctx(), input));
      events.emit('dataChanged', { scope: 'pleno', regionCode: null });
      return note;
    },

    decidePlenoNote: ({ noteId, decision }) => {
      const note = unwrap(decideNote(ctx(), noteId, decision));
      events.emit('dataChanged', { scope: 'pleno', regionCode: null });
      return note;
    },

    closePlenoSession: ({ sessionId, note }) => {
      const session = unwrap(closeSession(ctx(), sessionId, note));
      refresh(session.regionCode);
      return session;
    },

    reopenPlenoLock: ({ sessionId, regionCode, reason }) => {
      const lock = unwrap(reopenLock(ctx(), sessionId, regionCode, reason));
      refresh(lock.regionCode);
      return lock;
    },
  };
}

function unwrap<T>(result: PlenoResult<T>): T {
  if (result.ok) return result.value;
  throw plenoApiError(result.error);
}

export function plenoApiError(error: PlenoError): ApiError {
  switch (error.code) {
    case 'not_found':
      return new ApiError('not_found', error.message);
    case 'invalid':
      return new ApiError('invalid_input', error.message, [{ path: error.path ?? '', message: error.message }]);
    default:
      return new ApiError('conflict', error.message);
  }
}
