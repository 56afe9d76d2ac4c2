/**
 * The status board for ONE race (pemilihan): how far each TPS's C.Hasil for that race has come.
 *
 * The combined counts live in `region_stats` (kept by triggers); per-race counts are not stored but
 * computed on demand from `tps_status`, whose index `tps_status_election (election_id, tps_code, status)`
 * turns "this race, TPS under this region" into one covering range scan (~4,000 entries for a kabupaten).
 * Only the races' non-`no_chasil` rows are counted: a TPS without a row (or with an explicit
 * `no_chasil` row) is `no_chasil`, i.e. the TPS count minus the others.
 *
 * A race covers its own region (a province for the governor, a kab/kota for the bupati/wali kota), so
 * under a board region R it covers the TPS of `scope` = the deeper of R and the race's region when one
 * contains the other, and none otherwise.
 */
import type { Election, RegionLevel, RegionSummary, StatusCounts, TpsStatus } from '../../../shared/domain/types.ts';
import type { Store } from '../open.ts';
import { subtreeRange } from '../subtree.ts';
import { getRegionDetail, listRegionChildren } from './regions.ts';

/** The part of `regionCode` a race for `raceRegion` covers: a region code, or null when they do not overlap. */
export function raceScope(regionCode: string, raceRegion: string): string | null {
  if (regionCode.startsWith(raceRegion)) return regionCode;
  if (raceRegion.startsWith(regionCode)) return raceRegion;
  return null;
}

/** Length of the codes one level below a region: the board groups a region's counts by its children. */
const CHILD_CODE_LENGTH: Record<RegionLevel, number> = { provinsi: 4, kabkota: 6, kecamatan: 10, desa: 10 };

type CountRow = [string, TpsStatus, number];

/**
 * The race's non-`no_chasil` counts under `scope`, grouped by the first `groupLength` characters of the
 * TPS code: one covering range scan of tps_status_election.
 */
function raceCountsByPrefix(store: Store, electionId: number, scope: string, groupLength: number): Map<string, StatusCounts> {
  const { lo, hi } = subtreeRange(scope);
  const rows = store.db.prepare(`
    SELECT substr(tps_code, 1, @len), status, count(*) FROM tps_status
    WHERE election_id = @election AND tps_code >= @lo AND tps_code < @hi AND status <> 'no_chasil'
    GROUP BY 1, 2`).raw().all({ len: groupLength, election: electionId, lo, hi }) as CountRow[];
  const byPrefix = new Map<string, StatusCounts>();
  for (const [prefix, status, n] of rows) {
    const counts = byPrefix.get(prefix) ?? emptyCounts();
    counts[status] += n;
    byPrefix.set(prefix, counts);
  }
  return byPrefix;
}

/** How many TPS of the race under `scope` are in each state (no_chasil = the rest). */
export function raceStatusCounts(store: Store, electionId: number, scope: string, tpsCount: number): StatusCounts {
  const counts = emptyCounts();
  for (const part of raceCountsByPrefix(store, electionId, scope, scope.length).values()) addInto(counts, part);
  return withNoChasil(counts, tpsCount);
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

  const childLength = CHILD_CODE_LENGTH[region.level];
  const grouped = raceCountsByPrefix(store, election.id, scope, Math.max(childLength, scope.length));
  const children = region.level === 'desa'
    ? []
    : listRegionChildren(store, region.code).flatMap((child) => {
        const childScope = raceScope(child.code, election.regionCode);
        if (childScope === null) return [];
        const base = childScope === child.code ? child : getRegionDetail(store, childScope)?.region;
        if (!base) return [];
        const counts = emptyCounts();
        for (const [prefix, part] of grouped) if (prefix.startsWith(child.code) || child.code.startsWith(prefix)) addInto(counts, part);
        return [{ ...child, tpsCount: base.tpsCount, dptTotal: base.dptTotal, status: withNoChasil(counts, base.tpsCount) }];
      });

  const base = scope === region.code ? region : getRegionDetail(store, scope)?.region;
  if (!base) return { region: uncovered(region), children: [] };
  const total = emptyCounts();
  for (const part of grouped.values()) addInto(total, part);
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
