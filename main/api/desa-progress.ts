/**
 * "Desa selesai" for the projector: desa whose every TPS is in (verified or withheld). Computing it from the
 * engine's child rows costs ~0.1 ms per desa (a whole kabupaten: ~35 ms), too much for every projector
 * event, so it is kept per race: built once, then only the desa a rekap change names is re-read.
 */
import type { RekapHolder } from '../pleno/index.ts';

export type DesaProgress = { of(electionId: number, regionCode: string): { total: number; done: number } };

export function createDesaProgress(rekap: RekapHolder): DesaProgress {
  const perRace = new Map<number, Map<string, boolean>>();
  let generation = -1;
  rekap.onChange((change) => {
    const desa = change.regionCodes[0];
    const known = perRace.get(change.electionId);
    if (!known || desa === undefined || !known.has(desa)) return;
    const totals = rekap.engine().getTotals(desa, change.electionId);
    if (totals.ok) known.set(desa, totals.value.tps.missing === 0);
  });

  function race(electionId: number): Map<string, boolean> | null {
    if (rekap.generation() !== generation) {
      perRace.clear();
      generation = rekap.generation();
    }
    const cached = perRace.get(electionId);
    if (cached) return cached;
    const engine = rekap.engine();
    const election = engine.elections().find((e) => e.id === electionId);
    if (!election) return null;
    const built = new Map<string, boolean>();
    const walk = (code: string) => {
      const children = engine.getChildTotals(code, electionId);
      if (!children.ok) return;
      for (const c of children.value) {
        if (c.level === 'desa') built.set(c.regionCode, c.tps.missing === 0);
        else if (c.level !== 'tps') walk(c.regionCode);
      }
    };
    walk(election.regionCode);
    perRace.set(electionId, built);
    return built;
  }

  return {
    of(electionId, regionCode) {
      const desa = race(electionId);
      if (!desa) return { total: 0, done: 0 };
      let total = 0;
      let done = 0;
      for (const [code, isDone] of desa) {
        if (!code.startsWith(regionCode)) continue;
        total++;
        if (isDone) done++;
      }
      return { total, done };
    },
  };
}
