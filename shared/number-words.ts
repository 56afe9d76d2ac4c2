/**
 * Indonesian number words for 0–999, the range of every count on a C.Hasil plano.
 * The KPPS writes each total in capital letters under its digit boxes ("SERATUS DUA PULUH TIGA");
 * the reader parses that line as a third, independent witness beside the digits and the bubbles.
 */

const UNITS = ['NOL', 'SATU', 'DUA', 'TIGA', 'EMPAT', 'LIMA', 'ENAM', 'TUJUH', 'DELAPAN', 'SEMBILAN'];

export function numberToWords(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 999) throw new RangeError(`di luar 0–999: ${n}`);
  if (n < 10) return UNITS[n];
  const parts: string[] = [];
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  if (hundreds === 1) parts.push('SERATUS');
  else if (hundreds > 1) parts.push(UNITS[hundreds], 'RATUS');
  if (rest === 0) return parts.join(' ');
  if (rest < 10) parts.push(UNITS[rest]);
  else if (rest === 10) parts.push('SEPULUH');
  else if (rest === 11) parts.push('SEBELAS');
  else if (rest < 20) parts.push(UNITS[rest - 10], 'BELAS');
  else {
    parts.push(UNITS[Math.floor(rest / 10)], 'PULUH');
    if (rest % 10) parts.push(UNITS[rest % 10]);
  }
  return parts.join(' ');
}

/** Every word the grammar knows, with its value; compounds like SERATUS are single tokens. */
const VOCABULARY: Record<string, number> = {
  NOL: 0, KOSONG: 0, SATU: 1, DUA: 2, TIGA: 3, EMPAT: 4, LIMA: 5, ENAM: 6, TUJUH: 7, DELAPAN: 8, SEMBILAN: 9,
  SEPULUH: 10, SEBELAS: 11, SERATUS: 100, PULUH: -10, BELAS: -11, RATUS: -100,
};
export const NUMBER_WORD_VOCABULARY: readonly string[] = Object.keys(VOCABULARY);

/**
 * Parses already-tokenised words into a value, or null when they do not form a valid number.
 * Strict on purpose: an OCR line that only half-parses must not count as evidence.
 */
export function wordsToNumber(text: string): number | null {
  const tokens = text.toUpperCase().replace(/[^A-Z\s]/g, ' ').split(/\s+/).filter(Boolean);
  if (tokens.length === 0) return null;
  let total = 0;
  let pending: number | null = null; // a unit waiting for RATUS/PULUH/BELAS, or to be added at the end
  let lastScale = 1000; // scales must strictly decrease: RATUS, then PULUH/BELAS, then units
  for (const token of tokens) {
    const value = VOCABULARY[token];
    if (value === undefined) return null;
    if (value === -100 || value === -10 || value === -11) {
      const scale = value === -100 ? 100 : 10;
      if (pending === null || pending < 2 || scale >= lastScale) return null;
      total += value === -11 ? 10 + pending : pending * scale;
      pending = null;
      lastScale = value === -11 ? 1 : scale; // after BELAS nothing may follow
    } else if (value === 100) {
      if (pending !== null || lastScale <= 100) return null;
      total += 100;
      lastScale = 100;
    } else if (value === 10 || value === 11) {
      if (pending !== null || lastScale <= 10) return null;
      total += value;
      lastScale = 1;
    } else {
      if (pending !== null) return null;
      if (value === 0 && (total !== 0 || tokens.length > 1)) return null;
      pending = value;
    }
  }
  if (pending !== null) {
    if (lastScale <= 1) return null;
    total += pending;
  }
  return total;
}
