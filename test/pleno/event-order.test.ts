/**
 * The room's screen first: a pleno change emits projectorChanged before any dataChanged, so a projector never
 * waits behind the consoles' re-reads (the E2E measures the resulting latency in Chromium).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { callMethod } from '../../main/api/call-method.ts';
import type { EventName, PlenoSession, ProjectorState } from '../../shared/api/contract.ts';
import { openInput, plenoCore, type PlenoTestCore } from './support/pleno-core.ts';

describe('pleno events', () => {
  let core: PlenoTestCore;
  before(() => {
    core = plenoCore();
  });
  after(() => core.close());

  test('move and correction: projectorChanged first, carrying the change', async () => {
    const session = (await callMethod(core.api, 'openPlenoSession', openInput(), 'operator')) as PlenoSession;
    const seen: { name: EventName; payload: unknown }[] = [];
    const off = core.api.events.onAny((name, payload) => seen.push({ name, payload }));
    await callMethod(core.api, 'movePlenoItem', { sessionId: session.id, direction: 'next' }, 'operator');
    const tps = session.items[1]!.code;
    assert.equal(seen[0]?.name, 'projectorChanged');
    assert.equal((seen[0]!.payload as ProjectorState).item?.code, tps);

    seen.length = 0;
    await callMethod(core.api, 'correctPlenoTally', {
      sessionId: session.id, tpsCode: tps, changes: [{ fieldId: 'III.L', value: 3 }], reason: 'salah tulis',
    }, 'operator');
    assert.deepEqual(seen.map((e) => e.name), ['projectorChanged', 'dataChanged', 'dataChanged']);
    const state = seen[0]!.payload as ProjectorState;
    assert.equal(state.lastCorrection?.tpsCode, tps);
    assert.equal(state.lastCorrection?.newValue, 3);
    off();
  });
});
