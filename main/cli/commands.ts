/**
 * The subcommand table. Help lives here so `--help` never loads a command's code (nor the database);
 * each `load` imports the implementation only when the command runs.
 * Later issues add rows here (read, print-form, import-photos, audit verify, …).
 */
import { DB_HELP, dbOption, type CommandSpec } from './command.ts';

export const commands: CommandSpec[] = [
  {
    name: 'init',
    summary: 'buat basis data baru (opsional: isi data demo)',
    help: `Pemakaian: pleno init [--db PATH] [--demo kediri]

Membuat basis data Pleno (atau memperbarui skemanya bila sudah ada).

Opsi:
${DB_HELP}
  --demo NAMA    isi data demo ke basis data yang masih kosong; tersedia: kediri
                 (Kabupaten Kediri: 26 kecamatan, 344 desa, TPS nyata, paslon fiktif)
  -h, --help     bantuan ini`,
    options: { ...dbOption, demo: { type: 'string' } },
    positionals: { min: 0, max: 0 },
    load: async () => (await import('./commands/init.ts')).runInit,
  },
  {
    name: 'import',
    summary: 'impor data induk: wilayah, tps atau paslon dari CSV/JSON',
    help: `Pemakaian: pleno import wilayah|tps|paslon BERKAS [--db PATH]

Mengimpor data induk dari berkas CSV atau JSON. Semua baris diperiksa dulu: bila satu baris
salah, tidak ada yang diimpor dan kesalahannya disebut (berkas, baris, kolom).

Jenis:
  wilayah        provinsi, kab/kota, kecamatan, desa/kelurahan (kode Kemendagri)
  tps            TPS per desa dengan DPT laki-laki dan perempuan
  paslon         pemilihan dan pasangan calon (nomor urut 1–6, atau kotak kosong)

Opsi:
${DB_HELP}
  --json         cetak hasil (atau semua kesalahan) sebagai JSON
  -h, --help     bantuan ini`,
    options: { ...dbOption, json: { type: 'boolean' } },
    positionals: { min: 2, max: 2 },
    load: async () => (await import('./commands/import.ts')).runImport,
  },
  {
    name: 'status',
    summary: 'jumlah wilayah, TPS, DPT dan status C.Hasil per tingkat',
    help: `Pemakaian: pleno status [--region KODE] [--json] [--db PATH]

Menampilkan jumlah provinsi, kab/kota, kecamatan, desa, TPS dan DPT, serta status C.Hasil TPS.

Opsi:
  --region KODE  batasi ke satu wilayah (kode Kemendagri 2, 4, 6 atau 10 digit, mis. 3506)
  --json         keluaran JSON (bentuk LevelCounts dari kontrak API)
${DB_HELP}
  -h, --help     bantuan ini`,
    options: { ...dbOption, json: { type: 'boolean' }, region: { type: 'string' } },
    positionals: { min: 0, max: 0 },
    load: async () => (await import('./commands/status.ts')).runStatus,
  },
  {
    name: 'serve',
    summary: 'jalankan Pleno di peramban (HTTP + WebSocket), untuk layar proyektor di LAN',
    help: `Pemakaian: pleno serve [--port N] [--host ALAMAT] [--db PATH]

Menjalankan Pleno dalam mode peramban. Komputer ini menjadi operator; komputer lain di jaringan
(mis. laptop proyektor) hanya bisa melihat. Saat pertama dijalankan dengan basis data kosong,
data demo Kabupaten Kediri dimuat.

Opsi:
  --port N       port HTTP (bawaan: 8417; 0 = pilih port bebas)
  --host ALAMAT  alamat yang didengarkan (bawaan: 0.0.0.0, semua jaringan;
                 127.0.0.1 = hanya komputer ini)
${DB_HELP}
  -h, --help     bantuan ini`,
    options: { ...dbOption, port: { type: 'string' }, host: { type: 'string' } },
    positionals: { min: 0, max: 0 },
    load: async () => (await import('./commands/serve.ts')).runServe,
  },
  {
    name: 'read',
    summary: 'baca foto atau PDF C.Hasil: angka per kolom, pemeriksaan hitungan, putusan',
    help: `Pemakaian: pleno read BERKAS... [--json] [--workers N]

Membaca foto (JPEG, PNG, WebP, TIFF) atau PDF C.Hasil: mengenali formulir dan halamannya, membaca
kotak angka, bulatan dan hitungan formulir, lalu memberi putusan per halaman: DITERIMA (semua kolom
yakin dan semua hitungan cocok), PERLU DIPERIKSA (kolom yang disebut), TIDAK TERBACA (penanda tidak
ditemukan: ketik angkanya) atau BUKAN FORMULIR C.HASIL. Tidak memakai jaringan.

Kode keluar 0 bila setidaknya satu berkas dapat dibaca (juga bila ada kolom yang perlu diperiksa);
1 bila tidak ada berkas yang dapat dibaca.

Opsi:
  --json         satu larik JSON, satu objek per halaman (file, page, template, verdict, fields, checks;
                 berkas yang tidak dapat dipakai: objek dengan error)
  --workers N    jumlah thread pembaca (bawaan: jumlah inti prosesor)
  -h, --help     bantuan ini`,
    options: { json: { type: 'boolean' }, workers: { type: 'string' } },
    positionals: { min: 1, max: Number.POSITIVE_INFINITY },
    load: async () => (await import('./commands/read.ts')).runRead,
  },
  {
    name: 'import-photos',
    summary: 'impor semua foto/PDF C.Hasil dalam folder: simpan, baca, pasangkan ke TPS',
    help: `Pemakaian: pleno import-photos FOLDER [--race JENIS] [--pattern POLA] [--workers N] [--db PATH]

Mengimpor semua foto (JPEG, PNG, WebP, TIFF) dan PDF C.Hasil di FOLDER (termasuk subfolder) lewat
antrean yang tersimpan: tiap berkas disimpan sekali (menurut sha256; berkas yang sama persis dikenali
sebagai duplikat), dibaca, lalu dipasangkan ke TPS menurut nama berkasnya. Bila impor terhenti
(Ctrl+C, aplikasi tertutup), jalankan perintah yang sama lagi: impor dilanjutkan tanpa membaca ulang
berkas yang sudah selesai. Foto disimpan di folder blobs/ di samping basis data.

Opsi:
  --race JENIS   pemilihan semua halaman: gubernur, bupati, walikota, atau nomor pemilihan
                 (wajib bila basis data memuat lebih dari satu pemilihan dan POLA tanpa {race})
  --pattern POLA pola nama berkas (bawaan: {tps}[_{hal}]*, cocok untuk 3506010001001_hal2.jpg dan
                 3506010001_001_hal2.jpg); bagian: {tps} {desa} {nomor} {hal} {race}, * (teks apa pun),
                 [ ] (opsional), / (batas folder); "tidak" = nama berkas tidak dipakai
  --tps KODE     semua berkas milik satu TPS (kode 13 digit), mis. PDF dari KPPS yang luring
  --workers N    jumlah thread pembaca (bawaan: jumlah inti prosesor; 0 = tanpa thread pekerja)
  --json         ringkasan sebagai JSON
${DB_HELP}
  -h, --help     bantuan ini

Kode keluar: 0 selesai (berkas yang gagal disebut di ringkasan), 1 semua berkas gagal,
130 dijeda dengan Ctrl+C.`,
    options: { ...dbOption, race: { type: 'string' }, pattern: { type: 'string' }, tps: { type: 'string' }, workers: { type: 'string' }, json: { type: 'boolean' } },
    positionals: { min: 1, max: 1 },
    load: async () => (await import('./commands/import-photos.ts')).runImportPhotos,
  },
  {
    name: 'print-form',
    summary: 'cetak formulir C.Hasil-KWK (PDF) untuk satu TPS dan pemilihan',
    help: `Pemakaian: pleno print-form --tps KODE --race JENIS [--out BERKAS] [--db PATH] > formulir.pdf

Membuat formulir C.Hasil-KWK (PDF A4, 2 halaman) untuk satu TPS: nama provinsi, kab/kota, kecamatan,
desa dan nomor TPS serta pasangan calon diambil dari basis data. Formulir ini dibaca kembali oleh
pleno read dan pleno import-photos.

Opsi:
  --tps KODE     kode TPS 13 digit, mis. 3506012001001
  --race JENIS   gubernur, bupati atau walikota
  --out BERKAS   tulis PDF ke berkas ini (bawaan: keluaran standar; tidak ke terminal)
${DB_HELP}
  -h, --help     bantuan ini`,
    options: { ...dbOption, tps: { type: 'string' }, race: { type: 'string' }, out: { type: 'string' } },
    positionals: { min: 0, max: 0 },
    load: async () => (await import('./commands/print-form.ts')).runPrintForm,
  },
  { name: 'audit', summary: 'periksa rantai hash log audit: pleno audit verify', help: `Pemakaian: pleno audit verify [--json] [--db PATH]\n\nMemeriksa seluruh log audit (siapa, kapan, perangkat, nilai lama → baru): setiap entri harus\nmenyambung ke entri sebelumnya dan isinya harus cocok dengan hash-nya. Mencetak jumlah entri bila\nutuh, atau entri pertama yang rusak (nomor, waktu, aksi, pelaku).\n\nKode keluar: 0 utuh, 1 rantai rusak.\n\nOpsi:\n  --json         hasil sebagai JSON\n${DB_HELP}\n  -h, --help     bantuan ini`, options: { ...dbOption, json: { type: 'boolean' } }, positionals: { min: 1, max: 1 }, load: async () => (await import('./commands/audit.ts')).runAudit },
];

export function findCommand(name: string): CommandSpec | undefined {
  return commands.find((command) => command.name === name);
}
