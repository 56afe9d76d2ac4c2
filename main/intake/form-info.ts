/**
 * What intake needs to know about a recognised form page: which page of how many it is, and how many
 * vote columns (paslon, including the empty box) it has — the one thing that tells a page of another
 * race's form from this race's.
 */
import { allTemplates, getTemplate } from '../recognition/templates/loader.ts';

export interface FormPageInfo {
  templateId: string;
  form: string;
  halaman: number;
  pages: number;
  /** Vote columns (IV.1 … IV.n) on this page; null when the page has none (e.g. page 1). */
  voteColumns: number | null;
}

const cache = new Map<string, FormPageInfo | null>();

export function formPageInfo(templateId: string | null): FormPageInfo | null {
  if (templateId === null) return null;
  if (cache.has(templateId)) return cache.get(templateId)!;
  const template = getTemplate(templateId);
  let info: FormPageInfo | null = null;
  if (template) {
    const votes = template.fields.filter((f) => /^IV\.\d+$/.test(f.id)).length;
    info = { templateId, form: template.form, halaman: template.page, pages: template.pages, voteColumns: votes > 0 ? votes : null };
  }
  cache.set(templateId, info);
  return info;
}

/**
 * Loads (and validates) the shipped templates now: ~0.2 s of main-thread work that would otherwise land in
 * the middle of an import, when the first page is committed.
 */
export function preloadFormInfo(): void {
  allTemplates();
}
