import type { Store } from '../store/open.ts';
import { appendAudit } from '../store/queries/audit.ts';
import { getHomeRegion, setHomeRegion } from '../store/queries/meta.ts';
import { getSettings } from '../store/queries/settings.ts';
import { DEMO_YEAR, KEDIRI_RACES, type DemoRace } from './demo-races.ts';
import { loadWilayah } from './load-wilayah.ts';
import { readWilayahText } from './wilayah-source.ts';

export type DemoName = 'kediri';

const DEMOS: Record<DemoName, { regionCode: string; races: readonly DemoRace[] }> = {
  kediri: { regionCode: '3506', races: KEDIRI_RACES },
};

export type DemoCounts = { kecamatan: number; desa: number; tps: number };

/**
 * Seeds a demo kabupaten from the app's own wilayah data: its province, kecamatan, desa and every TPS
 * (regular and special 901+), demo DPT per TPS, and its races with invented paslon marked demo.
 * Idempotent (rows that exist are left as they are) and atomic (one transaction).
 * Returns what the kabupaten holds afterwards.
 */
export function seedDemo(store: Store, name: DemoName, options: { wilayahPath?: string } = {}): DemoCounts {
  const demo = DEMOS[name];
  const wilayah = readWilayahText(options.wilayahPath);
  const { db } = store;
  return db.transaction(() => {
    const loaded = loadWilayah(store, wilayah, demo.regionCode);
    if (loaded.regions === 0) {
      const exists = db.prepare('SELECT 1 FROM region WHERE code = ?').get(demo.regionCode);
      if (!exists) throw new Error(`seedDemo: region ${demo.regionCode} is not in the wilayah data`);
    }
    const races = demo.races.map((race) => insertRace(store, race)).reduce((a, b) => a + b, 0);
    if (getHomeRegion(store) === null) setHomeRegion(store, demo.regionCode);
    if (loaded.regions + loaded.tps + races > 0) {
      appendAudit(store, {
        actor: 'sistem',
        device: getSettings(store).deviceName,
        action: 'seed.demo',
        entity: `wilayah:${demo.regionCode}`,
        after: { demo: name, regions: loaded.regions, tps: loaded.tps, racesRows: races },
      });
    }
    const counts = db.prepare('SELECT kecamatan_count, desa_count, tps_count FROM region_stats WHERE code = ?')
      .get(demo.regionCode) as { kecamatan_count: number; desa_count: number; tps_count: number };
    return { kecamatan: counts.kecamatan_count, desa: counts.desa_count, tps: counts.tps_count };
  })();
}

/** Inserts a race and its paslon unless they exist; returns how many rows were new. */
function insertRace(store: Store, race: DemoRace): number {
  const { db } = store;
  let changes = db.prepare(`
    INSERT INTO election (jenis, region_code, name, year, demo) VALUES (?, ?, ?, ?, 1)
    ON CONFLICT (jenis, region_code, year) DO NOTHING`).run(race.jenis, race.regionCode, race.name, DEMO_YEAR).changes;
  const { id } = db.prepare('SELECT id FROM election WHERE jenis = ? AND region_code = ? AND year = ?')
    .get(race.jenis, race.regionCode, DEMO_YEAR) as { id: number };
  const insertPaslon = db.prepare(`
    INSERT INTO paslon (election_id, nomor_urut, kepala, wakil, kotak_kosong) VALUES (?, ?, ?, ?, 0)
    ON CONFLICT (election_id, nomor_urut) DO NOTHING`);
  race.paslon.forEach((p, i) => {
    changes += insertPaslon.run(id, i + 1, p.kepala, p.wakil).changes;
  });
  return changes;
}
