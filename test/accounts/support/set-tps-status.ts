/**
 * Puts TPS into a C.Hasil state the way intake and review will: one `tps_status` row per race held at
 * the TPS (the store's triggers then set the combined `tps.status` and the region counts). For a withheld
 * TPS one race is withheld with the reason and the others received, as after a non-form photo.
 */
import type { Store } from '../../../main/store/index.ts';
import type { TpsStatus } from '../../../shared/domain/types.ts';

export function setTpsStatus(store: Store, tpsCode: string, status: TpsStatus, reason: string | null = null): void {
  const races = store.db.prepare(`SELECT id FROM election WHERE substr(?, 1, length(region_code)) = region_code ORDER BY id`)
    .all(tpsCode) as { id: number }[];
  const write = store.db.prepare(`
    INSERT INTO tps_status (tps_code, election_id, status, reason, updated_at) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (tps_code, election_id) DO UPDATE SET status = excluded.status, reason = excluded.reason, updated_at = excluded.updated_at`);
  store.db.transaction(() => {
    races.forEach((race, i) => {
      const own = status !== 'withheld' || i === 0 ? status : 'received';
      write.run(tpsCode, race.id, own, own === status ? reason : null, new Date().toISOString());
    });
  })();
}

/** The first `count` TPS codes of a desa, in code order. */
export function tpsOfDesa(store: Store, desaCode: string, count: number): string[] {
  return (store.db.prepare('SELECT code FROM tps WHERE desa_code = ? ORDER BY code LIMIT ?').all(desaCode, count) as { code: string }[])
    .map((r) => r.code);
}
