/**
 * The status board for ONE race (pemilihan): how far each TPS's C.Hasil for that race has come.
 *
 * The combined counts live in `region_stats` (kept by triggers); per-race counts are not stored but
 * computed on demand from `tps_status`, whose index `tps_status_election (election_id, tps_code, status)`
 * turns "this race, TPS under this region" into one covering range scan (~4,000 entries for a kabupaten).
 * Each child region is one aggregate over its own range (sum per state, no GROUP BY): measured ~4×
 * cheaper than one GROUP BY substr(tps_code) over the parent, which sorts every row in a temp b-tree.
 * Only the races' non-`no_chasil` rows are counted: a TPS without a row (or with an explicit
 * `no_chasil` row) is `no_chasil`, i.e. the TPS count minus the others.
 *
 * A race covers its own region (a province for the governor, a kab/kota for the bupati/wali kota), so
 * under a board region R it covers the TPS of `scope` = the deeper of R and the race's region when one
 * contains the other, and none otherwise.
 */
import type { Election, RegionSummary, StatusCounts, TpsStatus } from '../../../shared/domain/types.ts';
import type { Statement } from 'better-sqlite3';
import type { Store } from '../open.ts';
import { subtreeRange } from '../subtree.ts';
import { getRegionDetail, listRegionChildren } from './regions.ts';

/** The part of `regionCode` a race for `raceRegion` covers: a region code, or null when they do not overlap. */
export function raceScope(regionCode: string, raceRegion: string): string | null {
  if (regionCode.startsWith(raceRegion)) return regionCode;
  if (raceRegion.startsWith(regionCode)) return raceRegion;
  return null;
}

type CountRow = [number | null, number | null, number | null, number | null];

const ADVANCED_COUNTS = `
  SELECT sum(status = 'received'), sum(status = 'needs_review'), sum(status = 'verified'), sum(status = 'withheld')
  FROM tps_status WHERE election_id = ? AND tps_code >= ? AND tps_code < ?`;

/** Prepared once per connection: the board runs it once per child (26 kecamatan, 38 kab/kota). */
const advancedCountsStatement = new WeakMap<Store['db'], Statement<[number, string, string], CountRow>>();

/** The race's TPS under `scope` per advanced state (no_chasil left 0): one covering range scan. */
function advancedCounts(store: Store, electionId: number, scope: string): StatusCounts {
  const { lo, hi } = subtreeRange(scope);
  let statement = advancedCountsStatement.get(store.db);
  if (!statement) {
    statement = store.db.prepare<[number, string, string], CountRow>(ADVANCED_COUNTS).raw();
    advancedCountsStatement.set(store.db, statement);
  }
  const [received, needsReview, verified, withheld] = statement.get(electionId, lo, hi)!;
  return { no_chasil: 0, received: received ?? 0, needs_review: needsReview ?? 0, verified: verified ?? 0, withheld: withheld ?? 0 };
}

/** How many TPS of the race under `scope` are in each state (no_chasil = the rest). */
export function raceStatusCounts(store: Store, electionId: number, scope: string, tpsCount: number): StatusCounts {
  return withNoChasil(advancedCounts(store, electionId, scope), tpsCount);
}

export type RaceBoardCounts = { region: RegionSummary; children: RegionSummary[] };

/**
 * A region and its children (the board's strip and table) counted for one race. Children the race does
 * not cover are left out; a region it does not cover reads as 0 TPS. Null for an unknown region.
 */
export function raceBoardCounts(store: Store, election: Pick<Election, 'id' | 'regionCode'>, regionCode: string): RaceBoardCounts | null {
  const detail = getRegionDetail(store, regionCode);
  if (!detail) return null;
  const region = detail.region;
  const scope = raceScope(region.code, election.regionCode);
  if (scope === null) return { region: uncovered(region), children: [] };

  // Every TPS of a region lies in one of its children, so the region's counts are the children's sum.
  const total = emptyCounts();
  const children = region.level === 'desa'
    ? []
    : listRegionChildren(store, region.code).flatMap((child) => {
        const childScope = raceScope(child.code, election.regionCode);
        if (childScope === null) return [];
        const base = childScope === child.code ? child : getRegionDetail(store, childScope)?.region;
        if (!base) return [];
        const counts = advancedCounts(store, election.id, childScope);
        addInto(total, counts);
        return [{ ...child, tpsCount: base.tpsCount, dptTotal: base.dptTotal, status: withNoChasil(counts, base.tpsCount) }];
      });
  if (region.level === 'desa') addInto(total, advancedCounts(store, election.id, scope));

  const base = scope === region.code ? region : getRegionDetail(store, scope)?.region;
  if (!base) return { region: uncovered(region), children: [] };
  return { region: { ...region, tpsCount: base.tpsCount, dptTotal: base.dptTotal, status: withNoChasil(total, base.tpsCount) }, children };
}

function uncovered(region: RegionSummary): RegionSummary {
  return { ...region, tpsCount: 0, dptTotal: 0, status: emptyCounts() };
}

function emptyCounts(): StatusCounts {
  return { no_chasil: 0, received: 0, needs_review: 0, verified: 0, withheld: 0 };
}

function addInto(into: StatusCounts, part: StatusCounts): void {
  for (const key of Object.keys(into) as TpsStatus[]) into[key] += part[key];
}

function withNoChasil(counts: StatusCounts, tpsCount: number): StatusCounts {
  const advanced = counts.received + counts.needs_review + counts.verified + counts.withheld;
  return { ...counts, no_chasil: Math.max(0, tpsCount - advanced) };
}
