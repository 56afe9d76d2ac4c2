/**
 * Every code in a region's subtree (the region itself, its descendants, their TPS) starts with the
 * region's code, so the subtree is one key range: [code, code + ':'), ':' being the character right
 * after '9'. Range predicates use the primary key; LIKE 'code%' would scan the table.
 * The empty prefix '' covers every code.
 */
export function subtreeRange(code: string): { lo: string; hi: string } {
  return { lo: code, hi: `${code}:` };
}

/** The codes from the province down to this region, e.g. '350601' → ['35', '3506', '350601']. */
export function pathCodes(code: string): string[] {
  return [2, 4, 6, 10].filter((n) => n <= code.length).map((n) => code.slice(0, n));
}
