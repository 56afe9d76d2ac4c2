/**
 * The walk of a session: at a kecamatan, desa by desa, each desa followed by its TPS in number order; at a
 * kab/kota, kecamatan by kecamatan. Derived from the master data every time (a kecamatan is a few hundred
 * rows), so a TPS added later simply appears in the walk.
 */
import type { PlenoItem, PlenoLevel } from '../../shared/api/methods/pleno.ts';
import type { Store } from '../store/index.ts';
import { subtreeRange } from '../store/subtree.ts';

export function sessionItems(store: Store, level: PlenoLevel, regionCode: string): PlenoItem[] {
  const { lo, hi } = subtreeRange(regionCode);
  const items: PlenoItem[] = [];
  if (level === 'kabkota') {
    for (const r of store.db.prepare("SELECT code, name FROM region WHERE code > ? AND code < ? AND level = 'kecamatan' ORDER BY code")
      .all(lo, hi) as { code: string; name: string }[]) {
      items.push({ kind: 'kecamatan', code: r.code, name: r.name, position: items.length + 1 });
    }
    return items;
  }
  const desa = store.db.prepare("SELECT code, name FROM region WHERE code > ? AND code < ? AND level = 'desa' ORDER BY code")
    .all(lo, hi) as { code: string; name: string }[];
  const tps = store.db.prepare('SELECT code, nomor FROM tps WHERE code >= ? AND code < ? ORDER BY code').all(lo, hi) as { code: string; nomor: number }[];
  let t = 0;
  for (const d of desa) {
    items.push({ kind: 'desa', code: d.code, name: d.name, position: items.length + 1 });
    for (; t < tps.length && tps[t]!.code.startsWith(d.code); t++) {
      items.push({ kind: 'tps', code: tps[t]!.code, name: `TPS ${String(tps[t]!.nomor).padStart(3, '0')}`, position: items.length + 1 });
    }
  }
  return items;
}
