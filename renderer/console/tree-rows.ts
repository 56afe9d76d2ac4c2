/**
 * Flattens the open part of the region tree into rows, so the tree renders and navigates as one list
 * (ARIA treeitems with aria-level) and keyboard movement is index arithmetic.
 */
import type { RegionSummary, Tps } from '../../shared/domain/types.ts';
import type { Entry } from './region-directory.ts';

interface RowBase {
  key: string;
  depth: number;
  parentKey: string | null;
  posInSet: number;
  setSize: number;
}

export type TreeRow =
  | (RowBase & { kind: 'region'; region: RegionSummary; expandable: boolean; expanded: boolean; pending: Entry<unknown> | undefined })
  | (RowBase & { kind: 'tps'; tps: Tps });

export interface TreeSource {
  children(code: string): Entry<RegionSummary[]> | undefined;
  tpsOf(desaCode: string): Entry<Tps[]> | undefined;
}

export function isExpandable(region: RegionSummary): boolean {
  return region.level === 'desa' ? region.tpsCount > 0 : region.childCount > 0;
}

export function flattenTree(roots: readonly RegionSummary[], expanded: ReadonlySet<string>, source: TreeSource): TreeRow[] {
  const rows: TreeRow[] = [];
  const visit = (regions: readonly RegionSummary[], depth: number, parentKey: string | null) => {
    regions.forEach((region, index) => {
      const expandable = isExpandable(region);
      const open = expandable && expanded.has(region.code);
      const entry = region.level === 'desa' ? source.tpsOf(region.code) : source.children(region.code);
      rows.push({
        kind: 'region',
        key: region.code,
        depth,
        parentKey,
        posInSet: index + 1,
        setSize: regions.length,
        region,
        expandable,
        expanded: open,
        pending: open ? entry : undefined,
      });
      if (!open || entry?.state !== 'ready') return;
      if (region.level === 'desa') {
        const tpsList = (entry as Entry<Tps[]> & { state: 'ready' }).data;
        tpsList.forEach((tps, tpsIndex) =>
          rows.push({
            kind: 'tps',
            key: tps.code,
            depth: depth + 1,
            parentKey: region.code,
            posInSet: tpsIndex + 1,
            setSize: tpsList.length,
            tps,
          }),
        );
      } else {
        visit((entry as Entry<RegionSummary[]> & { state: 'ready' }).data, depth + 1, region.code);
      }
    });
  };
  visit(roots, 1, null);
  return rows;
}
