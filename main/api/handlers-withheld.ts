/**
 * API handlers for withheld pages (shared/api/methods/withheld.ts, main/review/withheld.ts). Listing is for any
 * operator (scoped to their profile's region); unlocking requires the Operator KPU Kab/Kota role — checked
 * here, whatever the screen shows — and the page's TPS inside their kab/kota. Every write names the profile.
 */
import sharp from 'sharp';
import { ApiError } from '../../shared/api/contract.ts';
import { requireRole, requireScope } from '../accounts/guard.ts';
import type { Accounts } from '../accounts/types.ts';
import { blobRootFor, createBlobStore } from '../intake/blob-store.ts';
import type { RekapHolder } from '../pleno/rekap-holder.ts';
import { listWithheld, unlockWithheld, withheldSheetTps } from '../review/withheld.ts';
import type { Store } from '../store/open.ts';
import { getSettings } from '../store/queries/settings.ts';
import type { EventBus } from './events.ts';
import type { Handlers } from './types.ts';

type WithheldHandlers = Pick<Handlers, 'listWithheld' | 'unlockWithheld' | 'getSheetThumbnail'>;

export function createWithheldHandlers(deps: {
  store: Store;
  accounts: Accounts;
  rekap: RekapHolder;
  events: EventBus;
  quietly: <T>(work: () => T) => T;
}): WithheldHandlers {
  const { store, accounts, rekap, events } = deps;
  const blobs = createBlobStore(blobRootFor(store.path));
  const list = () => {
    const profile = accounts.current();
    const regionCode = profile?.regionCode ?? null;
    return { regionCode, canUnlock: profile?.role === 'kpu_kabkota', items: listWithheld(store, regionCode) };
  };

  return {
    listWithheld: () => list(),

    unlockWithheld: ({ sheetId, reason }) => {
      const kpu = requireRole(accounts, 'kpu_kabkota');
      const target = withheldSheetTps(store, sheetId);
      if (!target.found) throw new ApiError('not_found', `halaman #${sheetId} tidak ditemukan`);
      if (target.tpsCode !== null) requireScope(accounts, target.tpsCode);
      const result = unlockWithheld(store, { actor: kpu.label, device: getSettings(store).deviceName }, sheetId, reason);
      if (!result.ok) throw new ApiError(result.code === 'invalid' ? 'invalid_input' : result.code, result.message);
      const { tpsCode, electionId } = result.value;
      if (tpsCode !== null && electionId !== null) {
        deps.quietly(() => rekap.syncTps(tpsCode, electionId));
        events.emit('dataChanged', { scope: 'tps', regionCode: tpsCode.slice(0, 10) });
      }
      return list();
    },

    getSheetThumbnail: async ({ sha256, width }) => {
      const row = store.db.prepare('SELECT mime FROM blob WHERE sha256 = ?').get(sha256) as { mime: string } | undefined;
      if (!row || !blobs.has(sha256)) throw new ApiError('not_found', 'foto tidak ditemukan');
      if (!row.mime.startsWith('image/')) return { dataUrl: null };
      try {
        const small = await sharp(blobs.pathOf(sha256), { failOn: 'none' }).rotate().resize({ width, withoutEnlargement: true }).jpeg({ quality: 70 }).toBuffer();
        return { dataUrl: `data:image/jpeg;base64,${small.toString('base64')}` };
      } catch {
        return { dataUrl: null };
      }
    },
  };
}
