/**
 * The rekap engine: running totals and checks for every race, every region and every TPS, kept in memory
 * and moved incrementally.
 *
 * Life cycle: build a RegionTree (from the store or the wilayah data), add the races, bulk-load the TPS
 * once (`bulkLoad`), then call `applyTpsChange` after each committed store transaction that changed a
 * TPS's verified values or state (main/rekap/store-sync.ts does the reading). Readers (`getTotals`,
 * `getChecks`, `getChildTotals`, `getTps`) answer from the arrays in microseconds and return fresh plain
 * JSON. Subscribers hear of every applied change with the regions whose totals moved (for the projector).
 *
 * Locking: `lock(region, race)` freezes the totals of a region when its pleno session closes; from then on
 * every change to a TPS inside is refused with a `locked` error, until `unlock` with the reference of the
 * later session that reopens it. Writers call `canChange` BEFORE committing to the store, so the store and
 * the engine never disagree about a locked region.
 */
import { ElectionRekap, MISSING, VERIFIED, WITHHELD, type StateCode } from './election-rekap.ts';
import { fail, ok, type RekapError, type RekapResult } from './errors.ts';
import { LEVELS, type RegionTree } from './region-tree.ts';
import { totalsJson } from './totals-json.ts';
import type {
  CheckResult, LockInfo, RegionChecks, RegionTotals, RekapChange, RekapElection, TpsCounts, TpsInput, TpsRekap, TpsState,
} from './types.ts';

export type RekapEngineOptions = {
  now?: () => Date;
  /** A subscriber that throws must not stop the others or the writer: its error goes here. */
  onListenerError?: (error: unknown) => void;
};

export type RekapListener = (change: RekapChange) => void;

/** Where a code points inside one race: a region (number r) or a TPS (ordinal t, and its desa r). */
type Place = { kind: 'region'; r: number } | { kind: 'tps'; t: number; r: number };

const STATE_NAMES: readonly TpsState[] = ['missing', 'verified', 'withheld'];

export class RekapEngine {
  private readonly races = new Map<number, ElectionRekap>();
  private readonly listeners = new Set<RekapListener>();
  private readonly now: () => Date;
  private readonly onListenerError: (error: unknown) => void;

  constructor(readonly tree: RegionTree, options: RekapEngineOptions = {}) {
    this.now = options.now ?? (() => new Date());
    this.onListenerError = options.onListenerError ?? ((error) => console.error('pleno rekap: pendengar gagal:', error));
  }

  /** Adds a race (all its TPS missing). Its region must be in the tree. */
  addElection(election: RekapElection): RekapResult<void> {
    if (this.races.has(election.id)) throw new Error(`RekapEngine: pemilihan ${election.id} sudah ada`);
    const root = this.tree.regionIndex(election.regionCode);
    if (root === undefined) {
      return fail({ code: 'unknown_region', electionId: election.id, regionCode: election.regionCode, message: `Wilayah pemilihan ${election.regionCode} tidak ada.` });
    }
    this.races.set(election.id, new ElectionRekap(this.tree, election, root));
    return ok(undefined);
  }

  elections(): RekapElection[] {
    return [...this.races.values()].map((r) => r.election);
  }

  /** The form-field ids a verified TPS of this race carries (page 1, IV.n, V.A–V.C). */
  fieldIds(electionId: number): RekapResult<string[]> {
    const race = this.races.get(electionId);
    if (!race) return fail(unknownElection(electionId));
    return ok(race.layout.ids.slice(0, race.layout.formCount));
  }

  /**
   * Sets many TPS of one race at once and recomputes its totals in one pass: the initial load. `fill` gets a
   * `set(tpsCode, input)`; locks are not consulted (the load restores what the store holds). Changes to the
   * race already applied are replaced by what `fill` sets; TPS it does not set keep their state.
   */
  bulkLoad(electionId: number, fill: (set: (tpsCode: string, input: TpsInput | null) => RekapResult<void>) => void): RekapResult<void> {
    const race = this.races.get(electionId);
    if (!race) return fail(unknownElection(electionId));
    const row = new Int16Array(race.layout.formCount);
    fill((tpsCode, input) => {
      const place = this.tpsPlace(race, tpsCode);
      if (!place.ok) return place;
      const parsed = parseInput(race, tpsCode, input, row);
      if (!parsed.ok) return parsed;
      race.write(place.value, parsed.value, row);
      return ok(undefined);
    });
    race.aggregate();
    return ok(undefined);
  }

  /**
   * `bulkLoad` for loaders that already hold rows: `row` has one value per `fieldIds(electionId)` entry, in
   * that order, -1 for "no value" (ignored unless the state is verified).
   */
  bulkLoadRows(
    electionId: number,
    fill: (put: (tpsCode: string, state: TpsState, row: ArrayLike<number> | null) => RekapResult<void>) => void,
  ): RekapResult<void> {
    const race = this.races.get(electionId);
    if (!race) return fail(unknownElection(electionId));
    const formCount = race.layout.formCount;
    fill((tpsCode, state, row) => {
      const place = this.tpsPlace(race, tpsCode);
      if (!place.ok) return place;
      const code = STATE_NAMES.indexOf(state) as StateCode;
      if (code === VERIFIED) {
        if (!row || row.length !== formCount) throw new Error(`bulkLoadRows: baris TPS ${tpsCode} harus ${formCount} nilai`);
        for (let c = 0; c < formCount; c++) {
          const x = row[c]!;
          if (!(Number.isInteger(x) && x >= -1 && x <= 999)) {
            const fieldId = race.layout.ids[c]!;
            return fail({ code: 'invalid_value', electionId, tpsCode, fieldId, message: `Nilai ${fieldId} harus bilangan bulat 0–999, bukan ${x}.` });
          }
        }
      }
      race.write(place.value, code, row);
      return ok(undefined);
    });
    race.aggregate();
    return ok(undefined);
  }

  /** Whether a change to this TPS would be accepted now (call before committing it to the store). */
  canChange(tpsCode: string, electionId: number): RekapResult<void> {
    const race = this.races.get(electionId);
    if (!race) return fail(unknownElection(electionId));
    const place = this.tpsPlace(race, tpsCode);
    if (!place.ok) return place;
    const lock = race.lockOver(this.tree.tpsDesa[place.value]!);
    return lock ? fail(lockedError(lock, tpsCode)) : ok(undefined);
  }

  /**
   * The TPS's new state for this race (null = missing), applied to every total above it. Refused without
   * any change when the TPS lies in a locked region, or the values are not form fields of this race / not
   * whole numbers 0–999.
   */
  applyTpsChange(tpsCode: string, electionId: number, input: TpsInput | null): RekapResult<RekapChange> {
    const race = this.races.get(electionId);
    if (!race) return fail(unknownElection(electionId));
    const place = this.tpsPlace(race, tpsCode);
    if (!place.ok) return place;
    const t = place.value;
    const lock = race.lockOver(this.tree.tpsDesa[t]!);
    if (lock) return fail(lockedError(lock, tpsCode));
    const row = new Int16Array(race.layout.formCount);
    const parsed = parseInput(race, tpsCode, input, row);
    if (!parsed.ok) return parsed;
    race.apply(t, parsed.value, row);
    const change: RekapChange = {
      electionId,
      tpsCode,
      state: STATE_NAMES[parsed.value]!,
      regionCodes: this.pathUp(race, this.tree.tpsDesa[t]!),
      version: race.version,
    };
    for (const listener of [...this.listeners]) {
      try {
        listener(change);
      } catch (error) {
        this.onListenerError(error);
      }
    }
    return ok(change);
  }

  /** Totals of a region (or a 13-digit TPS) for a race, with the TPS counts behind them. */
  getTotals(regionCode: string, electionId: number): RekapResult<RegionTotals> {
    const race = this.races.get(electionId);
    if (!race) return fail(unknownElection(electionId));
    const place = this.place(race, regionCode);
    if (!place.ok) return place;
    return ok(this.totalsAt(race, place.value));
  }

  /** Totals of each direct part of a region, in code order: kab/kota of a provinsi … desa of a kecamatan, TPS of a desa. */
  getChildTotals(regionCode: string, electionId: number): RekapResult<RegionTotals[]> {
    const race = this.races.get(electionId);
    if (!race) return fail(unknownElection(electionId));
    const place = this.place(race, regionCode);
    if (!place.ok) return place;
    if (place.value.kind === 'tps') return ok([]);
    const { r } = place.value;
    const tree = this.tree;
    const out: RegionTotals[] = [];
    if (tree.level[r] === 3) {
      for (let t = tree.tpsStart[r]!; t < tree.tpsEnd[r]!; t++) out.push(this.totalsAt(race, { kind: 'tps', t, r }));
    } else {
      for (let c = r + 1; c < tree.subtreeEnd[r]!; c = tree.subtreeEnd[c]!) out.push(this.totalsAt(race, { kind: 'region', r: c }));
    }
    return ok(out);
  }

  /**
   * Every check at a region (or TPS): whether it holds, the summed sides for equalities, and the TPS that
   * fail it (at most `limit` per check, in code order; the count is always exact).
   */
  getChecks(regionCode: string, electionId: number, options: { limit?: number } = {}): RekapResult<RegionChecks> {
    const race = this.races.get(electionId);
    if (!race) return fail(unknownElection(electionId));
    const place = this.place(race, regionCode);
    if (!place.ok) return place;
    const limit = options.limit ?? Number.POSITIVE_INFINITY;
    const p = place.value;
    const checkN = race.checks.count;
    const tree = this.tree;
    const [lo, hi] = p.kind === 'tps' ? [p.t, p.t + 1] : [tree.tpsStart[p.r]!, tree.tpsEnd[p.r]!];
    const get = this.columnReader(race, p);
    const counts = new Int32Array(checkN);
    if (p.kind === 'tps') {
      const m = race.mask[p.t - race.tpsLo]!;
      for (let b = 0; b < checkN; b++) counts[b] = m & (1 << b) ? 1 : 0;
    } else {
      counts.set(race.failing.subarray((p.r - race.root) * checkN, (p.r - race.root + 1) * checkN));
    }
    // one pass over the region's TPS names the offenders of every failing check
    const failingTps: string[][] = race.checks.defs.map(() => []);
    let wanted = 0;
    for (let b = 0; b < checkN; b++) if (counts[b]! > 0) wanted |= 1 << b;
    if (wanted !== 0 && limit > 0) {
      for (let t = lo; t < hi; t++) {
        const m = race.mask[t - race.tpsLo]! & wanted;
        if (m === 0) continue;
        for (let b = 0; b < checkN; b++) {
          if (m & (1 << b) && failingTps[b]!.length < limit) failingTps[b]!.push(tree.tpsCode(t));
        }
      }
    }
    const { cols, leftAt, rightAt } = race.checks;
    const checks: CheckResult[] = race.checks.defs.map((def, b) => {
      const summed = def.kind === 'eq'
        ? { left: sumOf(get, cols.subarray(leftAt[b]!, rightAt[b]!)), right: sumOf(get, cols.subarray(rightAt[b]!, leftAt[b + 1]!)) }
        : null;
      return {
        id: def.id,
        label: def.label,
        kind: def.kind,
        holds: counts[b] === 0 && (summed === null || summed.left === summed.right),
        summed,
        failingCount: counts[b]!,
        failingTps: failingTps[b]!,
      };
    });
    return ok({
      electionId,
      regionCode,
      level: p.kind === 'tps' ? 'tps' : LEVELS[tree.level[p.r]!]!,
      tps: this.counts(race, p),
      ok: checks.every((c) => c.holds),
      checks,
      version: race.version,
    });
  }

  /** One TPS of a race: state, values by field, failing checks, lock. */
  getTps(tpsCode: string, electionId: number): RekapResult<TpsRekap> {
    const race = this.races.get(electionId);
    if (!race) return fail(unknownElection(electionId));
    const place = this.tpsPlace(race, tpsCode);
    if (!place.ok) return place;
    const i = place.value - race.tpsLo;
    const state = STATE_NAMES[race.state[i]!]!;
    let values: Record<string, number> | null = null;
    if (race.state[i] === VERIFIED) {
      values = {};
      for (let c = 0; c < race.layout.formCount; c++) {
        const x = race.values[i * race.width + c]!;
        if (x >= 0) values[race.layout.ids[c]!] = x;
      }
    }
    const m = race.mask[i]!;
    return ok({
      electionId,
      tpsCode,
      state,
      values,
      failing: race.checks.defs.filter((_, b) => m & (1 << b)).map((def) => def.id),
      locked: race.lockOver(this.tree.tpsDesa[place.value]!),
    });
  }

  /**
   * Locks a region's totals for a race (a pleno session closed on them): changes to any TPS inside are
   * refused until `unlock`. `reference` names what locked it (the session). A region already covered by a
   * lock (its own or an ancestor's) is refused with `already_locked`.
   */
  lock(regionCode: string, electionId: number, info: { reference: string }): RekapResult<LockInfo> {
    const race = this.races.get(electionId);
    if (!race) return fail(unknownElection(electionId));
    const place = this.regionPlace(race, regionCode);
    if (!place.ok) return place;
    if (!info.reference || info.reference.trim() === '') {
      return fail({ code: 'reference_required', electionId, regionCode, message: 'Penguncian rekap memerlukan rujukan sesi pleno.' });
    }
    const held = race.lockOver(place.value);
    if (held) {
      return fail({
        code: 'already_locked', electionId, regionCode: held.regionCode,
        message: `Rekap ${regionCode} sudah dikunci (kunci pada ${held.regionCode}, ${held.reference}).`,
      });
    }
    const lock: LockInfo = { regionCode, electionId, reference: info.reference, lockedAt: this.now().toISOString() };
    race.locks.set(place.value, lock);
    race.version++;
    return ok({ ...lock });
  }

  /** Reopens a locked region; `reference` names the later session, on record, that decided it. */
  unlock(regionCode: string, electionId: number, info: { reference: string }): RekapResult<LockInfo> {
    const race = this.races.get(electionId);
    if (!race) return fail(unknownElection(electionId));
    const place = this.regionPlace(race, regionCode);
    if (!place.ok) return place;
    const lock = race.locks.get(place.value);
    if (!lock) {
      return fail({ code: 'not_locked', electionId, regionCode, message: `Rekap ${regionCode} tidak sedang dikunci.` });
    }
    if (!info.reference || info.reference.trim() === '') {
      return fail({ code: 'reference_required', electionId, regionCode, message: 'Membuka kunci rekap memerlukan rujukan sesi pleno yang memutuskannya.' });
    }
    race.locks.delete(place.value);
    race.version++;
    return ok({ ...lock });
  }

  /** The locks of a race, in region code order. */
  locks(electionId: number): RekapResult<LockInfo[]> {
    const race = this.races.get(electionId);
    if (!race) return fail(unknownElection(electionId));
    return ok([...race.locks.entries()].sort((a, b) => a[0] - b[0]).map(([, l]) => ({ ...l })));
  }

  /** Hear of every applied change; returns the unsubscribe function. */
  subscribe(listener: RekapListener): () => void {
    const entry: RekapListener = (change) => listener(change);
    this.listeners.add(entry);
    return () => {
      this.listeners.delete(entry);
    };
  }

  // — internals —

  private totalsAt(race: ElectionRekap, p: Place): RegionTotals {
    const tree = this.tree;
    const code = p.kind === 'tps' ? tree.tpsCode(p.t) : tree.codes[p.r]!;
    const dptWilayah = p.kind === 'tps'
      ? { l: tree.tpsDptL[p.t]!, p: tree.tpsDptP[p.t]! }
      : { l: tree.dptL[p.r]!, p: tree.dptP[p.r]! };
    return totalsJson(
      {
        electionId: race.election.id,
        regionCode: code,
        level: p.kind === 'tps' ? 'tps' : LEVELS[tree.level[p.r]!]!,
        name: p.kind === 'tps' ? `TPS ${String(tree.tpsNomor[p.t]).padStart(3, '0')}` : tree.names[p.r]!,
        tps: this.counts(race, p),
        locked: race.lockOver(p.r),
        version: race.version,
      },
      race.layout,
      this.columnReader(race, p),
      dptWilayah,
    );
  }

  private counts(race: ElectionRekap, p: Place): TpsCounts {
    if (p.kind === 'tps') {
      const s = race.state[p.t - race.tpsLo];
      return { total: 1, included: s === VERIFIED ? 1 : 0, missing: s === MISSING ? 1 : 0, withheld: s === WITHHELD ? 1 : 0 };
    }
    const x = p.r - race.root;
    const total = this.tree.tpsEnd[p.r]! - this.tree.tpsStart[p.r]!;
    const included = race.included[x]!;
    const withheld = race.withheld[x]!;
    return { total, included, missing: total - included - withheld, withheld };
  }

  /** Reads column totals of a region, or a TPS's own values (a missing value reads as 0). */
  private columnReader(race: ElectionRekap, p: Place): (col: number) => number {
    if (p.kind === 'tps') {
      const at = (p.t - race.tpsLo) * race.width;
      return (col) => Math.max(race.values[at + col]!, 0);
    }
    const at = (p.r - race.root) * race.width;
    return (col) => race.sums[at + col]!;
  }

  /** Region codes from desa r up to the race's region. */
  private pathUp(race: ElectionRekap, r: number): string[] {
    const out: string[] = [];
    for (let x = r; ; x = this.tree.parent[x]!) {
      out.push(this.tree.codes[x]!);
      if (x === race.root) return out;
    }
  }

  private place(race: ElectionRekap, code: string): RekapResult<Place> {
    if (code.length === 13) {
      const t = this.tpsPlace(race, code);
      return t.ok ? ok({ kind: 'tps', t: t.value, r: this.tree.tpsDesa[t.value]! }) : t;
    }
    const r = this.regionPlace(race, code);
    return r.ok ? ok({ kind: 'region', r: r.value }) : r;
  }

  private regionPlace(race: ElectionRekap, code: string): RekapResult<number> {
    const r = this.tree.regionIndex(code);
    const electionId = race.election.id;
    if (r === undefined) return fail({ code: 'unknown_region', electionId, regionCode: code, message: `Wilayah ${code} tidak ditemukan.` });
    if (r < race.root || r >= race.regionEnd) {
      return fail({ code: 'outside_election', electionId, regionCode: code, message: `Wilayah ${code} di luar wilayah pemilihan ${race.election.regionCode}.` });
    }
    return ok(r);
  }

  private tpsPlace(race: ElectionRekap, code: string): RekapResult<number> {
    const t = this.tree.tpsIndex(code);
    const electionId = race.election.id;
    if (t === undefined) return fail({ code: 'unknown_tps', electionId, tpsCode: code, message: `TPS ${code} tidak ditemukan.` });
    if (t < race.tpsLo || t >= race.tpsHi) {
      return fail({ code: 'outside_election', electionId, tpsCode: code, message: `TPS ${code} di luar wilayah pemilihan ${race.election.regionCode}.` });
    }
    return ok(t);
  }
}

/** Checks a TpsInput against the race's fields and writes its values into `row` (-1 = no value). */
function parseInput(race: ElectionRekap, tpsCode: string, input: TpsInput | null, row: Int16Array): RekapResult<StateCode> {
  row.fill(-1);
  if (input === null || input.state === 'missing') return ok(MISSING);
  if (input.state === 'withheld') return ok(WITHHELD);
  const electionId = race.election.id;
  for (const [fieldId, value] of Object.entries(input.values)) {
    const col = race.layout.has(fieldId) ? race.layout.col(fieldId) : -1;
    if (col < 0 || col >= race.layout.formCount) {
      return fail({ code: 'unknown_field', electionId, tpsCode, fieldId, message: `Kolom ${fieldId} tidak ada pada formulir pemilihan ini.` });
    }
    if (!Number.isInteger(value) || value < 0 || value > 999) {
      return fail({ code: 'invalid_value', electionId, tpsCode, fieldId, message: `Nilai ${fieldId} harus bilangan bulat 0–999, bukan ${value}.` });
    }
    row[col] = value;
  }
  return ok(VERIFIED);
}

function sumOf(get: (col: number) => number, cols: Int32Array): number {
  let s = 0;
  for (let i = 0; i < cols.length; i++) s += get(cols[i]!);
  return s;
}

function unknownElection(electionId: number): RekapError {
  return { code: 'unknown_election', electionId, message: `Pemilihan ${electionId} tidak dikenal oleh rekap.` };
}

function lockedError(lock: LockInfo, tpsCode: string): RekapError {
  return {
    code: 'locked',
    electionId: lock.electionId,
    regionCode: lock.regionCode,
    tpsCode,
    message: `Rekap ${lock.regionCode} sudah dikunci (${lock.reference}); TPS ${tpsCode} tidak dapat diubah kecuali dibuka oleh sesi pleno berikutnya.`,
  };
}
