import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  openStore, appendAudit, listAudit, verifyAuditChain, getSettings, updateSettings,
} from '../../main/store/index.ts';
import { tempDbPath } from './temp-dir.ts';

describe('audit log', () => {
  test('entries chain by hash and verify', () => {
    const store = openStore(tempDbPath());
    const a = appendAudit(store, { actor: 'ppk1', device: 'Laptop PPK', action: 'tally.set', entity: 'tps:3506012001001', after: { 'IV.1': 87 } });
    const b = appendAudit(store, {
      actor: 'ppk1', device: 'Laptop PPK', action: 'tally.correct', entity: 'tps:3506012001001',
      before: { 'IV.1': 87 }, after: { 'IV.1': 37 }, reason: 'keputusan pleno PPK no. 3',
    });
    assert.equal(a.id, 1);
    assert.equal(a.prevHash, '0'.repeat(64));
    assert.equal(b.prevHash, a.hash);
    assert.match(b.hash, /^[0-9a-f]{64}$/);
    assert.deepEqual(verifyAuditChain(store), { ok: true, entries: 2 });
    const history = listAudit(store, { entity: 'tps:3506012001001' });
    assert.deepEqual(history.map((e) => [e.action, e.before, e.after, e.reason]), [
      ['tally.set', null, { 'IV.1': 87 }, null],
      ['tally.correct', { 'IV.1': 87 }, { 'IV.1': 37 }, 'keputusan pleno PPK no. 3'],
    ]);
    store.close();
  });

  test('entries cannot be changed, deleted or spliced in', () => {
    const store = openStore(tempDbPath());
    const a = appendAudit(store, { actor: 'x', device: 'd', action: 'a', entity: 'e' });
    assert.throws(() => store.db.prepare("UPDATE audit_log SET actor = 'y'").run(), /hanya boleh ditambah/);
    assert.throws(() => store.db.prepare('DELETE FROM audit_log').run(), /hanya boleh ditambah/);
    const forged = { id: 2, at: new Date().toISOString(), actor: 'x', device: 'd', action: 'a', entity: 'e', prev: '1'.repeat(64), hash: '2'.repeat(64) };
    assert.throws(() => store.db.prepare(`INSERT INTO audit_log (id, at, actor, device, action, entity, prev_hash, hash)
      VALUES (@id, @at, @actor, @device, @action, @entity, @prev, @hash)`).run(forged), /menyambung/);
    assert.throws(() => store.db.prepare(`INSERT INTO audit_log (id, at, actor, device, action, entity, prev_hash, hash)
      VALUES (5, @at, @actor, @device, @action, @entity, @prev, @hash)`).run({ ...forged, prev: a.hash }), /menyambung/);
    store.close();
  });

  test('verify names the first entry that was tampered with', () => {
    const store = openStore(tempDbPath());
    for (let k = 1; k <= 5; k++) appendAudit(store, { actor: 'ppk', device: 'd', action: 'tally.set', entity: `tps:${k}`, after: { v: k } });
    // someone with the file and a SQLite shell drops the guard and edits entry 3
    store.db.exec('DROP TRIGGER audit_log_no_update');
    store.db.prepare(`UPDATE audit_log SET after = '{"v":99}' WHERE id = 3`).run();
    const result = verifyAuditChain(store);
    assert.equal(result.ok, false);
    assert.equal(result.ok === false && result.brokenAt, 3);
    assert.match(result.ok === false ? result.message : '', /#3/);
    store.close();
  });

  test('a change inside a rolled-back transaction leaves no entry', () => {
    const store = openStore(tempDbPath());
    assert.throws(() => store.db.transaction(() => {
      appendAudit(store, { actor: 'x', device: 'd', action: 'a', entity: 'e' });
      throw new Error('gagal');
    })());
    assert.deepEqual(verifyAuditChain(store), { ok: true, entries: 0 });
    store.close();
  });
});

describe('settings', () => {
  test('defaults, update with an audit entry, no entry when nothing changes', () => {
    const store = openStore(tempDbPath());
    const initial = getSettings(store);
    assert.equal(initial.updateUrl, null);
    assert.ok(initial.deviceName.length > 0);
    const next = updateSettings(store, { updateUrl: 'https://kpu.example/pleno/', deviceName: 'Laptop PPK Semen' }, 'kpu-kab');
    assert.deepEqual(next, { updateUrl: 'https://kpu.example/pleno/', deviceName: 'Laptop PPK Semen' });
    updateSettings(store, { deviceName: 'Laptop PPK Semen' }, 'kpu-kab');
    const log = listAudit(store);
    assert.equal(log.length, 1);
    assert.equal(log[0]!.actor, 'kpu-kab');
    assert.equal(log[0]!.device, 'Laptop PPK Semen');
    assert.deepEqual(log[0]!.before, { updateUrl: null, deviceName: initial.deviceName });
    assert.throws(() => updateSettings(store, { updateUrl: 'ftp://x' }, 'kpu-kab'));
    assert.throws(() => updateSettings(store, { deviceName: '' }, 'kpu-kab'));
    assert.equal(updateSettings(store, { updateUrl: null }, 'kpu-kab').updateUrl, null);
    store.close();
  });
});
