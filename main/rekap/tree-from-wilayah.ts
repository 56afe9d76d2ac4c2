/**
 * The region tree straight from the wilayah data (`{ id2name, tps }`, see main/seed/wilayah-source.ts),
 * without a database: for the country-scale benchmark and for tests. TPS get the same demo DPT the seeders
 * give them (main/seed/demo-dpt.ts), so a tree built here matches a store seeded from the same file.
 */
import { demoDpt } from '../seed/demo-dpt.ts';
import { RegionTreeBuilder, type RegionTree } from './region-tree.ts';

export type Wilayah = { id2name: Record<string, string>; tps: Record<string, number[]> };

/**
 * `scope`: a region code whose subtree (with its ancestors) to take, '' for everything. Overseas (99…) is
 * left out unless `includeOverseas`, as in the seeders: Pilkada voters are domestic.
 */
export function treeFromWilayah(
  wilayah: Wilayah,
  options: {
    scope?: string;
    includeOverseas?: boolean;
    /** Registered voters of a TPS; defaults to the seeders' demo DPT. */
    dpt?: (desaCode: string, nomor: number) => { l: number; p: number };
  } = {},
): RegionTree {
  const scope = options.scope ?? '';
  const dpt = options.dpt ?? ((desaCode: string, nomor: number) => demoDpt(desaCode + String(nomor).padStart(3, '0')));
  const wanted = (code: string) =>
    (options.includeOverseas || !code.startsWith('99')) && (code.startsWith(scope) || scope.startsWith(code));
  const builder = new RegionTreeBuilder();
  for (const [code, name] of Object.entries(wilayah.id2name)) if (code !== '' && wanted(code)) builder.addRegion(code, name.trim());
  const desa = Object.keys(wilayah.tps).filter((code) => code.length === 10 && wanted(code) && code.startsWith(scope)).sort();
  for (const code of desa) {
    const ranges = wilayah.tps[code]!;
    // TPS 1..n, then the special ones a..b (901+) where the desa has them
    for (let n = 1; n <= ranges[0]!; n++) {
      const { l, p } = dpt(code, n);
      builder.addTpsOf(code, n, l, p);
    }
    for (let n = ranges[1] ?? 1; n <= (ranges[2] ?? 0); n++) {
      const { l, p } = dpt(code, n);
      builder.addTpsOf(code, n, l, p);
    }
  }
  return builder.build();
}
