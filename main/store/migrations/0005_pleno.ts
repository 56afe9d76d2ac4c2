import type { Migration } from './migration.ts';

/**
 * Pleno sessions (issue 5): who sat, which item the room is on, what the pleno corrected, objected to and
 * noted, and the locks a closed session puts on its totals.
 *
 * - `pleno_session`: one sitting of one race over one region: a kecamatan (PPK) or a kab/kota (KPU Kab/Kota).
 *   At most one open session per race and region. `current_item` is the desa / TPS / kecamatan the projector
 *   follows. A session that reopens a closed one's locked totals names the lock and why (`reopen_*`).
 * - `pleno_attendee`: who was present: anggota PPK / KPU, saksi per paslon, pengawas (Panwascam / Bawaslu).
 * - `pleno_correction`: one row per field changed by a pleno decision: old → new, reason, basis, the audit
 *   entry that recorded it. Append-only.
 * - `pleno_note`: keberatan saksi and kejadian khusus per item, who raised it, and what was decided. Only the
 *   decision may be filled in later, once.
 * - `rekap_lock`: the totals of a race in a region frozen by a closed session. Never deleted: reopening sets
 *   `unlocked_*` naming the later session. While a lock is active the triggers below refuse every change to the
 *   numbers the rekap reads (tally values; a TPS status moving in or out of verified / withheld) inside it,
 *   so no writer (review, intake, a script) can move a locked total, whatever it forgets to ask.
 */
export const migration0005: Migration = {
  version: 5,
  name: 'pleno',
  up(db) {
    db.exec(`
      CREATE TABLE pleno_session (
        id INTEGER PRIMARY KEY,
        election_id INTEGER NOT NULL REFERENCES election(id),
        region_code TEXT NOT NULL REFERENCES region(code),
        level TEXT NOT NULL CHECK (level IN ('kecamatan', 'kabkota')),
        held_on TEXT NOT NULL CHECK (held_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        place TEXT NOT NULL CHECK (length(trim(place)) BETWEEN 1 AND 300),
        state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'closed')),
        current_item TEXT CHECK (current_item IS NULL OR length(current_item) IN (6, 10, 13)),
        opened_by TEXT NOT NULL CHECK (length(opened_by) BETWEEN 1 AND 200),
        opened_at TEXT NOT NULL,
        closed_at TEXT,
        close_note TEXT,
        reopens_lock_id INTEGER REFERENCES rekap_lock(id),
        reopen_reason TEXT,
        CHECK ((level = 'kecamatan' AND length(region_code) = 6) OR (level = 'kabkota' AND length(region_code) = 4)),
        CHECK ((state = 'open') = (closed_at IS NULL)),
        CHECK ((reopens_lock_id IS NULL) = (reopen_reason IS NULL)),
        CHECK (reopen_reason IS NULL OR length(trim(reopen_reason)) > 0)
      ) STRICT;

      CREATE UNIQUE INDEX pleno_session_one_open ON pleno_session (election_id, region_code) WHERE state = 'open';
      CREATE INDEX pleno_session_region ON pleno_session (region_code, election_id);

      CREATE TRIGGER pleno_session_in_region BEFORE INSERT ON pleno_session
      WHEN NOT EXISTS (SELECT 1 FROM election e WHERE e.id = NEW.election_id
                       AND substr(NEW.region_code, 1, length(e.region_code)) = e.region_code)
      BEGIN SELECT RAISE(ABORT, 'wilayah sesi pleno berada di luar wilayah pemilihan'); END;

      -- A closed session is history: only its record stays, nothing reopens it in place.
      CREATE TRIGGER pleno_session_closed_fixed BEFORE UPDATE ON pleno_session
      WHEN OLD.state = 'closed'
      BEGIN SELECT RAISE(ABORT, 'sesi pleno yang sudah ditutup tidak boleh diubah'); END;

      CREATE TRIGGER pleno_session_no_delete BEFORE DELETE ON pleno_session
      BEGIN SELECT RAISE(ABORT, 'sesi pleno tidak boleh dihapus'); END;

      CREATE TABLE pleno_attendee (
        id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES pleno_session(id),
        role TEXT NOT NULL CHECK (role IN ('anggota', 'saksi', 'pengawas')),
        name TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 200),
        -- jabatan of an anggota / pengawas (Ketua, Anggota, Panwascam …)
        title TEXT CHECK (title IS NULL OR length(title) <= 100),
        -- the paslon a saksi speaks for
        nomor_urut INTEGER CHECK (nomor_urut BETWEEN 1 AND 6),
        CHECK ((role = 'saksi') = (nomor_urut IS NOT NULL))
      ) STRICT;

      CREATE INDEX pleno_attendee_session ON pleno_attendee (session_id, role, id);

      CREATE TABLE pleno_correction (
        id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES pleno_session(id),
        election_id INTEGER NOT NULL REFERENCES election(id),
        tps_code TEXT NOT NULL REFERENCES tps(code),
        field_id TEXT NOT NULL CHECK (length(field_id) BETWEEN 1 AND 30 AND field_id GLOB '[IVX]*'),
        -- NULL: the field had no value before
        old_value INTEGER CHECK (old_value BETWEEN 0 AND 999),
        new_value INTEGER NOT NULL CHECK (new_value BETWEEN 0 AND 999),
        reason TEXT NOT NULL CHECK (length(trim(reason)) BETWEEN 1 AND 2000),
        basis TEXT NOT NULL CHECK (length(trim(basis)) BETWEEN 1 AND 200),
        actor TEXT NOT NULL,
        audit_id INTEGER NOT NULL REFERENCES audit_log(id),
        created_at TEXT NOT NULL,
        CHECK (old_value IS NOT new_value)
      ) STRICT;

      CREATE INDEX pleno_correction_session ON pleno_correction (session_id, id);
      CREATE INDEX pleno_correction_tps ON pleno_correction (tps_code, election_id);

      CREATE TRIGGER pleno_correction_no_update BEFORE UPDATE ON pleno_correction
      BEGIN SELECT RAISE(ABORT, 'koreksi pleno hanya boleh ditambah'); END;
      CREATE TRIGGER pleno_correction_no_delete BEFORE DELETE ON pleno_correction
      BEGIN SELECT RAISE(ABORT, 'koreksi pleno hanya boleh ditambah'); END;

      CREATE TABLE pleno_note (
        id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES pleno_session(id),
        kind TEXT NOT NULL CHECK (kind IN ('keberatan', 'kejadian_khusus')),
        -- the desa / TPS / kecamatan it is about; NULL = the session as a whole
        item_code TEXT CHECK (item_code IS NULL OR length(item_code) IN (6, 10, 13)),
        raised_by TEXT NOT NULL CHECK (length(trim(raised_by)) BETWEEN 1 AND 200),
        -- saksi paslon n, pengawas, anggota, or someone else present
        raised_by_role TEXT NOT NULL CHECK (raised_by_role IN ('saksi', 'pengawas', 'anggota', 'lainnya')),
        nomor_urut INTEGER CHECK (nomor_urut BETWEEN 1 AND 6),
        content TEXT NOT NULL CHECK (length(trim(content)) BETWEEN 1 AND 4000),
        decision TEXT CHECK (decision IS NULL OR length(trim(decision)) BETWEEN 1 AND 4000),
        decided_at TEXT,
        audit_id INTEGER NOT NULL REFERENCES audit_log(id),
        created_at TEXT NOT NULL,
        CHECK ((decision IS NULL) = (decided_at IS NULL)),
        CHECK (raised_by_role <> 'saksi' OR nomor_urut IS NOT NULL)
      ) STRICT;

      CREATE INDEX pleno_note_session ON pleno_note (session_id, id);

      CREATE TRIGGER pleno_note_decide_once BEFORE UPDATE ON pleno_note
      WHEN OLD.decision IS NOT NULL
        OR NEW.id IS NOT OLD.id OR NEW.session_id IS NOT OLD.session_id OR NEW.kind IS NOT OLD.kind
        OR NEW.item_code IS NOT OLD.item_code OR NEW.raised_by IS NOT OLD.raised_by
        OR NEW.raised_by_role IS NOT OLD.raised_by_role OR NEW.nomor_urut IS NOT OLD.nomor_urut
        OR NEW.content IS NOT OLD.content OR NEW.audit_id IS NOT OLD.audit_id OR NEW.created_at IS NOT OLD.created_at
      BEGIN SELECT RAISE(ABORT, 'catatan pleno hanya boleh diberi keputusan sekali'); END;
      CREATE TRIGGER pleno_note_no_delete BEFORE DELETE ON pleno_note
      BEGIN SELECT RAISE(ABORT, 'catatan pleno tidak boleh dihapus'); END;

      CREATE TABLE rekap_lock (
        id INTEGER PRIMARY KEY,
        election_id INTEGER NOT NULL REFERENCES election(id),
        region_code TEXT NOT NULL REFERENCES region(code),
        session_id INTEGER NOT NULL REFERENCES pleno_session(id),
        reference TEXT NOT NULL CHECK (length(trim(reference)) BETWEEN 1 AND 300),
        locked_at TEXT NOT NULL,
        unlocked_at TEXT,
        unlocked_by_session_id INTEGER REFERENCES pleno_session(id),
        CHECK ((unlocked_at IS NULL) = (unlocked_by_session_id IS NULL))
      ) STRICT;

      CREATE UNIQUE INDEX rekap_lock_active ON rekap_lock (election_id, region_code) WHERE unlocked_at IS NULL;

      -- a lock is lifted once (by a later session) and otherwise never changes or disappears
      CREATE TRIGGER rekap_lock_unlock_once BEFORE UPDATE ON rekap_lock
      WHEN OLD.unlocked_at IS NOT NULL
        OR NEW.id IS NOT OLD.id OR NEW.election_id IS NOT OLD.election_id OR NEW.region_code IS NOT OLD.region_code
        OR NEW.session_id IS NOT OLD.session_id OR NEW.reference IS NOT OLD.reference OR NEW.locked_at IS NOT OLD.locked_at
        OR NEW.unlocked_by_session_id IS OLD.session_id
      BEGIN SELECT RAISE(ABORT, 'kunci rekap hanya boleh dibuka sekali, oleh sesi pleno berikutnya'); END;
      CREATE TRIGGER rekap_lock_no_delete BEFORE DELETE ON rekap_lock
      BEGIN SELECT RAISE(ABORT, 'kunci rekap tidak boleh dihapus'); END;

      ${lockGuards()}
    `);
  },
};

/** True when an active lock of the race covers the TPS (its kecamatan, kab/kota or provinsi, or its desa). */
function lockedSql(election: string, tps: string): string {
  return `EXISTS (SELECT 1 FROM rekap_lock l WHERE l.election_id = ${election} AND l.unlocked_at IS NULL
    AND l.region_code IN (substr(${tps}, 1, 2), substr(${tps}, 1, 4), substr(${tps}, 1, 6), substr(${tps}, 1, 10)))`;
}

/** What the rekap makes of a status: verified counts, withheld is counted apart, anything else is missing. */
function rekapClass(status: string): string {
  return `(CASE ${status} WHEN 'verified' THEN 'v' WHEN 'withheld' THEN 'w' ELSE 'm' END)`;
}

function lockGuards(): string {
  const refuse = `BEGIN SELECT RAISE(ABORT, 'rekap wilayah ini sudah dikunci oleh sesi pleno; buka kembali lewat sesi pleno berikutnya'); END;`;
  return `
    CREATE TRIGGER tally_value_locked_insert BEFORE INSERT ON tally_value
    WHEN ${lockedSql('NEW.election_id', 'NEW.tps_code')} ${refuse}
    CREATE TRIGGER tally_value_locked_update BEFORE UPDATE ON tally_value
    WHEN ${lockedSql('OLD.election_id', 'OLD.tps_code')} OR ${lockedSql('NEW.election_id', 'NEW.tps_code')} ${refuse}
    CREATE TRIGGER tally_value_locked_delete BEFORE DELETE ON tally_value
    WHEN ${lockedSql('OLD.election_id', 'OLD.tps_code')} ${refuse}

    CREATE TRIGGER tps_status_locked_insert BEFORE INSERT ON tps_status
    WHEN ${rekapClass('NEW.status')} <> 'm' AND ${lockedSql('NEW.election_id', 'NEW.tps_code')} ${refuse}
    CREATE TRIGGER tps_status_locked_update BEFORE UPDATE ON tps_status
    WHEN (${rekapClass('OLD.status')} <> ${rekapClass('NEW.status')} OR NEW.tps_code IS NOT OLD.tps_code
          OR NEW.election_id IS NOT OLD.election_id)
      AND (${lockedSql('OLD.election_id', 'OLD.tps_code')} OR ${lockedSql('NEW.election_id', 'NEW.tps_code')}) ${refuse}
    CREATE TRIGGER tps_status_locked_delete BEFORE DELETE ON tps_status
    WHEN ${rekapClass('OLD.status')} <> 'm' AND ${lockedSql('OLD.election_id', 'OLD.tps_code')} ${refuse}
  `;
}
