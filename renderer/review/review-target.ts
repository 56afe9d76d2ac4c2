/** `#/review/<13-digit TPS>?pemilihan=<id>`: which TPS (and optionally which race) the review screen shows. */
export interface ReviewTarget { tpsCode: string; electionId: number | null }

export function reviewTargetFromHash(hash: string): ReviewTarget | null {
  const m = /^#?\/?review\/(\d{13})\/?(?:\?(.*))?$/.exec(hash);
  if (!m) return null;
  const id = new URLSearchParams(m[2] ?? '').get('pemilihan');
  return { tpsCode: m[1]!, electionId: id && /^\d+$/.test(id) ? Number(id) : null };
}
