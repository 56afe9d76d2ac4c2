// Updates through electron-updater's generic provider: nothing at all without a URL or a network,
// the KPU's URL used when there is one, and failures logged and returned, never thrown.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createUpdater, type UpdaterDeps, type UpdaterPort } from '../../main/app/updater.ts';
import { createFakeUpdater } from './support/fake-electron.ts';

function harness(overrides: Partial<UpdaterDeps> & { url?: string | null; fail?: Error } = {}) {
  const fake = createFakeUpdater(overrides.fail ? { latest: '0.2.0', fail: overrides.fail } : { latest: '0.2.0' });
  let loads = 0;
  const logs: string[] = [];
  const updater = createUpdater({
    loadUpdater: () => {
      loads++;
      return fake as unknown as UpdaterPort;
    },
    isOnline: () => true,
    isPackaged: true,
    getUpdateUrl: async () => ('url' in overrides ? overrides.url! : 'https://kpu-kediri.example/pleno/'),
    log: { info: (m) => logs.push(`info ${m}`), warn: (m) => logs.push(`warn ${m}`), error: (m) => logs.push(`error ${m}`) },
    ...overrides,
  });
  return { updater, fake, logs, loads: () => loads };
}

describe('updater', () => {
  test('no URL in settings: no updater is even created', async () => {
    for (const url of [null, '', '   ']) {
      const h = harness({ url });
      assert.deepEqual(await h.updater.check(), { kind: 'skipped', reason: 'no_url' });
      assert.equal(h.loads(), 0);
      assert.equal(h.fake.checks, 0);
    }
  });

  test('offline: no check, no feed set', async () => {
    const h = harness({ isOnline: () => false });
    assert.deepEqual(await h.updater.check(), { kind: 'skipped', reason: 'offline' });
    assert.equal(h.loads(), 0);
    assert.deepEqual(h.fake.feeds, []);
  });

  test('unpackaged development run: skipped', async () => {
    const h = harness({ isPackaged: false });
    assert.deepEqual(await h.updater.check(), { kind: 'skipped', reason: 'not_packaged' });
    assert.equal(h.fake.checks, 0);
  });

  test('URL set and online: generic feed from settings, then a check', async () => {
    const h = harness();
    const result = await h.updater.check();
    assert.deepEqual(result, { kind: 'checked', url: 'https://kpu-kediri.example/pleno/', latestVersion: '0.2.0' });
    assert.deepEqual(h.fake.feeds, [{ provider: 'generic', url: 'https://kpu-kediri.example/pleno/' }]);
    assert.equal(h.fake.autoInstallOnAppQuit, true);
    assert.equal(h.fake.listenerCount('error'), 1, 'an error listener keeps updater errors from crashing the app');
    await h.updater.check();
    assert.equal(h.fake.feeds.length, 1, 'the same URL is not set twice');
    assert.equal(h.fake.checks, 2);
  });

  test('a changed URL in settings changes the feed', async () => {
    let url = 'https://a.example/';
    const h = harness({ getUpdateUrl: async () => url });
    await h.updater.check();
    url = 'https://b.example/';
    await h.updater.check();
    assert.deepEqual(h.fake.feeds, [{ provider: 'generic', url: 'https://a.example/' }, { provider: 'generic', url: 'https://b.example/' }]);
  });

  test('a failing check is logged and returned, not thrown; updater error events are logged', async () => {
    const h = harness({ fail: new Error('net::ERR_NAME_NOT_RESOLVED') });
    const result = await h.updater.check();
    assert.deepEqual(result, { kind: 'failed', url: 'https://kpu-kediri.example/pleno/', message: 'net::ERR_NAME_NOT_RESOLVED' });
    h.fake.emit('error', new Error('sha512 checksum mismatch'));
    assert.ok(h.logs.some((l) => l.startsWith('error') && l.includes('ERR_NAME_NOT_RESOLVED')));
    assert.ok(h.logs.some((l) => l.startsWith('error') && l.includes('checksum mismatch')));
  });

  test('a failure reading the settings is also contained', async () => {
    const h = harness({ getUpdateUrl: async () => { throw new Error('database is locked'); } });
    assert.deepEqual(await h.updater.check(), { kind: 'failed', url: null, message: 'database is locked' });
  });

  test('schedule checks after the first delay and can be stopped', async () => {
    const h = harness();
    const stop = h.updater.schedule({ firstDelayMs: 5, intervalMs: 60_000 });
    await new Promise((r) => setTimeout(r, 40));
    stop();
    assert.equal(h.fake.checks, 1);
  });
});
