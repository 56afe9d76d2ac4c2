/**
 * Local operator profiles over a real store seeded with Kediri: choosing one, the audit log naming it,
 * the KPU Kab/Kota guard for unlocking, scope of a PPK, and the API methods with their access rules.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createLocalProfiles, requireRole, requireScope } from '../../main/accounts/index.ts';
import { callMethod } from '../../main/api/call-method.ts';
import { listAudit, verifyAuditChain } from '../../main/store/index.ts';
import { ApiError } from '../../shared/api/contract.ts';
import { demoCore, type TestCore } from '../api/demo-core.ts';

/** Audit entries appended while `run` ran. */
async function auditDuring(core: TestCore, run: () => Promise<unknown>) {
  const lastId = listAudit(core.store, { limit: 100_000 }).at(-1)?.id ?? 0;
  await run();
  return listAudit(core.store, { afterId: lastId });
}

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ApiError, String(error));
    return error;
  }
  assert.fail('expected a refusal');
}

describe('profil operator lokal', () => {
  let core: TestCore;
  before(() => {
    core = demoCore();
  });
  after(() => core.close());

  test('tanpa profil: tidak ada yang aktif, audit memakai nama cadangan, guard menolak', async () => {
    assert.deepEqual(await callMethod(core.api, 'getActiveProfile', {}, 'operator'), { profile: null });
    assert.equal(core.api.accounts.actor(), 'operator');
    assert.throws(() => requireRole(core.api.accounts, 'kpu_kabkota'), (e: unknown) => e instanceof ApiError && e.code === 'forbidden' && /pilih profil/.test(e.message));
  });

  test('Operator PPK Semen: dipilih lewat API, tercatat di audit, dan entri audit berikutnya menamainya', async () => {
    let profile = null as Awaited<ReturnType<typeof core.api.accounts.current>>;
    const entries = await auditDuring(core, async () => {
      ({ profile } = await callMethod(core.api, 'setActiveProfile', { profile: { role: 'ppk', regionCode: '350601', name: 'Sari' } }, 'operator'));
      await callMethod(core.api, 'updateSettings', { deviceName: 'Laptop PPK Semen' }, 'operator');
    });
    assert.ok(profile);
    assert.equal(profile.id, 'ppk:350601');
    assert.equal(profile.label, 'Operator PPK Kecamatan Semen — Sari');
    assert.deepEqual(await callMethod(core.api, 'getActiveProfile', {}, 'operator'), { profile });
    assert.deepEqual(entries.map((e) => e.action), ['profile.sign_in', 'settings.update']);
    const settings = entries.find((e) => e.action === 'settings.update');
    const signIn = entries.find((e) => e.action === 'profile.sign_in');
    assert.equal(settings?.actor, profile.label);
    assert.equal(signIn?.actor, profile.label);
    assert.equal(verifyAuditChain(core.store).ok, true);

    // A PPK may act inside Semen only, and may not unlock.
    assert.equal(requireScope(core.api.accounts, '3506012001001').id, 'ppk:350601');
    assert.throws(() => requireScope(core.api.accounts, '3506020001001'), (e: unknown) => e instanceof ApiError && e.code === 'forbidden');
    assert.throws(() => requireRole(core.api.accounts, 'kpu_kabkota'), (e: unknown) => e instanceof ApiError && e.code === 'forbidden' && /KPU Kab\/Kota/.test(e.message));
  });

  test('Operator KPU Kab/Kota lolos guard buka-tahan; keluar dari profil tercatat', async () => {
    await callMethod(core.api, 'setActiveProfile', { profile: { role: 'kpu_kabkota', regionCode: '3506', name: null } }, 'operator');
    const kpu = requireRole(core.api.accounts, 'kpu_kabkota');
    assert.equal(kpu.label, 'Operator KPU Kab/Kota Kabupaten Kediri');
    assert.equal(requireScope(core.api.accounts, '350626').id, 'kpu_kabkota:3506');
    const entries = await auditDuring(core, () => callMethod(core.api, 'setActiveProfile', { profile: null }, 'operator'));
    assert.equal(core.api.accounts.current(), null);
    assert.deepEqual(entries.map((e) => [e.action, e.actor, e.before]), [['profile.sign_out', kpu.label, { id: kpu.id, label: kpu.label }]]);
    assert.equal(core.api.accounts.actor(), 'operator');
  });

  test('pilihan yang salah ditolak sebagai invalid_input; penonton tidak boleh memakai metode profil', async () => {
    const wrongLevel = await rejection(callMethod(core.api, 'setActiveProfile', { profile: { role: 'ppk', regionCode: '3506' } }, 'operator'));
    assert.equal(wrongLevel.code, 'invalid_input');
    assert.match(wrongLevel.message, /kecamatan/);
    const unknown = await rejection(callMethod(core.api, 'setActiveProfile', { profile: { role: 'kpu_kabkota', regionCode: '3599' } }, 'operator'));
    assert.equal(unknown.code, 'invalid_input');
    const badRole = await rejection(callMethod(core.api, 'setActiveProfile', { profile: { role: 'admin', regionCode: '3506' } }, 'operator'));
    assert.equal(badRole.code, 'invalid_input');
    for (const name of ['getActiveProfile', 'setActiveProfile'] as const) {
      assert.equal((await rejection(callMethod(core.api, name, { profile: null }, 'viewer'))).code, 'forbidden');
    }
    assert.deepEqual(core.internalErrors, []);
  });

  test('profil bertahan setelah basis data dibuka lagi (per perangkat)', () => {
    const accounts = createLocalProfiles(core.store);
    const signed = accounts.signIn({ role: 'ppk', regionCode: '350606', name: null });
    assert.ok(signed.ok);
    assert.equal(createLocalProfiles(core.store).current()?.label, 'Operator PPK Kecamatan Wates');
  });
});
