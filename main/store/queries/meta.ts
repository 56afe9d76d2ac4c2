import { Region } from '../../../shared/domain/types.ts';
import type { Store } from '../open.ts';
import { getRegion } from './regions.ts';
import { readSetting, writeSetting } from './settings.ts';

const HOME_REGION_KEY = 'homeRegionCode';

/** True when no region has been loaded yet (a fresh database: time to seed or import). */
export function isEmpty(store: Store): boolean {
  return store.db.prepare('SELECT 1 FROM region LIMIT 1').get() === undefined;
}

/** True when the database holds demo data (a race marked demo). */
export function isDemo(store: Store): boolean {
  return store.db.prepare('SELECT 1 FROM election WHERE demo = 1 LIMIT 1').get() !== undefined;
}

/** The region this database was set up for (e.g. Kabupaten Kediri), or null. */
export function getHomeRegion(store: Store): Region | null {
  const code = readSetting(store, HOME_REGION_KEY);
  return typeof code === 'string' ? getRegion(store, code) : null;
}

export function setHomeRegion(store: Store, code: string): void {
  if (getRegion(store, code) === null) throw new Error(`setHomeRegion: region ${code} does not exist`);
  writeSetting(store, HOME_REGION_KEY, code);
}
