/**
 * The store-side inputs of the documents (names, photo hashes, review progress): read-only queries, so the
 * pleno window and the CLI can assemble a document from an open store and a loaded rekap engine.
 */
import type { Store } from '../store/open.ts';
import { getElection } from '../store/queries/elections.ts';
import { getRegion } from '../store/queries/regions.ts';
import { pathCodes } from '../store/subtree.ts';
import type { RekapEngine } from '../rekap/engine.ts';
import type { RegionChecks } from '../rekap/types.ts';
import type { DiscrepancyTps } from './discrepancy-pdf.ts';
import type { ReportElection, ReportPaslon, ReportRegion } from './types.ts';

/** The region with the names above it; null when unknown. */
export function reportRegionFromStore(store: Store, code: string): ReportRegion | null {
  const region = getRegion(store, code);
  if (!region) return null;
  const names = new Map(pathCodes(code).map((c) => [c.length, getRegion(store, c)?.name ?? c]));
  return {
    code,
    level: region.level,
    name: region.name,
    provinsi: names.get(2) ?? '',
    kabkota: names.get(4) ?? null,
    kecamatan: names.get(6) ?? null,
  };
}

export function reportElectionFromStore(store: Store, id: number): { election: ReportElection; paslon: ReportPaslon[] } | null {
  const e = getElection(store, id);
  if (!e) return null;
  return { election: { id: e.id, jenis: e.jenis, name: e.name, year: e.year }, paslon: e.paslon };
}

/** "Desa Mojo, TPS 003" for every TPS under a region (the discrepancy report names TPS this way). */
export function tpsNamesFromStore(store: Store, regionCode: string): Record<string, string> {
  const rows = store.db.prepare(`
    SELECT t.code, t.nomor, r.name FROM tps t JOIN region r ON r.code = t.desa_code
    WHERE t.code >= ? AND t.code < ? ORDER BY t.code`).all(regionCode, `${regionCode}:`) as { code: string; nomor: number; name: string }[];
  return Object.fromEntries(rows.map((r) => [r.code, `${r.name}, TPS ${String(r.nomor).padStart(3, '0')}`]));
}

/**
 * The sha256 of each TPS's current C.Hasil page images for a race, in page order (halaman 1..3), for the
 * KPU-shaped export's `images`. Replaced sheets are left out: the export shows what the numbers stand on.
 */
export function photoHashesFromStore(store: Store, regionCode: string, electionId: number): Record<string, string[]> {
  const rows = store.db.prepare(`
    SELECT tps_code, blob_sha256 FROM sheet
    WHERE election_id = ? AND tps_code >= ? AND tps_code < ? AND replaced_by IS NULL
    ORDER BY tps_code, coalesce(halaman, 9), id`).all(electionId, regionCode, `${regionCode}:`) as { tps_code: string; blob_sha256: string }[];
  const out: Record<string, string[]> = {};
  for (const r of rows) (out[r.tps_code] ??= []).push(r.blob_sha256);
  return out;
}

/** One line of the progress report: a child region's TPS by review state for one race. */
export type ProgressRow = {
  code: string;
  name: string;
  total: number;
  /** Verified: counted in the rekap. */
  verified: number;
  /** A C.Hasil arrived and waits for a person (received or needs_review). */
  needsReview: number;
  withheld: number;
  /** No C.Hasil yet. */
  missing: number;
};

/**
 * Per child region (kecamatan of a kab/kota, desa of a kecamatan, TPS of a desa): TPS by `tps_status` of
 * one race. The rekap engine only knows included / withheld / missing; "needs review" lives in the store.
 */
export function progressRowsFromStore(store: Store, regionCode: string, electionId: number): ProgressRow[] {
  const childLen = regionCode.length === 2 ? 4 : regionCode.length === 4 ? 6 : regionCode.length === 6 ? 10 : 13;
  const rows = store.db.prepare(`
    SELECT substr(t.code, 1, @len) AS child, count(*) AS total,
      sum(s.status = 'verified') AS verified,
      sum(s.status IN ('received', 'needs_review')) AS review,
      sum(s.status = 'withheld') AS withheld
    FROM tps t LEFT JOIN tps_status s ON s.tps_code = t.code AND s.election_id = @election
    WHERE t.code >= @lo AND t.code < @hi GROUP BY child ORDER BY child`)
    .all({ len: childLen, election: electionId, lo: regionCode, hi: `${regionCode}:` }) as { child: string; total: number; verified: number | null; review: number | null; withheld: number | null }[];
  const names = childLen === 13 ? null : new Map((store.db.prepare('SELECT code, name FROM region WHERE parent_code = ?').all(regionCode) as { code: string; name: string }[]).map((r) => [r.code, r.name]));
  return rows.map((r) => {
    const verified = r.verified ?? 0;
    const needsReview = r.review ?? 0;
    const withheld = r.withheld ?? 0;
    return {
      code: r.child,
      name: names ? names.get(r.child) ?? r.child : `TPS ${r.child.slice(10)}`,
      total: r.total,
      verified,
      needsReview,
      withheld,
      missing: r.total - verified - needsReview - withheld,
    };
  });
}

/**
 * The per-TPS data the discrepancy report shows for every TPS a failing check names: its name (from the
 * store), its verified values (engine.getTps) and registered DPT (the TPS's totals).
 */
export function discrepancyTpsFromEngine(
  store: Store, engine: RekapEngine, checks: RegionChecks,
): Record<string, DiscrepancyTps> {
  const codes = [...new Set(checks.checks.flatMap((c) => c.failingTps))];
  const names = tpsNamesFromStore(store, checks.regionCode);
  const out: Record<string, DiscrepancyTps> = {};
  for (const code of codes) {
    const t = engine.getTps(code, checks.electionId);
    const totals = engine.getTotals(code, checks.electionId);
    if (!t.ok || !totals.ok) continue;
    const dpt = totals.value.dptTerdaftar.wilayah;
    out[code] = { name: names[code] ?? code, values: t.value.values, dptL: dpt.l, dptP: dpt.p };
  }
  return out;
}

/** When each TPS's status for a race last changed (tps_status.updated_at), for the KPU export's `ts`. */
export function tpsUpdatedAtFromStore(store: Store, regionCode: string, electionId: number): Record<string, string> {
  const rows = store.db.prepare(`SELECT tps_code, updated_at FROM tps_status WHERE election_id = ? AND tps_code >= ? AND tps_code < ?`)
    .all(electionId, regionCode, `${regionCode}:`) as { tps_code: string; updated_at: string }[];
  return Object.fromEntries(rows.map((r) => [r.tps_code, r.updated_at]));
}
