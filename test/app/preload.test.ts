// The built preload (dist/main/preload.cjs as esbuild makes it), evaluated the way a sandboxed
// renderer does: a bare context whose `require` knows only 'electron'. It must expose exactly the
// contract's methods plus on(), carry no zod, and turn IPC results into values and typed errors.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { after, before, describe, test } from 'node:test';
import { eventNames, methodNames, type PlenoApi } from '../../shared/api/contract.ts';
// @ts-expect-error — plain ESM build script without type declarations
import { buildPreload } from '../../scripts/build-main.mjs';
import { createFakeElectron } from './support/fake-electron.ts';

let outDir: string;
let code: string;

before(async () => {
  outDir = mkdtempSync(path.join(os.tmpdir(), 'pleno-preload-'));
  const built = await buildPreload({ outDir });
  code = readFileSync(built.preloadFile, 'utf8');
});
after(() => rmSync(outDir, { recursive: true, force: true }));

function load() {
  const fake = createFakeElectron();
  const required: string[] = [];
  const sandboxRequire = (name: string) => {
    required.push(name);
    if (name === 'electron') return { contextBridge: fake.contextBridge, ipcRenderer: fake.ipcRenderer };
    throw new Error(`module not found in sandboxed preload: ${name}`);
  };
  const module = { exports: {} };
  vm.runInNewContext(code, { require: sandboxRequire, module, exports: module.exports, console }, { filename: 'preload.cjs' });
  const pleno = fake.exposed.get('pleno') as PlenoApi;
  return { fake, pleno, required };
}

describe('preload bridge', () => {
  test('exposes exactly the contract methods and on(), nothing generic', () => {
    const { fake, pleno, required } = load();
    assert.deepEqual([...fake.exposed.keys()], ['pleno']);
    assert.deepEqual(Object.keys(pleno).sort(), [...methodNames, 'on'].sort());
    for (const forbidden of ['send', 'invoke', 'ipcRenderer', 'require']) assert.equal(forbidden in pleno, false, forbidden);
    assert.deepEqual([...new Set(required)], ['electron']);
    assert.ok(Object.isFrozen(pleno));
  });

  test('the bundle carries no zod and no schemas', () => {
    assert.doesNotMatch(code, /zod|ZodType|safeParse/);
    assert.ok(code.length < 20_000, `preload is ${code.length} bytes`);
  });

  test('each method invokes its own pleno:<method> channel and returns the value', async () => {
    const { fake, pleno } = load();
    fake.ipcRenderer.reply = async (channel) => ({ ok: true, value: { channel } });
    for (const name of methodNames) {
      const call = (pleno as unknown as Record<string, (i?: unknown) => Promise<unknown>>)[name]!;
      assert.deepEqual(await call({ any: 1 }), { channel: `pleno:${name}` });
    }
    assert.deepEqual(fake.ipcRenderer.invoked.map((c) => c.channel), methodNames.map((n) => `pleno:${n}`));
    await (pleno.getAppInfo as (i?: unknown) => Promise<unknown>)();
    assert.equal(JSON.stringify(fake.ipcRenderer.invoked.at(-1)!.args), '[{}]', 'a call without input sends {}');
  });

  test('an error result rejects with the code, message and issues', async () => {
    const { fake, pleno } = load();
    const error = { code: 'invalid_input', message: 'masukan tidak sah untuk getRegion', issues: [{ path: 'code', message: 'kode wilayah harus 2, 4, 6 atau 10 digit' }] };
    fake.ipcRenderer.reply = async () => ({ ok: false, error });
    await assert.rejects(pleno.getRegion({ code: 'x' }), { name: 'ApiError', ...error });
    fake.ipcRenderer.reply = async () => 'garbage';
    await assert.rejects(pleno.listElections({}), { name: 'ApiError', code: 'internal' });
  });

  test('on() delivers only its event, payload only, and unsubscribes', () => {
    const { fake, pleno } = load();
    const got: unknown[] = [];
    const off = pleno.on('dataChanged', (payload) => got.push(payload));
    const senderEvent = { sender: 'ipcRenderer must not leak' };
    fake.ipcRenderer.emit('pleno:event', senderEvent, { event: 'dataChanged', payload: { scope: 'tps', regionCode: '3506' } });
    fake.ipcRenderer.emit('pleno:event', senderEvent, { event: 'projectorChanged', payload: {} });
    assert.deepEqual(got, [{ scope: 'tps', regionCode: '3506' }]);
    off();
    assert.equal(fake.ipcRenderer.listenerCount('pleno:event'), 0);
    fake.ipcRenderer.emit('pleno:event', senderEvent, { event: 'dataChanged', payload: {} });
    assert.equal(got.length, 1);
    assert.throws(() => pleno.on('nope' as never, () => {}), /Peristiwa tidak dikenal/);
    assert.deepEqual([...eventNames].sort(), ['dataChanged', 'importProgress', 'projectorChanged']);
  });
});
