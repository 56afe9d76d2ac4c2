import type { Store } from '../store/open.ts';
import { appendAudit } from '../store/queries/audit.ts';
import { getSettings } from '../store/queries/settings.ts';
import { loadWilayah } from './load-wilayah.ts';
import { readWilayahText } from './wilayah-source.ts';

export type CountryCounts = { provinsi: number; kabkota: number; kecamatan: number; desa: number; tps: number };

/**
 * Seeds every region and TPS of the country (demo DPT) in one transaction: 38 provinces, 514 kab/kota,
 * 7,277 kecamatan, 83,731 desa and 820,161 TPS from the 2024 data. Overseas codes (99…) only with
 * `includeOverseas`. Idempotent. Used by the store benchmark and the rekap benchmark.
 */
export function seedCountry(store: Store, options: { wilayahPath?: string; includeOverseas?: boolean } = {}): CountryCounts {
  const wilayah = readWilayahText(options.wilayahPath);
  const { db } = store;
  const previousCache = db.pragma('cache_size', { simple: true }) as number;
  // the whole load is one transaction: a bigger page cache keeps it from spilling to the WAL early
  db.pragma('cache_size = -262144');
  try {
    return db.transaction(() => {
      const loaded = loadWilayah(store, wilayah, '', { includeOverseas: options.includeOverseas });
      if (loaded.regions + loaded.tps > 0) {
        appendAudit(store, {
          actor: 'sistem',
          device: getSettings(store).deviceName,
          action: 'seed.country',
          entity: 'wilayah:*',
          after: { regions: loaded.regions, tps: loaded.tps, includeOverseas: options.includeOverseas ?? false },
        });
      }
      const row = db.prepare(`
        SELECT count(*) AS provinsi, sum(s.kabkota_count) AS kabkota, sum(s.kecamatan_count) AS kecamatan,
          sum(s.desa_count) AS desa, sum(s.tps_count) AS tps
        FROM region r JOIN region_stats s ON s.code = r.code WHERE r.parent_code IS NULL`).get() as CountryCounts;
      return row;
    })();
  } finally {
    db.pragma(`cache_size = ${previousCache}`);
  }
}
