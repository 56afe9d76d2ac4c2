import assert from 'node:assert/strict';
import { before, after, describe, test } from 'node:test';
import { openStore, regionStatsDrift, getStatusSummary, getTps, type Store } from '../../main/store/index.ts';
import { appendAudit } from '../../main/store/queries/audit.ts';
import { withDeferredStats } from '../../main/store/region-stats.ts';
import { tempDbPath } from './temp-dir.ts';

let store: Store;

/** The error SQLite raises for a refused row: a constraint (CHECK, FK, type, trigger). */
function refused(sql: string, params: unknown[] = [], pattern: RegExp = /./): void {
  assert.throws(() => store.db.prepare(sql).run(...params), (err: unknown) => {
    const code = String((err as { code?: unknown }).code);
    assert.match(code, /^SQLITE_CONSTRAINT/, `expected a constraint error, got ${code}: ${(err as Error).message}`);
    assert.match((err as Error).message, pattern);
    return true;
  });
}

before(() => {
  store = openStore(tempDbPath());
  store.db.exec(`
    INSERT INTO region (code, parent_code, level, name) VALUES
      ('35', NULL, 'provinsi', 'JAWA TIMUR'), ('3506', '35', 'kabkota', 'KEDIRI'), ('3571', '35', 'kabkota', 'KEDIRI'),
      ('350601', '3506', 'kecamatan', 'SEMEN'), ('3506012001', '350601', 'desa', 'SEMEN'),
      ('357101', '3571', 'kecamatan', 'MOJOROTO'), ('3571011001', '357101', 'desa', 'POJOK');
    INSERT INTO tps (code, desa_code, nomor, dpt_l, dpt_p) VALUES
      ('3506012001001', '3506012001', 1, 120, 130), ('3506012001002', '3506012001', 2, 101, 99),
      ('3571011001001', '3571011001', 1, 150, 150);
    INSERT INTO election (id, jenis, region_code, name, year) VALUES
      (1, 'gubernur', '35', 'Pemilihan Gubernur', 2024), (2, 'bupati', '3506', 'Pemilihan Bupati', 2024);
    INSERT INTO paslon (election_id, nomor_urut, kepala, wakil) VALUES (1, 1, 'A', 'B'), (1, 2, 'C', 'D');`);
});
after(() => store.close());

describe('STRICT tables and CHECK constraints refuse bad rows', () => {
  test('region: code shape, level, parent', () => {
    refused("INSERT INTO region VALUES ('3a', NULL, 'provinsi', 'X')");
    refused("INSERT INTO region VALUES ('36', NULL, 'kabkota', 'X')");
    refused("INSERT INTO region VALUES ('3507', '36', 'kabkota', 'X')");
    refused("INSERT INTO region VALUES ('350', '35', 'kabkota', 'X')");
    refused("INSERT INTO region VALUES ('3599', '35', 'kabkota', '   ')");
    // parent code that matches the prefix but does not exist: foreign key
    refused("INSERT INTO region VALUES ('3698', '36', 'kabkota', 'X')", [], /FOREIGN KEY/);
    refused("UPDATE region SET code = '3507' WHERE code = '3506'", [], /tidak boleh diubah/);
  });

  test('tps: 13 digits, consistent with its desa and number, whole DPT within the form', () => {
    refused("INSERT INTO tps (code, desa_code, nomor, dpt_l, dpt_p) VALUES ('350601200100', '3506012001', 1, 1, 1)");
    refused("INSERT INTO tps (code, desa_code, nomor, dpt_l, dpt_p) VALUES ('3506012001003', '3571011001', 3, 1, 1)");
    refused("INSERT INTO tps (code, desa_code, nomor, dpt_l, dpt_p) VALUES ('3506012001003', '3506012001', 4, 1, 1)");
    refused("INSERT INTO tps (code, desa_code, nomor, dpt_l, dpt_p) VALUES ('3506012001000', '3506012001', 0, 1, 1)");
    refused("INSERT INTO tps (code, desa_code, nomor, dpt_l, dpt_p) VALUES ('3506012001003', '3506012001', 3, -1, 1)");
    refused("INSERT INTO tps (code, desa_code, nomor, dpt_l, dpt_p) VALUES ('3506012001003', '3506012001', 3, 500, 500)");
    refused("INSERT INTO tps (code, desa_code, nomor, dpt_l, dpt_p) VALUES ('3506012001003', '3506012001', 3, 'banyak', 1)");
    refused("INSERT INTO tps (code, desa_code, nomor, dpt_l, dpt_p) VALUES ('3506012001003', '3506012001', 3, 1.5, 1)");
    refused("INSERT INTO tps (code, desa_code, nomor, dpt_l, dpt_p, status) VALUES ('3506012001003', '3506012001', 3, 1, 1, 'selesai')");
    refused("UPDATE tps SET code = '3506012001009' WHERE code = '3506012001001'", [], /tidak boleh diubah/);
  });

  test('election and paslon: race matches its region, nomor urut 1–6, kotak kosong without names, once', () => {
    refused("INSERT INTO election (jenis, region_code, name, year) VALUES ('bupati', '3571', 'X', 2024)");
    refused("INSERT INTO election (jenis, region_code, name, year) VALUES ('walikota', '3506', 'X', 2024)");
    refused("INSERT INTO election (jenis, region_code, name, year) VALUES ('gubernur', '3506', 'X', 2024)");
    refused("INSERT INTO election (jenis, region_code, name, year) VALUES ('presiden', '35', 'X', 2024)");
    refused("INSERT INTO election (jenis, region_code, name, year) VALUES ('gubernur', '35', 'Lagi', 2024)", [], /UNIQUE/);
    refused("INSERT INTO paslon (election_id, nomor_urut, kepala, wakil) VALUES (1, 7, 'A', 'B')");
    refused("INSERT INTO paslon (election_id, nomor_urut, kepala, wakil) VALUES (1, 3, '', 'B')");
    refused("INSERT INTO paslon (election_id, nomor_urut, kepala, wakil, kotak_kosong) VALUES (1, 3, 'A', 'B', 1)");
    store.db.prepare("INSERT INTO paslon (election_id, nomor_urut, kepala, wakil, kotak_kosong) VALUES (2, 2, '', '', 1)").run();
    refused("INSERT INTO paslon (election_id, nomor_urut, kepala, wakil, kotak_kosong) VALUES (2, 3, '', '', 1)", [], /UNIQUE/);
    store.db.prepare('DELETE FROM paslon WHERE election_id = 2').run();
  });

  test('readings are append-only and results stay inside the race region', () => {
    const audit = appendAudit(store, { actor: 'uji', device: 'uji', action: 'test', entity: 'x' });
    store.db.exec(`
      INSERT INTO blob (sha256, size, mime, created_at) VALUES ('${'a'.repeat(64)}', 10, 'image/jpeg', '2024-11-28T00:00:00Z');
      INSERT INTO sheet (id, blob_sha256, created_at) VALUES (1, '${'a'.repeat(64)}', '2024-11-28T00:00:00Z');
      INSERT INTO reading (id, sheet_id, engine, verdict, created_at) VALUES (1, 1, 'uji', 'accepted', '2024-11-28T00:00:00Z');
      INSERT INTO reading_field (reading_id, field_id, value, confidence, source, needs_review) VALUES (1, 'IV.1', 87, 0.99, 'digits', 0);`);
    refused("UPDATE reading_field SET value = 37 WHERE reading_id = 1", [], /hanya boleh ditambah/);
    refused('DELETE FROM reading WHERE id = 1', [], /hanya boleh ditambah/);
    refused("INSERT INTO reading_field (reading_id, field_id, value, confidence, source, needs_review) VALUES (1, 'IV.2', 1000, 0.5, 'digits', 0)");
    refused(`INSERT INTO sheet (blob_sha256, created_at) VALUES ('${'a'.repeat(64)}', 'x')`, [], /UNIQUE/);
    refused(`INSERT INTO sheet (blob_sha256, blob_page, withheld, created_at) VALUES ('${'a'.repeat(64)}', 2, 1, 'x')`, [], /CHECK/);
    // the bupati race of 3506 has no results in Kota Kediri (3571)
    refused(`INSERT INTO tally_value (election_id, tps_code, field_id, value, source, audit_id, updated_at)
             VALUES (2, '3571011001001', 'IV.1', 10, 'operator', ${audit.id}, 'x')`, [], /luar wilayah/);
    refused(`INSERT INTO tally_value (election_id, tps_code, field_id, value, source, audit_id, updated_at)
             VALUES (2, '3506012001001', 'IV.1', 10, 'machine', ${audit.id}, 'x')`);
    store.db.prepare(`INSERT INTO tally_value (election_id, tps_code, field_id, value, source, audit_id, updated_at)
             VALUES (2, '3506012001001', 'IV.1', 10, 'operator', ?, 'x')`).run(audit.id);
    refused("INSERT INTO tps_status (tps_code, election_id, status, updated_at) VALUES ('3571011001001', 2, 'received', 'x')", [], /luar wilayah/);
    refused("INSERT INTO tps_status (tps_code, election_id, status, updated_at) VALUES ('3506012001001', 2, 'withheld', 'x')");
  });
});

describe('TPS status: per race, combined per TPS, counted per region', () => {
  const setStatus = (tps: string, election: number, status: string, reason: string | null = null) =>
    store.db.prepare(`INSERT INTO tps_status (tps_code, election_id, status, reason, updated_at) VALUES (?, ?, ?, ?, 'x')
      ON CONFLICT (tps_code, election_id) DO UPDATE SET status = excluded.status, reason = excluded.reason`).run(tps, election, status, reason);
  const status = (tps: string) => getTps(store, tps)?.status;

  test('a TPS is verified only when every race held there is', () => {
    const t = '3506012001001';
    assert.equal(status(t), 'no_chasil');
    setStatus(t, 2, 'verified');
    assert.equal(status(t), 'no_chasil', 'the gubernur C.Hasil is still missing');
    setStatus(t, 1, 'received');
    assert.equal(status(t), 'received');
    setStatus(t, 1, 'needs_review');
    assert.equal(status(t), 'needs_review');
    setStatus(t, 1, 'verified');
    assert.equal(status(t), 'verified');
    setStatus(t, 2, 'withheld', 'foto bukan C.Hasil');
    assert.equal(status(t), 'withheld');
    // Kota Kediri has only the gubernur race
    setStatus('3571011001001', 1, 'verified');
    assert.equal(status('3571011001001'), 'verified');
  });

  test('region counts follow every change, and equal a full recount', () => {
    const prov = getStatusSummary(store, '35')!;
    assert.deepEqual(prov.status, { no_chasil: 1, received: 0, needs_review: 0, verified: 1, withheld: 1 });
    assert.equal(getStatusSummary(store, '3506')!.status.withheld, 1);
    store.db.prepare('DELETE FROM tps_status WHERE tps_code = ? AND election_id = 2').run('3506012001001');
    assert.equal(status('3506012001001'), 'no_chasil');
    store.db.prepare('UPDATE tps SET dpt_l = 200 WHERE code = ?').run('3506012001002');
    assert.equal(getStatusSummary(store, '3506')!.dpt, 120 + 130 + 200 + 99);
    assert.deepEqual(regionStatsDrift(store.db), []);
  });

  test('a new race covering verified TPS sends them back to no_chasil', () => {
    assert.equal(status('3571011001001'), 'verified');
    store.db.prepare("INSERT INTO election (id, jenis, region_code, name, year) VALUES (3, 'walikota', '3571', 'Pemilihan Wali Kota', 2024)").run();
    assert.equal(status('3571011001001'), 'no_chasil');
    store.db.prepare('DELETE FROM election WHERE id = 3').run();
    assert.equal(status('3571011001001'), 'verified');
    assert.deepEqual(regionStatsDrift(store.db), []);
  });
});

describe('bulk loads with the stats triggers off', () => {
  test('a load that throws is undone with its dropped triggers, even if the caller carries on', () => {
    const s = openStore(':memory:');
    s.db.exec("INSERT INTO region VALUES ('35', NULL, 'provinsi', 'JAWA TIMUR')");
    s.db.transaction(() => {
      assert.throws(() => withDeferredStats(s.db, '35', () => {
        s.db.exec("INSERT INTO region VALUES ('3506', '35', 'kabkota', 'KEDIRI')");
        throw new Error('gagal di tengah');
      }), /gagal di tengah/);
      withDeferredStats(s.db, '35', () => s.db.exec("INSERT INTO region VALUES ('3571', '35', 'kabkota', 'KEDIRI')"));
    })();
    assert.deepEqual(s.db.prepare('SELECT code FROM region ORDER BY code').pluck().all(), ['35', '3571']);
    assert.equal(getStatusSummary(s, '35')!.kabkota, 1);
    assert.equal(s.db.prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name GLOB '*_stats_on_*'").pluck().get(), 5);
    // the triggers are live again: a plain insert is counted
    s.db.exec("INSERT INTO region VALUES ('3572', '35', 'kabkota', 'BLITAR')");
    assert.equal(getStatusSummary(s, '35')!.kabkota, 2);
    assert.deepEqual(regionStatsDrift(s.db), []);
    assert.throws(() => withDeferredStats(s.db, '', () => 0), /inside a transaction/);
    s.close();
  });
});
