/**
 * Application updates through electron-updater's *generic* provider: the KPU Kab/Kota hosts the
 * release files and sets their URL in the app's settings (`updateUrl`). No URL, no checks; offline, no
 * checks (a rekap laptop is often offline for days and must not nag or stall). A failing check is
 * logged and reported as a value; it never takes the app down.
 */
import type { AppUpdater } from 'electron-updater';

export type UpdaterPort = Pick<AppUpdater, 'setFeedURL' | 'checkForUpdates' | 'on' | 'autoDownload' | 'autoInstallOnAppQuit' | 'logger'>;

export type UpdaterLog = {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
};

export type UpdaterDeps = {
  /** Lazily obtains electron-updater's autoUpdater, so an unconfigured app never even constructs it. */
  loadUpdater: () => UpdaterPort;
  isOnline: () => boolean;
  /** electron-updater only works in a packaged app (it reads resources/app-update.yml). */
  isPackaged: boolean;
  getUpdateUrl: () => Promise<string | null>;
  log: UpdaterLog;
};

export type UpdateCheck =
  | { kind: 'skipped'; reason: 'no_url' | 'offline' | 'not_packaged' | 'busy' }
  | { kind: 'checked'; url: string; latestVersion: string | null }
  | { kind: 'failed'; url: string | null; message: string };

export type Updater = {
  check(): Promise<UpdateCheck>;
  /** Check shortly after start and then periodically; returns the stop function. */
  schedule(options?: { firstDelayMs?: number; intervalMs?: number }): () => void;
};

export function createUpdater(deps: UpdaterDeps): Updater {
  let updater: UpdaterPort | null = null;
  let feedUrl: string | null = null;
  let running = false;

  function obtain(): UpdaterPort {
    if (updater) return updater;
    const u = deps.loadUpdater();
    u.logger = deps.log;
    u.autoDownload = true;
    // Install when the operator quits, never in the middle of a pleno session.
    u.autoInstallOnAppQuit = true;
    u.on('error', (error: Error) => deps.log.error(`pembaruan gagal: ${error?.message ?? String(error)}`));
    updater = u;
    return u;
  }

  async function check(): Promise<UpdateCheck> {
    if (running) return { kind: 'skipped', reason: 'busy' };
    running = true;
    let url: string | null = null;
    try {
      url = normaliseUrl(await deps.getUpdateUrl());
      if (!url) return { kind: 'skipped', reason: 'no_url' };
      if (!deps.isOnline()) return { kind: 'skipped', reason: 'offline' };
      if (!deps.isPackaged) return { kind: 'skipped', reason: 'not_packaged' };
      const u = obtain();
      if (url !== feedUrl) {
        u.setFeedURL({ provider: 'generic', url });
        feedUrl = url;
      }
      const result = await u.checkForUpdates();
      const latestVersion = result?.updateInfo?.version ?? null;
      deps.log.info(`pembaruan diperiksa di ${url}: versi terbaru ${latestVersion ?? 'tidak diketahui'}`);
      return { kind: 'checked', url, latestVersion };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      deps.log.error(`pemeriksaan pembaruan gagal: ${message}`);
      return { kind: 'failed', url, message };
    } finally {
      running = false;
    }
  }

  function schedule({ firstDelayMs = 30_000, intervalMs = 6 * 60 * 60 * 1000 } = {}): () => void {
    const run = () => void check();
    const first = setTimeout(run, firstDelayMs);
    const every = setInterval(run, intervalMs);
    first.unref?.();
    every.unref?.();
    return () => {
      clearTimeout(first);
      clearInterval(every);
    };
  }

  return { check, schedule };
}

function normaliseUrl(url: string | null | undefined): string | null {
  const trimmed = url?.trim();
  return trimmed ? trimmed : null;
}
