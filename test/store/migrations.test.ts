import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { openStore, SCHEMA_VERSION, StoreError, regionStatsDrift, getStatusSummary } from '../../main/store/index.ts';
import { openStoreWith } from '../../main/store/open.ts';
import { latestVersion } from '../../main/store/migrate.ts';
import { migrations, type Migration } from '../../main/store/migrations/index.ts';
import { PLENO_APPLICATION_ID } from '../../main/store/migrations/0001_wilayah.ts';
import { tempDbPath, tempDir } from './temp-dir.ts';

function sha256(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** Data a version-1 file can hold: a small tree with TPS, a setting. */
function fillVersion1(db: Database.Database): void {
  db.exec(`
    INSERT INTO region (code, parent_code, level, name) VALUES
      ('35', NULL, 'provinsi', 'JAWA TIMUR'), ('3506', '35', 'kabkota', 'KEDIRI'),
      ('350601', '3506', 'kecamatan', 'SEMEN'), ('3506012001', '350601', 'desa', 'SEMEN');
    INSERT INTO tps (code, desa_code, nomor, dpt_l, dpt_p) VALUES
      ('3506012001001', '3506012001', 1, 120, 130), ('3506012001002', '3506012001', 2, 101, 99);
    INSERT INTO setting (key, value) VALUES ('deviceName', '"Laptop lama"');`);
}

describe('migrations', () => {
  test('are numbered 1..n, and a gap is refused', () => {
    assert.equal(latestVersion(migrations), SCHEMA_VERSION);
    assert.ok(SCHEMA_VERSION >= 3);
    assert.throws(() => latestVersion([migrations[0]!, migrations[2]!]), /versions must be 1..n/);
  });

  test('from an empty file: every step applied and recorded, WAL and foreign keys on', () => {
    const file = tempDbPath();
    const store = openStore(file);
    try {
      assert.equal(store.schemaVersion, SCHEMA_VERSION);
      const { db } = store;
      assert.equal(db.pragma('user_version', { simple: true }), SCHEMA_VERSION);
      assert.equal(db.pragma('application_id', { simple: true }), PLENO_APPLICATION_ID);
      assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
      assert.equal(db.pragma('foreign_keys', { simple: true }), 1);
      const steps = db.prepare('SELECT version, name FROM schema_migration ORDER BY version').all();
      assert.deepEqual(steps, migrations.map((m) => ({ version: m.version, name: m.name })));
      const strictless = db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE '%STRICT%'`).all();
      assert.deepEqual(strictless, [], 'every table is STRICT');
    } finally {
      store.close();
    }
  });

  test(':memory: works', () => {
    const store = openStore(':memory:');
    assert.equal(store.schemaVersion, SCHEMA_VERSION);
    store.close();
  });

  for (let k = 1; k < SCHEMA_VERSION; k++) {
    test(`from version ${k}: upgraded to ${SCHEMA_VERSION} with its data intact`, () => {
      const file = tempDbPath();
      const old = openStoreWith(file, migrations.slice(0, k));
      assert.equal(old.schemaVersion, k);
      fillVersion1(old.db);
      old.close();

      const store = openStore(file);
      try {
        assert.equal(store.schemaVersion, SCHEMA_VERSION);
        const summary = getStatusSummary(store);
        assert.deepEqual({ ...summary, status: undefined }, {
          provinsi: 1, kabkota: 1, kecamatan: 1, desa: 1, tps: 2, dpt: 450, status: undefined,
        });
        assert.equal(summary?.status.no_chasil, 2);
        assert.deepEqual(regionStatsDrift(store.db), []);
        const versions = store.db.prepare('SELECT version FROM schema_migration ORDER BY version').pluck().all();
        assert.deepEqual(versions, migrations.map((m) => m.version));
      } finally {
        store.close();
      }
    });
  }

  test('reopening keeps the data', () => {
    const file = tempDbPath();
    const first = openStore(file);
    fillVersion1(first.db);
    first.close();
    const again = openStore(file);
    assert.equal(again.db.prepare('SELECT count(*) FROM tps').pluck().get(), 2);
    assert.equal(again.db.prepare("SELECT value FROM setting WHERE key = 'deviceName'").pluck().get(), '"Laptop lama"');
    again.close();
  });

  test('a step that fails leaves the file at the previous version', () => {
    const file = tempDbPath();
    openStore(file).close();
    const broken: Migration = {
      version: SCHEMA_VERSION + 1,
      name: 'broken',
      up(db) {
        db.exec('CREATE TABLE half_done (x INTEGER) STRICT');
        throw new Error('boom');
      },
    };
    assert.throws(() => openStoreWith(file, [...migrations, broken]), /boom/);
    const store = openStore(file);
    assert.equal(store.schemaVersion, SCHEMA_VERSION);
    assert.equal(store.db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'half_done'").pluck().get(), 0);
    store.close();
  });

  test('a file from a newer Pleno is refused, untouched, with a message in Bahasa Indonesia', () => {
    const file = tempDbPath();
    const future: Migration = {
      version: SCHEMA_VERSION + 1,
      name: 'future',
      up(db) {
        db.exec('CREATE TABLE from_the_future (x INTEGER) STRICT');
      },
    };
    const newer = openStoreWith(file, [...migrations, future]);
    fillVersion1(newer.db);
    newer.close();
    const before = sha256(file);

    assert.throws(() => openStore(file), (err: unknown) => {
      assert.ok(err instanceof StoreError);
      assert.equal(err.code, 'newer_schema');
      assert.match(err.message, /versi Pleno yang lebih baru/);
      assert.match(err.message, new RegExp(`v${SCHEMA_VERSION + 1}`));
      return true;
    });
    assert.equal(sha256(file), before);
    assert.equal(fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0, 0);
  });

  test('a SQLite file of another application is refused, not reset', () => {
    const file = tempDbPath();
    const other = new Database(file);
    other.exec("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total INTEGER); INSERT INTO invoices (total) VALUES (42);");
    other.close();
    const before = sha256(file);
    assert.throws(() => openStore(file), (err: unknown) => err instanceof StoreError && err.code === 'corrupt' && /bukan milik Pleno/.test(err.message));
    assert.equal(sha256(file), before);
  });

  test('a file that is not a database is reported as corrupt', () => {
    const file = tempDbPath();
    fs.writeFileSync(file, 'ini bukan basis data SQLite, hanya teks biasa yang cukup panjang untuk sebuah header'.repeat(20));
    const before = sha256(file);
    assert.throws(() => openStore(file), (err: unknown) => err instanceof StoreError && err.code === 'corrupt');
    assert.equal(sha256(file), before);
  });

  test('a path that cannot be created is an io error', () => {
    const dir = tempDir();
    const blocker = path.join(dir, 'berkas-biasa');
    fs.writeFileSync(blocker, 'x');
    assert.throws(() => openStore(path.join(blocker, 'sub', 'pleno.db')), (err: unknown) => err instanceof StoreError && err.code === 'io');
    assert.throws(() => openStore(dir), (err: unknown) => err instanceof StoreError && err.code === 'io');
  });
});
