import type { Migration } from './migration.ts';

/** `PRAGMA application_id` of every Pleno database ('PLNO'): tells our files from other SQLite files. */
export const PLENO_APPLICATION_ID = 0x504c4e4f;

/**
 * Master data (regions, TPS), settings and the append-only, hash-chained audit log.
 *
 * Region and TPS keys are the Kemendagri codes as TEXT in WITHOUT ROWID tables: a region's whole subtree is
 * one primary-key range (`code >= '3506' AND code < '3506:'`, ':' sorts right after '9'), which is how
 * every query reaches "everything under X" without LIKE.
 *
 * `region_stats` holds per-region aggregates (children, descendants per level, TPS, DPT, TPS per status),
 * kept exact by triggers on `region` and `tps`, so the tree and the status board never scan TPS.
 */
export const migration0001: Migration = {
  version: 1,
  name: 'wilayah',
  up(db) {
    db.pragma(`application_id = ${PLENO_APPLICATION_ID}`);
    db.exec(`
      CREATE TABLE schema_migration (
        version INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        applied_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE region (
        code TEXT PRIMARY KEY CHECK (length(code) IN (2, 4, 6, 10) AND code NOT GLOB '*[^0-9]*'),
        parent_code TEXT REFERENCES region(code),
        level TEXT NOT NULL CHECK (level IN ('provinsi', 'kabkota', 'kecamatan', 'desa')),
        name TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 200),
        -- the level follows from the code's length, the parent from its prefix
        CHECK (
          (level = 'provinsi' AND length(code) = 2 AND parent_code IS NULL) OR
          (level = 'kabkota' AND length(code) = 4 AND parent_code = substr(code, 1, 2)) OR
          (level = 'kecamatan' AND length(code) = 6 AND parent_code = substr(code, 1, 4)) OR
          (level = 'desa' AND length(code) = 10 AND parent_code = substr(code, 1, 6))
        )
      ) STRICT, WITHOUT ROWID;

      -- children of a region, and the provinces (parent NULL) as the tree's roots
      CREATE INDEX region_parent ON region (parent_code, code);

      CREATE TABLE tps (
        code TEXT PRIMARY KEY CHECK (length(code) = 13 AND code NOT GLOB '*[^0-9]*'),
        desa_code TEXT NOT NULL REFERENCES region(code) CHECK (desa_code = substr(code, 1, 10)),
        nomor INTEGER NOT NULL CHECK (nomor BETWEEN 1 AND 999 AND nomor = CAST(substr(code, 11, 3) AS INTEGER)),
        dpt_l INTEGER NOT NULL CHECK (dpt_l >= 0),
        dpt_p INTEGER NOT NULL CHECK (dpt_p >= 0),
        -- combined status over the races held at this TPS; maintained by the triggers of migration 3
        status TEXT NOT NULL DEFAULT 'no_chasil'
          CHECK (status IN ('no_chasil', 'received', 'needs_review', 'verified', 'withheld')),
        -- what the C.Hasil form can hold; the Pilkada cap (600) is enforced where data enters
        CHECK (dpt_l + dpt_p <= 999)
      ) STRICT, WITHOUT ROWID;

      -- A region's TPS with one status are found by scanning the region's code range (a kabupaten is a
      -- few thousand rows, ~1 ms), so no (status, code) index: it would cost 25 MB and seconds of seeding
      -- for the whole country.

      CREATE TABLE region_stats (
        code TEXT PRIMARY KEY,
        child_count INTEGER NOT NULL DEFAULT 0 CHECK (child_count >= 0),
        kabkota_count INTEGER NOT NULL DEFAULT 0 CHECK (kabkota_count >= 0),
        kecamatan_count INTEGER NOT NULL DEFAULT 0 CHECK (kecamatan_count >= 0),
        desa_count INTEGER NOT NULL DEFAULT 0 CHECK (desa_count >= 0),
        tps_count INTEGER NOT NULL DEFAULT 0 CHECK (tps_count >= 0),
        dpt_l INTEGER NOT NULL DEFAULT 0 CHECK (dpt_l >= 0),
        dpt_p INTEGER NOT NULL DEFAULT 0 CHECK (dpt_p >= 0),
        no_chasil INTEGER NOT NULL DEFAULT 0 CHECK (no_chasil >= 0),
        received INTEGER NOT NULL DEFAULT 0 CHECK (received >= 0),
        needs_review INTEGER NOT NULL DEFAULT 0 CHECK (needs_review >= 0),
        verified INTEGER NOT NULL DEFAULT 0 CHECK (verified >= 0),
        withheld INTEGER NOT NULL DEFAULT 0 CHECK (withheld >= 0)
      ) STRICT, WITHOUT ROWID;

      -- The *_stats_on_* triggers keep region_stats exact row by row. Bulk loads (a whole country: 84k
      -- regions, 820k TPS) drop them inside their transaction, recount the touched subtree in one pass and
      -- recreate them from this very SQL before committing (main/store/region-stats.ts): DDL is
      -- transactional in SQLite, so a crash brings the triggers back with the rollback.

      -- A code names a place for good: renumbering would silently re-home TPS results.
      CREATE TRIGGER region_code_fixed BEFORE UPDATE OF code, parent_code, level ON region
      BEGIN
        SELECT RAISE(ABORT, 'kode wilayah tidak boleh diubah');
      END;

      CREATE TRIGGER region_stats_on_insert AFTER INSERT ON region
      BEGIN
        INSERT INTO region_stats (code) VALUES (NEW.code);
        UPDATE region_stats SET child_count = child_count + 1 WHERE code = NEW.parent_code;
        UPDATE region_stats SET
          kabkota_count = kabkota_count + (NEW.level = 'kabkota'),
          kecamatan_count = kecamatan_count + (NEW.level = 'kecamatan'),
          desa_count = desa_count + (NEW.level = 'desa')
        WHERE code IN (substr(NEW.code, 1, 2), substr(NEW.code, 1, 4), substr(NEW.code, 1, 6))
          AND length(code) < length(NEW.code);
      END;

      CREATE TRIGGER region_stats_on_delete AFTER DELETE ON region
      BEGIN
        DELETE FROM region_stats WHERE code = OLD.code;
        UPDATE region_stats SET child_count = child_count - 1 WHERE code = OLD.parent_code;
        UPDATE region_stats SET
          kabkota_count = kabkota_count - (OLD.level = 'kabkota'),
          kecamatan_count = kecamatan_count - (OLD.level = 'kecamatan'),
          desa_count = desa_count - (OLD.level = 'desa')
        WHERE code IN (substr(OLD.code, 1, 2), substr(OLD.code, 1, 4), substr(OLD.code, 1, 6))
          AND length(code) < length(OLD.code);
      END;

      CREATE TRIGGER tps_code_fixed BEFORE UPDATE OF code, desa_code, nomor ON tps
      BEGIN
        SELECT RAISE(ABORT, 'kode TPS tidak boleh diubah');
      END;

      CREATE TRIGGER tps_stats_on_insert AFTER INSERT ON tps
      BEGIN
        UPDATE region_stats SET
          tps_count = tps_count + 1,
          dpt_l = dpt_l + NEW.dpt_l,
          dpt_p = dpt_p + NEW.dpt_p,
          no_chasil = no_chasil + (NEW.status = 'no_chasil'),
          received = received + (NEW.status = 'received'),
          needs_review = needs_review + (NEW.status = 'needs_review'),
          verified = verified + (NEW.status = 'verified'),
          withheld = withheld + (NEW.status = 'withheld')
        WHERE code IN (substr(NEW.code, 1, 2), substr(NEW.code, 1, 4), substr(NEW.code, 1, 6), NEW.desa_code);
      END;

      CREATE TRIGGER tps_stats_on_delete AFTER DELETE ON tps
      BEGIN
        UPDATE region_stats SET
          tps_count = tps_count - 1,
          dpt_l = dpt_l - OLD.dpt_l,
          dpt_p = dpt_p - OLD.dpt_p,
          no_chasil = no_chasil - (OLD.status = 'no_chasil'),
          received = received - (OLD.status = 'received'),
          needs_review = needs_review - (OLD.status = 'needs_review'),
          verified = verified - (OLD.status = 'verified'),
          withheld = withheld - (OLD.status = 'withheld')
        WHERE code IN (substr(OLD.code, 1, 2), substr(OLD.code, 1, 4), substr(OLD.code, 1, 6), OLD.desa_code);
      END;

      CREATE TRIGGER tps_stats_on_update AFTER UPDATE OF dpt_l, dpt_p, status ON tps
      BEGIN
        UPDATE region_stats SET
          dpt_l = dpt_l + NEW.dpt_l - OLD.dpt_l,
          dpt_p = dpt_p + NEW.dpt_p - OLD.dpt_p,
          no_chasil = no_chasil + (NEW.status = 'no_chasil') - (OLD.status = 'no_chasil'),
          received = received + (NEW.status = 'received') - (OLD.status = 'received'),
          needs_review = needs_review + (NEW.status = 'needs_review') - (OLD.status = 'needs_review'),
          verified = verified + (NEW.status = 'verified') - (OLD.status = 'verified'),
          withheld = withheld + (NEW.status = 'withheld') - (OLD.status = 'withheld')
        WHERE code IN (substr(NEW.code, 1, 2), substr(NEW.code, 1, 4), substr(NEW.code, 1, 6), NEW.desa_code);
      END;

      -- Key/value settings; values are JSON so a setting keeps its type (null, string, number).
      CREATE TABLE setting (
        key TEXT PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 100),
        value TEXT NOT NULL CHECK (json_valid(value))
      ) STRICT, WITHOUT ROWID;

      -- Append-only, hash-chained: hash = sha256 of the entry's canonical JSON including prev_hash
      -- (see main/store/audit-hash.ts). The insert trigger refuses a link that does not follow the last entry.
      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL CHECK (length(at) >= 20),
        actor TEXT NOT NULL CHECK (length(actor) BETWEEN 1 AND 200),
        device TEXT NOT NULL CHECK (length(device) BETWEEN 1 AND 200),
        action TEXT NOT NULL CHECK (length(action) BETWEEN 1 AND 100),
        entity TEXT NOT NULL CHECK (length(entity) BETWEEN 1 AND 500),
        before TEXT CHECK (before IS NULL OR json_valid(before)),
        after TEXT CHECK (after IS NULL OR json_valid(after)),
        reason TEXT,
        prev_hash TEXT NOT NULL CHECK (length(prev_hash) = 64 AND prev_hash NOT GLOB '*[^0-9a-f]*'),
        hash TEXT NOT NULL UNIQUE CHECK (length(hash) = 64 AND hash NOT GLOB '*[^0-9a-f]*')
      ) STRICT;

      CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log
      WHEN NEW.prev_hash IS NOT coalesce(
        (SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1),
        '0000000000000000000000000000000000000000000000000000000000000000')
      OR NEW.id IS NOT coalesce((SELECT max(id) FROM audit_log), 0) + 1
      BEGIN
        SELECT RAISE(ABORT, 'entri log audit harus menyambung entri terakhir');
      END;

      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      BEGIN
        SELECT RAISE(ABORT, 'log audit hanya boleh ditambah, tidak boleh diubah');
      END;

      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
      BEGIN
        SELECT RAISE(ABORT, 'log audit hanya boleh ditambah, tidak boleh dihapus');
      END;
    `);
  },
};
