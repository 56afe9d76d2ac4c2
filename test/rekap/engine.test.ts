import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { RekapEngine, type RekapChange, type RekapResult } from '../../main/rekap/index.ts';
import { consistentValues, seededRandom } from './support/consistent-values.ts';
import { buildTree, fixedShape } from './support/small-tree.ts';

const GUB = 1; // gubernur race over provinsi 11, 3 paslon
const BUP = 2; // bupati race over kab 1101, 2 paslon

function value<T>(r: RekapResult<T>): T {
  if (!r.ok) assert.fail(`expected ok, got ${r.error.code}: ${r.error.message}`);
  return r.value;
}

function errorCode<T>(r: RekapResult<T>): string {
  assert.equal(r.ok, false, 'expected an error');
  return r.ok ? '' : r.error.code;
}

function setup() {
  const tree = buildTree(fixedShape());
  const engine = new RekapEngine(tree, { now: () => new Date('2024-11-29T10:00:00Z') });
  value(engine.addElection({ id: GUB, regionCode: '11', nomorUrut: [1, 2, 3] }));
  value(engine.addElection({ id: BUP, regionCode: '1101', nomorUrut: [1, 2] }));
  const random = seededRandom(7);
  const gubFields = value(engine.fieldIds(GUB));
  const at = (code: string) => fixedShape().tps.find((t) => t.code === code)!;
  /** Consistent values for a TPS of the gubernur race. */
  const good = (code: string) => consistentValues(gubFields, random, at(code).dptL, at(code).dptP);
  return { tree, engine, good };
}

describe('rekap engine: totals', () => {
  test('sums verified TPS only, up the tree, with TPS counts beside every total', () => {
    const { engine, good } = setup();
    const a = good('1101012001001');
    const b = good('1101012001002');
    const c = good('1101022001001');
    value(engine.applyTpsChange('1101012001001', GUB, { state: 'verified', values: a }));
    value(engine.applyTpsChange('1101012001002', GUB, { state: 'verified', values: b }));
    value(engine.applyTpsChange('1101022001001', GUB, { state: 'verified', values: c }));
    value(engine.applyTpsChange('1101022001002', GUB, { state: 'withheld' }));
    value(engine.applyTpsChange('1102012001001', GUB, { state: 'missing' }));

    const desa = value(engine.getTotals('1101012001', GUB));
    assert.equal(desa.level, 'desa');
    assert.equal(desa.name, 'LATIUNG');
    assert.deepEqual(desa.tps, { total: 2, included: 2, missing: 0, withheld: 0 });
    assert.equal(desa.suara.sah, a['V.A']! + b['V.A']!);
    assert.deepEqual(desa.paslon.map((p) => p.suara), [1, 2, 3].map((n) => a[`IV.${n}`]! + b[`IV.${n}`]!));

    const kab = value(engine.getTotals('1101', GUB));
    assert.deepEqual(kab.tps, { total: 6, included: 3, missing: 2, withheld: 1 });
    for (const id of Object.keys(a)) assert.equal(kab.fields[id], a[id]! + b[id]! + c[id]!, id);
    assert.deepEqual(kab.pengguna.total, { l: a['I.B.4.L']! + b['I.B.4.L']! + c['I.B.4.L']!, p: a['I.B.4.P']! + b['I.B.4.P']! + c['I.B.4.P']!, lp: kab.fields['I.B.4.LP']! });
    assert.deepEqual(kab.suratSuara, { diterima: kab.fields['II.1'], digunakan: kab.fields['II.2'], rusak: kab.fields['II.3'], sisa: kab.fields['II.4'] });
    // registered DPT: of the included TPS and of the whole kabupaten (6 TPS)
    assert.deepEqual(kab.dptTerdaftar.tpsMasuk, { l: 120 + 140 + 130, p: 130 + 150 + 120, lp: 390 + 400 });
    assert.deepEqual(kab.dptTerdaftar.wilayah, { l: 120 + 140 + 100 + 130 + 90 + 20, p: 130 + 150 + 110 + 120 + 95 + 10, lp: 600 + 615 });

    const prov = value(engine.getTotals('11', GUB));
    assert.equal(prov.level, 'provinsi');
    assert.deepEqual(prov.tps, { total: 8, included: 3, missing: 4, withheld: 1 });
    assert.equal(prov.suara.total, kab.suara.total);

    const tps = value(engine.getTotals('1101022001002', GUB));
    assert.equal(tps.level, 'tps');
    assert.deepEqual(tps.tps, { total: 1, included: 0, missing: 0, withheld: 1 });
    assert.equal(tps.suara.total, 0, 'a withheld TPS shows no numbers');
  });

  test('a TPS going back from verified to missing or withheld leaves the totals', () => {
    const { engine, good } = setup();
    const a = good('1101012002001');
    value(engine.applyTpsChange('1101012002001', GUB, { state: 'verified', values: a }));
    assert.equal(value(engine.getTotals('11', GUB)).suara.sah, a['V.A']);
    value(engine.applyTpsChange('1101012002001', GUB, { state: 'withheld' }));
    const prov = value(engine.getTotals('11', GUB));
    assert.equal(prov.suara.sah, 0);
    assert.deepEqual(prov.tps, { total: 8, included: 0, missing: 7, withheld: 1 });
    value(engine.applyTpsChange('1101012002001', GUB, null));
    assert.deepEqual(value(engine.getTotals('11', GUB)).tps, { total: 8, included: 0, missing: 8, withheld: 0 });
  });

  test('races are separate: a bupati race counts its own values over its own kabupaten', () => {
    const { engine, good } = setup();
    value(engine.applyTpsChange('1101012001001', GUB, { state: 'verified', values: good('1101012001001') }));
    const bup = value(engine.getTotals('1101', BUP));
    assert.deepEqual(bup.tps, { total: 6, included: 0, missing: 6, withheld: 0 });
    assert.deepEqual(bup.paslon.map((p) => p.nomorUrut), [1, 2]);
    value(engine.applyTpsChange('1101012001001', BUP, { state: 'verified', values: { 'IV.1': 10, 'IV.2': 20, 'V.A': 30 } }));
    assert.deepEqual(value(engine.getTotals('1101', BUP)).paslon, [{ nomorUrut: 1, suara: 10 }, { nomorUrut: 2, suara: 20 }]);
    assert.equal(errorCode(engine.getTotals('1102', BUP)), 'outside_election');
    assert.equal(errorCode(engine.applyTpsChange('1102012001001', BUP, { state: 'withheld' })), 'outside_election');
    assert.equal(errorCode(engine.applyTpsChange('1101012001001', BUP, { state: 'verified', values: { 'IV.3': 1 } })), 'unknown_field');
  });

  test('child totals list the parts of a region in code order, and add up to it', () => {
    const { engine, good } = setup();
    for (const t of fixedShape().tps) value(engine.applyTpsChange(t.code, GUB, { state: 'verified', values: good(t.code) }));
    const kabs = value(engine.getChildTotals('11', GUB));
    assert.deepEqual(kabs.map((k) => k.regionCode), ['1101', '1102']);
    const kecs = value(engine.getChildTotals('1101', GUB));
    assert.deepEqual(kecs.map((k) => [k.regionCode, k.level]), [['110101', 'kecamatan'], ['110102', 'kecamatan']]);
    const tps = value(engine.getChildTotals('1101022001', GUB));
    assert.deepEqual(tps.map((t) => [t.regionCode, t.name]), [['1101022001001', 'TPS 001'], ['1101022001002', 'TPS 002'], ['1101022001901', 'TPS 901']]);
    const prov = value(engine.getTotals('11', GUB));
    for (const id of Object.keys(prov.fields)) assert.equal(kabs.reduce((s, k) => s + k.fields[id]!, 0), prov.fields[id]);
    assert.deepEqual(value(engine.getChildTotals('1101022001001', GUB)), []);
  });

  test('rejects what is not a form value, unknown races, regions and TPS — without changing anything', () => {
    const { engine, good } = setup();
    const before = JSON.stringify(value(engine.getTotals('11', GUB)));
    const v = good('1101012001001');
    for (const bad of [1000, -1, 2.5, Number.NaN]) {
      const r = engine.applyTpsChange('1101012001001', GUB, { state: 'verified', values: { ...v, 'V.B': bad } });
      assert.equal(errorCode(r), 'invalid_value');
      assert.equal(r.ok ? '' : r.error.fieldId, 'V.B');
    }
    assert.equal(errorCode(engine.applyTpsChange('1101012001001', GUB, { state: 'verified', values: { 'DPT.L': 5 } })), 'unknown_field',
      'registered DPT comes from master data, never from a form');
    assert.equal(errorCode(engine.applyTpsChange('1101012001001', 99, null)), 'unknown_election');
    assert.equal(errorCode(engine.applyTpsChange('1101012001003', GUB, null)), 'unknown_tps');
    assert.equal(errorCode(engine.applyTpsChange('11010120010', GUB, null)), 'unknown_tps');
    assert.equal(errorCode(engine.getTotals('1103', GUB)), 'unknown_region');
    assert.equal(errorCode(engine.getChecks('1101012009', GUB)), 'unknown_region');
    assert.equal(JSON.stringify(value(engine.getTotals('11', GUB))), before);
    assert.equal(errorCode(engine.addElection({ id: 3, regionCode: '12', nomorUrut: [1] })), 'unknown_region');
  });
});

describe('rekap engine: checks', () => {
  test('consistent TPS pass every check at every level', () => {
    const { engine, good } = setup();
    for (const t of fixedShape().tps) value(engine.applyTpsChange(t.code, GUB, { state: 'verified', values: good(t.code) }));
    for (const code of ['11', '1101', '110102', '1101022001', '1101022001901']) {
      const checks = value(engine.getChecks(code, GUB));
      assert.ok(checks.ok, `${code}: ${checks.checks.filter((c) => !c.holds).map((c) => c.id)}`);
      assert.ok(checks.checks.every((c) => c.failingCount === 0 && c.failingTps.length === 0));
    }
  });

  test('a failing check names exactly the TPS that cause it, at every level above them', () => {
    const { engine, good } = setup();
    for (const t of fixedShape().tps) value(engine.applyTpsChange(t.code, GUB, { state: 'verified', values: good(t.code) }));
    // a misread paslon number: Σ paslon ≠ suara sah
    const misread = good('1101012002001');
    misread['IV.2'] = misread['IV.2']! + 10;
    value(engine.applyTpsChange('1101012002001', GUB, { state: 'verified', values: misread }));
    // more voters than DPT + 2 % (DPT 90 + 95 = 185, + ceil(3.7) = 189)
    const over = good('1101022001002');
    over['I.B.3.L'] = over['I.B.3.L']! + 60;
    over['I.B.3.LP'] = over['I.B.3.LP']! + 60;
    over['I.B.4.L'] = over['I.B.4.L']! + 60;
    over['I.B.4.LP'] = over['I.B.4.LP']! + 60;
    value(engine.applyTpsChange('1101022001002', GUB, { state: 'verified', values: over }));
    // a TPS with a field left empty
    const partial = good('1102012001002');
    delete partial['V.B'];
    value(engine.applyTpsChange('1102012001002', GUB, { state: 'verified', values: partial }));

    const prov = value(engine.getChecks('11', GUB));
    assert.equal(prov.ok, false);
    const byId = new Map(prov.checks.map((c) => [c.id, c]));
    assert.deepEqual(byId.get('V.A=ΣIV')!.failingTps, ['1101012002001']);
    assert.deepEqual(byId.get('V.A=ΣIV')!.summed, { left: byId.get('V.A=ΣIV')!.summed!.right + 10, right: byId.get('V.A=ΣIV')!.summed!.right });
    assert.deepEqual(byId.get('I.B.4<=DPT+2%')!.failingTps, ['1101022001002']);
    assert.equal(byId.get('I.B.4<=DPT+2%')!.summed, null);
    assert.deepEqual(byId.get('V.C=I.B.4')!.failingTps, ['1101022001002'], 'pengguna ≠ suara total');
    assert.deepEqual(byId.get('lengkap')!.failingTps, ['1102012001002']);
    assert.deepEqual(byId.get('V.C=V.A+V.B')!.failingTps, ['1102012001002'], 'the arithmetic of a missing value cannot hold');
    assert.ok(byId.get('II.1=II.2+II.3+II.4')!.holds);

    const kec = value(engine.getChecks('110101', GUB));
    assert.deepEqual(kec.checks.filter((c) => !c.holds).map((c) => [c.id, c.failingTps]), [['V.A=ΣIV', ['1101012002001']]]);
    assert.ok(value(engine.getChecks('1101012001', GUB)).ok, 'the other desa of the kecamatan is clean');
    const tps = value(engine.getTps('1101022001002', GUB));
    // the form's own rows still add up (60 more DPK voters, carried into B.4): only the cross-checks fail
    assert.deepEqual(tps.failing.sort(), ['I.B.4<=DPT+2%', 'II.2=I.B.4', 'V.C=I.B.4'].sort());

    // limit caps the names, never the count
    const second = good('1102012001001');
    second['IV.1'] = second['IV.1']! + 1;
    value(engine.applyTpsChange('1102012001001', GUB, { state: 'verified', values: second }));
    const limited = value(engine.getChecks('11', GUB, { limit: 1 }));
    const va = limited.checks.find((c) => c.id === 'V.A=ΣIV')!;
    const complete = value(engine.getChecks('11', GUB)).checks.find((c) => c.id === 'V.A=ΣIV')!;
    assert.deepEqual(complete.failingTps, ['1101012002001', '1102012001001']);
    assert.equal(va.failingCount, 2);
    assert.deepEqual(va.failingTps, ['1101012002001']);

    // the correction fixes it everywhere
    value(engine.applyTpsChange('1101012002001', GUB, { state: 'verified', values: good('1101012002001') }));
    assert.ok(value(engine.getChecks('110101', GUB)).ok);
  });

  test('the form DPT must equal the registered DPT', () => {
    const { engine, good } = setup();
    const v = good('1101012001001');
    v['I.A.L'] = v['I.A.L']! - 1;
    v['I.A.LP'] = v['I.A.LP']! - 1;
    value(engine.applyTpsChange('1101012001001', GUB, { state: 'verified', values: v }));
    const dpt = value(engine.getChecks('1101', GUB)).checks.find((c) => c.id === 'I.A=DPT')!;
    assert.deepEqual(dpt.failingTps, ['1101012001001']);
    assert.deepEqual(dpt.summed, { left: 249, right: 250 });
  });
});

describe('rekap engine: locks', () => {
  test('a locked region refuses changes to its TPS, keeps its totals, and reopens only with a reference', () => {
    const { engine, good } = setup();
    for (const t of fixedShape().tps) value(engine.applyTpsChange(t.code, GUB, { state: 'verified', values: good(t.code) }));
    const lock = value(engine.lock('110101', GUB, { reference: 'Sesi pleno PPK Teupah Selatan #1' }));
    assert.deepEqual(lock, { regionCode: '110101', electionId: GUB, reference: 'Sesi pleno PPK Teupah Selatan #1', lockedAt: '2024-11-29T10:00:00.000Z' });
    const frozen = JSON.stringify(value(engine.getTotals('110101', GUB)).fields);

    const refused = engine.applyTpsChange('1101012002001', GUB, { state: 'withheld' });
    assert.equal(errorCode(refused), 'locked');
    assert.equal(refused.ok ? '' : refused.error.regionCode, '110101');
    assert.equal(errorCode(engine.canChange('1101012001001', GUB)), 'locked');
    assert.equal(JSON.stringify(value(engine.getTotals('110101', GUB)).fields), frozen);
    assert.deepEqual(value(engine.getTotals('1101012001', GUB)).locked, lock, 'a desa inside shows its kecamatan lock');
    assert.equal(value(engine.getTotals('1101', GUB)).locked, null);

    // the neighbouring kecamatan and the other race stay open
    value(engine.canChange('1101022001001', GUB));
    value(engine.applyTpsChange('1101022001001', GUB, { state: 'withheld' }));
    value(engine.applyTpsChange('1101012002001', BUP, { state: 'withheld' }));

    assert.equal(errorCode(engine.lock('110101', GUB, { reference: 'lagi' })), 'already_locked');
    assert.equal(errorCode(engine.lock('1101012001', GUB, { reference: 'desa' })), 'already_locked');
    value(engine.lock('1101', GUB, { reference: 'Sesi pleno KPU Kab #1' }));
    assert.equal(errorCode(engine.applyTpsChange('1101022001001', GUB, null)), 'locked');
    assert.deepEqual(value(engine.locks(GUB)).map((l) => l.regionCode), ['1101', '110101']);

    assert.equal(errorCode(engine.unlock('1101', GUB, { reference: ' ' })), 'reference_required');
    assert.equal(errorCode(engine.unlock('110102', GUB, { reference: 'x' })), 'not_locked');
    value(engine.unlock('1101', GUB, { reference: 'Sesi pleno KPU Kab #2' }));
    value(engine.applyTpsChange('1101022001001', GUB, null));
    assert.equal(errorCode(engine.applyTpsChange('1101012002001', GUB, null)), 'locked', 'the kecamatan lock outlives the kabupaten one');
    value(engine.unlock('110101', GUB, { reference: 'Sesi pleno PPK Teupah Selatan #2' }));
    value(engine.applyTpsChange('1101012002001', GUB, null));
    assert.equal(errorCode(engine.lock('11', GUB, { reference: '' })), 'reference_required');
    assert.equal(errorCode(engine.lock('1102', BUP, { reference: 'x' })), 'outside_election');
  });
});

describe('rekap engine: subscribers', () => {
  test('hear every applied change with the regions that moved; a throwing one does not stop the others', () => {
    const errors: unknown[] = [];
    const tree = buildTree(fixedShape());
    const engine = new RekapEngine(tree, { onListenerError: (e) => errors.push(e) });
    value(engine.addElection({ id: GUB, regionCode: '11', nomorUrut: [1, 2] }));
    const heard: RekapChange[] = [];
    engine.subscribe(() => {
      throw new Error('layar proyektor tertutup');
    });
    const stop = engine.subscribe((c) => heard.push(c));
    value(engine.applyTpsChange('1101022001901', GUB, { state: 'withheld' }));
    assert.deepEqual(heard, [{ electionId: GUB, tpsCode: '1101022001901', state: 'withheld', regionCodes: ['1101022001', '110102', '1101', '11'], version: 1 }]);
    assert.equal(errors.length, 1);
    engine.applyTpsChange('1101022001901', GUB, { state: 'verified', values: { 'IV.1': 1000 } }); // refused: nobody hears
    stop();
    value(engine.applyTpsChange('1101022001901', GUB, null));
    assert.equal(heard.length, 1);
    assert.equal(value(engine.getTotals('11', GUB)).version, 2);
  });
});
