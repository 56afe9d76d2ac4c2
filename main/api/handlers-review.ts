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
import { pdfPageJpeg, rectifiedPageJpeg } from '../review/rectified-page.ts';
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

    getSheetImage: async ({ sha256, sheetId }) => {
      const row = store.db.prepare('SELECT mime, size FROM blob WHERE sha256 = ?').get(sha256) as { mime: string; size: number } | undefined;
      if (!row || !blobs.has(sha256)) throw new ApiError('not_found', 'foto tidak ditemukan');
      if (sheetId !== undefined) {
        const sheet = store.db.prepare('SELECT blob_page, template_id FROM sheet WHERE id = ? AND blob_sha256 = ?').get(sheetId, sha256) as
          | { blob_page: number; template_id: string | null }
          | undefined;
        if (!sheet) throw new ApiError('not_found', `halaman #${sheetId} bukan bagian dari foto ini`);
        if (sheet.template_id) {
          const jpeg = await rectifiedPageJpeg(blobs.pathOf(sha256), { sha256, blobPage: sheet.blob_page, templateId: sheet.template_id });
          if (jpeg) return { mime: 'image/jpeg', dataUrl: `data:image/jpeg;base64,${jpeg.toString('base64')}`, rectified: true };
        }
        if (row.mime === 'application/pdf') {
          const jpeg = await pdfPageJpeg(blobs.pathOf(sha256), { sha256, blobPage: sheet.blob_page });
          if (jpeg) return { mime: 'image/jpeg', dataUrl: `data:image/jpeg;base64,${jpeg.toString('base64')}`, rectified: false };
        }
      }
      if (row.size > MAX_IMAGE_BYTES) throw new ApiError('conflict', 'foto terlalu besar untuk ditampilkan');
      const bytes = fs.readFileSync(blobs.pathOf(sha256));
      return { mime: row.mime, dataUrl: `data:${row.mime};base64,${bytes.toString('base64')}`, rectified: false };
    },
  };
}
