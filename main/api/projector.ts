/**
 * The projector's focus (which race, which region the room is looking at) and the state it shows.
 *
 * Until the operator picks something, the focus follows the database: an open pleno session (the newest),
 * else the home region and its own race (the bupati/walikota race of a kab/kota, else the first race
 * covering it). Opening a session or moving its current item makes the projector follow that session.
 * The chosen focus lives in memory: a restarted app starts again from that default.
 *
 * Numbers come from the rekap engine (verified TPS only, counted beside withheld and missing ones), so a
 * saved correction is on the projector as soon as the engine has it.
 */
import { ApiError, type ProjectorFocus, type ProjectorItem, type ProjectorRekap, type ProjectorState } from '../../shared/api/contract.ts';
import type { Election, Region } from '../../shared/domain/types.ts';
import { lastCorrectionIn, sessionRow, summarize, type RekapHolder } from '../pleno/index.ts';
import type { RegionTotals, RekapEngine } from '../rekap/index.ts';
import { getHomeRegion, getRegion, listElections, type Store } from '../store/index.ts';
import { createDesaProgress, type DesaProgress } from './desa-progress.ts';
import { tpsCountIn } from './projector-tally.ts';

export type Projector = {
  focus(): ProjectorFocus;
  /** Validates against the database (unknown region/race → not_found, unrelated pair → invalid_input). */
  setFocus(focus: ProjectorFocus): ProjectorFocus;
  /** Follow a pleno session: focus on its race and region, show its current item. */
  follow(sessionId: number): void;
  state(): ProjectorState;
  /** Whether a change in `regionCode` (null = anywhere) can change what the projector shows. */
  covers(regionCode: string | null): boolean;
};

export function createProjector(store: Store, now: () => Date, rekap: RekapHolder): Projector {
  let chosen: ProjectorFocus | null = null;
  let following: number | null = null;
  const desaProgress = createDesaProgress(rekap);

  function focus(): ProjectorFocus {
    if (chosen) return chosen;
    const open = latestOpenSession(store);
    if (open) return { electionId: open.election_id, regionCode: open.region_code };
    return defaultFocus(store);
  }

  function followedSession(f: ProjectorFocus) {
    const id = chosen ? following : latestOpenSession(store)?.id ?? null;
    if (id === null) return null;
    const row = sessionRow(store, id);
    return row && row.election_id === f.electionId && row.region_code === f.regionCode ? row : null;
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
      // the same race and region as the followed session keeps following it
      const row = following === null ? null : sessionRow(store, following);
      if (!row || row.election_id !== chosen.electionId || row.region_code !== chosen.regionCode) following = null;
      return chosen;
    },
    follow(sessionId) {
      const row = sessionRow(store, sessionId);
      if (!row) return;
      chosen = { electionId: row.election_id, regionCode: row.region_code };
      following = sessionId;
    },
    state() {
      const f = focus();
      const region: Region | null = f.regionCode === null ? null : getRegion(store, f.regionCode);
      const election = f.electionId === null ? null : findElection(store, f.electionId);
      const scope = scopeCode(f, election);
      const base = {
        focus: f,
        region: region && { code: region.code, name: region.name, level: region.level, parentCode: region.parentCode },
        election,
        updatedAt: now().toISOString(),
        session: null,
        item: null,
        lastCorrection: null,
      };
      if (!election || scope === null) {
        return { ...base, votes: [], tpsTotal: scope === null ? 0 : tpsCountIn(store, scope), tpsDone: 0, rekap: null };
      }
      const engine = rekap.engine();
      const totals = engine.getTotals(scope, election.id);
      if (!totals.ok) {
        // a race the rekap cannot take (no paslon yet): nothing to add up
        return { ...base, votes: [], tpsTotal: tpsCountIn(store, scope), tpsDone: 0, rekap: null };
      }
      const t = totals.value;
      const included = t.tps.included;
      const sessionRowNow = followedSession(f);
      const session = sessionRowNow ? summarize(store, sessionRowNow) : null;
      const last = lastCorrectionIn(store, election.id, scope);
      return {
        ...base,
        votes: t.paslon.map((p) => ({ nomorUrut: p.nomorUrut, suara: included > 0 ? p.suara : null })),
        tpsTotal: t.tps.total,
        tpsDone: included,
        rekap: rekapOf(engine, desaProgress, t, scope, election.id),
        session: session && {
          id: session.id, reference: session.reference, level: session.level, state: session.state, heldOn: session.heldOn, place: session.place,
        },
        item: session?.currentItem ? itemOf(store, engine, election.id, session.currentItem, session.itemCount) : null,
        lastCorrection: last && {
          id: last.id, sessionId: last.sessionId, tpsCode: last.tpsCode, tpsName: tpsName(store, last.tpsCode), fieldId: last.fieldId,
          oldValue: last.oldValue, newValue: last.newValue, reason: last.reason, at: last.at,
        },
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

function rekapOf(engine: RekapEngine, desaProgress: DesaProgress, t: RegionTotals, scope: string, electionId: number): ProjectorRekap {
  const checks = engine.getChecks(scope, electionId, { limit: 5 });
  return {
    paslon: t.paslon,
    suaraSah: t.suara.sah,
    suaraTidakSah: t.suara.tidakSah,
    tps: t.tps,
    desa: desaProgress.of(electionId, scope),
    lockedBy: t.locked?.reference ?? null,
    failingChecks: checks.ok
      ? checks.value.checks.filter((c) => !c.holds).map((c) => ({ id: c.id, label: c.label, failingCount: c.failingCount, failingTps: c.failingTps }))
      : [],
    version: t.version,
  };
}

function itemOf(
  store: Store, engine: RekapEngine, electionId: number,
  item: { kind: ProjectorItem['kind']; code: string; name: string; position: number }, count: number,
): ProjectorItem | null {
  const totals = engine.getTotals(item.code, electionId);
  if (!totals.ok) return null;
  const t = totals.value;
  const checks = engine.getChecks(item.code, electionId, { limit: 5 });
  const parent = item.kind === 'tps' ? getRegion(store, item.code.slice(0, 10))?.name ?? null : null;
  const photos = item.kind === 'tps'
    ? (store.db.prepare(`SELECT id AS sheetId, blob_sha256 AS sha256, halaman FROM sheet WHERE tps_code = ? AND election_id = ? AND replaced_by IS NULL
        ORDER BY coalesce(halaman, 9), id`).all(item.code, electionId) as ProjectorItem['photos'])
    : [];
  return {
    kind: item.kind,
    code: item.code,
    name: item.name,
    parentName: parent,
    position: item.position,
    count,
    state: item.kind === 'tps' ? (t.tps.included ? 'verified' : t.tps.withheld ? 'withheld' : 'missing') : null,
    paslon: t.paslon,
    suaraSah: t.suara.sah,
    suaraTidakSah: t.suara.tidakSah,
    tps: t.tps,
    failingChecks: checks.ok ? checks.value.checks.filter((c) => !c.holds).map((c) => ({ id: c.id, label: c.label, failingTps: c.failingTps })) : [],
    photos,
  };
}

function tpsName(store: Store, code: string): string {
  const desa = getRegion(store, code.slice(0, 10))?.name ?? code.slice(0, 10);
  return `${desa}, TPS ${code.slice(10)}`;
}

function latestOpenSession(store: Store): { id: number; election_id: number; region_code: string } | null {
  return (store.db.prepare("SELECT id, election_id, region_code FROM pleno_session WHERE state = 'open' ORDER BY id DESC LIMIT 1").get() as
    { id: number; election_id: number; region_code: string } | undefined) ?? null;
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
