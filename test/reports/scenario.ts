/**
 * A small but real pleno scenario for the document tests: demo Kediri seeded into a temp SQLite store,
 * kecamatan 350601 with C.Hasil states and values written the way intake/review write them (tps_status +
 * tally_value + audit), two TPS carrying arithmetic errors, then the rekap engine loaded from the store.
 */
import { appendAudit } from '../../main/store/queries/audit.ts';
import { openStore, listElections, type Store } from '../../main/store/index.ts';
import { seedDemo } from '../../main/seed/demo.ts';
import { fieldLayout, loadRekapFromStore, type RekapEngine, type RekapResult } from '../../main/rekap/index.ts';
import { consistentValues, seededRandom } from '../rekap/support/consistent-values.ts';
import type { BeritaAcara } from '../../main/reports/types.ts';

export const KECAMATAN = '350601';
export const KABKOTA = '3506';

export type Scenario = {
  store: Store;
  engine: RekapEngine;
  bupati: number;
  /** TPS of the kecamatan by what was written. */
  verified: string[];
  withheld: string[];
  review: string[];
  /** Verified TPS whose numbers break the arithmetic (Σ paslon ≠ V.A). */
  broken: string[];
  /** A photo hash attached to the first verified TPS (3 pages). */
  photos: Record<string, string[]>;
};

export function ok<T>(r: RekapResult<T>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

/** `dbPath`: a new SQLite file (tests pass tempDbPath(); the samples script its own temp folder). */
export function buildScenario(dbPath: string): Scenario {
  const store = openStore(dbPath);
  seedDemo(store, 'kediri');
  const bupati = listElections(store).find((e) => e.jenis === 'bupati')!.id;
  const layout = fieldLayout([1, 2, 3]);
  const fieldIds = layout.ids.slice(0, layout.formCount);
  const random = seededRandom(5);
  const now = '2024-11-28T09:00:00.000Z';
  const { db } = store;
  const setStatus = db.prepare(`INSERT INTO tps_status (tps_code, election_id, status, reason, updated_at) VALUES (?, ?, ?, ?, ?)`);
  const setValue = db.prepare(`INSERT INTO tally_value (election_id, tps_code, field_id, value, source, audit_id, updated_at) VALUES (?, ?, ?, ?, 'operator', ?, ?)`);
  const tps = db.prepare(`SELECT code, dpt_l, dpt_p FROM tps WHERE code >= ? AND code < ? ORDER BY code`).all(KECAMATAN, `${KECAMATAN}:`) as { code: string; dpt_l: number; dpt_p: number }[];
  const s: Scenario = { store, engine: undefined as unknown as RekapEngine, bupati, verified: [], withheld: [], review: [], broken: [], photos: {} };
  db.transaction(() => {
    tps.forEach((t, i) => {
      if (i % 17 === 5) {
        setStatus.run(t.code, bupati, 'withheld', 'bukan formulir C.Hasil', now);
        s.withheld.push(t.code);
        return;
      }
      if (i % 13 === 7) {
        setStatus.run(t.code, bupati, 'needs_review', null, now);
        s.review.push(t.code);
        return;
      }
      if (i % 9 === 8) return; // no C.Hasil yet
      const values = consistentValues(fieldIds, random, t.dpt_l, t.dpt_p);
      if (i === 3 || i === 40) {
        values['IV.2'] = values['IV.2']! + 7; // misread digit: Σ paslon ≠ suara sah
        s.broken.push(t.code);
      }
      const audit = appendAudit(store, { actor: 'uji', device: 'uji', action: 'tally.set', entity: `tps:${t.code}`, after: values }).id;
      setStatus.run(t.code, bupati, 'verified', null, now);
      for (const [field, value] of Object.entries(values)) setValue.run(bupati, t.code, field, value, audit, now);
      s.verified.push(t.code);
    });
  })();
  // photos of the first verified TPS, as intake would attach them
  const first = s.verified[0]!;
  const hashes = ['a', 'b', 'c'].map((ch) => ch.repeat(64));
  hashes.forEach((h, k) => {
    db.prepare(`INSERT INTO blob (sha256, size, mime, created_at) VALUES (?, 1000, 'image/jpeg', ?)`).run(h, now);
    db.prepare(`INSERT INTO sheet (blob_sha256, blob_page, election_id, tps_code, halaman, attached_by, created_at) VALUES (?, 1, ?, ?, ?, 'page_tag', ?)`).run(h, bupati, first, k + 1, now);
  });
  s.photos[first] = hashes;
  s.engine = loadRekapFromStore(store).engine;
  return s;
}

/** A berita acara as main/pleno would pass it: members, saksi, Panwascam, one objection, one event, two corrections. */
export function sampleBeritaAcara(s: Scenario): BeritaAcara {
  const [a, b] = s.verified;
  return {
    sessionRef: 'Sesi pleno PPK Semen #1',
    openedAt: '2024-11-29T01:00:00.000Z',
    closedAt: '2024-11-29T09:30:00.000Z',
    tempat: 'Aula Kantor Kecamatan Semen',
    anggota: [
      { nama: 'Drs. Slamet Riyadi', jabatan: 'Ketua' },
      { nama: 'Siti Khoiriyah, S.Pd.', jabatan: 'Anggota' },
      { nama: 'Agus Prasetyo', jabatan: 'Anggota' },
      { nama: 'Ninik Rahayu', jabatan: 'Anggota' },
      { nama: 'Moh. Fauzi', jabatan: 'Anggota' },
    ],
    saksi: [
      { nomorUrut: 1, hadir: [{ nama: 'Joko Susilo' }] },
      { nomorUrut: 2, hadir: [{ nama: 'Wahyu Hidayat' }] },
      { nomorUrut: 3, hadir: [] },
    ],
    pengawas: [{ nama: 'Lilik Mardiana', jabatan: 'Ketua Panwaslu Kecamatan' }],
    keberatan: [{
      item: a!.slice(0, 10), itemName: 'Desa Bulu', diajukanOleh: 'Wahyu Hidayat (saksi paslon 2)',
      isi: 'Suara tidak sah di TPS 002 terlalu banyak', keputusan: 'Dicocokkan dengan C.Hasil plano; angka tetap', at: '2024-11-29T03:10:00.000Z',
    }],
    kejadianKhusus: [{ item: null, itemName: null, uraian: 'Listrik padam 20 menit', tindakLanjut: 'Rapat diskors, dilanjutkan dengan genset', at: '2024-11-29T04:00:00.000Z' }],
    koreksi: [
      { tpsCode: a!, itemName: 'Desa Bulu', fieldId: 'IV.2', fieldLabel: 'Suara paslon 2', lama: 148, baru: 141, alasan: 'Angka 1 terbaca 8', dasar: 'keputusan pleno', at: '2024-11-29T02:15:00.000Z' },
      { tpsCode: b!, itemName: 'Desa Bulu', fieldId: 'V.B', fieldLabel: 'Suara tidak sah', lama: 9, baru: 4, alasan: 'Salah hitung di TPS', dasar: 'keputusan pleno', at: '2024-11-29T02:40:00.000Z' },
    ],
  };
}
