/**
 * The synthetic generator's values: consistent TPS values satisfy every check of every template
 * family the generator fills; inconsistent ones differ from the intended values by exactly one
 * written digit in each broken field and make at least one check fail. Numbers-only: no images.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { kwkTemplate } from '../../main/forms/kwk-template.ts';
import { allTemplates } from '../../main/recognition/templates/loader.ts';
import type { FormTemplate } from '../../main/recognition/templates/schema.ts';
import { wordsToNumber } from '../../shared/number-words.ts';
import { evaluateChecks } from '../support/synth/checks.ts';
import { numberToWords } from '../support/synth/number-words.ts';
import { Rng } from '../support/synth/rng.ts';
import { generateTpsValues, miswriteDigit } from '../support/synth/tps-values.ts';

const kwkForms: FormTemplate[][] = [1, 2, 3, 4, 5, 6].map((n) => [kwkTemplate(n, 1), kwkTemplate(n, 2)]);

function fieldOf(pages: FormTemplate[], q: string) {
  const [tid, fid] = q.split('#');
  return pages.find((t) => t.id === tid)!.fields.find((f) => f.id === fid)!;
}

test('consistent TPS values satisfy every check of the KWK forms (1–6 paslon), within box and cap limits', () => {
  for (const pages of kwkForms) {
    for (let seed = 0; seed < 150; seed++) {
      const r = generateTpsValues(new Rng(`values-${seed}`), pages);
      const outcomes = evaluateChecks(pages, r.values);
      assert.ok(outcomes.length > 0);
      for (const o of outcomes) assert.equal(o.status, 'ok', `${pages[0].form} seed ${seed}: ${o.templateId}:${o.checkId}`);
      for (const t of pages) for (const f of t.fields) {
        const v = r.values[t.id][f.id]!;
        assert.ok(Number.isInteger(v) && v >= 0 && v < 10 ** f.digits.length, `${f.id}=${v}`);
        if (f.capped) assert.ok(v <= (t.tpsCap ?? 600), `${f.id}=${v} above cap`);
      }
      // The rules from the brief that are not all template checks.
      const s = r.scenario;
      assert.equal(s.ballots.received, s.dpt.LP + Math.ceil(s.dpt.LP * 0.02));
      assert.ok(s.b1.L <= s.dpt.L && s.b1.P <= s.dpt.P);
      assert.equal(s.votes.reduce((a, b) => a + b, 0), s.sah);
      assert.equal(s.sah + s.tidakSah, s.b4.LP);
    }
  }
});

test('every shipped form: consistent values pass all checks, inconsistent ones fail one', () => {
  const forms = new Map<string, FormTemplate[]>();
  for (const t of allTemplates()) forms.set(t.form, [...(forms.get(t.form) ?? []), t]);
  assert.ok(forms.size >= 7, `forms: ${[...forms.keys()].join(', ')}`); // 6 KWK variants + the official plano at least
  for (const [form, pages] of forms) {
    for (let seed = 0; seed < 40; seed++) {
      const good = generateTpsValues(new Rng(`${form}-${seed}`), pages);
      for (const o of evaluateChecks(pages, good.values)) assert.equal(o.status, 'ok', `${form} seed ${seed}: ${o.templateId}:${o.checkId}`);
      const page = pages[seed % pages.length];
      const bad = generateTpsValues(new Rng(`${form}-bad-${seed}`), pages, { inconsistent: true, breakTemplates: [page.id] });
      assert.ok(bad.failedChecks.length > 0, `${form}: ${page.id} could not be broken`);
    }
  }
});

test('values cover 1-, 2- and 3-digit numbers and zeros', () => {
  const lengths = new Set<number>();
  let zeros = 0;
  for (let seed = 0; seed < 100; seed++) {
    const pages = kwkForms[2];
    const r = generateTpsValues(new Rng(`spread-${seed}`), pages);
    for (const t of pages) for (const v of Object.values(r.values[t.id])) {
      lengths.add(String(v).length);
      if (v === 0) zeros++;
    }
  }
  assert.deepEqual([...lengths].sort(), [1, 2, 3]);
  assert.ok(zeros > 20, `zeros: ${zeros}`);
});

test('inconsistent values break at least one check, and each broken field differs by one written digit', () => {
  const pages = kwkForms[3];
  let pagesBroken = 0;
  for (let seed = 0; seed < 200; seed++) {
    const only = pages[seed % 2].id;
    const r = generateTpsValues(new Rng(`broken-${seed}`), pages, { inconsistent: true, breakTemplates: [only] });
    assert.ok(r.broken.length >= 1 && r.broken.length <= 2);
    assert.ok(r.failedChecks.length >= 1);
    assert.deepEqual(r.failedChecks, evaluateChecks(pages, r.values).filter((c) => c.status === 'failed'));
    for (const q of r.broken) {
      assert.ok(q.startsWith(`${only}#`), `${q} is not on ${only}`);
      const [tid, fid] = q.split('#');
      const n = fieldOf(pages, q).digits.length;
      const a = String(r.intended[tid][fid]).padStart(n, '0'), b = String(r.values[tid][fid]).padStart(n, '0');
      assert.equal([...a].filter((ch, i) => ch !== b[i]).length, 1, `${q}: ${a} → ${b}`);
    }
    // Nothing else changed.
    for (const t of pages) for (const f of t.fields) {
      if (!r.broken.includes(`${t.id}#${f.id}`)) assert.equal(r.values[t.id][f.id], r.intended[t.id][f.id]);
    }
    pagesBroken++;
  }
  assert.equal(pagesBroken, 200);
});

test('miswriteDigit changes exactly one box and respects the maximum', () => {
  const rng = new Rng('miswrite');
  for (let i = 0; i < 2000; i++) {
    const v = rng.int(0, 600);
    const w = miswriteDigit(rng, v, 3, 999);
    assert.ok(w !== null && w !== v && w <= 999);
    const a = String(v).padStart(3, '0'), b = String(w).padStart(3, '0');
    assert.equal([...a].filter((ch, k) => ch !== b[k]).length, 1);
  }
});

test('numberToWords writes Indonesian number words that the product parser reads back, 0–999', () => {
  assert.equal(numberToWords(0), 'NOL');
  assert.equal(numberToWords(11), 'SEBELAS');
  assert.equal(numberToWords(18), 'DELAPAN BELAS');
  assert.equal(numberToWords(100), 'SERATUS');
  assert.equal(numberToWords(123), 'SERATUS DUA PULUH TIGA');
  assert.equal(numberToWords(235), 'DUA RATUS TIGA PULUH LIMA');
  assert.equal(numberToWords(910), 'SEMBILAN RATUS SEPULUH');
  assert.equal(numberToWords(1000), 'SERIBU');
  for (let n = 0; n <= 999; n++) assert.equal(wordsToNumber(numberToWords(n)), n, `${n}: ${numberToWords(n)}`);
  assert.throws(() => numberToWords(-1), RangeError);
  assert.throws(() => numberToWords(1.5), RangeError);
});
