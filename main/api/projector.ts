/**
 * The projector's focus (which race, which region the room is looking at) and the state it shows.
 *
 * Until the operator picks something, the focus follows the database: the home region and its own race
 * (the bupati/walikota race of a kab/kota, else the first race covering it, e.g. the gubernur race).
 * The chosen focus lives in memory: a restarted app starts again from that default.
 */
import { ApiError, type ProjectorFocus, type ProjectorState } from '../../shared/api/contract.ts';
import type { Election, Region } from '../../shared/domain/types.ts';
import { getHomeRegion, getRegion, listElections, type Store } from '../store/index.ts';
import { raceTally, tpsCountIn } from './projector-tally.ts';

export type Projector = {
  focus(): ProjectorFocus;
  /** Validates against the database (unknown region/race → not_found, unrelated pair → invalid_input). */
  setFocus(focus: ProjectorFocus): ProjectorFocus;
  state(): ProjectorState;
  /** Whether a change in `regionCode` (null = anywhere) can change what the projector shows. */
  covers(regionCode: string | null): boolean;
};

export function createProjector(store: Store, now: () => Date): Projector {
  let chosen: ProjectorFocus | null = null;

  function focus(): ProjectorFocus {
    return chosen ?? defaultFocus(store);
  }

  function scopeCode(f: ProjectorFocus, election: Election | null): string | null {
    // The focus region (always inside the race's region), else the race's whole region.
    const codes = [f.regionCode, election?.regionCode].filter((c): c is string => typeof c === 'string');
    return codes.sort((a, b) => b.length - a.length)[0] ?? null;
  }

  return {
    focus,
    setFocus(next) {
      const election = next.electionId === null ? null : findElection(store, next.electionId);
      if (next.electionId !== null && !election) {
        throw new ApiError('not_found', `pemilihan tidak ditemukan: ${next.electionId}`);
      }
      if (next.regionCode !== null && !getRegion(store, next.regionCode)) {
        throw new ApiError('not_found', `wilayah tidak ditemukan: ${next.regionCode}`);
      }
      // A race is shown for its own region or a part of it, never for a wider one it only partly covers.
      if (election && next.regionCode !== null && !next.regionCode.startsWith(election.regionCode)) {
        throw new ApiError('invalid_input', 'wilayah berada di luar cakupan pemilihan', [
          { path: 'regionCode', message: `${next.regionCode} tidak termasuk wilayah pemilihan ${election.name}` },
        ]);
      }
      chosen = { electionId: next.electionId, regionCode: next.regionCode };
      return chosen;
    },
    state() {
      const f = focus();
      const region: Region | null = f.regionCode === null ? null : getRegion(store, f.regionCode);
      const election = f.electionId === null ? null : findElection(store, f.electionId);
      const scope = scopeCode(f, election);
      let tally = { tpsTotal: 0, tpsDone: 0, votes: [] as ProjectorState['votes'] };
      if (election && scope !== null) {
        tally = raceTally(store, election.id, scope, election.paslon.map((p) => p.nomorUrut));
      } else if (scope !== null) {
        tally = { tpsTotal: tpsCountIn(store, scope), tpsDone: 0, votes: [] };
      }
      return {
        focus: f,
        region: region && { code: region.code, name: region.name, level: region.level, parentCode: region.parentCode },
        election,
        votes: tally.votes,
        tpsTotal: tally.tpsTotal,
        tpsDone: tally.tpsDone,
        updatedAt: now().toISOString(),
      };
    },
    covers(regionCode) {
      if (regionCode === null) return true;
      const f = focus();
      const election = f.electionId === null ? null : findElection(store, f.electionId);
      const scope = scopeCode(f, election);
      return scope === null || nested(scope, regionCode);
    },
  };
}

export function defaultFocus(store: Store): ProjectorFocus {
  const home = getHomeRegion(store);
  if (!home) return { electionId: null, regionCode: null };
  const elections = listElections(store);
  const own = elections.find((e) => e.regionCode === home.code) ?? elections.find((e) => home.code.startsWith(e.regionCode));
  return { electionId: own?.id ?? null, regionCode: home.code };
}

function findElection(store: Store, id: number): Election | null {
  return listElections(store).find((e) => e.id === id) ?? null;
}

/** One region contains the other (codes are prefixes down the tree). */
function nested(a: string, b: string): boolean {
  return a.startsWith(b) || b.startsWith(a);
}
