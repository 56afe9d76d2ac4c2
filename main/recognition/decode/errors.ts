/**
 * Why an input file cannot be turned into page images. Each error carries a message in Bahasa Indonesia that
 * the UI and CLI show as is, plus an optional technical detail (for logs, not for users).
 */
export type DecodeErrorCode =
  | 'not_found'
  | 'empty'
  | 'unsupported'
  | 'corrupt'
  | 'too_large'
  | 'pdf_no_pages'
  | 'pdf_encrypted';

export interface DecodeError {
  code: DecodeErrorCode;
  message: string;
  detail?: string;
}

const mp = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 1 });

export const decodeErrors = {
  notFound: (detail?: string): DecodeError => ({
    code: 'not_found',
    message: 'Berkas tidak ditemukan atau tidak dapat dibaca.',
    detail,
  }),
  empty: (): DecodeError => ({ code: 'empty', message: 'Berkas kosong (0 byte): tidak ada gambar untuk dibaca.' }),
  unsupported: (what: string | undefined): DecodeError => ({
    code: 'unsupported',
    message:
      (what ? `Jenis berkas tidak didukung (${what}). ` : 'Jenis berkas tidak didukung. ') +
      'Gunakan foto JPEG, PNG, WebP, TIFF, atau berkas PDF.',
  }),
  heic: (): DecodeError => ({
    code: 'unsupported',
    message:
      'Foto HEIC/HEIF belum didukung. Ubah ke JPEG (di iPhone: Pengaturan › Kamera › Format › Paling Kompatibel), lalu coba lagi.',
  }),
  corrupt: (detail?: string): DecodeError => ({
    code: 'corrupt',
    message: 'Berkas rusak atau tidak lengkap sehingga gambarnya tidak dapat dibaca.',
    detail,
  }),
  tooLarge: (width: number, height: number, maxMegapixels: number): DecodeError => ({
    code: 'too_large',
    message:
      `Gambar terlalu besar: ${mp.format((width * height) / 1e6)} MP (${width}×${height} piksel), ` +
      `batasnya ${mp.format(maxMegapixels)} MP. Perkecil resolusinya lalu coba lagi.`,
  }),
  pdfNoPages: (): DecodeError => ({ code: 'pdf_no_pages', message: 'Berkas PDF ini tidak berisi halaman.' }),
  pdfEncrypted: (): DecodeError => ({
    code: 'pdf_encrypted',
    message: 'Berkas PDF ini dilindungi kata sandi sehingga tidak dapat dibuka. Simpan ulang tanpa kata sandi.',
  }),
};
