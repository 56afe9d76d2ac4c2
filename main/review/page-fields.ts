/**
 * Which form fields a TPS's pages carry, and where each sits. A page the machine could not place (unregistered,
 * no template) borrows the template of the missing page of the same form, so the operator still gets one input
 * per printed field — only without a crop to compare against.
 */
import { getTemplate, templatesForForm } from '../recognition/templates/loader.ts';
import type { FormTemplate } from '../recognition/templates/schema.ts';
import type { FieldBox } from './types.ts';

export interface SheetTemplateRow { id: number; halaman: number | null; template_id: string | null }

/** sheet id → the template its fields come from (absent when nothing fits). */
export function templatesOfSheets(sheets: SheetTemplateRow[]): Map<number, FormTemplate> {
  const out = new Map<number, FormTemplate>();
  let form: string | null = null;
  for (const s of sheets) {
    const t = s.template_id ? getTemplate(s.template_id) : undefined;
    if (t) { out.set(s.id, t); form ??= t.form; }
  }
  if (form) {
    const taken = new Set([...out.values()].map((t) => t.page));
    const free = templatesForForm(form).filter((t) => !taken.has(t.page)).sort((a, b) => a.page - b.page);
    for (const s of sheets) {
      if (out.has(s.id)) continue;
      const pick = free.find((t) => s.halaman === null || t.page === s.halaman);
      if (pick) { out.set(s.id, pick); free.splice(free.indexOf(pick), 1); }
    }
  }
  return out;
}

/** The union of a field's digit boxes (with a little margin), as fractions of the canonical page. */
export function fieldBox(template: FormTemplate, fieldId: string): FieldBox {
  const field = template.fields.find((f) => f.id === fieldId)!;
  const rects = [...field.digits, ...(field.words ? [field.words] : [])];
  const x0 = Math.min(...rects.map((r) => r.x));
  const y0 = Math.min(...rects.map((r) => r.y));
  const x1 = Math.max(...rects.map((r) => r.x + r.w));
  const y1 = Math.max(...rects.map((r) => r.y + r.h));
  const mx = 12, my = 8;
  const { width, height } = template.canonical;
  const cx = Math.max(0, x0 - mx), cy = Math.max(0, y0 - my);
  return {
    x: cx / width,
    y: cy / height,
    w: (Math.min(width, x1 + mx) - cx) / width,
    h: (Math.min(height, y1 + my) - cy) / height,
  };
}
