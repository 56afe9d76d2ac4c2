/**
 * The rekap: totals and checks per race for TPS → desa → kecamatan → kab/kota → provinsi, from verified
 * values only, moved incrementally as TPS change, with locks for closed pleno sessions.
 */
export { RekapEngine, type RekapEngineOptions, type RekapListener } from './engine.ts';
export { RegionTreeBuilder, LEVELS, type RegionTree } from './region-tree.ts';
export { treeFromStore, loadRekapFromStore, readTpsInput, syncTpsFromStore, type StoreLoad } from './store-sync.ts';
export { treeFromWilayah } from './tree-from-wilayah.ts';
export { fieldLayout, PAGE1_FIELDS, SUARA_FIELDS, TPS_CAP_PILKADA, type FieldLayout } from './fields.ts';
export { checkDefs, type CheckDef } from './checks.ts';
export type { RekapError, RekapErrorCode, RekapResult } from './errors.ts';
export type * from './types.ts';
