import type { LevelCounts } from '../../../shared/api/contract.ts';
import type { RegionLevel } from '../../../shared/domain/types.ts';
import type { Store } from '../open.ts';

type StatsRow = {
  level: RegionLevel | null;
  kabkota_count: number;
  kecamatan_count: number;
  desa_count: number;
  tps_count: number;
  dpt: number;
  no_chasil: number;
  received: number;
  needs_review: number;
  verified: number;
  withheld: number;
  provinsi_count: number;
};

/**
 * How many regions of each level, TPS, DPT and TPS per status lie within a region (the region itself
 * counted at its own level), or in the whole database when no region is given. Null for an unknown region.
 * Reads the stored aggregates only: constant time whatever the size of the region.
 */
export function getStatusSummary(store: Store, regionCode?: string): LevelCounts | null {
  const row = (regionCode === undefined
    ? store.db.prepare(`
        SELECT NULL AS level, count(*) AS provinsi_count, ${sums('coalesce(sum(s.', '), 0)')}
        FROM region r JOIN region_stats s ON s.code = r.code WHERE r.parent_code IS NULL`).get()
    : store.db.prepare(`
        SELECT r.level, 0 AS provinsi_count, ${sums('s.', '')}
        FROM region r JOIN region_stats s ON s.code = r.code WHERE r.code = ?`).get(regionCode)) as StatsRow | undefined;
  if (!row) return null;
  const self = (level: RegionLevel) => (row.level === level ? 1 : 0);
  return {
    provinsi: row.provinsi_count + self('provinsi'),
    kabkota: row.kabkota_count + self('kabkota'),
    kecamatan: row.kecamatan_count + self('kecamatan'),
    desa: row.desa_count + self('desa'),
    tps: row.tps_count,
    dpt: row.dpt,
    status: {
      no_chasil: row.no_chasil,
      received: row.received,
      needs_review: row.needs_review,
      verified: row.verified,
      withheld: row.withheld,
    },
  };
}

function sums(open: string, close: string): string {
  const cols = ['kabkota_count', 'kecamatan_count', 'desa_count', 'tps_count', 'no_chasil', 'received', 'needs_review', 'verified', 'withheld'];
  return [...cols.map((c) => `${open}${c}${close} AS ${c}`), `${open}dpt_l${close} + ${open}dpt_p${close} AS dpt`].join(', ');
}
