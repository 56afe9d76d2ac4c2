/**
 * The status board per race (pemilihan) over a real Kediri store: a TPS's C.Hasil is counted in each
 * race by that race's own status, and "all races" keeps the least advanced one. Counts from
 * getStatusCounts must match the TPS rows listed for the same race, and add up to the TPS count.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { callMethod } from '../../main/api/call-method.ts';
import { raceScope } from '../../main/store/queries/status-race.ts';
import type { StatusBoardCounts, StatusBoardPage, StatusCsv } from '../../shared/api/methods/status.ts';
import type { Election, RegionSummary, StatusCounts, TpsStatus } from '../../shared/domain/types.ts';
import { demoCore, type TestCore } from '../api/demo-core.ts';

const KEDIRI = '3506';
const SEMEN = '350601';
const BULU = '3506012001';
const STATES: readonly TpsStatus[] = ['no_chasil', 'received', 'needs_review', 'verified', 'withheld'];

let core: TestCore;
let gubernur: Election;
let bupati: Election;
let tps: string[];

const call = <T>(name: string, input: unknown) => callMethod(core.api, name as never, input, 'viewer') as Promise<T>;

function setRace(tpsCode: string, electionId: number, status: TpsStatus, reason: string | null = null) {
  core.store.db.prepare(`
    INSERT INTO tps_status (tps_code, election_id, status, reason, updated_at) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (tps_code, election_id) DO UPDATE SET status = excluded.status, reason = excluded.reason`)
    .run(tpsCode, electionId, status, reason, new Date().toISOString());
}

const sum = (c: StatusCounts) => STATES.reduce((n, s) => n + c[s], 0);

describe('papan status per pemilihan (API, SQLite sungguhan)', () => {
  before(async () => {
    core = demoCore();
    const races = await call<Election[]>('listElections', {});
    gubernur = races.find((r) => r.jenis === 'gubernur')!;
    bupati = races.find((r) => r.jenis === 'bupati')!;
    tps = (core.store.db.prepare('SELECT code FROM tps WHERE desa_code = ? ORDER BY code LIMIT 4').pluck().all(BULU) as string[]);
    // TPS 0: verified for the governor, no C.Hasil for the bupati. TPS 1: withheld for the bupati only.
    // TPS 2: needs_review (gubernur) + received (bupati). TPS 3: an explicit no_chasil row for the bupati.
    setRace(tps[0]!, gubernur.id, 'verified');
    setRace(tps[0]!, bupati.id, 'no_chasil', 'halaman 1 dari 2 belum ada');
    setRace(tps[1]!, gubernur.id, 'verified');
    setRace(tps[1]!, bupati.id, 'withheld', 'Foto bukan formulir C.Hasil');
    setRace(tps[2]!, gubernur.id, 'needs_review', 'IV.1 perlu diperiksa');
    setRace(tps[2]!, bupati.id, 'received');
    setRace(tps[3]!, gubernur.id, 'received');
    setRace(tps[3]!, bupati.id, 'no_chasil');
  });
  after(() => core.close());

  test('satu TPS: terverifikasi di gubernur, belum ada C.Hasil di bupati, dan yang paling belum maju di "semua"', async () => {
    const row = async (electionId?: number) =>
      (await call<StatusBoardPage>('listStatusBoardTps', { regionCode: BULU, limit: 4, ...(electionId ? { electionId } : {}) })).items;
    const all = await row();
    const gub = await row(gubernur.id);
    const bup = await row(bupati.id);
    assert.deepEqual(all.map((r) => r.status), ['no_chasil', 'withheld', 'received', 'no_chasil']);
    assert.deepEqual(gub.map((r) => r.status), ['verified', 'verified', 'needs_review', 'received']);
    assert.deepEqual(bup.map((r) => r.status), ['no_chasil', 'withheld', 'received', 'no_chasil']);
    // The note is the race's own reason.
    assert.deepEqual(gub.map((r) => r.note), [null, null, 'IV.1 perlu diperiksa', null]);
    assert.deepEqual(bup.map((r) => r.note), ['halaman 1 dari 2 belum ada', 'Foto bukan formulir C.Hasil', null, null]);
    assert.equal(all[1]!.note, 'Foto bukan formulir C.Hasil');
    // Same TPS, names and DPT in every view.
    assert.deepEqual(gub.map((r) => [r.code, r.desaName, r.dptL]), all.map((r) => [r.code, r.desaName, r.dptL]));
  });

  test('filter per status dan totalnya mengikuti pemilihan yang dipilih', async () => {
    const page = (electionId: number, status: TpsStatus) =>
      call<StatusBoardPage>('listStatusBoardTps', { regionCode: KEDIRI, electionId, status, limit: 100 });
    const gubVerified = await page(gubernur.id, 'verified');
    assert.deepEqual(gubVerified.items.map((r) => r.code), [tps[0], tps[1]]);
    assert.equal(gubVerified.total, 2);
    const bupVerified = await page(bupati.id, 'verified');
    assert.deepEqual([bupVerified.items.length, bupVerified.total], [0, 0]);
    const bupWithheld = await page(bupati.id, 'withheld');
    assert.deepEqual(bupWithheld.items.map((r) => r.code), [tps[1]]);
    // no_chasil includes TPS with no row at all and TPS with an explicit no_chasil row.
    const bupMissing = await page(bupati.id, 'no_chasil');
    const kediriTps = (core.store.db.prepare('SELECT tps_count FROM region_stats WHERE code = ?').pluck().get(KEDIRI) as number);
    assert.equal(bupMissing.total, kediriTps - 2);
    const paged = await call<StatusBoardPage>('listStatusBoardTps', { regionCode: BULU, electionId: bupati.id, status: 'no_chasil', limit: 100 });
    assert.ok(paged.items.some((r) => r.code === tps[0]) && paged.items.some((r) => r.code === tps[3]));
    assert.equal(paged.items.length, paged.total);
  });

  test('jumlah per status: setiap tingkat, setiap pemilihan, dan semua — cocok dan berjumlah sama dengan TPS', async () => {
    for (const regionCode of [KEDIRI, SEMEN, BULU]) {
      const combined = await call<StatusBoardCounts>('getStatusCounts', { regionCode });
      // Without a race: exactly the stored aggregates the board already used.
      const region = (await call<{ region: RegionSummary }>('getRegion', { code: regionCode })).region;
      assert.deepEqual(combined.region, region);
      if (regionCode !== BULU) assert.deepEqual(combined.children, await call<RegionSummary[]>('listRegionChildren', { parentCode: regionCode }));
      for (const race of [gubernur, bupati]) {
        const counts = await call<StatusBoardCounts>('getStatusCounts', { regionCode, electionId: race.id });
        assert.equal(counts.region.tpsCount, region.tpsCount, 'both races cover every TPS of Kediri');
        assert.equal(sum(counts.region.status), counts.region.tpsCount);
        // Each state's count is the number of rows the list gives for it.
        for (const status of STATES) {
          const listed = await call<StatusBoardPage>('listStatusBoardTps', { regionCode, electionId: race.id, status, limit: 1 });
          assert.equal(listed.total, counts.region.status[status], `${regionCode} ${race.jenis} ${status}`);
        }
        // The children add up to the region, state by state.
        if (regionCode !== BULU) {
          assert.equal(counts.children.length, combined.children.length);
          for (const status of STATES) {
            assert.equal(counts.children.reduce((n, c) => n + c.status[status], 0), counts.region.status[status]);
          }
        } else {
          assert.deepEqual(counts.children, []);
        }
      }
    }
    const bulu = (electionId: number) => call<StatusBoardCounts>('getStatusCounts', { regionCode: BULU, electionId });
    const buluTotal = (await bulu(gubernur.id)).region.tpsCount;
    assert.deepEqual((await bulu(gubernur.id)).region.status, { no_chasil: buluTotal - 4, received: 1, needs_review: 1, verified: 2, withheld: 0 });
    assert.deepEqual((await bulu(bupati.id)).region.status, { no_chasil: buluTotal - 2, received: 1, needs_review: 0, verified: 0, withheld: 1 });
    const semen = await call<StatusBoardCounts>('getStatusCounts', { regionCode: KEDIRI, electionId: gubernur.id });
    assert.equal(semen.children.find((c) => c.code === SEMEN)!.status.verified, 2);
    assert.equal(semen.children.find((c) => c.code === '350602')!.status.verified, 0);
  });

  test('di atas wilayah pemilihan: di provinsi hanya kab/kota yang diikuti pemilihan bupati', async () => {
    const counts = await call<StatusBoardCounts>('getStatusCounts', { regionCode: '35', electionId: bupati.id });
    assert.deepEqual(counts.children.map((c) => c.code), [KEDIRI]);
    const kediri = (await call<{ region: RegionSummary }>('getRegion', { code: KEDIRI })).region;
    assert.equal(counts.region.tpsCount, kediri.tpsCount);
    assert.equal(counts.region.status.withheld, 1);
    assert.equal(raceScope('35', '3506'), '3506');
    assert.equal(raceScope('350601', '35'), '350601');
    assert.equal(raceScope('3507', '3506'), null);
  });

  test('CSV per pemilihan: nama file menyebut pemilihan, kolom Pemilihan, status dan keterangan pemilihan itu', async () => {
    const file = await call<StatusCsv>('exportStatusCsv', { regionCode: BULU, electionId: bupati.id });
    assert.equal(file.fileName, `status-${BULU}-bupati.csv`);
    const lines = file.csv.slice(1).split('\r\n').filter(Boolean);
    assert.equal(lines[0], 'Pemilihan,Kode TPS,Kecamatan,Desa/Kelurahan,TPS,DPT L,DPT P,DPT,Status,Kode status,Keterangan');
    assert.equal(lines.length - 1, file.rows);
    const byCode = new Map(lines.slice(1).map((l) => [l.split(',')[1]!, l.split(',')]));
    assert.ok(!bupati.name.includes(','), 'the demo race name needs no CSV quoting');
    assert.equal(byCode.get(tps[1]!)![0], bupati.name);
    assert.deepEqual(byCode.get(tps[1]!)!.slice(-3), ['Ditahan', 'withheld', 'Foto bukan formulir C.Hasil']);
    assert.deepEqual(byCode.get(tps[0]!)!.slice(-3), ['Belum ada C.Hasil', 'no_chasil', 'halaman 1 dari 2 belum ada']);
    const gub = await call<StatusCsv>('exportStatusCsv', { regionCode: BULU, electionId: gubernur.id, status: 'verified' });
    assert.equal(gub.fileName, `status-${BULU}-gubernur-verified.csv`);
    assert.equal(gub.rows, 2);
    // All races: unchanged file name and header.
    const all = await call<StatusCsv>('exportStatusCsv', { regionCode: BULU });
    assert.equal(all.fileName, `status-${BULU}.csv`);
    assert.ok(all.csv.startsWith('\uFEFFKode TPS,'));
    // A province's board names the bupati race's own kabupaten.
    const prov = await call<StatusCsv>('exportStatusCsv', { regionCode: '35', electionId: bupati.id, status: 'withheld' });
    assert.equal(prov.fileName, `status-35-bupati-${KEDIRI}-withheld.csv`);
    assert.equal(prov.rows, 1);
  });

  test('pemilihan yang tidak ada: not_found; input lama tanpa electionId tetap berlaku', async () => {
    await assert.rejects(call('getStatusCounts', { regionCode: KEDIRI, electionId: 999 }), /pemilihan tidak ditemukan/);
    await assert.rejects(call('listStatusBoardTps', { regionCode: KEDIRI, electionId: 999 }), /pemilihan tidak ditemukan/);
    await assert.rejects(call('exportStatusCsv', { regionCode: KEDIRI, electionId: 999 }), /pemilihan tidak ditemukan/);
    const old = await call<StatusBoardPage>('listStatusBoardTps', { regionCode: BULU });
    assert.equal(old.items[1]!.status, 'withheld');
    assert.deepEqual(core.internalErrors, []);
  });
});
