/**
 * Launches Debian's Chromium through playwright-core for the E2E tests, headless, with the flags that
 * work on this machine (see ../shared/toolchain.md): no sandbox (root in CI), no GPU, and nothing that
 * phones home. A fresh profile folder per launch so tests never share state.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM_PATH = process.env.PLENO_CHROMIUM ?? '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--font-render-hinting=none',
];

export type LaunchedBrowser = {
  context: BrowserContext;
  close(): Promise<void>;
};

/** Whether the browser exists, so a test can say how to install it instead of failing obscurely. */
export function chromiumAvailable(): boolean {
  return fs.existsSync(CHROMIUM_PATH);
}

export async function launchChromium(options: { viewport?: { width: number; height: number } } = {}): Promise<LaunchedBrowser> {
  if (!chromiumAvailable()) {
    throw new Error(`Chromium tidak ditemukan di ${CHROMIUM_PATH}; pasang dengan: apt-get install -y chromium`);
  }
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'pleno-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: options.viewport ?? { width: 1440, height: 900 },
    locale: 'id-ID',
    timezoneId: 'Asia/Jakarta',
  });
  return {
    context,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}
