/**
 * Part 4 of `npm run bench:rekap`: a saved pleno correction → the projector's state on a WebSocket, in browser
 * mode (the real host over HTTP/WS, the same path a LAN projector's browser uses). Times each correction from
 * the POST leaving the client to the projectorChanged event that carries it arriving.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { startCore } from '../main/bootstrap.ts';
import { startHost } from '../main/host/start-host.ts';
import { fillVerified } from '../test/pleno/support/pleno-core.ts';

const BUPATI = 2;

export async function projectorBench(corrections: number): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pleno-bench-projector-'));
  const core = startCore({ dbPath: path.join(dir, 'pleno.db'), seedDemo: true, face: 'browser', dataDir: dir, rekap: 'lazy' });
  try {
    const filled = fillVerified(core.store, BUPATI, '3506', core.rekap.engine().fieldIds(BUPATI));
    core.rekap.reload();
    core.rekap.engine();
    const host = await startHost({ api: core.api, port: 0, host: '127.0.0.1' });
    const call = async (method: string, input: unknown) => {
      const response = await fetch(`${host.url.replace(/\/$/, '')}/api/${method}`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input),
      });
      const body = await response.json();
      if (!response.ok) throw new Error(`${method}: ${JSON.stringify(body)}`);
      return body as Record<string, unknown>;
    };
    const session = await call('openPlenoSession', {
      electionId: BUPATI, regionCode: '350601', heldOn: '2024-12-01', place: 'Aula Kecamatan Semen',
      anggota: [{ name: 'Ketua PPK' }], saksi: [], pengawas: [],
    }) as { id: number; items: { kind: string; code: string }[] };
    const tps = session.items.filter((i) => i.kind === 'tps').map((i) => i.code);

    const socket = new WebSocket(`${host.url.replace(/^http/, 'ws').replace(/\/$/, '')}/api/events`);
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    let waiting: { id: number | null; value: number; resolve: (at: number) => void } | null = null;
    const early = new Map<string, number>();
    socket.on('message', (data) => {
      const at = performance.now();
      const message = JSON.parse(String(data)) as { event: string; payload: { lastCorrection: { id: number; newValue: number } | null } };
      const last = message.event === 'projectorChanged' ? message.payload.lastCorrection : null;
      if (!last) return;
      early.set(`${last.id}`, at);
      if (waiting && waiting.value === last.newValue && (waiting.id === null || waiting.id === last.id)) waiting.resolve(at);
    });

    const latency: number[] = [];
    const answer: number[] = [];
    for (let i = 0; i < corrections; i++) {
      const code = tps[i % tps.length]!;
      const value = 100 + (i % 400);
      const t0 = performance.now();
      const shown = new Promise<number>((resolve) => { waiting = { id: null, value, resolve }; });
      const result = await call('correctPlenoTally', { sessionId: session.id, tpsCode: code, changes: [{ fieldId: 'III.L', value }], reason: `bench ${i}` }) as { corrections: { id: number }[] };
      const t1 = performance.now();
      const id = result.corrections[0]!.id;
      const at = early.get(`${id}`) ?? (await shown);
      waiting = null;
      latency.push(at - t0);
      answer.push(t1 - t0);
    }
    socket.close();
    await host.close();
    latency.sort((a, b) => a - b);
    answer.sort((a, b) => a - b);
    const q = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor(p * xs.length))]!.toFixed(1);
    const p95 = Number(q(latency, 0.95));
    console.log(`projector (browser mode, HTTP + WebSocket, Kab. Kediri ${filled} TPS verified, session over Kec. Semen): ${corrections} corrections`);
    console.log(`  POST correctPlenoTally → projectorChanged on the socket: median ${q(latency, 0.5)} ms, p95 ${p95} ms, max ${latency.at(-1)!.toFixed(1)} ms — target < 200 ms ${p95 < 200 ? 'OK' : 'MISSED'}`);
    console.log(`  (HTTP answer of the same POST: median ${q(answer, 0.5)} ms, p95 ${q(answer, 0.95)} ms)`);
  } finally {
    core.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
