/**
 * What a subcommand is: its help (available without loading its code), its options for
 * node:util parseArgs, and a lazily loaded `run`. Adding a subcommand = adding one entry to
 * commands.ts and one file under commands/.
 */
import type { ParseArgsConfig } from 'node:util';

export type CliIo = {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  cwd: string;
};

export type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

export type ParsedArgs = {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
};

export type CommandRun = (args: ParsedArgs, io: CliIo) => Promise<number>;

export type CommandSpec = {
  name: string;
  /** One line for `pleno --help`. */
  summary: string;
  /** The full `pleno <name> --help` text (without the trailing newline). */
  help: string;
  options: OptionsConfig;
  /** How many positional arguments are accepted. */
  positionals: { min: number; max: number };
  load: () => Promise<CommandRun>;
};

/** An expected failure: printed as one line `pleno: <message>`, exit code `exitCode`. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export const EXIT_USAGE = 2;

/** `--db` is shared by every command that opens the database. */
export const dbOption: OptionsConfig = { db: { type: 'string' } };
export const DB_HELP = `  --db PATH      berkas basis data (bawaan: PLENO_DB, atau pleno.db di folder data Pleno)`;

/** The database a command works on: --db, then PLENO_DB, then the data folder's pleno.db. */
export async function dbPathFor(values: ParsedArgs['values'], io: CliIo): Promise<string> {
  const { dbPath } = await import('../paths.ts');
  return dbPath({ cliDb: typeof values.db === 'string' ? values.db : undefined, env: io.env, cwd: io.cwd });
}
