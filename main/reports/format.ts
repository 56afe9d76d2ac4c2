/**
 * How numbers, dates and names look in Pleno's documents: Indonesian conventions (1.234; 28 November 2026
 * 14.05 WIB), computed with Intl so no locale table is hand-written.
 */
const NUMBER = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0, useGrouping: true });
const PERCENT = new Intl.NumberFormat('id-ID', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** 1234 → "1.234". */
export function formatNumber(n: number): string {
  return NUMBER.format(n);
}

/** 0.4567 → "45,67 %". An empty total gives "–" rather than a division by zero. */
export function formatPercent(part: number, whole: number): string {
  return whole > 0 ? `${PERCENT.format((part * 100) / whole)} %` : '–';
}

/** Time zone abbreviations Indonesians write after a time. */
const ZONE_NAME: Record<string, string> = { 'Asia/Jakarta': 'WIB', 'Asia/Pontianak': 'WIB', 'Asia/Makassar': 'WITA', 'Asia/Jayapura': 'WIT' };

/** "28 November 2026 14.05 WIB" in the given zone (default WIB). */
export function formatDateTime(at: Date, timeZone = 'Asia/Jakarta'): string {
  const date = new Intl.DateTimeFormat('id-ID', { timeZone, day: 'numeric', month: 'long', year: 'numeric' }).format(at);
  const time = new Intl.DateTimeFormat('id-ID', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
  return `${date} ${time} ${ZONE_NAME[timeZone] ?? timeZone}`;
}

/** "28 November 2026" in the given zone. */
export function formatDate(at: Date, timeZone = 'Asia/Jakarta'): string {
  return new Intl.DateTimeFormat('id-ID', { timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(at);
}

/** A TPS code 3506010001001 written the way people read it: 35.06.01.0001 TPS 001. */
export function formatTpsCode(code: string): string {
  return `${code.slice(0, 2)}.${code.slice(2, 4)}.${code.slice(4, 6)}.${code.slice(6, 10)} TPS ${code.slice(10)}`;
}

/** A region code with dots: 350601 → 35.06.01. */
export function formatRegionCode(code: string): string {
  const parts = [code.slice(0, 2), code.slice(2, 4), code.slice(4, 6), code.slice(6, 10)].filter((p) => p.length > 0);
  return parts.join('.');
}
