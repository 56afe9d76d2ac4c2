/** `pleno init`: create (or bring up to date) a database, optionally with the Kediri demo. */
import { callMethod } from '../../api/call-method.ts';
import { startCore } from '../../bootstrap.ts';
import { CliError, EXIT_USAGE, dbPathFor, type CommandRun } from '../command.ts';
import { formatCount } from '../format.ts';

const DEMOS = ['kediri'] as const;

export const runInit: CommandRun = async ({ values }, io) => {
  const demo = values.demo;
  if (demo !== undefined && !DEMOS.includes(demo as (typeof DEMOS)[number])) {
    throw new CliError(`data demo tidak dikenal: ${String(demo)} (tersedia: ${DEMOS.join(', ')})`, EXIT_USAGE);
  }
  const dbPath = await dbPathFor(values, io);
  const core = startCore({ dbPath, face: 'browser', seedDemo: demo !== undefined });
  try {
    if (demo !== undefined && !core.seeded) {
      throw new CliError(`basis data sudah berisi data; demo hanya dimuat ke basis data kosong: ${dbPath}`);
    }
    const schema = `skema v${core.store.schemaVersion}`;
    io.stdout(`${core.created ? `Basis data dibuat (${schema})` : `Basis data sudah ada (${schema})`}: ${dbPath}\n`);
    if (core.seeded) {
      const info = await callMethod(core.api, 'getAppInfo', {}, 'operator');
      const home = info.homeRegion;
      const counts = await callMethod(core.api, 'getStatusSummary', home ? { regionCode: home.code } : {}, 'operator');
      const elections = await callMethod(core.api, 'listElections', {}, 'operator');
      io.stdout(
        `Data demo dimuat: ${home?.name ?? 'wilayah demo'}, ${formatCount(counts.kecamatan)} kecamatan, ` +
          `${formatCount(counts.desa)} desa/kelurahan, ${formatCount(counts.tps)} TPS, ` +
          `${formatCount(elections.length)} pemilihan (nama paslon fiktif).\n`,
      );
    }
    return 0;
  } finally {
    core.close();
  }
};
