import type { Migration } from './migration.ts';

/**
 * Where C.Hasil photos, machine readings, the current numbers and the per-race TPS status live.
 * The tables are created now so that intake/review (issue 4) and rekap (issue 5) fill them without
 * reshaping the spine.
 *
 * - `blob`: one row per distinct file (photo, PDF), keyed by its sha256. The bytes live on disk under the
 *   data folder (content-addressed path), written and fsynced before the row is inserted.
 * - `sheet`: one page image (a photo, or page N of a PDF blob), attached to a TPS and race when known.
 *   UNIQUE (blob, page) is how the same photo dropped twice is recognised as a duplicate.
 * - `reading` + `reading_field`: what the recognizer said about a sheet, appended and never changed;
 *   a re-read is a new reading.
 * - `tally_value`: the current number per race, TPS and form field (`IV.2`, `I.B.4.LP`, `V.C`) with its
 *   provenance; every write also appends an audit entry, whose id is kept here (the history is the log).
 * - `tps_status`: per race and TPS, how far its C.Hasil has come (absent = no C.Hasil). Triggers keep
 *   `tps.status` (the combined status the tree shows) and hence `region_stats` exact.
 */
export const migration0003: Migration = {
  version: 3,
  name: 'chasil',
  up(db) {
    db.exec(`
      CREATE TABLE blob (
        sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
        size INTEGER NOT NULL CHECK (size >= 0),
        mime TEXT NOT NULL CHECK (length(mime) BETWEEN 3 AND 100),
        created_at TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE sheet (
        id INTEGER PRIMARY KEY,
        blob_sha256 TEXT NOT NULL REFERENCES blob(sha256),
        -- page inside the blob: 1 for a photo, 1..n for a PDF
        blob_page INTEGER NOT NULL DEFAULT 1 CHECK (blob_page >= 1),
        source_name TEXT,
        election_id INTEGER REFERENCES election(id),
        tps_code TEXT REFERENCES tps(code),
        -- which page of the C.Hasil form this is ("Halaman N dari 3")
        halaman INTEGER CHECK (halaman BETWEEN 1 AND 9),
        template_id TEXT CHECK (template_id IS NULL OR length(template_id) BETWEEN 1 AND 100),
        attached_by TEXT CHECK (attached_by IN ('page_tag', 'qr', 'file_name', 'operator')),
        -- verdict of the latest reading; NULL while not read yet
        verdict TEXT CHECK (verdict IN ('accepted', 'needs_review', 'not_a_form', 'unregistered')),
        withheld INTEGER NOT NULL DEFAULT 0 CHECK (withheld IN (0, 1)),
        withheld_reason TEXT,
        replaced_by INTEGER REFERENCES sheet(id),
        created_at TEXT NOT NULL,
        CHECK (withheld = 0 OR length(trim(coalesce(withheld_reason, ''))) > 0),
        CHECK ((tps_code IS NULL) = (attached_by IS NULL)),
        UNIQUE (blob_sha256, blob_page)
      ) STRICT;

      CREATE INDEX sheet_tps ON sheet (tps_code, election_id) WHERE tps_code IS NOT NULL;
      CREATE INDEX sheet_unattached ON sheet (id) WHERE tps_code IS NULL;

      CREATE TABLE reading (
        id INTEGER PRIMARY KEY,
        sheet_id INTEGER NOT NULL REFERENCES sheet(id),
        engine TEXT NOT NULL CHECK (length(engine) BETWEEN 1 AND 100),
        template_id TEXT,
        verdict TEXT NOT NULL CHECK (verdict IN ('accepted', 'needs_review', 'not_a_form', 'unregistered')),
        registration_quality REAL CHECK (registration_quality BETWEEN 0 AND 1),
        -- checks, per-digit candidates, crop locations: JSON, as the recognizer returns them
        detail TEXT CHECK (detail IS NULL OR json_valid(detail)),
        duration_ms INTEGER CHECK (duration_ms >= 0),
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE INDEX reading_sheet ON reading (sheet_id);

      CREATE TABLE reading_field (
        reading_id INTEGER NOT NULL REFERENCES reading(id),
        field_id TEXT NOT NULL CHECK (length(field_id) BETWEEN 1 AND 30 AND field_id GLOB '[IVX]*'),
        -- NULL: the machine could not read a value
        value INTEGER CHECK (value BETWEEN 0 AND 999),
        confidence REAL NOT NULL CHECK (confidence BETWEEN 0 AND 1),
        -- which evidence decided: digits, bubbles, words, arithmetic, joint, …
        source TEXT NOT NULL CHECK (length(source) BETWEEN 1 AND 40 AND source NOT GLOB '*[^a-z_]*'),
        needs_review INTEGER NOT NULL CHECK (needs_review IN (0, 1)),
        PRIMARY KEY (reading_id, field_id)
      ) STRICT, WITHOUT ROWID;

      CREATE TRIGGER reading_no_update BEFORE UPDATE ON reading
      BEGIN SELECT RAISE(ABORT, 'hasil pembacaan hanya boleh ditambah'); END;
      CREATE TRIGGER reading_no_delete BEFORE DELETE ON reading
      BEGIN SELECT RAISE(ABORT, 'hasil pembacaan hanya boleh ditambah'); END;
      CREATE TRIGGER reading_field_no_update BEFORE UPDATE ON reading_field
      BEGIN SELECT RAISE(ABORT, 'hasil pembacaan hanya boleh ditambah'); END;
      CREATE TRIGGER reading_field_no_delete BEFORE DELETE ON reading_field
      BEGIN SELECT RAISE(ABORT, 'hasil pembacaan hanya boleh ditambah'); END;

      CREATE TABLE tally_value (
        election_id INTEGER NOT NULL REFERENCES election(id),
        tps_code TEXT NOT NULL REFERENCES tps(code),
        field_id TEXT NOT NULL CHECK (length(field_id) BETWEEN 1 AND 30 AND field_id GLOB '[IVX]*'),
        value INTEGER NOT NULL CHECK (value BETWEEN 0 AND 999),
        source TEXT NOT NULL CHECK (source IN ('machine', 'operator', 'pleno')),
        -- the reading it came from (machine) and the photo it was checked against
        reading_id INTEGER REFERENCES reading(id),
        confidence REAL CHECK (confidence BETWEEN 0 AND 1),
        evidence_sha256 TEXT REFERENCES blob(sha256),
        audit_id INTEGER NOT NULL REFERENCES audit_log(id),
        updated_at TEXT NOT NULL,
        CHECK (source <> 'machine' OR (reading_id IS NOT NULL AND confidence IS NOT NULL)),
        PRIMARY KEY (election_id, tps_code, field_id)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE tps_status (
        tps_code TEXT NOT NULL REFERENCES tps(code),
        election_id INTEGER NOT NULL REFERENCES election(id),
        status TEXT NOT NULL CHECK (status IN ('no_chasil', 'received', 'needs_review', 'verified', 'withheld')),
        reason TEXT,
        updated_at TEXT NOT NULL,
        CHECK (status <> 'withheld' OR length(trim(coalesce(reason, ''))) > 0),
        PRIMARY KEY (tps_code, election_id)
      ) STRICT, WITHOUT ROWID;

      CREATE INDEX tps_status_election ON tps_status (election_id, tps_code, status);

      -- A race only has results for TPS inside its region.
      CREATE TRIGGER tps_status_in_region BEFORE INSERT ON tps_status
      WHEN NOT EXISTS (SELECT 1 FROM election e WHERE e.id = NEW.election_id
                       AND substr(NEW.tps_code, 1, length(e.region_code)) = e.region_code)
      BEGIN SELECT RAISE(ABORT, 'TPS berada di luar wilayah pemilihan'); END;

      CREATE TRIGGER tally_value_in_region BEFORE INSERT ON tally_value
      WHEN NOT EXISTS (SELECT 1 FROM election e WHERE e.id = NEW.election_id
                       AND substr(NEW.tps_code, 1, length(e.region_code)) = e.region_code)
      BEGIN SELECT RAISE(ABORT, 'TPS berada di luar wilayah pemilihan'); END;

      CREATE TRIGGER election_region_fixed BEFORE UPDATE OF jenis, region_code ON election
      BEGIN SELECT RAISE(ABORT, 'jenis dan wilayah pemilihan tidak boleh diubah'); END;

      ${combinedStatusTriggers()}
    `);
  },
};

/**
 * The combined status of a TPS over the races held there: the least advanced one, with withheld first
 * (it blocks publication) — withheld < no_chasil < received < needs_review < verified. A TPS is verified
 * only when every race covering it is verified.
 */
function combinedStatus(tps: string): string {
  const has = (status: string) =>
    `EXISTS (SELECT 1 FROM tps_status s WHERE s.tps_code = ${tps} AND s.status = '${status}')`;
  return `CASE
    WHEN ${has('withheld')} THEN 'withheld'
    WHEN (SELECT count(*) FROM tps_status s WHERE s.tps_code = ${tps} AND s.status <> 'no_chasil')
       < (SELECT count(*) FROM election e WHERE e.region_code IN (substr(${tps}, 1, 2), substr(${tps}, 1, 4)))
      THEN 'no_chasil'
    WHEN ${has('received')} THEN 'received'
    WHEN ${has('needs_review')} THEN 'needs_review'
    WHEN EXISTS (SELECT 1 FROM tps_status s WHERE s.tps_code = ${tps}) THEN 'verified'
    ELSE 'no_chasil'
  END`;
}

function combinedStatusTriggers(): string {
  const recompute = (code: string) => `UPDATE tps SET status = ${combinedStatus('tps.code')} WHERE code = ${code};`;
  const inRange = (region: string) => `code >= ${region} AND code < ${region} || ':'`;
  return `
    CREATE TRIGGER tps_status_combined_insert AFTER INSERT ON tps_status
    BEGIN ${recompute('NEW.tps_code')} END;

    CREATE TRIGGER tps_status_combined_update AFTER UPDATE ON tps_status
    BEGIN ${recompute('OLD.tps_code')} ${recompute('NEW.tps_code')} END;

    CREATE TRIGGER tps_status_combined_delete AFTER DELETE ON tps_status
    BEGIN ${recompute('OLD.tps_code')} END;

    -- a new race has no C.Hasil yet, so TPS it covers fall back to no_chasil (or stay withheld)
    CREATE TRIGGER election_combined_insert AFTER INSERT ON election
    BEGIN
      UPDATE tps SET status = ${combinedStatus('tps.code')}
      WHERE ${inRange('NEW.region_code')} AND status <> 'no_chasil';
    END;

    CREATE TRIGGER election_combined_delete AFTER DELETE ON election
    BEGIN
      UPDATE tps SET status = ${combinedStatus('tps.code')}
      WHERE ${inRange('OLD.region_code')} AND status = 'no_chasil'
        AND EXISTS (SELECT 1 FROM tps_status s WHERE s.tps_code = tps.code);
    END;
  `;
}
