import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import os from 'node:os';
import path from 'node:path';
import { WebSocket } from 'ws';
import { callMethod } from '../../main/api/call-method.ts';
import { startHost } from '../../main/host/start-host.ts';
import { appendAudit } from '../../main/store/index.ts';
import { ApiError, type ProjectorState } from '../../shared/api/contract.ts';
import { BUPATI, GUBERNUR, KECAMATAN, openInput, plenoCore, type PlenoTestCore } from '../pleno/support/pleno-core.ts';

async function apiError(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ApiError, `expected ApiError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the call to fail');
}

const firstTps = (core: PlenoTestCore, region: string) =>
  core.store.db.prepare('SELECT code FROM tps WHERE code >= ? AND code < ? ORDER BY code LIMIT 1').pluck().get(region, `${region}:`) as string;

describe('getRekap over the engine', () => {
  let core: PlenoTestCore;
  before(() => {
    core = plenoCore();
  });
  after(() => core.close());

  test('a kecamatan: totals, one D.Hasil row per desa adding up to them, every check holding', async () => {
    const rekap = await callMethod(core.api, 'getRekap', { electionId: BUPATI, regionCode: KECAMATAN }, 'viewer');
    assert.equal(rekap.totals.level, 'kecamatan');
    assert.equal(rekap.totals.tps.missing, 0);
    const desa = core.store.db.prepare('SELECT count(*) FROM region WHERE parent_code = ?').pluck().get(KECAMATAN) as number;
    assert.equal(rekap.children.length, desa);
    assert.ok(rekap.children.every((c) => c.level === 'desa'));
    for (const [i, p] of rekap.totals.paslon.entries()) {
      assert.equal(rekap.children.reduce((n, c) => n + c.paslon[i]!.suara, 0), p.suara);
    }
    assert.equal(rekap.children.reduce((n, c) => n + c.suara.sah, 0), rekap.totals.suara.sah);
    assert.equal(rekap.checks.ok, true);
    // a desa lists its TPS; the kab/kota counts this kecamatan's TPS as in and the rest as missing
    const oneDesa = await callMethod(core.api, 'getRekap', { electionId: BUPATI, regionCode: rekap.children[0]!.regionCode }, 'viewer');
    assert.ok(oneDesa.children.every((c) => c.level === 'tps'));
    const kab = await callMethod(core.api, 'getRekap', { electionId: BUPATI, regionCode: '3506' }, 'viewer');
    assert.equal(kab.totals.tps.included, rekap.totals.tps.included);
    assert.equal(kab.totals.tps.missing, kab.totals.tps.total - rekap.totals.tps.included);
    assert.equal(kab.children.length, 26);
  });

  test('a failing check names the TPS that cause it', async () => {
    const session = await callMethod(core.api, 'openPlenoSession', openInput(), 'operator');
    const tps = session.items.find((i) => i.kind === 'tps')!.code;
    await callMethod(core.api, 'correctPlenoTally', { sessionId: session.id, tpsCode: tps, changes: [{ fieldId: 'IV.2', value: 0 }], reason: 'uji' }, 'operator');
    const rekap = await callMethod(core.api, 'getRekap', { electionId: BUPATI, regionCode: KECAMATAN, failingLimit: 10 }, 'viewer');
    assert.equal(rekap.checks.ok, false);
    const failing = rekap.checks.checks.filter((c) => !c.holds);
    assert.ok(failing.length > 0);
    assert.ok(failing.every((c) => c.failingTps.includes(tps) || c.summed !== null));
    const one = await callMethod(core.api, 'getRekapTps', { electionId: BUPATI, tpsCode: tps }, 'viewer');
    assert.equal(one.values?.['IV.2'], 0);
    assert.ok(one.failing.length > 0);
  });

  test('unknown race or region are not_found; a region outside the race is invalid_input', async () => {
    assert.equal((await apiError(callMethod(core.api, 'getRekap', { electionId: 99, regionCode: KECAMATAN }, 'viewer'))).code, 'not_found');
    assert.equal((await apiError(callMethod(core.api, 'getRekap', { electionId: BUPATI, regionCode: '350699' }, 'viewer'))).code, 'not_found');
    const outside = await apiError(callMethod(core.api, 'getRekap', { electionId: BUPATI, regionCode: '35' }, 'viewer'));
    assert.equal(outside.code, 'invalid_input');
    assert.equal(outside.issues?.[0]?.path, 'regionCode');
    assert.equal((await apiError(callMethod(core.api, 'getRekapTps', { electionId: BUPATI, tpsCode: '3506999999001' }, 'viewer'))).code, 'not_found');
    assert.equal((await apiError(callMethod(core.api, 'openPlenoSession', openInput(), 'viewer'))).code, 'forbidden');
  });
});

describe('the rekap follows writers outside the API', () => {
  test('publishDataChanged re-reads the desa: totals and projector move; a burst of engine changes refreshes once', async () => {
    const core = plenoCore({ verified: null });
    try {
      await callMethod(core.api, 'setProjectorFocus', { electionId: GUBERNUR, regionCode: KECAMATAN }, 'operator');
      const tps = firstTps(core, KECAMATAN);
      const { db } = core.store;
      const now = new Date().toISOString();
      const audit = appendAudit(core.store, { actor: 'review', device: 'test', action: 'tally.review', entity: `tps:${tps}` });
      db.prepare("INSERT INTO tps_status (tps_code, election_id, status, updated_at) VALUES (?, ?, 'verified', ?)").run(tps, GUBERNUR, now);
      for (const [field, value] of [['IV.1', 40], ['IV.2', 50], ['IV.3', 10]] as const) {
        db.prepare("INSERT INTO tally_value (election_id, tps_code, field_id, value, source, audit_id, updated_at) VALUES (?, ?, ?, ?, 'operator', ?, ?)")
          .run(GUBERNUR, tps, field, value, audit.id, now);
      }
      const seen: ProjectorState[] = [];
      core.api.events.on('projectorChanged', (s) => seen.push(s));
      core.api.publishDataChanged('tps', tps.slice(0, 10));
      assert.equal(seen.length, 1, 'one synchronous refresh');
      assert.deepEqual(seen[0]!.votes, [{ nomorUrut: 1, suara: 40 }, { nomorUrut: 2, suara: 50 }, { nomorUrut: 3, suara: 10 }]);
      assert.equal(seen[0]!.tpsDone, 1);
      // a writer syncing the engine itself: coalesced into one refresh on the next turn
      db.prepare("UPDATE tally_value SET value = 41 WHERE election_id = ? AND tps_code = ? AND field_id = 'IV.1'").run(GUBERNUR, tps);
      core.rekap.syncTps(tps, GUBERNUR);
      core.rekap.syncTps(tps, GUBERNUR);
      assert.equal(seen.length, 1);
      await new Promise((resolve) => setImmediate(resolve));
      assert.equal(seen.length, 2);
      assert.equal(seen[1]!.votes[0]!.suara, 41);
      assert.deepEqual(core.internalErrors, []);
    } finally {
      core.close();
    }
  });
});

describe('projector latency through the real HTTP + WebSocket host', () => {
  test('a saved correction reaches an open projector socket well within 200 ms', async () => {
    const core = plenoCore();
    const host = await startHost({ api: core.api, port: 0, host: '127.0.0.1', rendererDir: path.join(os.tmpdir(), 'pleno-no-renderer') });
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api/events`);
    try {
      await new Promise<void>((resolve, reject) => {
        ws.once('open', () => resolve());
        ws.once('error', reject);
      });
      let waiting: ((state: ProjectorState) => void) | null = null;
      ws.on('message', (data) => {
        const message = JSON.parse(String(data)) as { event: string; payload: ProjectorState };
        if (message.event === 'projectorChanged' && waiting) {
          const w = waiting;
          waiting = null;
          w(message.payload);
        }
      });
      const post = (method: string, input: unknown) =>
        fetch(new URL(`/api/${method}`, host.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input) });
      const opened = await (await post('openPlenoSession', openInput())).json() as { id: number; items: { kind: string; code: string }[] };
      const tps = opened.items.find((i) => i.kind === 'tps')!.code;
      const latencies: number[] = [];
      for (let i = 0; i < 15; i++) {
        const arrived = new Promise<ProjectorState>((resolve) => {
          waiting = resolve;
        });
        const started = performance.now();
        const reply = await post('correctPlenoTally', { sessionId: opened.id, tpsCode: tps, changes: [{ fieldId: 'III.L', value: 100 + i }], reason: `uji ${i}` });
        assert.equal(reply.status, 200, await reply.clone().text());
        const state = await arrived;
        latencies.push(performance.now() - started);
        assert.equal(state.lastCorrection?.newValue, 100 + i);
        assert.equal(state.lastCorrection?.fieldId, 'III.L');
      }
      latencies.sort((a, b) => a - b);
      const median = latencies[Math.floor(latencies.length / 2)]!;
      const max = latencies.at(-1)!;
      console.log(`# HTTP correction → WebSocket projectorChanged: median ${median.toFixed(1)} ms, max ${max.toFixed(1)} ms (n=${latencies.length})`);
      assert.ok(median < 200, `median ${median} ms`);
    } finally {
      ws.close();
      await host.close();
      core.close();
    }
  });
});
