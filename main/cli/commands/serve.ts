/**
 * `pleno serve`: the browser face. Opens (seeding the demo on a fresh database) and serves until
 * Ctrl+C / SIGTERM, then closes the sockets and the database cleanly.
 */
import { startCore } from '../../bootstrap.ts';
import { DEFAULT_BIND_HOST, DEFAULT_PORT, startHost, type RunningHost } from '../../host/start-host.ts';
import { CliError, EXIT_USAGE, dbPathFor, type CommandRun } from '../command.ts';

export const runServe: CommandRun = async ({ values }, io) => {
  const port = parsePort(values.port);
  const host = typeof values.host === 'string' && values.host !== '' ? values.host : DEFAULT_BIND_HOST;
  const dbPath = await dbPathFor(values, io);
  const core = startCore({ dbPath, face: 'browser', seedDemo: true });
  await core.ready;
  let running: RunningHost;
  try {
    running = await startHost({ api: core.api, port, host });
  } catch (error) {
    core.close();
    throw listenError(error, port, host);
  }

  if (core.seeded) io.stdout('Basis data baru: data demo Kabupaten Kediri dimuat.\n');
  // The projector view is the renderer's `#/projector` route; LAN screens are read-only viewers.
  const lan = running.lanUrls.map((url) => `    ${url}#/projector\n`).join('');
  io.stdout(
    `Pleno berjalan (mode peramban)\n` +
      `  Konsol operator (komputer ini): ${running.operatorUrl}\n` +
      `  Proyektor (komputer ini):       ${running.url}#/projector\n` +
      (lan ? `  Layar proyektor lain di jaringan (hanya melihat):\n${lan}` : '') +
      `  Basis data: ${dbPath}\n` +
      `Tekan Ctrl+C untuk berhenti.\n`,
  );

  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  io.stdout('Menghentikan Pleno…\n');
  await running.close();
  // an import still reading pauses first (its files go back to the queue and resume at the next start)
  await core.shutdown();
  return 0;
};

function parsePort(value: string | boolean | undefined): number {
  if (value === undefined) return DEFAULT_PORT;
  const port = typeof value === 'string' && /^\d{1,5}$/.test(value) ? Number(value) : NaN;
  if (!(port >= 0 && port <= 65535)) throw new CliError(`port tidak sah: ${String(value)} (0–65535)`, EXIT_USAGE);
  return port;
}

function listenError(error: unknown, port: number, host: string): unknown {
  switch ((error as { code?: string }).code) {
    case 'EADDRINUSE':
      return new CliError(`port ${port} sudah dipakai program lain; pilih port lain dengan --port`);
    case 'EACCES':
      return new CliError(`tidak diizinkan memakai port ${port}; pilih port di atas 1024 dengan --port`);
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
      return new CliError(`alamat tidak tersedia di komputer ini: ${host}`);
    default:
      return error;
  }
}
