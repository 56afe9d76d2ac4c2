import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkDefs, fieldLayout, type CheckDef } from '../../main/rekap/index.ts';
import { isCapped } from '../../main/rekap/fields.ts';
import { getTemplate } from '../../main/recognition/templates/loader.ts';
import type { Check } from '../../main/recognition/templates/schema.ts';
import { kwkVoteRows } from '../../main/forms/kwk-layout.ts';

/** The vote rows of the form for n paslon: a single pair runs against the empty box, stored as its own paslon row. */
const voteRows = (n: number) => kwkVoteRows(n).map((r) => r.nomor);

/** The shipped C.Hasil-KWK templates (page 1 and 2) for a race with n paslon. */
function kwk(n: number) {
  const pages = [1, 2].map((p) => getTemplate(`pleno-kwk-${n}paslon-hal${p}`));
  assert.ok(pages[0] && pages[1], `templates for ${n} paslon`);
  return pages as [NonNullable<(typeof pages)[0]>, NonNullable<(typeof pages)[1]>];
}

/** A template check in the rekap's terms (cross-page references resolved to plain field ids). */
function asRekap(check: Check): Pick<Extract<CheckDef, { kind: 'eq' | 'lte' }>, 'kind' | 'left' | 'right'> & { plusPercent: number } {
  const bare = (ref: string) => ref.replace(/^[a-z0-9-]+#/, '');
  if (check.type === 'sum') return { kind: 'eq', left: check.left.map(bare), right: [bare(check.right)], plusPercent: 0 };
  if (check.type === 'equal') return { kind: 'eq', left: [bare(check.left)], right: [bare(check.right)], plusPercent: 0 };
  return { kind: 'lte', left: [bare(check.left)], right: [bare(check.right)], plusPercent: check.plusPercent ?? 0 };
}

const sameSet = (a: readonly string[], b: readonly string[]) => [...a].sort().join() === [...b].sort().join();

describe('rekap fields follow the C.Hasil-KWK templates', () => {
  for (let n = 1; n <= 6; n++) {
    test(`${n} paslon: the same fields in the same order, the same capped fields`, () => {
      const layout = fieldLayout(voteRows(n));
      const [hal1, hal2] = kwk(n);
      const templateFields = [...hal1.fields, ...hal2.fields];
      assert.deepEqual(layout.ids.slice(0, layout.formCount), templateFields.map((f) => f.id));
      for (const f of templateFields) assert.equal(isCapped(f.id), f.capped === true, `capped ${f.id}`);
      assert.deepEqual(
        layout.cappedCols.map((c) => layout.ids[c]),
        templateFields.filter((f) => f.capped).map((f) => f.id),
      );
    });

    test(`${n} paslon: every arithmetic check printed in the template is a rekap check`, () => {
      const layout = fieldLayout(voteRows(n));
      const defs = checkDefs(layout);
      const [hal1, hal2] = kwk(n);
      for (const check of [...hal1.checks, ...hal2.checks]) {
        const want = asRekap(check);
        const found = defs.find((d) =>
          d.kind === want.kind && sameSet(d.left, want.left) && sameSet(d.right, want.right) &&
          (d.kind !== 'lte' || d.plusPercent === want.plusPercent));
        assert.ok(found, `template check ${check.id} (${JSON.stringify(want)}) has no rekap counterpart`);
      }
    });
  }

  test('check ids are unique, fit the 32-bit mask, and name only known columns', () => {
    const layout = fieldLayout([1, 2, 3, 4, 5, 6]);
    const defs = checkDefs(layout);
    assert.equal(new Set(defs.map((d) => d.id)).size, defs.length);
    assert.ok(defs.length <= 32);
    for (const d of defs) {
      if (d.kind === 'eq' || d.kind === 'lte') for (const id of [...d.left, ...d.right]) assert.ok(layout.has(id), id);
    }
  });

  test('paslon numbers must be 1–6 and distinct', () => {
    assert.throws(() => fieldLayout([]));
    assert.throws(() => fieldLayout([1, 1]));
    assert.throws(() => fieldLayout([0, 1]));
    assert.throws(() => fieldLayout([1, 2, 3, 4, 5, 6, 7]));
    assert.deepEqual(fieldLayout([3, 1]).nomorUrut, [1, 3]);
  });
});
