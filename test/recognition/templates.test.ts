import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { kwkTemplate } from '../../main/forms/kwk-template.ts';
import { KWK_MAX_PASLON, KWK_PAGES, kwkTemplateId, parseKwkTagId } from '../../main/forms/kwk-tag-ids.ts';
import { kwkTemplateJson } from '../../main/forms/write-kwk-templates.ts';
import {
  DEFAULT_TEMPLATE_DIR, getTemplate, loadTemplates, TemplateLoadError, templatesForForm,
} from '../../main/recognition/templates/loader.ts';
import type { FormTemplate } from '../../main/recognition/templates/schema.ts';

const TRUTH = new URL('../../../shared/photos/truth.json', import.meta.url);

describe('shipped form templates', () => {
  const all = loadTemplates();

  it('all load and validate: official plano (3), NETGRIT (2), KWK (6 × 2)', () => {
    const ids = all.map((t) => t.id);
    for (const p of [1, 2, 3]) assert.ok(ids.includes(`kpu-ppwp-2024-hal${p}`));
    for (const p of [1, 2]) assert.ok(ids.includes(`netgrit-ppwp-hal${p}`));
    for (let n = 1; n <= KWK_MAX_PASLON; n++) for (let p = 1; p <= KWK_PAGES; p++) assert.ok(ids.includes(kwkTemplateId(n, p)));
    assert.equal(new Set(ids).size, ids.length);
  });

  it('field ids are unique within each template and every number has 1–3 boxes', () => {
    for (const t of all) {
      const ids = t.fields.map((f) => f.id);
      assert.equal(new Set(ids).size, ids.length, t.id);
      for (const f of t.fields) assert.ok(f.digits.length >= 1 && f.digits.length <= 3, `${t.id} ${f.id}`);
    }
  });

  it('every template has registration: 4 corner markers, plus a page tag (official, KWK) or QR (NETGRIT)', () => {
    for (const t of all) {
      const corners = t.registration.marks.filter((m) => m.type === 'corner');
      assert.deepEqual(corners.map((m) => m.type === 'corner' && m.position).sort(), ['bl', 'br', 'tl', 'tr'], t.id);
      const tags = t.registration.marks.filter((m) => m.type === 'apriltag');
      if (t.id.startsWith('netgrit')) assert.ok(t.registration.marks.some((m) => m.type === 'qr'), t.id);
      else assert.equal(tags.length, 1, t.id);
    }
  });

  it('the official plano carries AprilTag 36h10 ids 101–103, the KWK pages 200 + 10·paslon + page', () => {
    const tagOf = (t: FormTemplate) => {
      const m = t.registration.marks.find((x) => x.type === 'apriltag');
      return m?.type === 'apriltag' ? m.tagId : null;
    };
    assert.deepEqual(templatesForForm('kpu-c-hasil-ppwp-2024').map(tagOf), [101, 102, 103]);
    const kwkTags = all.filter((t) => t.id.startsWith('pleno-kwk')).map(tagOf);
    assert.equal(new Set(kwkTags).size, 12);
    for (const t of all.filter((x) => x.id.startsWith('pleno-kwk'))) {
      const parsed = parseKwkTagId(tagOf(t)!);
      assert.ok(parsed);
      assert.equal(kwkTemplateId(parsed.nPaslon, parsed.page), t.id);
    }
    assert.equal(parseKwkTagId(101), null);
    assert.equal(parseKwkTagId(273), null);
  });

  it('getTemplate and templatesForForm find pages in order', () => {
    assert.equal(getTemplate('kpu-ppwp-2024-hal2')?.page, 2);
    assert.equal(getTemplate('no-such-template'), undefined);
    assert.deepEqual(templatesForForm('netgrit-c-hasil-ppwp').map((t) => t.page), [1, 2]);
    assert.deepEqual(templatesForForm('pleno-c-hasil-kwk-3paslon').map((t) => t.id), ['pleno-kwk-3paslon-hal1', 'pleno-kwk-3paslon-hal2']);
    assert.deepEqual(templatesForForm('unknown-form'), []);
  });

  it('NETGRIT templates hold every field id that truth.json gives for the real photos', () => {
    const truth = JSON.parse(readFileSync(TRUTH, 'utf8')) as Record<string, { fields?: Record<string, unknown> }>;
    const hal1 = new Set(getTemplate('netgrit-ppwp-hal1')!.fields.map((f) => f.id));
    const hal2 = new Set(getTemplate('netgrit-ppwp-hal2')!.fields.map((f) => f.id));
    const photo1 = Object.keys(truth['netgrit-ppwp-hal1-a.jpg'].fields!);
    const photo2 = Object.keys(truth['netgrit-ppwp-hal2-a.jpg'].fields!);
    assert.ok(photo1.length > 30 && photo2.length === 6);
    for (const f of photo1) assert.ok(hal1.has(f), `hal1 lacks ${f}`);
    for (const f of photo2) assert.ok(hal2.has(f), `hal2 lacks ${f}`);
  });

  it("NETGRIT checks hold on truth.json's values for each page (the two photos are not one TPS)", async () => {
    const truth = JSON.parse(readFileSync(TRUTH, 'utf8')) as Record<string, { fields?: Record<string, number> }>;
    const { constraintFromCheck } = await import('../../main/recognition/joint/constraints.ts');
    for (const [photo, tid] of [['netgrit-ppwp-hal1-a.jpg', 'netgrit-ppwp-hal1'], ['netgrit-ppwp-hal2-a.jpg', 'netgrit-ppwp-hal2']] as const) {
      const values = truth[photo].fields!;
      for (const check of getTemplate(tid)!.checks) {
        const c = constraintFromCheck(check);
        if (c.keys.some((k) => k.includes('#'))) continue; // cross-page: needs both pages of one TPS
        assert.ok(c.holds((k) => values[k]), `${tid} ${check.id}`);
      }
    }
  });

  it('the committed KWK JSON equals what the layout generates (PDF and template agree by construction)', () => {
    for (let n = 1; n <= KWK_MAX_PASLON; n++) {
      for (let p = 1; p <= KWK_PAGES; p++) {
        const file = join(DEFAULT_TEMPLATE_DIR, 'pleno-kwk', `${kwkTemplateId(n, p)}.json`);
        assert.equal(readFileSync(file, 'utf8'), kwkTemplateJson(n, p), `${file} is stale: run main/forms/write-kwk-templates.ts`);
      }
    }
    // A single-pair race also gets a row for the empty box; 6 pairs fill page 2.
    assert.deepEqual(kwkTemplate(1, 2).fields.map((f) => f.id), ['IV.1', 'IV.2', 'V.A', 'V.B', 'V.C']);
    assert.equal(kwkTemplate(6, 2).fields.length, 9);
  });
});

describe('loadTemplates on broken files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pleno-templates-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const good = () => JSON.parse(readFileSync(join(DEFAULT_TEMPLATE_DIR, 'pleno-kwk', 'pleno-kwk-2paslon-hal2.json'), 'utf8'));

  function expectError(name: string, content: string, ...fragments: string[]) {
    const sub = mkdtempSync(join(dir, 'case-'));
    writeFileSync(join(sub, name), content);
    assert.throws(() => loadTemplates(sub), (e: unknown) => {
      assert.ok(e instanceof TemplateLoadError);
      assert.ok(e.message.includes(name), e.message);
      for (const f of fragments) assert.ok(e.message.includes(f), `${JSON.stringify(f)} not in: ${e.message}`);
      return true;
    });
  }

  it('names the file when the JSON does not parse', () => {
    expectError('rusak.json', '{ "id": "x", ', 'not JSON');
  });

  it('names the file and the JSON path of a schema violation', () => {
    const t = good();
    t.fields[1].digits[2].w = -5;
    expectError('negatif.json', JSON.stringify(t), 'fields.1.digits.2.w');
    const u = good();
    u.registration.marks[4].family = '36h11';
    expectError('keluarga.json', JSON.stringify(u), 'registration.marks.4');
  });

  it('reports duplicate field ids, unknown check references and boxes off the page', () => {
    const t = good();
    t.fields[1].id = t.fields[0].id;
    expectError('ganda.json', JSON.stringify(t), 'duplicate field id IV.1');
    const u = good();
    u.checks[0].left.push('IV.9');
    expectError('rujukan.json', JSON.stringify(u), 'unknown field IV.9');
    const v = good();
    v.fields[0].digits[0].x = 5000;
    expectError('luar.json', JSON.stringify(v), 'fields[0].digits[0]', 'outside the page');
  });

  it('reports a cross-page reference to a template that is not there', () => {
    const t = good();
    t.checks.push({ id: 'x', type: 'equal', left: 'V.C', right: 'tidak-ada-hal1#I.B.4.LP' });
    expectError('silang.json', JSON.stringify(t), 'unknown template tidak-ada-hal1');
  });

  it('loads a directory of valid templates (a page set with its cross-page references)', () => {
    const sub = mkdtempSync(join(dir, 'ok-'));
    writeFileSync(join(sub, 'a.json'), JSON.stringify(good()));
    writeFileSync(join(sub, 'b.json'), readFileSync(join(DEFAULT_TEMPLATE_DIR, 'pleno-kwk', 'pleno-kwk-2paslon-hal1.json')));
    const loaded = loadTemplates(sub);
    assert.deepEqual(loaded.map((t) => t.id), ['pleno-kwk-2paslon-hal1', 'pleno-kwk-2paslon-hal2']);
  });
});
