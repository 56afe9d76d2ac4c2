/**
 * API handlers for the per-TPS review (shared/api/methods/review.ts, main/review). Writes name the active
 * profile (who must cover the TPS), keep the rekap engine in step, and tell every screen.
 */
import fs from 'node:fs';
import { ApiError } from '../../shared/api/contract.ts';
import { requireScope } from '../accounts/guard.ts';
import type { Accounts } from '../accounts/types.ts';
import { blobRootFor, createBlobStore } from '../intake/blob-store.ts';
import type { RekapHolder } from '../pleno/rekap-holder.ts';
import { readTpsReview, setFieldValue, verifyTps, type ReviewResult, type TpsReview } from '../review/index.ts';
import type { Store } from '../store/open.ts';
import { getSettings } from '../store/queries/settings.ts';
import type { EventBus } from './events.ts';
import type { Handlers } from './types.ts';

type ReviewHandlers = Pick<Handlers, 'getTpsReview' | 'setReviewValue' | 'verifyTps' | 'getSheetImage'>;

/** Photos bigger than this are not sent whole through the API (a C.Hasil photo is a few MB). */
const MAX_IMAGE_BYTES = 40 * 1024 * 1024;

export function createReviewHandlers(deps: {
  store: Store;
  accounts: Accounts;
  rekap: RekapHolder;
  events: EventBus;
  quietly: <T>(work: () => T) => T;
}): ReviewHandlers {
  const { store, accounts, rekap, events } = deps;
  const blobs = createBlobStore(blobRootFor(store.path));
  const who = (tpsCode: string) => {
    requireScope(accounts, tpsCode);
    return { actor: accounts.actor(), device: getSettings(store).deviceName };
  };
  const unwrap = <T>(result: ReviewResult<T>): T => {
    if (result.ok) return result.value;
    throw new ApiError(result.code === 'invalid' ? 'invalid_input' : result.code, result.message);
  };
  const review = (tpsCode: string, electionId: number): TpsReview => unwrap(readTpsReview(store, tpsCode, electionId));
  /** After a write: the engine re-reads the TPS, then the screens hear of it (status board, projector, this screen). */
  const changed = (tpsCode: string, electionId: number) => {
    deps.quietly(() => rekap.syncTps(tpsCode, electionId));
    events.emit('dataChanged', { scope: 'tps', regionCode: tpsCode.slice(0, 10) });
  };

  return {
    getTpsReview: ({ tpsCode, electionId }) => review(tpsCode, electionId),

    setReviewValue: ({ tpsCode, electionId, fieldId, value, reason, basis }) => {
      const result = unwrap(setFieldValue(store, who(tpsCode), tpsCode, electionId, fieldId, value, { reason, basis }));
      if (result.changed) changed(tpsCode, electionId);
      return review(tpsCode, electionId);
    },

    verifyTps: ({ tpsCode, electionId, reasons }) => {
      unwrap(verifyTps(store, who(tpsCode), tpsCode, electionId, reasons));
      changed(tpsCode, electionId);
      return review(tpsCode, electionId);
    },

    getSheetImage: ({ sha256 }) => {
      const row = store.db.prepare('SELECT mime, size FROM blob WHERE sha256 = ?').get(sha256) as { mime: string; size: number } | undefined;
      if (!row || !blobs.has(sha256)) throw new ApiError('not_found', 'foto tidak ditemukan');
      if (row.size > MAX_IMAGE_BYTES) throw new ApiError('conflict', 'foto terlalu besar untuk ditampilkan');
      const bytes = fs.readFileSync(blobs.pathOf(sha256));
      return { mime: row.mime, dataUrl: `data:${row.mime};base64,${bytes.toString('base64')}` };
    },
  };
}
