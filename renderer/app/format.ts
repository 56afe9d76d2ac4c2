/** Numbers and times as Indonesian readers expect them: 4.795, 12.345.678, 06.12. */
const integer = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0 });
const time = new Intl.DateTimeFormat('id-ID', { hour: '2-digit', minute: '2-digit', second: '2-digit' });
const dateTime = new Intl.DateTimeFormat('id-ID', { dateStyle: 'medium', timeStyle: 'medium' });

export function formatNumber(value: number): string {
  return integer.format(value);
}

/** A vote total that may not exist yet: an em dash, never a misleading 0. */
export function formatVotes(value: number | null): string {
  return value === null ? '—' : integer.format(value);
}

export function formatTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '—' : time.format(date);
}

export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '—' : dateTime.format(date);
}

export function formatPercent(part: number, whole: number): string {
  if (whole <= 0) return '0%';
  return `${new Intl.NumberFormat('id-ID', { maximumFractionDigits: 1 }).format((part / whole) * 100)}%`;
}
