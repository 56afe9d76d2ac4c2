/**
 * MODEL D.HASIL KECAMATAN-KWK and MODEL D.HASIL KABUPATEN/KOTA-KWK: the result of a pleno, per desa (or per
 * kecamatan) and per paslon, with the administrative data, the TPS counts behind every total, the checks,
 * the berita acara and the signature blocks. Landscape A4: the tables are wide (up to 6 paslon + 13 admin
 * columns), and a row per desa must stay on one line to be read aloud in the pleno.
 */
import type { RegionTotals } from '../rekap/types.ts';
import { beritaAcaraContent, signatureContent } from './berita-acara-content.ts';
import { formatDate, formatNumber, formatPercent, formatRegionCode } from './format.ts';
import { renderFramed, TABLE_LAYOUT } from './page-frame.ts';
import { RACE_TITLE, regionHeader } from './race-title.ts';
import type { DHasilInput, RenderedPdf } from './types.ts';

const n = (x: number) => formatNumber(x);
const th = (text: string, extra: Record<string, unknown> = {}) => ({ text, style: 'th', ...extra });
const num = (x: number, total = false) => ({ text: n(x), style: total ? 'total' : 'num' });

export function dHasilTitle(level: DHasilInput['level']): string {
  return level === 'kecamatan' ? 'MODEL D.HASIL KECAMATAN-KWK' : 'MODEL D.HASIL KABUPATEN/KOTA-KWK';
}

export async function renderDHasilPdf(input: DHasilInput): Promise<RenderedPdf> {
  const { level, region, election, paslon, totals, rows, checks, beritaAcara } = input;
  // a D.Hasil of the wrong region or race is a programming error, never a document to print
  if (region.level !== level || totals.regionCode !== region.code || checks.regionCode !== region.code) {
    throw new Error(`renderDHasilPdf: wilayah ${region.code} (${region.level}) tidak cocok dengan tingkat ${level} / totals ${totals.regionCode} / checks ${checks.regionCode}`);
  }
  if (totals.electionId !== election.id || checks.electionId !== election.id || rows.some((r) => r.electionId !== election.id)) {
    throw new Error(`renderDHasilPdf: angka bukan dari pemilihan ${election.id}`);
  }
  const childLabel = level === 'kecamatan' ? 'Desa/Kelurahan' : 'Kecamatan';
  const officials = level === 'kecamatan'
    ? { anggota: 'Panitia Pemilihan Kecamatan (PPK)', pengawas: 'Panwaslu Kecamatan' }
    : { anggota: 'KPU Kabupaten/Kota', pengawas: 'Bawaslu Kabupaten/Kota' };
  const all = [...rows.map((r, i) => ({ r, no: String(i + 1), total: false })), { r: totals, no: '', total: true }];
  const label = (r: RegionTotals, total: boolean) => (total ? { text: 'JUMLAH', style: 'total', alignment: 'left' } : { text: r.name, style: 'td' });
  const tpsCell = (r: RegionTotals, total: boolean) => ({ text: `${n(r.tps.included)}/${n(r.tps.total)}`, style: total ? 'total' : 'num' });

  // I. voters, ballot papers, disability — one row per child region
  const adminHeader = [
    [
      th('No', { rowSpan: 2 }), th(childLabel, { rowSpan: 2 }), th('TPS masuk/ jumlah', { rowSpan: 2 }),
      th('DPT (formulir)', { rowSpan: 2 }), th('Pengguna hak pilih', { colSpan: 4 }), {}, {}, {},
      th('Surat suara', { colSpan: 4 }), {}, {}, {}, th('Pemilih disabilitas', { rowSpan: 2 }),
    ],
    [{}, {}, {}, {}, th('DPT'), th('DPTb'), th('DPK'), th('Jumlah'), th('Diterima'), th('Digunakan'), th('Rusak/ keliru'), th('Sisa'), {}],
  ];
  const adminBody = all.map(({ r, no, total }) => [
    { text: no, style: 'td' }, label(r, total), tpsCell(r, total), num(r.dpt.lp, total),
    num(r.pengguna.dpt.lp, total), num(r.pengguna.dptb.lp, total), num(r.pengguna.dpk.lp, total), num(r.pengguna.total.lp, total),
    num(r.suratSuara.diterima, total), num(r.suratSuara.digunakan, total), num(r.suratSuara.rusak, total), num(r.suratSuara.sisa, total),
    num(r.disabilitas.lp, total),
  ]);

  // II. votes per paslon — one row per child region
  const paslonHead = paslon.map((p) => th(p.kotakKosong ? 'Kotak kosong' : `${p.nomorUrut}`));
  const votesHeader = [
    [th('No', { rowSpan: 2 }), th(childLabel, { rowSpan: 2 }), th('TPS', { colSpan: 3 }), {}, {},
      th('Perolehan suara pasangan calon', { colSpan: paslon.length }), ...paslon.slice(1).map(() => ({})),
      th('Suara sah', { rowSpan: 2 }), th('Suara tidak sah', { rowSpan: 2 }), th('Jumlah suara sah dan tidak sah', { rowSpan: 2 })],
    [{}, {}, th('Dihitung'), th('Belum masuk'), th('Ditahan'), ...paslonHead, {}, {}, {}],
  ];
  const votesOf = (r: RegionTotals, nomor: number) => r.paslon.find((p) => p.nomorUrut === nomor)?.suara ?? 0;
  const votesBody = all.map(({ r, no, total }) => [
    { text: no, style: 'td' }, label(r, total),
    num(r.tps.included, total), num(r.tps.missing, total), num(r.tps.withheld, total),
    ...paslon.map((p) => num(votesOf(r, p.nomorUrut), total)),
    num(r.suara.sah, total), num(r.suara.tidakSah, total), num(r.suara.total, total),
  ]);

  const paslonList = {
    table: {
      widths: [40, '*', 70, 60],
      headerRows: 1,
      body: [
        [th('Nomor urut'), th('Pasangan calon'), th('Perolehan suara'), th('Persentase')],
        ...paslon.map((p) => [
          { text: String(p.nomorUrut), style: 'td', alignment: 'center' },
          { text: p.kotakKosong ? 'Kolom kosong (tidak bergambar)' : `${p.kepala} – ${p.wakil}`, style: 'td' },
          num(votesOf(totals, p.nomorUrut)),
          { text: formatPercent(votesOf(totals, p.nomorUrut), totals.suara.sah), style: 'num' },
        ]),
        [{ text: '', style: 'total' }, { text: 'JUMLAH SUARA SAH', style: 'total', alignment: 'left' }, num(totals.suara.sah, true), { text: formatPercent(totals.suara.sah, totals.suara.sah), style: 'total' }],
      ],
    },
    layout: TABLE_LAYOUT,
  };

  const failing = checks.checks.filter((c) => !c.holds);
  const tpsLine = `TPS dalam wilayah: ${n(totals.tps.total)}; masuk dan terverifikasi (dihitung): ${n(totals.tps.included)}; belum masuk/belum terverifikasi: ${n(totals.tps.missing)}; ditahan: ${n(totals.tps.withheld)}.`;
  const content: unknown[] = [
    { text: dHasilTitle(level), style: 'title' },
    { text: `BERITA ACARA DAN SERTIFIKAT REKAPITULASI HASIL PENGHITUNGAN PEROLEHAN SUARA DI TINGKAT ${level === 'kecamatan' ? 'KECAMATAN' : 'KABUPATEN/KOTA'}`, style: 'subtitle' },
    { text: `${RACE_TITLE[election.jenis]} TAHUN ${election.year}`, style: 'subtitle' },
    { text: election.name, alignment: 'center', fontSize: 8.5, margin: [0, 2, 0, 0] },
    regionHeader(region),
    { text: `Kode wilayah ${formatRegionCode(region.code)}. ${tpsLine}`, style: 'small' },
    totals.tps.missing + totals.tps.withheld > 0
      ? { text: `PERHATIAN: ${n(totals.tps.missing + totals.tps.withheld)} TPS belum dihitung; angka di bawah ini BELUM final.`, style: 'small', color: '#b00000', bold: true, margin: [0, 2, 0, 0] }
      : { text: 'Seluruh TPS telah masuk dan terverifikasi.', style: 'small', margin: [0, 2, 0, 0] },
    totals.locked ? { text: `Hasil dikunci oleh ${totals.locked.reference}.`, style: 'small' } : { text: 'Hasil belum dikunci (sesi pleno belum ditutup).', style: 'small' },
    { text: 'I. DATA PEMILIH, PENGGUNA HAK PILIH DAN SURAT SUARA', style: 'section' },
    {
      table: { headerRows: 2, dontBreakRows: true, widths: [16, '*', 38, 44, 42, 36, 36, 44, 44, 44, 36, 40, 44], body: [...adminHeader, ...adminBody] },
      layout: TABLE_LAYOUT,
    },
    { text: 'II. PEROLEHAN SUARA PASANGAN CALON', style: 'section', pageBreak: 'before' },
    paslonList,
    { text: ' ', fontSize: 4 },
    {
      table: {
        headerRows: 2,
        dontBreakRows: true,
        widths: [16, '*', 36, 36, 36, ...paslon.map(() => 52), 54, 48, 62],
        body: [...votesHeader, ...votesBody],
      },
      layout: TABLE_LAYOUT,
    },
    { text: 'III. PEMERIKSAAN ARITMETIKA', style: 'section' },
    {
      text: failing.length === 0
        ? `Seluruh ${checks.checks.length} pemeriksaan terpenuhi pada ${n(checks.tps.included)} TPS yang dihitung.`
        : `${failing.length} dari ${checks.checks.length} pemeriksaan TIDAK terpenuhi (rincian TPS pada Laporan Selisih):`,
      style: 'small',
      color: failing.length === 0 ? undefined : '#b00000',
    },
    ...(failing.length === 0 ? [] : [{
      ul: failing.map((c) => ({ text: `${c.label}: ${n(c.failingCount)} TPS${c.summed ? ` (jumlah kiri ${n(c.summed.left)}, kanan ${n(c.summed.right)})` : ''}`, style: 'small' })),
    }]),
    ...beritaAcaraContent(beritaAcara, paslon, officials, input.timeZone),
    ...signatureContent(beritaAcara, paslon, {
      ...officials,
      tempatTanggal: `${beritaAcara?.tempat ?? region.name}, ${formatDate(beritaAcara?.closedAt ? new Date(beritaAcara.closedAt) : input.generatedAt, input.timeZone)}`,
    }),
  ];

  return renderFramed({
    kind: level === 'kecamatan' ? 'd-hasil-kecamatan' : 'd-hasil-kabkota',
    hashed: { ...input, generatedAt: input.generatedAt.toISOString() },
    title: `${dHasilTitle(level)} ${region.name} — ${election.name}`,
    orientation: 'landscape',
    content,
    provenance: input,
  });
}
