/**
 * What the documents take. Numbers come straight from the rekap engine (RegionTotals, RegionChecks);
 * names from the store; the berita acara from the pleno session (main/pleno fills `BeritaAcara`).
 */
import type { JenisPemilihan, Paslon } from '../../shared/domain/types.ts';
import type { RegionChecks, RegionTotals } from '../rekap/types.ts';

/** The region a document is about, with the names of the regions above it (for the header). */
export type ReportRegion = {
  code: string;
  level: 'provinsi' | 'kabkota' | 'kecamatan' | 'desa';
  name: string;
  provinsi: string;
  kabkota: string | null;
  kecamatan: string | null;
};

export type ReportElection = { id: number; jenis: JenisPemilihan; name: string; year: number };

export type ReportPaslon = Pick<Paslon, 'nomorUrut' | 'kepala' | 'wakil' | 'kotakKosong'>;

/** A person on record in the session: a PPK / KPU member, a saksi, Panwascam / Bawaslu. */
export type Hadir = { nama: string; jabatan?: string };

/**
 * The berita acara of a pleno session, as a plain value (main/pleno builds it from its session record).
 * Every list may be empty; the document then says "tidak ada".
 */
export type BeritaAcara = {
  /** The session's own reference (also the engine lock's `reference`). */
  sessionRef: string;
  /** When the pleno opened and (if closed) closed, ISO 8601. */
  openedAt: string;
  closedAt: string | null;
  /** Where it was held ("Aula Kantor Kecamatan Mojo"). */
  tempat: string;
  /** PPK (kecamatan) or KPU Kab/Kota (kab/kota) members present; the first is the chair. */
  anggota: Hadir[];
  /** Saksi per paslon (absent = empty list). */
  saksi: { nomorUrut: number; hadir: Hadir[] }[];
  /** Panwascam (kecamatan) / Bawaslu Kab/Kota present. */
  pengawas: Hadir[];
  /** Keberatan saksi: per item (desa / TPS / kecamatan code), who raised it, what, and the decision. */
  keberatan: { item: string; itemName: string; diajukanOleh: string; isi: string; keputusan: string; at: string }[];
  /** Kejadian khusus. */
  kejadianKhusus: { item: string | null; itemName: string | null; uraian: string; tindakLanjut: string; at: string }[];
  /** Corrections made in the session: old → new, reason, basis (e.g. "keputusan pleno"). */
  koreksi: {
    tpsCode: string;
    itemName: string;
    fieldId: string;
    fieldLabel: string;
    lama: number | null;
    baru: number;
    alasan: string;
    dasar: string;
    at: string;
  }[];
};

/** Common to every document: who/what produced it and when. */
export type Provenance = {
  /** The generating device's name (settings.deviceName). */
  device: string;
  generatedAt: Date;
  /** Time zone for printed times (default Asia/Jakarta, WIB). */
  timeZone?: string;
};

export type DHasilInput = Provenance & {
  level: 'kecamatan' | 'kabkota';
  region: ReportRegion;
  election: ReportElection;
  paslon: ReportPaslon[];
  /** engine.getTotals(region.code, election.id) */
  totals: RegionTotals;
  /** engine.getChildTotals(region.code, election.id): per desa (kecamatan) or per kecamatan (kab/kota). */
  rows: RegionTotals[];
  /** engine.getChecks(region.code, election.id) */
  checks: RegionChecks;
  beritaAcara?: BeritaAcara;
};

/** A rendered PDF: its bytes, the data hash printed in its footer, the hashed JSON, the file's own hash. */
export type RenderedPdf = { pdf: Buffer; sha256: string; data: string; pdfSha256: string; pages: number };
