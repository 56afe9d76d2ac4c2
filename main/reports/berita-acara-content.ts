/**
 * The berita acara section of a D.Hasil (who attended, objections, special events, corrections made) and
 * the signature blocks, as pdfmake content. Without a berita acara (documents printed before or outside a
 * session) the section says so and the signature blocks keep empty name lines to fill in by hand.
 */
import { formatDateTime, formatNumber, formatTpsCode } from './format.ts';
import { TABLE_LAYOUT } from './page-frame.ts';
import type { BeritaAcara, Hadir, ReportPaslon } from './types.ts';

export type Officials = { anggota: string; pengawas: string };

const nama = (h: Hadir) => (h.jabatan ? `${h.nama} (${h.jabatan})` : h.nama);
const list = (people: Hadir[]) => (people.length === 0 ? 'tidak ada yang hadir' : people.map(nama).join('; '));

export function beritaAcaraContent(ba: BeritaAcara | undefined, paslon: ReportPaslon[], officials: Officials, timeZone?: string): unknown[] {
  const out: unknown[] = [{ text: 'IV. BERITA ACARA RAPAT PLENO', style: 'section', pageBreak: 'before' }];
  if (!ba) {
    out.push({ text: 'Dokumen ini dicetak di luar sesi rapat pleno: belum ada berita acara yang tercatat.', style: 'note' });
    return out;
  }
  const time = (iso: string) => formatDateTime(new Date(iso), timeZone);
  out.push({
    table: {
      widths: [150, '*'],
      body: [
        ['Sesi', ba.sessionRef],
        ['Tempat', ba.tempat],
        ['Dibuka', time(ba.openedAt)],
        ['Ditutup', ba.closedAt ? time(ba.closedAt) : 'belum ditutup'],
        [`${officials.anggota} yang hadir`, list(ba.anggota)],
        ...paslon.map((p) => [
          p.kotakKosong ? 'Saksi kotak kosong' : `Saksi paslon ${p.nomorUrut}`,
          list(ba.saksi.find((s) => s.nomorUrut === p.nomorUrut)?.hadir ?? []),
        ]),
        [`${officials.pengawas} yang hadir`, list(ba.pengawas)],
      ].map((row) => row.map((text, i) => ({ text, style: 'small', bold: i === 0 }))),
    },
    layout: TABLE_LAYOUT,
  });

  out.push({ text: 'A. Keberatan saksi', style: 'section' });
  out.push(ba.keberatan.length === 0 ? { text: 'Tidak ada keberatan.', style: 'small' } : {
    table: {
      headerRows: 1,
      widths: [18, 110, 90, '*', '*'],
      body: [
        ['No', 'Butir', 'Diajukan oleh', 'Isi keberatan', 'Keputusan'].map((text) => ({ text, style: 'th' })),
        ...ba.keberatan.map((k, i) => [String(i + 1), `${k.itemName} (${k.item})`, k.diajukanOleh, k.isi, k.keputusan].map((text) => ({ text, style: 'td' }))),
      ],
    },
    layout: TABLE_LAYOUT,
  });

  out.push({ text: 'B. Kejadian khusus', style: 'section' });
  out.push(ba.kejadianKhusus.length === 0 ? { text: 'Tidak ada kejadian khusus.', style: 'small' } : {
    table: {
      headerRows: 1,
      widths: [18, 110, '*', '*'],
      body: [
        ['No', 'Butir', 'Uraian', 'Tindak lanjut'].map((text) => ({ text, style: 'th' })),
        ...ba.kejadianKhusus.map((k, i) => [String(i + 1), k.itemName ? `${k.itemName} (${k.item})` : 'umum', k.uraian, k.tindakLanjut].map((text) => ({ text, style: 'td' }))),
      ],
    },
    layout: TABLE_LAYOUT,
  });

  out.push({ text: 'C. Pembetulan data (koreksi)', style: 'section' });
  out.push(ba.koreksi.length === 0 ? { text: 'Tidak ada pembetulan.', style: 'small' } : {
    table: {
      headerRows: 1,
      widths: [18, 100, 110, 40, 40, '*', 80],
      body: [
        ['No', 'TPS', 'Isian', 'Semula', 'Menjadi', 'Alasan', 'Dasar'].map((text) => ({ text, style: 'th' })),
        ...ba.koreksi.map((k, i) => [
          { text: String(i + 1), style: 'td' },
          { text: `${k.itemName}\n${formatTpsCode(k.tpsCode)}`, style: 'td' },
          { text: `${k.fieldLabel} (${k.fieldId})`, style: 'td' },
          { text: k.lama === null ? '–' : formatNumber(k.lama), style: 'num', decoration: 'lineThrough' },
          { text: formatNumber(k.baru), style: 'num', bold: true },
          { text: k.alasan, style: 'td' },
          { text: k.dasar, style: 'td' },
        ]),
      ],
    },
    layout: TABLE_LAYOUT,
  });
  return out;
}

/** Signature blocks: the members (chair first), then one block per paslon's saksi. */
export function signatureContent(ba: BeritaAcara | undefined, paslon: ReportPaslon[], officials: Officials & { tempatTanggal: string }): unknown[] {
  const line = (label: string, person: string | null) => ({
    width: '*',
    stack: [
      { text: label, fontSize: 8, bold: true },
      { text: ' ', margin: [0, 0, 0, 26] },
      // a named person signs above their name; an empty block leaves a dotted name line to fill in by hand
      person
        ? { text: person, fontSize: 8, decoration: 'underline' }
        : { text: '(.................................................)', fontSize: 8 },
    ],
    margin: [0, 6, 8, 6],
  });
  const members = ba && ba.anggota.length > 0 ? ba.anggota : [{ nama: '', jabatan: 'Ketua' }, { nama: '', jabatan: 'Anggota' }, { nama: '', jabatan: 'Anggota' }, { nama: '', jabatan: 'Anggota' }, { nama: '', jabatan: 'Anggota' }];
  const memberBlocks = members.map((m, i) => line(m.jabatan ?? (i === 0 ? 'Ketua' : 'Anggota'), m.nama || null));
  const saksiBlocks = paslon.map((p) => {
    const hadir = ba?.saksi.find((s) => s.nomorUrut === p.nomorUrut)?.hadir ?? [];
    return line(p.kotakKosong ? 'Saksi kotak kosong' : `Saksi paslon ${p.nomorUrut}`, hadir[0]?.nama ?? null);
  });
  const rows = (blocks: unknown[]) => {
    const out: unknown[] = [];
    for (let i = 0; i < blocks.length; i += 4) {
      const slice = blocks.slice(i, i + 4);
      while (slice.length < 4) slice.push({ width: '*', text: '' });
      out.push({ columns: slice, unbreakable: true });
    }
    return out;
  };
  // one unbreakable block: a signature page must carry the heading, the place and date, and every name
  return [{
    unbreakable: true,
    stack: [
      { text: 'V. PENGESAHAN', style: 'section' },
      { text: officials.tempatTanggal, fontSize: 8, margin: [0, 0, 0, 4] },
      { text: officials.anggota, fontSize: 9, bold: true },
      ...rows(memberBlocks),
      { text: 'Saksi pasangan calon', fontSize: 9, bold: true, margin: [0, 6, 0, 0] },
      ...rows(saksiBlocks),
    ],
  }];
}
