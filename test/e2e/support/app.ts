/**
 * The real app for a browser test: a temporary database seeded with the Kediri demo, the real API and
 * the real HTTP/WebSocket host serving the built renderer on a free loopback port.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startCore, type AppCore } from '../../../main/bootstrap.ts';
import { startHost, type RunningHost } from '../../../main/host/start-host.ts';
import { ensureRendererBuilt, RENDERER_DIR } from './renderer-build.ts';

export type E2eApp = {
  core: AppCore;
  host: RunningHost;
  /** Another host over the same API, e.g. one that requires the operator token. */
  startAnotherHost(options?: { operatorToken?: string; port?: number }): Promise<RunningHost>;
  close(): Promise<void>;
};

export async function startE2eApp(): Promise<E2eApp> {
  await ensureRendererBuilt();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pleno-e2e-'));
  const core = startCore({ dbPath: path.join(dir, 'pleno.db'), seedDemo: true, face: 'browser', dataDir: dir, validateOutputs: true });
  const hosts: RunningHost[] = [];
  const startAnotherHost = async (options: { operatorToken?: string; port?: number } = {}) => {
    const host = await startHost({
      api: core.api,
      port: options.port ?? 0,
      host: '127.0.0.1',
      rendererDir: RENDERER_DIR,
      ...(options.operatorToken ? { operatorToken: options.operatorToken } : {}),
    });
    hosts.push(host);
    return host;
  };
  const host = await startAnotherHost();
  return {
    core,
    host,
    startAnotherHost,
    async close() {
      await Promise.all(hosts.map((h) => h.close()));
      core.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
