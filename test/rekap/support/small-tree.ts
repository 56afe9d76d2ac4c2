/**
 * Small hand-made and random region trees for rekap tests, built through the same RegionTreeBuilder the
 * store and wilayah loaders use.
 */
import { RegionTreeBuilder, type RegionTree } from '../../../main/rekap/index.ts';

export type TreeShape = {
  /** Regions (any order) and TPS codes with their DPT, in code order. */
  regions: { code: string; name: string }[];
  tps: { code: string; dptL: number; dptP: number }[];
};

export function buildTree(shape: TreeShape): RegionTree {
  const builder = new RegionTreeBuilder();
  for (const r of shape.regions) builder.addRegion(r.code, r.name);
  for (const t of shape.tps) builder.addTps(t.code, t.dptL, t.dptP);
  return builder.build();
}

/**
 * Provinsi 11 (kab 1101 with kecamatan 110101 [2 desa] and 110102 [1 desa], kab 1102 with one kecamatan
 * and desa), 8 TPS in all, among them a special TPS 901.
 */
export function fixedShape(): TreeShape {
  const regions = [
    ['11', 'ACEH'], ['1101', 'SIMEULUE'], ['110101', 'TEUPAH SELATAN'], ['1101012001', 'LATIUNG'], ['1101012002', 'LABUHAN BAJAU'],
    ['110102', 'SIMEULUE TIMUR'], ['1101022001', 'AIR DINGIN'], ['1102', 'ACEH SINGKIL'], ['110201', 'PULAU BANYAK'],
    ['1102012001', 'PULAU BALAI'],
  ].map(([code, name]) => ({ code: code!, name: name! }));
  const tps = [
    ['1101012001001', 120, 130], ['1101012001002', 140, 150], ['1101012002001', 100, 110],
    ['1101022001001', 130, 120], ['1101022001002', 90, 95], ['1101022001901', 20, 10],
    ['1102012001001', 150, 140], ['1102012001002', 145, 150],
  ].map(([code, dptL, dptP]) => ({ code: code as string, dptL: dptL as number, dptP: dptP as number }));
  return { regions, tps };
}

/**
 * A random tree from counts: `kab[k][c][d]` = number of TPS in desa d of kecamatan c of kab/kota k of
 * provinsi 11 (kab/kota codes 1101…, kecamatan …01…, desa …2001…, TPS 001…). DPT per TPS from `dpt(i)`.
 */
export function shapeFromCounts(kab: number[][][], dpt: (i: number) => { l: number; p: number }): TreeShape {
  const regions = [{ code: '11', name: 'PROVINSI UJI' }];
  const tps: TreeShape['tps'] = [];
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  kab.forEach((kecs, k) => {
    const kabCode = `11${pad(k + 1, 2)}`;
    regions.push({ code: kabCode, name: `KAB ${k + 1}` });
    kecs.forEach((desas, c) => {
      const kecCode = `${kabCode}${pad(c + 1, 2)}`;
      regions.push({ code: kecCode, name: `KEC ${k + 1}.${c + 1}` });
      desas.forEach((n, d) => {
        const desaCode = `${kecCode}${pad(2001 + d, 4)}`;
        regions.push({ code: desaCode, name: `DESA ${k + 1}.${c + 1}.${d + 1}` });
        for (let i = 1; i <= n; i++) {
          const { l, p } = dpt(tps.length);
          tps.push({ code: `${desaCode}${pad(i, 3)}`, dptL: l, dptP: p });
        }
      });
    });
  });
  return { regions, tps };
}
