/**
 * `pleno print-form --tps CODE --race bupati|gubernur|walikota [--out FILE] [--db PATH] > form.pdf`: the
 * C.Hasil-KWK for one TPS and race, filled in with the TPS's regions and the race's paslon from the store,
 * written as a PDF to stdout or a file. Every expected failure is one line (unknown TPS, no such race here,
 * no paslon yet, PDF to a terminal).
 */
import fs from 'node:fs';
import path from 'node:path';
import { JenisPemilihan, TpsCode } from '../../../shared/domain/types.ts';
import { openAppStore } from '../../bootstrap.ts';
import { getRegion, getTps, listElections, type Store } from '../../store/index.ts';
import { CliError, EXIT_USAGE, dbPathFor, type CliIo, type CommandRun } from '../command.ts';

/** Binary stdout: the real process writes bytes; tests may hand in their own sink. */
type BytesIo = CliIo & { stdoutBytes?: (bytes: Uint8Array) => void };

export const runPrintForm: CommandRun = async ({ values }, io) => {
  const tpsCode = typeof values.tps === 'string' ? values.tps : undefined;
  const race = typeof values.race === 'string' ? values.race : undefined;
  if (tpsCode === undefined) throw new CliError('--tps wajib: kode TPS 13 digit (lihat pleno print-form --help)', EXIT_USAGE);
  if (!TpsCode.safeParse(tpsCode).success) throw new CliError(`--tps tidak sah: kode TPS harus 13 digit, bukan ${tpsCode}`, EXIT_USAGE);
  if (race === undefined) throw new CliError('--race wajib: gubernur, bupati atau walikota (lihat pleno print-form --help)', EXIT_USAGE);
  const jenis = JenisPemilihan.safeParse(race);
  if (!jenis.success) throw new CliError(`--race tidak dikenal: ${race} (gubernur, bupati atau walikota)`, EXIT_USAGE);
  const out = typeof values.out === 'string' ? path.resolve(io.cwd, values.out) : null;
  const sink = (io as BytesIo).stdoutBytes;
  if (out === null && !sink && process.stdout.isTTY) {
    throw new CliError('PDF tidak ditulis ke terminal: alihkan ke berkas (> formulir.pdf) atau pakai --out BERKAS', EXIT_USAGE);
  }

  const { store } = openAppStore({ dbPath: await dbPathFor(values, io), mustExist: true });
  let input;
  try {
    input = formInput(store, tpsCode, jenis.data);
  } finally {
    store.close();
  }
  const { renderKwkFormPdf } = await import('../../forms/index.ts');
  const pdf = await renderKwkFormPdf(input);
  if (out !== null) {
    fs.writeFileSync(out, pdf);
    io.stderr(`Formulir C.Hasil-KWK TPS ${tpsCode} (${input.race.name}) ditulis ke ${values.out as string}\n`);
  } else if (sink) {
    sink(pdf);
  } else {
    await new Promise<void>((resolve, reject) => process.stdout.write(pdf, (error) => (error ? reject(error) : resolve())));
  }
  return 0;
};

/** What the form needs from the store; unknown TPS, missing race or paslon are CliErrors. */
function formInput(store: Store, tpsCode: string, jenis: JenisPemilihan) {
  const tps = getTps(store, tpsCode);
  if (!tps) throw new CliError(`TPS tidak ditemukan: ${tpsCode}`);
  const name = (code: string) => getRegion(store, code)?.name ?? code;
  const races = listElections(store)
    .filter((e) => e.jenis === jenis && tpsCode.startsWith(e.regionCode))
    .sort((a, b) => b.year - a.year);
  const election = races[0];
  if (!election) throw new CliError(`tidak ada pemilihan ${jenis} untuk TPS ${tpsCode} di basis data ini`);
  if (election.paslon.filter((p) => !p.kotakKosong).length === 0) throw new CliError(`${election.name} belum punya pasangan calon`);
  return {
    tps: {
      code: tps.code,
      nomor: tps.nomor,
      desa: name(tpsCode.slice(0, 10)),
      kecamatan: name(tpsCode.slice(0, 6)),
      kabkota: name(tpsCode.slice(0, 4)),
      provinsi: name(tpsCode.slice(0, 2)),
    },
    race: { jenis, name: election.name, year: election.year },
    paslon: election.paslon,
  };
}
