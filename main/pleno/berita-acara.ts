/**
 * A session's record as the documents' berita acara (main/reports `BeritaAcara`): who attended, keberatan
 * saksi and kejadian khusus with their decisions, and every correction old → new with reason and basis.
 */
import { plenoFieldLabel, type PlenoSession } from '../../shared/api/methods/pleno.ts';
import type { BeritaAcara } from '../reports/types.ts';
import type { Store } from '../store/index.ts';
import { regionName } from './read.ts';

const UNDECIDED = 'belum diputuskan';

export function beritaAcaraOf(store: Store, session: PlenoSession): BeritaAcara {
  const names = new Map(session.items.map((i) => [i.code, i.kind === 'tps' ? `${regionName(store, i.code.slice(0, 10))}, ${i.name}` : i.name]));
  const itemName = (code: string) => names.get(code) ?? (code.length === 13 ? `${regionName(store, code.slice(0, 10))}, TPS ${code.slice(10)}` : regionName(store, code));
  const hadir = (role: 'anggota' | 'pengawas') =>
    session.attendees.filter((a) => a.role === role).map((a) => (a.title ? { nama: a.name, jabatan: a.title } : { nama: a.name }));
  const saksiNomor = [...new Set(session.attendees.filter((a) => a.role === 'saksi').map((a) => a.nomorUrut!))].sort((a, b) => a - b);
  const raiser = (n: PlenoSession['notes'][number]) =>
    n.raisedByRole === 'saksi' ? `${n.raisedBy} (saksi paslon ${n.nomorUrut})` : n.raisedByRole === 'lainnya' ? n.raisedBy : `${n.raisedBy} (${n.raisedByRole})`;
  return {
    sessionRef: session.reference,
    openedAt: session.openedAt,
    closedAt: session.closedAt,
    tempat: session.place,
    anggota: hadir('anggota'),
    saksi: saksiNomor.map((nomorUrut) => ({
      nomorUrut,
      hadir: session.attendees.filter((a) => a.role === 'saksi' && a.nomorUrut === nomorUrut).map((a) => ({ nama: a.name })),
    })),
    pengawas: hadir('pengawas'),
    keberatan: session.notes.filter((n) => n.kind === 'keberatan').map((n) => ({
      item: n.itemCode ?? session.regionCode,
      itemName: n.itemCode ? itemName(n.itemCode) : session.regionName,
      diajukanOleh: raiser(n),
      isi: n.content,
      keputusan: n.decision ?? UNDECIDED,
      at: n.at,
    })),
    kejadianKhusus: session.notes.filter((n) => n.kind === 'kejadian_khusus').map((n) => ({
      item: n.itemCode,
      itemName: n.itemCode ? itemName(n.itemCode) : null,
      uraian: `${n.content} (dicatat atas laporan ${raiser(n)})`,
      tindakLanjut: n.decision ?? UNDECIDED,
      at: n.at,
    })),
    koreksi: session.corrections.map((c) => ({
      tpsCode: c.tpsCode,
      itemName: itemName(c.tpsCode),
      fieldId: c.fieldId,
      fieldLabel: plenoFieldLabel(c.fieldId),
      lama: c.oldValue,
      baru: c.newValue,
      alasan: c.reason,
      dasar: c.basis,
      at: c.at,
    })),
  };
}
