/**
 * A shared cache of what the console has read about the region hierarchy: the children of each region
 * and the TPS of each desa. The tree loads a node's children only when it is opened; the TPS table reuses
 * the same answers to put desa names beside TPS codes. `dataChanged` events empty it.
 */
import { useEffect, useSyncExternalStore } from 'react';
import type { ApiError } from '../../shared/api/contract.ts';
import type { RegionSummary, Tps } from '../../shared/domain/types.ts';
import { getApi } from '../api/client.ts';
import { asApiError } from '../app/hooks.ts';

export type Entry<T> = { state: 'loading' } | { state: 'ready'; data: T } | { state: 'error'; error: ApiError };

/** A desa has at most a few dozen TPS; one page of the API's maximum covers it. */
const TPS_PER_DESA_LIMIT = 5000;

class RegionDirectory {
  readonly #children = new Map<string, Entry<RegionSummary[]>>();
  readonly #tps = new Map<string, Entry<Tps[]>>();
  readonly #names = new Map<string, string>();
  readonly #listeners = new Set<() => void>();
  #version = 0;

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  version = (): number => this.#version;

  children(parentCode: string): Entry<RegionSummary[]> | undefined {
    return this.#children.get(parentCode);
  }

  tpsOf(desaCode: string): Entry<Tps[]> | undefined {
    return this.#tps.get(desaCode);
  }

  name(code: string): string | undefined {
    return this.#names.get(code);
  }

  loadChildren(parentCode: string): void {
    const current = this.#children.get(parentCode);
    if (current && current.state !== 'error') return;
    this.#children.set(parentCode, { state: 'loading' });
    this.#changed();
    getApi()
      .listRegionChildren({ parentCode })
      .then(
        (data) => {
          for (const region of data) this.#names.set(region.code, region.name);
          this.#children.set(parentCode, { state: 'ready', data });
        },
        (error: unknown) => this.#children.set(parentCode, { state: 'error', error: asApiError(error) }),
      )
      .finally(() => this.#changed());
  }

  loadTps(desaCode: string): void {
    const current = this.#tps.get(desaCode);
    if (current && current.state !== 'error') return;
    this.#tps.set(desaCode, { state: 'loading' });
    this.#changed();
    getApi()
      .listTps({ regionCode: desaCode, offset: 0, limit: TPS_PER_DESA_LIMIT })
      .then(
        (page) => this.#tps.set(desaCode, { state: 'ready', data: page.items }),
        (error: unknown) => this.#tps.set(desaCode, { state: 'error', error: asApiError(error) }),
      )
      .finally(() => this.#changed());
  }

  /** Forget everything (data changed on the host); views re-request what they show. */
  clear(): void {
    this.#children.clear();
    this.#tps.clear();
    this.#changed();
  }

  #changed(): void {
    this.#version += 1;
    for (const listener of [...this.#listeners]) listener();
  }
}

export const regionDirectory = new RegionDirectory();

/** Re-renders the caller whenever the directory learns something. */
export function useRegionDirectory(): RegionDirectory {
  useSyncExternalStore(regionDirectory.subscribe, regionDirectory.version);
  return regionDirectory;
}

/** Names for the desa of the given TPS codes: loads the children of each kecamatan involved. */
export function useDesaNames(desaCodes: readonly string[]): (desaCode: string) => string | undefined {
  const directory = useRegionDirectory();
  const kecamatan = [...new Set(desaCodes.map((code) => code.slice(0, 6)))];
  const key = kecamatan.join(',');
  useEffect(() => {
    for (const code of kecamatan) directory.loadChildren(code);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return (desaCode) => directory.name(desaCode);
}
