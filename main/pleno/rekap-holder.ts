/**
 * The app's one rekap engine (main/rekap) over the store, kept in step with it.
 *
 * Loaded once (at start by startCore, else on first use) with the locks on record. Writers that commit
 * outside this module tell it what changed: `syncTps` for one TPS, `syncRegion` for every TPS of a desa
 * or any region (what the API's publishDataChanged receives from intake and review), `reload` after the
 * master data changed (new regions or TPS: the tree itself is different). Engine changes are forwarded to
 * `onChange` listeners, which stay subscribed across reloads.
 */
import { loadRekapFromStore, syncTpsFromStore, type RekapChange, type RekapEngine } from '../rekap/index.ts';
import type { Store } from '../store/index.ts';
import { subtreeRange } from '../store/subtree.ts';
import { activeLocks } from './locks.ts';

export type RekapHolder = {
  engine(): RekapEngine;
  /** Milliseconds the last (re)load took; null before the first. */
  loadMs(): number | null;
  /** Counts loads: whoever caches what the engine says drops the cache when this moves. */
  generation(): number;
  syncTps(tpsCode: string, electionId?: number): void;
  /** Re-reads every TPS under a region (a desa: ~10–30 TPS) for every race covering it. */
  syncRegion(regionCode: string): void;
  /** Drops the engine; the next use loads it again from the store. */
  reload(): void;
  onChange(listener: (change: RekapChange) => void): () => void;
};

export function createRekapHolder(store: Store): RekapHolder {
  let engine: RekapEngine | null = null;
  let lastLoadMs: number | null = null;
  let loads = 0;
  const listeners = new Set<(change: RekapChange) => void>();

  function get(): RekapEngine {
    if (engine) return engine;
    const started = performance.now();
    const loaded = loadRekapFromStore(store, { locks: activeLocks(store) });
    for (const message of loaded.lockErrors) console.error(`pleno: kunci rekap tidak dapat dipulihkan: ${message}`);
    loaded.engine.subscribe((change) => {
      for (const listener of [...listeners]) listener(change);
    });
    engine = loaded.engine;
    loads++;
    lastLoadMs = performance.now() - started;
    return engine;
  }

  function racesAt(code: string): number[] {
    return get().elections().filter((e) => code.startsWith(e.regionCode)).map((e) => e.id);
  }

  return {
    engine: get,
    loadMs: () => lastLoadMs,
    generation: () => {
      get();
      return loads;
    },
    syncTps(tpsCode, electionId) {
      const e = get();
      for (const id of electionId === undefined ? racesAt(tpsCode) : [electionId]) {
        const synced = syncTpsFromStore(e, store, tpsCode, id);
        // a TPS the tree does not know means the master data moved under us: start again from the store
        if (!synced.ok && synced.error.code === 'unknown_tps') {
          engine = null;
          return;
        }
        if (!synced.ok && synced.error.code !== 'outside_election') {
          console.error(`pleno: rekap TPS ${tpsCode} tidak dapat diselaraskan: ${synced.error.message}`);
        }
      }
    },
    syncRegion(regionCode) {
      const { lo, hi } = subtreeRange(regionCode);
      const codes = (store.db.prepare('SELECT code FROM tps WHERE code >= ? AND code < ? ORDER BY code').pluck().all(lo, hi)) as string[];
      for (const code of codes) {
        this.syncTps(code);
        if (engine === null) return;
      }
    },
    reload() {
      engine = null;
    },
    onChange(listener) {
      const entry = (change: RekapChange) => listener(change);
      listeners.add(entry);
      return () => {
        listeners.delete(entry);
      };
    },
  };
}
