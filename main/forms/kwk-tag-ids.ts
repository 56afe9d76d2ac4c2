/**
 * AprilTag 36h10 ids on Pleno's C.Hasil-KWK pages: id = 200 + 10 × nPaslon + page, where `nPaslon` is the
 * number of candidate pairs in the race (1–6; a single-pair race also prints a row for the empty box) and
 * `page` is 1 or 2. So 3 paslon → 231 (hal 1), 232 (hal 2). The official plano uses 101–103; no clash.
 * A decoded tag alone tells the reader which template to apply.
 */
export const KWK_PAGES = 2;
export const KWK_MIN_PASLON = 1;
export const KWK_MAX_PASLON = 6;

export function kwkTagId(nPaslon: number, page: number): number {
  return 200 + 10 * nPaslon + page;
}

/** The inverse of kwkTagId, or null when the id is not a KWK page tag. */
export function parseKwkTagId(tagId: number): { nPaslon: number; page: number } | null {
  const nPaslon = Math.floor((tagId - 200) / 10);
  const page = tagId % 10;
  if (nPaslon < KWK_MIN_PASLON || nPaslon > KWK_MAX_PASLON || page < 1 || page > KWK_PAGES) return null;
  return { nPaslon, page };
}

export function kwkTemplateId(nPaslon: number, page: number): string {
  return `pleno-kwk-${nPaslon}paslon-hal${page}`;
}

export function kwkFormId(nPaslon: number): string {
  return `pleno-c-hasil-kwk-${nPaslon}paslon`;
}
