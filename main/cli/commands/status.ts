/** `pleno status`: how many regions per level, TPS, DPT and C.Hasil per status, for a region or all. */
import type { LevelCounts } from '../../../shared/api/contract.ts';
import { RegionCode, type TpsStatus } from '../../../shared/domain/types.ts';
import { callMethod } from '../../api/call-method.ts';
import { startCore } from '../../bootstrap.ts';
import { CliError, EXIT_USAGE, dbPathFor, type CommandRun } from '../command.ts';
import { formatCount, formatTable } from '../format.ts';

const STATUS_LABELS: Record<TpsStatus, string> = {
  no_chasil: 'Belum ada C.Hasil',
  received: 'C.Hasil diterima',
  needs_review: 'Perlu diperiksa',
  verified: 'Terverifikasi',
  withheld: 'Ditahan',
};

export const runStatus: CommandRun = async ({ values }, io) => {
  const regionCode = typeof values.region === 'string' ? values.region : undefined;
  if (regionCode !== undefined) {
    const checked = RegionCode.safeParse(regionCode);
    if (!checked.success) throw new CliError(`--region tidak sah: ${checked.error.issues[0]?.message}`, EXIT_USAGE);
  }
  const dbPath = await dbPathFor(values, io);
  const core = startCore({ dbPath, face: 'browser', mustExist: true });
  try {
    // Through the API's own door, so a bad code is refused with the same message as in the UI.
    const counts = await callMethod(core.api, 'getStatusSummary', regionCode === undefined ? {} : { regionCode }, 'operator');
    if (values.json === true) {
      io.stdout(`${JSON.stringify(counts, null, 2)}\n`);
      return 0;
    }
    const title =
      regionCode === undefined
        ? 'Seluruh basis data'
        : (await callMethod(core.api, 'getRegion', { code: regionCode }, 'operator')).path
            .map((r) => r.name)
            .join(' › ') + ` (${regionCode})`;
    io.stdout(`${title}\n${dbPath}\n\n${statusTable(counts).join('\n')}\n`);
    if (regionCode === undefined && counts.provinsi === 0) {
      io.stdout('\nBasis data masih kosong: impor data induk (pleno import) atau muat demo (pleno init --demo kediri).\n');
    }
    return 0;
  } finally {
    core.close();
  }
};

export function statusTable(counts: LevelCounts): string[] {
  const rows: string[][] = [
    ['Tingkat', 'Jumlah'],
    ['Provinsi', formatCount(counts.provinsi)],
    ['Kabupaten/Kota', formatCount(counts.kabkota)],
    ['Kecamatan', formatCount(counts.kecamatan)],
    ['Desa/Kelurahan', formatCount(counts.desa)],
    ['TPS', formatCount(counts.tps)],
    ['DPT (pemilih)', formatCount(counts.dpt)],
    ['', ''],
    ['Status C.Hasil', 'TPS'],
    ...(Object.keys(STATUS_LABELS) as TpsStatus[]).map((s) => [STATUS_LABELS[s], formatCount(counts.status[s])]),
  ];
  return formatTable(rows);
}
