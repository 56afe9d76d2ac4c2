/**
 * `pleno` dispatch: global --help/--version, then one subcommand from the table. Every failure ends
 * as one line in Bahasa Indonesia on stderr and a non-zero exit code; never a stack trace (set
 * PLENO_DEBUG=1 to see one).
 */
import { parseArgs } from 'node:util';
import type { ApiError } from '../../shared/api/contract.ts';
import { CliError, EXIT_USAGE, type CliIo, type CommandSpec, type ParsedArgs } from './command.ts';
import { commands, findCommand } from './commands.ts';
import { packageVersion } from '../paths.ts';

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    io.stderr(`pleno: ${describeError(error)}\n`);
    if (io.env.PLENO_DEBUG && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
    return error instanceof CliError ? error.exitCode : 1;
  }
}

async function dispatch(argv: readonly string[], io: CliIo): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    if (first === 'help' && rest[0] !== undefined) return dispatch([rest[0], '--help'], io);
    io.stdout(overview());
    return 0;
  }
  if (first === '--version' || first === '-v') {
    io.stdout(`pleno ${packageVersion()}\n`);
    return 0;
  }
  if (first.startsWith('-')) {
    throw new CliError(`opsi tidak dikenal: ${first} (lihat pleno --help)`, EXIT_USAGE);
  }
  const command = findCommand(first);
  if (!command) throw new CliError(`perintah tidak dikenal: ${first} (lihat pleno --help)`, EXIT_USAGE);

  // Asking for help always gets help, whatever else is on the line (a stray option included).
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(`${command.help}\n`);
    return 0;
  }
  const args = parseCommandArgs(command, rest);
  const run = await command.load();
  return run(args, io);
}

export function parseCommandArgs(command: CommandSpec, argv: readonly string[]): ParsedArgs {
  let parsed: ParsedArgs;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    }) as ParsedArgs;
  } catch (error) {
    throw new CliError(`${translateParseError(error)} (lihat pleno ${command.name} --help)`, EXIT_USAGE);
  }
  if (parsed.values.help === true) return parsed;
  const { min, max } = command.positionals;
  if (parsed.positionals.length > max) {
    throw new CliError(
      `argumen berlebih untuk ${command.name}: ${parsed.positionals.slice(max).join(' ')} (lihat pleno ${command.name} --help)`,
      EXIT_USAGE,
    );
  }
  if (parsed.positionals.length < min) {
    throw new CliError(`argumen kurang untuk ${command.name} (lihat pleno ${command.name} --help)`, EXIT_USAGE);
  }
  return parsed;
}

/** node:util's parse errors are English; say the same in Indonesian, naming the offending option. */
function translateParseError(error: unknown): string {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  const option = /'([^']+)'/.exec(message)?.[1] ?? '';
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `opsi tidak dikenal: ${option}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return `opsi ${option.split(' ')[0]} perlu nilai`;
    default:
      return `argumen tidak sah: ${message.split('\n')[0]}`;
  }
}

function overview(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return `Pleno: rekap suara Pilkada, local-first.

Pemakaian: pleno <perintah> [opsi]

Perintah:
${lines.join('\n')}

Opsi umum:
  -h, --help     bantuan (juga: pleno <perintah> --help)
  -v, --version  versi Pleno

Folder data: PLENO_DATA_DIR, atau folder data aplikasi (Linux: ~/.config/Pleno).
`;
}

function describeError(error: unknown): string {
  if (error instanceof CliError) return error.message;
  // Matched by name (like StoreError below) so that --help does not load zod and the contract.
  if (error instanceof Error && error.name === 'ApiError') {
    const first = (error as ApiError).issues?.[0];
    return first ? `${error.message}: ${first.path ? `${first.path}: ` : ''}${first.message}` : error.message;
  }
  // The store's refusals (newer file, damaged file, unwritable folder) are already worded for the user.
  // Matched by name so that --help never has to load the database code.
  if (error instanceof Error && error.name === 'StoreError') return error.message.split('\n')[0]!;
  const message = error instanceof Error ? error.message : String(error);
  return `kesalahan tak terduga: ${message.split('\n')[0]}`;
}
