/**
 * Where Pleno keeps its data. The folder matches what Electron calls `userData` for an app named
 * "Pleno", so the desktop app, `npm run serve` and the CLI all open the same database by default.
 * (The Electron shell should pin `app.setPath('userData', dataDir())` so the two can never drift.)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const APP_DIR_NAME = 'Pleno';
export const DB_FILE_NAME = 'pleno.db';

type Env = Record<string, string | undefined>;

export type PathInputs = {
  env?: Env;
  platform?: NodeJS.Platform;
  home?: string;
  cwd?: string;
};

/** The per-user application-data folder of the platform (Electron's `appData`). */
export function appDataDir({ env = process.env, platform = process.platform, home = os.homedir() }: PathInputs = {}): string {
  const p = platform === 'win32' ? path.win32 : path.posix;
  switch (platform) {
    case 'win32':
      return nonEmpty(env.APPDATA) ?? p.join(home, 'AppData', 'Roaming');
    case 'darwin':
      return p.join(home, 'Library', 'Application Support');
    default: {
      // XDG says a relative XDG_CONFIG_HOME is invalid and must be ignored.
      const xdg = nonEmpty(env.XDG_CONFIG_HOME);
      return xdg && p.isAbsolute(xdg) ? xdg : p.join(home, '.config');
    }
  }
}

/** The data folder: `PLENO_DATA_DIR` when set, else `<appData>/Pleno`. */
export function dataDir(inputs: PathInputs = {}): string {
  const { env = process.env, platform = process.platform, cwd = process.cwd() } = inputs;
  const p = platform === 'win32' ? path.win32 : path.posix;
  const override = nonEmpty(env.PLENO_DATA_DIR);
  if (override) return p.resolve(cwd, override);
  return p.join(appDataDir(inputs), APP_DIR_NAME);
}

/**
 * The database file: an explicit `--db` wins, then `PLENO_DB`, then `<dataDir>/pleno.db`.
 * Relative paths are taken from the current directory, as a user typing them expects.
 */
export function dbPath(inputs: PathInputs & { cliDb?: string } = {}): string {
  const { env = process.env, platform = process.platform, cwd = process.cwd() } = inputs;
  const p = platform === 'win32' ? path.win32 : path.posix;
  const chosen = nonEmpty(inputs.cliDb) ?? nonEmpty(env.PLENO_DB);
  if (chosen) return p.resolve(cwd, chosen);
  return p.join(dataDir(inputs), DB_FILE_NAME);
}

/** The project root (where package.json, dist/ and resources/ live) when running from source. */
export function projectRoot(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
}

/** The built renderer served by the HTTP host. */
export function defaultRendererDir(): string {
  return path.join(projectRoot(), 'dist', 'renderer');
}

function nonEmpty(value: string | undefined): string | undefined {
  return value !== undefined && value.trim() !== '' ? value : undefined;
}

let cachedVersion: string | undefined;

/** The app version from the project's package.json (when running from source: CLI, serve, tests). */
export function packageVersion(): string {
  cachedVersion ??= (JSON.parse(fs.readFileSync(path.join(projectRoot(), 'package.json'), 'utf8')) as { version: string }).version;
  return cachedVersion;
}
