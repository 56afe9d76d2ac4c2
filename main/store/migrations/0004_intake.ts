import type { Migration } from './migration.ts';

/**
 * The photo intake queue (issue 4): batches of files to import, one item per file with its state, the
 * runners that read them, and how each sheet found (or failed to find) its TPS.
 *
 * - `import_batch`: one import (a folder, dropped files, uploads). `open` until every item is settled;
 *   `cancelled` when the operator stopped it (its unread items become `cancelled`, nothing is deleted).
 * - `import_item`: one file. queued → reading → done | failed | duplicate (| cancelled). An item is
 *   `reading` only while a live runner holds it (`runner`); after a crash a new runner puts the items of
 *   dead runners back to `queued`. `blob_sha256` is set when the item settles (with its blob row, in the
 *   same commit), or at enqueue for bytes handed over directly; `attempts` counts claims, so a file that
 *   keeps killing the reader is given up on instead of looping forever.
 * - `import_runner`: who is reading right now (host, pid, heartbeat), so a crashed runner's items can be
 *   told from a live one's when two processes (the app and `pleno import-photos`) share a database.
 * - `sheet_intake`: per sheet, every claim about its TPS (operator choice, file name, QR/page tag) and the
 *   problem that kept it from being attached: `identity_conflict` (the claims disagree, or the form does
 *   not fit the race), `unknown_tps`, `no_tps`, `race_unknown`. A sheet with a problem is never merged
 *   into a TPS's numbers; an operator resolves it.
 */
export const migration0004: Migration = {
  version: 4,
  name: 'intake',
  up(db) {
    db.exec(`
      CREATE TABLE import_batch (
        id INTEGER PRIMARY KEY,
        -- the folder imported, or a description of where the files came from
        source TEXT NOT NULL CHECK (length(source) BETWEEN 1 AND 4096),
        -- the file-name pattern in force (main/intake/README.md), NULL = none
        pattern TEXT CHECK (pattern IS NULL OR length(pattern) BETWEEN 1 AND 200),
        -- the race every page belongs to, when the operator said so
        election_id INTEGER REFERENCES election(id),
        -- the TPS every page belongs to, when the operator chose one for the whole batch
        filed_tps TEXT REFERENCES tps(code),
        actor TEXT NOT NULL CHECK (length(actor) BETWEEN 1 AND 200),
        state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'finished', 'cancelled')),
        created_at TEXT NOT NULL,
        finished_at TEXT,
        CHECK ((state = 'open') = (finished_at IS NULL))
      ) STRICT;

      CREATE INDEX import_batch_open ON import_batch (id) WHERE state = 'open';

      CREATE TABLE import_item (
        id INTEGER PRIMARY KEY,
        batch_id INTEGER NOT NULL REFERENCES import_batch(id),
        seq INTEGER NOT NULL CHECK (seq >= 1),
        -- where the bytes are read from; NULL when they were handed over directly (already a blob)
        path TEXT CHECK (path IS NULL OR length(path) BETWEEN 1 AND 4096),
        -- as shown to the operator (path relative to the batch's folder)
        name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 1024),
        blob_sha256 TEXT REFERENCES blob(sha256),
        -- the TPS the operator filed this one file under
        filed_tps TEXT REFERENCES tps(code),
        state TEXT NOT NULL DEFAULT 'queued'
          CHECK (state IN ('queued', 'reading', 'done', 'failed', 'duplicate', 'cancelled')),
        runner TEXT,
        attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        -- pages stored as sheets
        pages INTEGER CHECK (pages IS NULL OR pages >= 0),
        duplicate_of INTEGER REFERENCES import_item(id),
        -- for the operator, in Bahasa Indonesia: why it failed, what it duplicates, which pages were lost
        message TEXT,
        updated_at TEXT NOT NULL,
        CHECK ((state = 'reading') = (runner IS NOT NULL)),
        CHECK (state NOT IN ('failed', 'duplicate') OR length(trim(coalesce(message, ''))) > 0),
        CHECK (path IS NOT NULL OR blob_sha256 IS NOT NULL),
        UNIQUE (batch_id, seq)
      ) STRICT;

      CREATE INDEX import_item_queue ON import_item (batch_id, state, seq);
      CREATE INDEX import_item_blob ON import_item (blob_sha256) WHERE blob_sha256 IS NOT NULL;
      CREATE INDEX import_item_reading ON import_item (runner) WHERE state = 'reading';

      CREATE TABLE import_runner (
        id TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 300),
        host TEXT NOT NULL,
        pid INTEGER NOT NULL,
        started_at TEXT NOT NULL,
        -- ms since the epoch, refreshed while the runner lives
        heartbeat_ms INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE sheet_intake (
        sheet_id INTEGER PRIMARY KEY REFERENCES sheet(id),
        item_id INTEGER REFERENCES import_item(id),
        -- [{ source: 'operator' | 'file_name' | 'qr' | 'page_tag', tps?, jenis?, halaman? }]
        claims TEXT NOT NULL CHECK (json_valid(claims)),
        problem TEXT CHECK (problem IN ('identity_conflict', 'unknown_tps', 'no_tps', 'race_unknown')),
        problem_detail TEXT,
        CHECK ((problem IS NULL) = (problem_detail IS NULL))
      ) STRICT;

      CREATE INDEX sheet_intake_item ON sheet_intake (item_id);
      CREATE INDEX sheet_intake_problem ON sheet_intake (problem) WHERE problem IS NOT NULL;
    `);
  },
};
