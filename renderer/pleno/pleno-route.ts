/** `#/pleno` lists sessions and opens one; `#/pleno/<id>` is that session's screen. */
export function plenoSessionFromHash(hash: string): number | null {
  const m = /^#?\/?pleno\/(\d+)\/?$/.exec(hash.split('?')[0] ?? '');
  return m ? Number(m[1]) : null;
}

export function goToSession(id: number | null): void {
  window.location.hash = id === null ? '#/pleno' : `#/pleno/${id}`;
}
