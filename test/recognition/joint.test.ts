import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeJoint, BOX_BLANK, BOX_CROSS, DEFAULT_JOINT_OPTIONS, type FieldEvidence } from '../../main/recognition/joint/index.ts';
import { constraintFromCheck } from '../../main/recognition/joint/constraints.ts';
import { boxesChanged, slipPrior } from '../../main/recognition/joint/slip-prior.ts';
import type { Check } from '../../main/recognition/templates/schema.ts';

/**
 * 12-class box probabilities: `main` gets p, the rest of the mass spread evenly. The default p is what the
 * digit model gives a clearly written digit (≥ 0.9999 on synthetic pages).
 */
function box(main: number, p = 0.9999, second?: { cls: number; p: number }): number[] {
  const probs = new Array(12).fill(0);
  let rest = 1 - p - (second?.p ?? 0);
  probs[main] = p;
  if (second) probs[second.cls] = second.p;
  const others = probs.map((_, i) => i).filter((i) => i !== main && i !== second?.cls);
  for (const i of others) probs[i] += rest / others.length;
  return probs;
}

/** Confident boxes for a value written right-aligned in 3 boxes, leading boxes blank. */
function written(key: string, value: number, override: Record<number, number[]> = {}): FieldEvidence {
  const digits = String(value).padStart(3, ' ').split('');
  return {
    key,
    boxes: digits.map((d, i) => override[i] ?? box(d === ' ' ? BOX_BLANK : Number(d))),
  };
}

const sumCheck: Check = { id: 'sah', type: 'sum', left: ['IV.1', 'IV.2', 'IV.3'], right: 'V.A' };
const checks = [{ check: sumCheck }];

test('confident, consistent readings are taken as written', () => {
  const r = decodeJoint([written('IV.1', 44), written('IV.2', 78), written('IV.3', 18), written('V.A', 140)], checks);
  assert.deepEqual(Object.fromEntries(Object.entries(r.fields).map(([k, f]) => [k, f.value])), {
    'IV.1': 44, 'IV.2': 78, 'IV.3': 18, 'V.A': 140,
  });
  assert.equal(r.consistent, true);
  for (const f of Object.values(r.fields)) {
    assert.equal(f.needsReview, false);
    assert.ok(f.confidence > 0.995);
  }
});

test('arithmetic picks the second reading of an uncertain digit (3 read as 8)', () => {
  // IV.1 is 43, but its units box looks more like an 8 than a 3.
  const uncertain = box(8, 0.6, { cls: 3, p: 0.39 });
  const r = decodeJoint(
    [written('IV.1', 43, { 2: uncertain }), written('IV.2', 78), written('IV.3', 18), written('V.A', 139)],
    checks,
  );
  assert.equal(r.fields['IV.1'].value, 43);
  assert.equal(r.consistent, true);
  // The digits' own best reading was 48: the value shown is the arithmetic's choice, and says so.
  assert.equal(r.fields['IV.1'].source, 'arithmetic');
  assert.ok(r.fields['IV.1'].confidence > 0.9);
});

test('a confident reading that breaks the arithmetic is not overridden: it goes to a person', () => {
  // The KPPS wrote 44 + 78 + 18 = 141: all digits clear, the sum wrong.
  const r = decodeJoint([written('IV.1', 44), written('IV.2', 78), written('IV.3', 18), written('V.A', 141)], checks);
  assert.equal(r.consistent, false);
  assert.equal(r.fields['V.A'].value, 141);
  for (const k of ['IV.1', 'IV.2', 'IV.3', 'V.A']) assert.equal(r.fields[k].needsReview, true, k);
  assert.deepEqual(r.checks.map((c) => [c.id, c.holds]), [['sah', false]]);
});

test('a box nobody can read is never filled in by arithmetic alone', () => {
  const unreadable = new Array(12).fill(1 / 12);
  const r = decodeJoint(
    [written('IV.1', 44), written('IV.2', 78, { 1: unreadable, 2: unreadable }), written('IV.3', 18), written('V.A', 140)],
    checks,
  );
  assert.equal(r.fields['IV.2'].value, 78, 'the arithmetic proposes the value');
  assert.equal(r.fields['IV.2'].source, 'arithmetic');
  assert.equal(r.fields['IV.2'].needsReview, true, 'but a person confirms it');
});

test('bubbles and words break a tie between digit readings', () => {
  const field: FieldEvidence = {
    key: 'IV.1',
    boxes: [box(BOX_CROSS), box(5), box(8, 0.5, { cls: 3, p: 0.49 })],
    bubbles: [
      [0.01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.99],
      [0, 0, 0, 0, 0, 0.98, 0, 0, 0, 0, 0.02],
      [0, 0, 0, 0.97, 0, 0, 0, 0, 0.02, 0, 0.01],
    ],
    words: { value: 53, confidence: 0.8 },
  };
  const r = decodeJoint([field], []);
  assert.equal(r.fields['IV.1'].value, 53);
  assert.equal(r.fields['IV.1'].needsReview, false);
});

test('checks naming a field on a page not read yet are skipped, not failed', () => {
  const cross: Check = { id: 'vc-b4', type: 'equal', left: 'V.C', right: 'kpu-ppwp-2024-hal1#I.B.4.LP' };
  const r = decodeJoint([written('V.C', 140)], [{ check: cross }]);
  assert.deepEqual(r.checks, []);
  assert.equal(r.consistent, true);
});

test('lte checks hold ballots within DPT + 2 % reserve', () => {
  const lte: Check = { id: 'cadangan', type: 'lte', left: 'II.1', right: 'I.A.LP', plusPercent: 2 };
  const ok = decodeJoint([written('II.1', 306), written('I.A.LP', 300)], [{ check: lte }]);
  assert.equal(ok.consistent, true);
  const bad = decodeJoint([written('II.1', 307), written('I.A.LP', 300)], [{ check: lte }]);
  assert.equal(bad.consistent, false);
});

test('witnesses that disagree on a field the arithmetic pins down: the arithmetic arbitrates', () => {
  // V.A's boxes clearly say 140, its (partly filled) hundreds bubble was missed: bubbles alone say 40.
  const column = (cls: number, p = 0.99) => Array.from({ length: 11 }, (_, k) => (k === cls ? p : (1 - p) / 10));
  const va: FieldEvidence = { ...written('V.A', 140), bubbles: [column(10), column(4), column(0)] };
  const r = decodeJoint([written('IV.1', 44), written('IV.2', 78), written('IV.3', 18), va], checks);
  assert.equal(r.fields['V.A'].value, 140);
  assert.ok(r.fields['V.A'].witnesses.some((w) => w.witness === 'bubbles' && w.value === 40 && w.p > 0.9));
  assert.equal(r.fields['V.A'].arbitrated, true);
  assert.equal(r.fields['V.A'].needsReview, false);
  // The same field on a page without the sum: nobody arbitrates, a person looks.
  const alone = decodeJoint([va], []);
  assert.equal(alone.fields['V.A'].needsReview, true);
});

test('several uncertain readings that the arithmetic confirms make every field of the group confident', () => {
  // IV.1's units and IV.2's tens are each read 60:40 the wrong way; V.A and IV.3 are clear. The only consistent
  // reading takes both second choices; "the KPPS miswrote both" needs two slips, so it stays unlikely. (The
  // best reading, 48 + 18 + 18, is one slip from 48 + 73 + 18 = 139: at 70:30 that explanation would keep
  // ~1 % of the mass, and the fields would rightly stay below the bar.)
  const r = decodeJoint(
    [
      written('IV.1', 43, { 2: box(8, 0.6, { cls: 3, p: 0.3999 }) }),
      written('IV.2', 78, { 1: box(1, 0.6, { cls: 7, p: 0.3999 }) }),
      written('IV.3', 18),
      written('V.A', 139),
    ],
    checks,
  );
  assert.deepEqual([r.fields['IV.1'].value, r.fields['IV.2'].value], [43, 78]);
  for (const k of ['IV.1', 'IV.2', 'IV.3', 'V.A']) {
    assert.ok(r.fields[k].confidence > DEFAULT_JOINT_OPTIONS.minConfidence, `${k} ${r.fields[k].confidence}`);
  }
});

test('many fields read at 0,9 that the arithmetic ties together are not many times likelier to hide a slip', () => {
  // Twelve rows of L + P = L+P, every field's tens box read 0.9 right / 0.1 as a 7: each field on its own is
  // 90 % sure, the arithmetic confirms every row.
  const rows = Array.from({ length: 12 }, (_, i) => i);
  const unsure = (key: string, value: number) => written(key, value, { 1: box(Math.floor(value / 10) % 10, 0.9, { cls: 7, p: 0.09 }) });
  const evidence = rows.flatMap((i) => [unsure(`L${i}`, 21), unsure(`P${i}`, 34), unsure(`LP${i}`, 55)]);
  const rowChecks = rows.map((i) => ({ check: { id: `r${i}`, type: 'sum', left: [`L${i}`, `P${i}`], right: `LP${i}` } as Check }));
  const perSlip = decodeJoint(evidence, rowChecks);
  for (const e of evidence) {
    assert.equal(perSlip.fields[e.key].value, Number(e.key.startsWith('LP') ? 55 : e.key.startsWith('L') ? 21 : 34));
    assert.ok(perSlip.fields[e.key].confidence > 0.99, `${e.key} ${perSlip.fields[e.key].confidence}`);
  }
  // The page's own probability of being read exactly right: below every field's, and still high.
  assert.ok(perSlip.pageConfidence! > 0.9 && perSlip.pageConfidence! <= Math.min(...Object.values(perSlip.fields).map((f) => f.confidence)));
  // One prior for all inconsistent assignments of a group: a slip looks likelier the more fields there are.
  const grouped = decodeJoint(evidence, rowChecks, { ...DEFAULT_JOINT_OPTIONS, slipModel: 'group' });
  assert.ok(grouped.fields.L0.confidence < perSlip.fields.L0.confidence);
});

test('a sure reading the arithmetic contradicts stays: the KPPS slipped, the page goes to a person', () => {
  // IV.1 is written 44 and read 44 with certainty, but the sum says 45: a slip, not a misreading.
  const r = decodeJoint([written('IV.1', 44), written('IV.2', 78), written('IV.3', 18), written('V.A', 141)], checks);
  assert.equal(r.fields['IV.1'].value, 44);
  assert.equal(r.consistent, false);
  assert.ok(r.checks.some((c) => c.id === 'sah' && !c.holds));
  // Read as written is the likeliest explanation, but a slip is never sure enough to pass the page bar.
  assert.ok(r.pageConfidence! < DEFAULT_JOINT_OPTIONS.minPageConfidence, `${r.pageConfidence}`);
});

test('a slip is one box miswritten: boxes changed between two values written right-aligned', () => {
  assert.equal(boxesChanged(89, 99, 3), 1);
  assert.equal(boxesChanged(52, 552, 3), 1, 'an empty leading box filled');
  assert.equal(boxesChanged(5, 15, 3), 1);
  assert.equal(boxesChanged(0, 10, 3), 1, 'the units box holds 0 in both');
  assert.equal(boxesChanged(123, 132, 3), 2);
  assert.equal(boxesChanged(7, 7, 3), 0);
});

test('the slip prior is a page rate shared among the fields the equalities tie, one box likelier than several', () => {
  const sums = (n: number) =>
    Array.from({ length: n }, (_, i) => constraintFromCheck({ id: `r${i}`, type: 'sum', left: [`A${i}`, `B${i}`], right: `C${i}` }));
  const lte = constraintFromCheck({ id: 'le', type: 'lte', left: 'A0', right: 'D' });
  const fields = (n: number) => [...Array.from({ length: n }, (_, i) => [`A${i}`, `B${i}`, `C${i}`]).flat(), 'D'].map((key) => ({ key, boxes: 3 }));
  const small = slipPrior(fields(1), [...sums(1), lte], { pageRate: 0.2, farFactor: 0.1 });
  const large = slipPrior(fields(10), [...sums(10), lte], { pageRate: 0.2, farFactor: 0.1 });
  // 3 tied fields (D is only in an inequality): 0.25 / 3 / 27
  assert.ok(Math.abs(small('C0', 89, 99) - 0.25 / 3 / 27) < 1e-12);
  assert.ok(Math.abs(small('C0', 89, 99) / large('C0', 89, 99) - 10) < 1e-9, 'ten times the tied fields, a tenth the prior each');
  assert.ok(Math.abs(small('C0', 132, 123) / small('C0', 133, 123) - 0.1) < 1e-9, 'two boxes changed: farFactor');
});

test('the same doubtful correction is trusted on a page of many tied fields, not on a page of three', () => {
  // C0 reads 89 (p 0.7) or 99 (0.3); the arithmetic wants 99. On a page of one sum a KPPS slip is as good an
  // explanation as a misread; among 30 tied fields a slip in this one is ten times rarer.
  const doubtful = (key: string) => written(key, 99, { 1: box(8, 0.7, { cls: 9, p: 0.3 }) });
  const page = (rows: number): FieldEvidence[] =>
    Array.from({ length: rows }, (_, i) => (i === 0 ? [written('A0', 44), written('B0', 55), doubtful('C0')] : [written(`A${i}`, 10 + i), written(`B${i}`, 20), written(`C${i}`, 30 + i)])).flat();
  const rowChecks = (rows: number) => Array.from({ length: rows }, (_, i) => ({ check: { id: `r${i}`, type: 'sum', left: [`A${i}`, `B${i}`], right: `C${i}` } as Check }));
  const one = decodeJoint(page(1), rowChecks(1));
  const ten = decodeJoint(page(10), rowChecks(10));
  assert.equal(one.fields.C0.value, 99);
  assert.equal(ten.fields.C0.value, 99);
  assert.ok(ten.fields.C0.confidence > one.fields.C0.confidence);
  assert.ok(ten.fields.C0.confidence >= DEFAULT_JOINT_OPTIONS.minConfidence, `${ten.fields.C0.confidence}`);
  assert.ok(one.fields.C0.confidence < 0.999, `${one.fields.C0.confidence}`);
});
