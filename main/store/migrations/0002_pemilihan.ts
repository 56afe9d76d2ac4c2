import type { Migration } from './migration.ts';

/**
 * The races (pemilihan) and their candidate pairs (paslon).
 *
 * A race is held in one region: a provinsi for gubernur, a kabupaten (kab/kota code 01–69) for bupati, a kota
 * (71–99) for walikota. Paslon are numbered 1–6 by their nomor urut. A single-pair race lists the empty box
 * (kotak kosong) as its own row with no names, so every vote column on the form has a row here.
 */
export const migration0002: Migration = {
  version: 2,
  name: 'pemilihan',
  up(db) {
    db.exec(`
      CREATE TABLE election (
        id INTEGER PRIMARY KEY,
        jenis TEXT NOT NULL CHECK (jenis IN ('gubernur', 'bupati', 'walikota')),
        region_code TEXT NOT NULL REFERENCES region(code),
        name TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 200),
        year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        demo INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1)),
        CHECK (
          (jenis = 'gubernur' AND length(region_code) = 2) OR
          (jenis = 'bupati' AND length(region_code) = 4 AND CAST(substr(region_code, 3, 2) AS INTEGER) BETWEEN 1 AND 69) OR
          (jenis = 'walikota' AND length(region_code) = 4 AND CAST(substr(region_code, 3, 2) AS INTEGER) BETWEEN 71 AND 99)
        ),
        UNIQUE (jenis, region_code, year)
      ) STRICT;

      CREATE INDEX election_region ON election (region_code);

      CREATE TABLE paslon (
        election_id INTEGER NOT NULL REFERENCES election(id),
        nomor_urut INTEGER NOT NULL CHECK (nomor_urut BETWEEN 1 AND 6),
        kepala TEXT NOT NULL CHECK (length(kepala) <= 120),
        wakil TEXT NOT NULL CHECK (length(wakil) <= 120),
        kotak_kosong INTEGER NOT NULL DEFAULT 0 CHECK (kotak_kosong IN (0, 1)),
        CHECK (
          (kotak_kosong = 1 AND kepala = '' AND wakil = '') OR
          (kotak_kosong = 0 AND length(trim(kepala)) > 0 AND length(trim(wakil)) > 0)
        ),
        PRIMARY KEY (election_id, nomor_urut)
      ) STRICT, WITHOUT ROWID;

      -- at most one empty box per race
      CREATE UNIQUE INDEX paslon_one_kotak_kosong ON paslon (election_id) WHERE kotak_kosong = 1;
    `);
  },
};
