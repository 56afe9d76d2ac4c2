import type { Region, RegionLevel, RegionSummary } from '../../../shared/domain/types.ts';
import type { RegionDetail } from '../../../shared/api/contract.ts';
import type { Store } from '../open.ts';
import { pathCodes } from '../subtree.ts';

type RegionRow = { code: string; parent_code: string | null; level: RegionLevel; name: string };
type SummaryRow = RegionRow & {
  child_count: number;
  desa_count: number;
  tps_count: number;
  dpt_l: number;
  dpt_p: number;
  no_chasil: number;
  received: number;
  needs_review: number;
  verified: number;
  withheld: number;
};

const SUMMARY_SELECT = `
  SELECT r.code, r.parent_code, r.level, r.name, s.child_count, s.desa_count, s.tps_count, s.dpt_l, s.dpt_p,
    s.no_chasil, s.received, s.needs_review, s.verified, s.withheld
  FROM region r JOIN region_stats s ON s.code = r.code`;

export function getRegion(store: Store, code: string): Region | null {
  const row = store.db.prepare('SELECT code, parent_code, level, name FROM region WHERE code = ?').get(code) as RegionRow | undefined;
  return row ? toRegion(row) : null;
}

/** The children of a region with their counts, by code; null = the provinces in the database. */
export function listRegionChildren(store: Store, parentCode: string | null): RegionSummary[] {
  const rows = (parentCode === null
    ? store.db.prepare(`${SUMMARY_SELECT} WHERE r.parent_code IS NULL ORDER BY r.code`).all()
    : store.db.prepare(`${SUMMARY_SELECT} WHERE r.parent_code = ? ORDER BY r.code`).all(parentCode)) as SummaryRow[];
  return rows.map(toSummary);
}

/** A region with its counts and its path from the province down to itself; null when unknown. */
export function getRegionDetail(store: Store, code: string): RegionDetail | null {
  const row = store.db.prepare(`${SUMMARY_SELECT} WHERE r.code = ?`).get(code) as SummaryRow | undefined;
  if (!row) return null;
  const codes = pathCodes(code);
  const path = (store.db
    .prepare(`SELECT code, parent_code, level, name FROM region WHERE code IN (${codes.map(() => '?').join(', ')}) ORDER BY length(code)`)
    .all(...codes) as RegionRow[]).map(toRegion);
  return { region: toSummary(row), path };
}

function toRegion(row: RegionRow): Region {
  return { code: row.code, name: row.name, level: row.level, parentCode: row.parent_code };
}

function toSummary(row: SummaryRow): RegionSummary {
  return {
    ...toRegion(row),
    // a desa's children in the tree are its TPS
    childCount: row.level === 'desa' ? row.tps_count : row.child_count,
    desaCount: row.level === 'desa' ? 1 : row.desa_count,
    tpsCount: row.tps_count,
    dptTotal: row.dpt_l + row.dpt_p,
    status: {
      no_chasil: row.no_chasil,
      received: row.received,
      needs_review: row.needs_review,
      verified: row.verified,
      withheld: row.withheld,
    },
  };
}
