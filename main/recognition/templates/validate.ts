/**
 * Checks a template beyond its shape: things zod's per-object schema cannot see (unique ids, references
 * that resolve, geometry inside the page). Returns a list of problems, each naming the JSON path.
 */
import type { FormTemplate, Rect } from './schema.ts';

export interface TemplateProblem {
  path: string;
  message: string;
}

const REF_SEPARATOR = '#';

/** Splits `templateId#fieldId` (or a bare field id, meaning this template). */
export function parseFieldRef(ref: string, ownTemplateId: string): { templateId: string; fieldId: string } {
  const at = ref.indexOf(REF_SEPARATOR);
  if (at < 0) return { templateId: ownTemplateId, fieldId: ref };
  return { templateId: ref.slice(0, at), fieldId: ref.slice(at + 1) };
}

function insidePage(r: Rect, t: FormTemplate): boolean {
  return r.x >= 0 && r.y >= 0 && r.x + r.w <= t.canonical.width && r.y + r.h <= t.canonical.height;
}

export function validateTemplate(t: FormTemplate): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });

  if (t.page > t.pages) add('page', `page ${t.page} > pages ${t.pages}`);
  const aspectPx = t.canonical.width / t.canonical.height;
  const aspectMm = t.size.widthMm / t.size.heightMm;
  if (Math.abs(aspectPx / aspectMm - 1) > 0.01) {
    add('canonical', `aspect ${aspectPx.toFixed(4)} differs from the page's ${aspectMm.toFixed(4)} by more than 1 %`);
  }

  const markIds = new Set<string>();
  t.registration.marks.forEach((m, i) => {
    const p = `registration.marks[${i}]`;
    if (markIds.has(m.id)) add(`${p}.id`, `duplicate mark id ${m.id}`);
    markIds.add(m.id);
    if (!insidePage(m.rect, t)) add(`${p}.rect`, `mark ${m.id} lies outside the page`);
    const s = m.search;
    const r = m.rect;
    if (r.x < s.x || r.y < s.y || r.x + r.w > s.x + s.w || r.y + r.h > s.y + s.h) {
      add(`${p}.search`, `search region of ${m.id} does not contain the mark`);
    }
  });
  if (!t.registration.marks.some((m) => !m.optional)) add('registration.marks', 'no required mark');

  const fieldIds = new Set<string>();
  t.fields.forEach((f, i) => {
    const p = `fields[${i}]`;
    if (fieldIds.has(f.id)) add(`${p}.id`, `duplicate field id ${f.id}`);
    fieldIds.add(f.id);
    f.digits.forEach((d, j) => {
      if (!insidePage(d, t)) add(`${p}.digits[${j}]`, `digit box of ${f.id} lies outside the page`);
      if (j > 0 && d.x <= f.digits[j - 1].x) add(`${p}.digits[${j}]`, `digit boxes of ${f.id} must run left → right`);
    });
    if (f.bubbles && f.bubbles.length !== f.digits.length) {
      add(`${p}.bubbles`, `${f.id}: ${f.bubbles.length} bubble columns for ${f.digits.length} digit boxes`);
    }
    if (f.words && !insidePage(f.words, t)) add(`${p}.words`, `words line of ${f.id} lies outside the page`);
    if (f.range && f.range.min > f.range.max) add(`${p}.range`, `${f.id}: min > max`);
    const maxByBoxes = 10 ** f.digits.length - 1;
    if (f.range && f.range.max > maxByBoxes) add(`${p}.range`, `${f.id}: max ${f.range.max} needs more than ${f.digits.length} boxes`);
  });

  const checkIds = new Set<string>();
  t.checks.forEach((c, i) => {
    const p = `checks[${i}]`;
    if (checkIds.has(c.id)) add(`${p}.id`, `duplicate check id ${c.id}`);
    checkIds.add(c.id);
    const refs = c.type === 'sum' ? [...c.left, c.right] : [c.left, c.right];
    for (const ref of refs) {
      const { templateId, fieldId } = parseFieldRef(ref, t.id);
      if (templateId === t.id && !fieldIds.has(fieldId)) add(p, `check ${c.id} refers to unknown field ${ref}`);
    }
  });
  return problems;
}

/** Cross-template references: every `templateId#fieldId` must name a loaded template and its field. */
export function validateCrossReferences(all: readonly FormTemplate[]): Map<string, TemplateProblem[]> {
  const byId = new Map(all.map((t) => [t.id, t]));
  const out = new Map<string, TemplateProblem[]>();
  for (const t of all) {
    t.checks.forEach((c, i) => {
      const refs = c.type === 'sum' ? [...c.left, c.right] : [c.left, c.right];
      for (const ref of refs) {
        const { templateId, fieldId } = parseFieldRef(ref, t.id);
        if (templateId === t.id) continue;
        const other = byId.get(templateId);
        let message: string | null = null;
        if (!other) message = `check ${c.id} refers to unknown template ${templateId}`;
        else if (other.form !== t.form) message = `check ${c.id} refers to ${templateId} of another form (${other.form})`;
        else if (!other.fields.some((f) => f.id === fieldId)) message = `check ${c.id} refers to unknown field ${ref}`;
        if (message) {
          const list = out.get(t.id) ?? [];
          list.push({ path: `checks[${i}]`, message });
          out.set(t.id, list);
        }
      }
    });
  }
  return out;
}
