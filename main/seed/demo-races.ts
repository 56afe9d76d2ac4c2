import type { JenisPemilihan } from '../../shared/domain/types.ts';

/**
 * The demo's races. The paslon are invented: any likeness to a real candidate is accidental, and every
 * race is stored with demo = 1 so the UI can say so.
 */
export type DemoRace = {
  jenis: JenisPemilihan;
  regionCode: string;
  name: string;
  paslon: { kepala: string; wakil: string }[];
};

export const DEMO_YEAR = 2024;

export const KEDIRI_RACES: readonly DemoRace[] = [
  {
    jenis: 'gubernur',
    regionCode: '35',
    name: 'Pemilihan Gubernur dan Wakil Gubernur Jawa Timur 2024',
    paslon: [
      { kepala: 'Sri Wahyuningtyas', wakil: 'Agus Setiadi Nugroho' },
      { kepala: 'Bima Aryasatya', wakil: 'Nur Aini Maharani' },
      { kepala: 'Fajar Ramadhani Siregar', wakil: 'Kartika Sekarwangi' },
    ],
  },
  {
    jenis: 'bupati',
    regionCode: '3506',
    name: 'Pemilihan Bupati dan Wakil Bupati Kediri 2024',
    paslon: [
      { kepala: 'Bagus Wicaksana', wakil: 'Laila Fitriyani' },
      { kepala: 'Hendra Kusumadinata', wakil: 'Rina Puspitaningrum' },
      { kepala: 'Yusuf Hidayatullah', wakil: 'Dewi Anggraeni Saputri' },
    ],
  },
];
