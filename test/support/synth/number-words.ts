/**
 * Indonesian number words in capital letters, as a KPPS member writes them on the words line of a
 * C.Hasil form ("SERATUS DUA PULUH TIGA"). Covers 0..999,999 (a form field never exceeds 999).
 */
const UNITS = ['NOL', 'SATU', 'DUA', 'TIGA', 'EMPAT', 'LIMA', 'ENAM', 'TUJUH', 'DELAPAN', 'SEMBILAN'];

function below1000(n: number): string[] {
  const words: string[] = [];
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  if (hundreds === 1) words.push('SERATUS');
  else if (hundreds > 1) words.push(UNITS[hundreds], 'RATUS');
  if (rest === 0) return words;
  if (rest < 10) words.push(UNITS[rest]);
  else if (rest === 10) words.push('SEPULUH');
  else if (rest === 11) words.push('SEBELAS');
  else if (rest < 20) words.push(UNITS[rest - 10], 'BELAS');
  else {
    words.push(UNITS[Math.floor(rest / 10)], 'PULUH');
    if (rest % 10) words.push(UNITS[rest % 10]);
  }
  return words;
}

export function numberToWords(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 999_999) throw new RangeError(`numberToWords: ${n}`);
  if (n === 0) return 'NOL';
  const thousands = Math.floor(n / 1000);
  const words: string[] = [];
  if (thousands === 1) words.push('SERIBU');
  else if (thousands > 1) words.push(...below1000(thousands), 'RIBU');
  words.push(...below1000(n % 1000));
  return words.join(' ');
}
