import type { Election, JenisPemilihan, Paslon } from '../../../shared/domain/types.ts';
import type { Store } from '../open.ts';

type ElectionRow = { id: number; jenis: JenisPemilihan; region_code: string; name: string; year: number; demo: number };
type PaslonRow = { election_id: number; nomor_urut: number; kepala: string; wakil: string; kotak_kosong: number };

/** Every race with its paslon in nomor urut order: gubernur first, then by region. */
export function listElections(store: Store): Election[] {
  const elections = store.db
    .prepare('SELECT id, jenis, region_code, name, year, demo FROM election ORDER BY length(region_code), region_code, year, id')
    .all() as ElectionRow[];
  const paslon = store.db
    .prepare('SELECT election_id, nomor_urut, kepala, wakil, kotak_kosong FROM paslon ORDER BY election_id, nomor_urut')
    .all() as PaslonRow[];
  const byElection = new Map<number, Paslon[]>();
  for (const p of paslon) {
    const list = byElection.get(p.election_id) ?? [];
    list.push({ nomorUrut: p.nomor_urut, kepala: p.kepala, wakil: p.wakil, kotakKosong: p.kotak_kosong === 1 });
    byElection.set(p.election_id, list);
  }
  return elections.map((e) => ({
    id: e.id,
    jenis: e.jenis,
    regionCode: e.region_code,
    name: e.name,
    year: e.year,
    demo: e.demo === 1,
    paslon: byElection.get(e.id) ?? [],
  }));
}

export function getElection(store: Store, id: number): Election | null {
  return listElections(store).find((e) => e.id === id) ?? null;
}
