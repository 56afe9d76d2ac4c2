/** Why a page was not registered, in Bahasa Indonesia, for the operator (shown as is in UI and CLI). */
const nf = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 1 });

export const reasons = {
  notAForm: () =>
    'Bukan formulir C.Hasil: tidak ada penanda halaman (AprilTag) maupun penanda sudut yang terlihat di foto ini.',
  tagUnusable: () => 'Penanda halaman (AprilTag) terbaca, tetapi bentuknya tidak wajar; foto ulang dengan lebih tegak.',
  cornersMissing: (found: number, expected: number, tagFound: boolean, page: number) =>
    `${tagFound ? `Halaman ${page} dikenali dari penanda halamannya, tetapi hanya` : 'Hanya'} ${found} dari ${expected} ` +
    'penanda sudut yang terlihat (tertutup, terlipat, atau di luar foto). Foto ulang seluruh halaman, atau ketik angkanya.',
  inconsistent: (rms: number) =>
    `Penanda-penanda tidak cocok satu sama lain (selisih ${nf.format(rms)} piksel): kertas terlipat atau melengkung? ` +
    'Ratakan kertas lalu foto ulang, atau ketik angkanya.',
  noTagNoMatch: () =>
    'Tampak seperti formulir (ada penanda sudut), tetapi halamannya tidak dapat dikenali: penanda halaman tidak terbaca. ' +
    'Foto ulang seluruh halaman dengan jelas, atau ketik angkanya.',
};
