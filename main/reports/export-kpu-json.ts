/**
 * The rekap per TPS in the shape KPU published in 2024 (one JSON document per TPS at
 * `{2}/{4}/{6}/{10}/{13}.json`: `chart` per paslon, `administrasi`, `images`, `ts`, `status_*`, `psu`), so
 * auditors' existing tools read Pleno's numbers unchanged.
 *
 * Mapping from the C.Hasil-KWK fields: chart[paslon] = IV.n; suara_sah / tidak_sah / total = V.A / V.B / V.C;
 * pemilih_dpt = I.A; pengguna_dpt = I.B.1; pengguna_dptb = I.B.2; pengguna_non_dpt = I.B.3 (DPK);
 * pengguna_total = I.B.4 (`_j` = L+P, `_l`, `_p`). A TPS that is not verified (missing or withheld) gets
 * `chart: null`, `administrasi: null` and both statuses false — a partial TPS is never published as numbers.
 * `chart` keys are KPU's paslon ids when given (`paslonIds`), else the nomor urut.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { RekapEngine } from '../rekap/engine.ts';
import type { TpsRekap } from '../rekap/types.ts';

export type KpuAdministrasi = Record<
  | 'suara_sah' | 'suara_tidak_sah' | 'suara_total'
  | `${'pemilih_dpt' | 'pengguna_dpt' | 'pengguna_dptb' | 'pengguna_non_dpt' | 'pengguna_total'}_${'j' | 'l' | 'p'}`,
  number | null
>;

export type KpuTpsDocument = {
  mode: 'hhcw';
  chart: Record<string, number | null> | null;
  images: string[];
  administrasi: KpuAdministrasi | null;
  psu: null;
  /** "YYYY-MM-DD HH:mm:ss" in the region's local time, like KPU's; null when the TPS has no status yet. */
  ts: string | null;
  status_suara: boolean;
  status_adm: boolean;
};

export type KpuExportOptions = {
  /** sha256 of the TPS's C.Hasil page images (photoHashesFromStore). */
  photos?: Record<string, string[]>;
  /** When each TPS's status last changed, ISO 8601 (tpsUpdatedAtFromStore). */
  updatedAt?: Record<string, string>;
  /** nomor urut → KPU paslon id for `chart` keys. */
  paslonIds?: Record<number, string>;
  timeZone?: string;
};

/** "2024-02-16 23:00:00" in the zone (default WIB). */
export function kpuTimestamp(iso: string, timeZone = 'Asia/Jakarta'): string {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', {
    timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
  }).formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

/** `35/3506/350601/3506012001/3506012001001.json` */
export function kpuPath(tpsCode: string): string {
  return `${[2, 4, 6, 10].map((n) => tpsCode.slice(0, n)).join('/')}/${tpsCode}.json`;
}

/** One TPS's document from the engine's view of it. */
export function kpuTpsDocument(tps: TpsRekap, nomorUrut: readonly number[], options: KpuExportOptions = {}): KpuTpsDocument {
  const verified = tps.state === 'verified' && tps.values !== null;
  const v = tps.values ?? {};
  const f = (id: string) => v[id] ?? null;
  const jlp = (key: string, row: string) => ({ [`${key}_j`]: f(`${row}.LP`), [`${key}_l`]: f(`${row}.L`), [`${key}_p`]: f(`${row}.P`) });
  const updated = options.updatedAt?.[tps.tpsCode];
  return {
    mode: 'hhcw',
    chart: verified ? Object.fromEntries(nomorUrut.map((n) => [options.paslonIds?.[n] ?? String(n), f(`IV.${n}`)])) : null,
    images: options.photos?.[tps.tpsCode] ?? [],
    administrasi: verified
      ? {
        suara_sah: f('V.A'), suara_tidak_sah: f('V.B'), suara_total: f('V.C'),
        ...jlp('pemilih_dpt', 'I.A'), ...jlp('pengguna_dpt', 'I.B.1'), ...jlp('pengguna_dptb', 'I.B.2'),
        ...jlp('pengguna_non_dpt', 'I.B.3'), ...jlp('pengguna_total', 'I.B.4'),
      } as KpuAdministrasi
      : null,
    psu: null,
    ts: updated ? kpuTimestamp(updated, options.timeZone) : null,
    status_suara: verified,
    status_adm: verified,
  };
}

export type KpuExportEntry = { path: string; tpsCode: string; document: KpuTpsDocument };

/** Every TPS under a region (any level, or one TPS) for a race, in code order. */
export function exportKpuJson(engine: RekapEngine, regionCode: string, electionId: number, options: KpuExportOptions = {}): KpuExportEntry[] {
  const race = engine.elections().find((e) => e.id === electionId);
  if (!race) throw new Error(`exportKpuJson: pemilihan ${electionId} tidak dimuat`);
  const out: KpuExportEntry[] = [];
  const walk = (code: string) => {
    if (code.length === 13) {
      const tps = engine.getTps(code, electionId);
      if (!tps.ok) throw new Error(tps.error.message);
      out.push({ path: kpuPath(code), tpsCode: code, document: kpuTpsDocument(tps.value, race.nomorUrut, options) });
      return;
    }
    const children = engine.getChildTotals(code, electionId);
    if (!children.ok) throw new Error(children.error.message);
    for (const c of children.value) walk(c.regionCode);
  };
  walk(regionCode);
  return out;
}

/** Writes the documents under `dir` at their region paths, compact like KPU's; returns how many. */
export function writeKpuJsonFiles(dir: string, entries: readonly KpuExportEntry[]): number {
  for (const e of entries) {
    const file = path.join(dir, e.path);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(e.document));
  }
  return entries.length;
}
