/**
 * Writes the C.Hasil-KWK templates (1–6 paslon × 2 pages) to resources/forms/pleno-kwk/ from the layout.
 * Run after changing the layout: node --import tsx main/forms/write-kwk-templates.ts
 * (test/forms checks that the committed JSON equals what the layout produces.)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { KWK_MAX_PASLON, KWK_MIN_PASLON, KWK_PAGES, kwkTemplateId } from './kwk-tag-ids.ts';
import { kwkTemplate } from './kwk-template.ts';

export const KWK_TEMPLATE_DIR = fileURLToPath(new URL('../../resources/forms/pleno-kwk/', import.meta.url));

export function kwkTemplateJson(nPaslon: number, page: number): string {
  return `${JSON.stringify(kwkTemplate(nPaslon, page), null, 1)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  mkdirSync(KWK_TEMPLATE_DIR, { recursive: true });
  for (let n = KWK_MIN_PASLON; n <= KWK_MAX_PASLON; n++) {
    for (let p = 1; p <= KWK_PAGES; p++) {
      writeFileSync(`${KWK_TEMPLATE_DIR}${kwkTemplateId(n, p)}.json`, kwkTemplateJson(n, p));
    }
  }
  console.log(`wrote ${(KWK_MAX_PASLON - KWK_MIN_PASLON + 1) * KWK_PAGES} templates to ${KWK_TEMPLATE_DIR}`);
}
