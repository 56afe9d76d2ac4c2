/**
 * What the projector shows for one race in one region: how many TPS there are, how many are verified
 * for this race, and the votes per paslon summed over the verified TPS only (a number nobody has
 * verified never reaches the room). Votes are the form's `IV.<nomor urut>` fields in `tally_value`.
 *
 * Read-only SQL over the store's tables, using the same subtree key ranges as main/store. It lives
 * here because the projector is its only user so far; it can move to main/store/queries unchanged.
 */
import type { Store } from '../store/index.ts';
import { subtreeRange } from '../store/subtree.ts';

export type RaceTally = {
  tpsTotal: number;
  tpsDone: number;
  /** null per paslon while no TPS is verified. */
  votes: { nomorUrut: number; suara: number | null }[];
};

export function raceTally(store: Store, electionId: number, regionCode: string, nomorUrut: readonly number[]): RaceTally {
  const { lo, hi } = subtreeRange(regionCode);
  const done = store.db
    .prepare(`
      SELECT count(*) AS n FROM tps_status
      WHERE election_id = @electionId AND tps_code >= @lo AND tps_code < @hi AND status = 'verified'`)
    .get({ electionId, lo, hi }) as { n: number };
  const sums = new Map<string, number>();
  if (done.n > 0) {
    const rows = store.db
      .prepare(`
        SELECT v.field_id, sum(v.value) AS suara
        FROM tally_value v
        JOIN tps_status s ON s.tps_code = v.tps_code AND s.election_id = v.election_id AND s.status = 'verified'
        WHERE v.election_id = @electionId AND v.tps_code >= @lo AND v.tps_code < @hi AND v.field_id GLOB 'IV.[1-6]'
        GROUP BY v.field_id`)
      .all({ electionId, lo, hi }) as { field_id: string; suara: number }[];
    for (const row of rows) sums.set(row.field_id, row.suara);
  }
  return {
    tpsTotal: tpsCountIn(store, regionCode),
    tpsDone: done.n,
    votes: nomorUrut.map((n) => ({ nomorUrut: n, suara: done.n > 0 ? (sums.get(`IV.${n}`) ?? 0) : null })),
  };
}

/** TPS under a region, from the store's maintained aggregates (0 for an unknown region). */
export function tpsCountIn(store: Store, regionCode: string): number {
  const row = store.db.prepare('SELECT tps_count FROM region_stats WHERE code = ?').get(regionCode) as
    | { tps_count: number }
    | undefined;
  return row?.tps_count ?? 0;
}
