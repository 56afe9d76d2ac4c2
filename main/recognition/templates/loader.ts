/**
 * Loads the form templates (one JSON per page) from resources/forms/, validates each against the schema
 * and the semantic checks, and indexes them by id and by form.
 *
 * A broken template is a programming/packaging error, not a user error, so it throws — with a message
 * that names the file and the JSON path, so the fix is obvious.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FormTemplate } from './schema.ts';
import { validateCrossReferences, validateTemplate } from './validate.ts';

/** resources/forms relative to this file (main/recognition/templates → repo root). */
export const DEFAULT_TEMPLATE_DIR = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../resources/forms');

export class TemplateLoadError extends Error {
  constructor(
    readonly file: string,
    readonly problems: { path: string; message: string }[],
  ) {
    super(`invalid form template ${file}:\n${problems.map((p) => `  at ${p.path || '(root)'}: ${p.message}`).join('\n')}`);
    this.name = 'TemplateLoadError';
  }
}

/** Parses and validates one template JSON text; `file` is only used in error messages. */
export function parseTemplate(text: string, file: string): FormTemplate {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new TemplateLoadError(file, [{ path: '', message: `not JSON: ${(e as Error).message}` }]);
  }
  const parsed = FormTemplate.safeParse(raw);
  if (!parsed.success) {
    throw new TemplateLoadError(
      file,
      parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
    );
  }
  const problems = validateTemplate(parsed.data);
  if (problems.length > 0) throw new TemplateLoadError(file, problems);
  return parsed.data;
}

export function loadTemplateFile(path: string): FormTemplate {
  return parseTemplate(readFileSync(path, 'utf8'), path);
}

/** Every `*.json` under `dir` (recursively), validated, sorted by id. Throws TemplateLoadError on the first bad file. */
export function loadTemplates(dir: string = DEFAULT_TEMPLATE_DIR): FormTemplate[] {
  const files = (readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.json'))
    .sort();
  const templates: FormTemplate[] = [];
  const fileOf = new Map<string, string>();
  for (const rel of files) {
    const file = join(dir, rel);
    const t = loadTemplateFile(file);
    const clash = fileOf.get(t.id);
    if (clash) throw new TemplateLoadError(file, [{ path: 'id', message: `id ${t.id} is also used by ${clash}` }]);
    fileOf.set(t.id, file);
    templates.push(t);
  }
  for (const [id, problems] of validateCrossReferences(templates)) {
    throw new TemplateLoadError(fileOf.get(id) ?? id, problems);
  }
  return templates.sort((a, b) => a.id.localeCompare(b.id));
}

let cache: { byId: Map<string, FormTemplate>; all: FormTemplate[] } | null = null;

function shipped() {
  if (!cache) {
    const all = loadTemplates();
    cache = { all, byId: new Map(all.map((t) => [t.id, t])) };
  }
  return cache;
}

/** All shipped templates (loaded once). */
export function allTemplates(): readonly FormTemplate[] {
  return shipped().all;
}

/** A shipped template by id, or undefined. */
export function getTemplate(id: string): FormTemplate | undefined {
  return shipped().byId.get(id);
}

/** The pages of one form, in page order. */
export function templatesForForm(form: string): FormTemplate[] {
  return shipped()
    .all.filter((t) => t.form === form)
    .sort((a, b) => a.page - b.page);
}
