/** Plain-text output for a terminal: id-ID numbers (1.234) and right-aligned columns. */

const number = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0 });

export function formatCount(value: number): string {
  return number.format(value);
}

/**
 * A table as lines: the first column left-aligned, the others right-aligned (they hold numbers).
 * Widths count code points, which is enough for the Latin text we print.
 */
export function formatTable(rows: readonly (readonly string[])[], gap = '  '): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, [...cell].length);
    });
  }
  return rows.map((row) =>
    row
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join(gap)
      .trimEnd(),
  );
}
