/**
 * A real core over an in-memory store seeded with the Kediri demo, plus verified, consistent C.Hasil
 * numbers for every TPS of one kecamatan in the bupati race (as review would leave them), loaded into the
 * rekap engine. Outputs are checked against the contract.
 */
import { startCore, type AppCore } from '../../../main/bootstrap.ts';
import { appendAudit, type Store } from '../../../main/store/index.ts';
import type { MethodName } from '../../../shared/api/contract.ts';
import { consistentRowWriter, seededRandom } from '../../rekap/support/consistent-values.ts';

export const BUPATI = 2;
export const GUBERNUR = 1;
/** Kecamatan Semen, Kabupaten Kediri (the first kecamatan of the demo). */
export const KECAMATAN = '350601';

export type PlenoTestCore = AppCore & { internalErrors: { error: unknown; method: MethodName }[] };

export function plenoCore(options: { verified?: string | null; dbPath?: string } = {}): PlenoTestCore {
  const internalErrors: { error: unknown; method: MethodName }[] = [];
  const core = startCore({
    dbPath: options.dbPath ?? ':memory:',
    face: 'electron',
    seedDemo: true,
    validateOutputs: true,
    dataDir: '/data/Pleno',
    rekap: 'lazy',
    onInternalError: (error, method) => internalErrors.push({ error, method }),
  });
  const region = options.verified === undefined ? KECAMATAN : options.verified;
  if (region !== null) fillVerified(core.store, BUPATI, region, core.rekap.engine().fieldIds(BUPATI));
  core.rekap.reload();
  core.rekap.engine();
  return Object.assign(core, { internalErrors });
}

/** Every TPS under `regionCode` verified for the race with consistent numbers (seeded, so repeatable). */
export function fillVerified(store: Store, electionId: number, regionCode: string, fields: { ok: boolean; value?: string[] }): number {
  if (!fields.ok || !fields.value) throw new Error('race not in the rekap');
  const ids = fields.value;
  const write = consistentRowWriter(ids);
  const random = seededRandom(7);
  const row = new Int16Array(ids.length);
  const tps = store.db.prepare('SELECT code, dpt_l, dpt_p FROM tps WHERE code >= ? AND code < ? ORDER BY code')
    .all(regionCode, `${regionCode}:`) as { code: string; dpt_l: number; dpt_p: number }[];
  const now = new Date().toISOString();
  store.db.transaction(() => {
    const audit = appendAudit(store, { actor: 'test', device: 'test', action: 'tally.test', entity: `wilayah:${regionCode}` });
    const status = store.db.prepare("INSERT INTO tps_status (tps_code, election_id, status, updated_at) VALUES (?, ?, 'verified', ?)");
    const value = store.db.prepare("INSERT INTO tally_value (election_id, tps_code, field_id, value, source, audit_id, updated_at) VALUES (?, ?, ?, ?, 'operator', ?, ?)");
    for (const t of tps) {
      write(random, t.dpt_l, t.dpt_p, row);
      status.run(t.code, electionId, now);
      ids.forEach((id, i) => value.run(electionId, t.code, id, row[i], audit.id, now));
    }
  })();
  return tps.length;
}

/** A valid openPlenoSession input for the kecamatan. */
export function openInput(overrides: Record<string, unknown> = {}) {
  return {
    electionId: BUPATI,
    regionCode: KECAMATAN,
    heldOn: '2024-11-28',
    place: 'Aula Kantor Kecamatan Mojo',
    anggota: [{ name: 'Siti Rahmawati', title: 'Ketua PPK' }, { name: 'Budi Santoso', title: 'Anggota PPK' }],
    saksi: [{ nomorUrut: 1, name: 'Ahmad Fauzi' }, { nomorUrut: 2, name: 'Rina Kartika' }, { nomorUrut: 3, name: 'Joko Prasetyo' }],
    pengawas: [{ name: 'Dewi Lestari', title: 'Panwascam Mojo' }],
    ...overrides,
  };
}
