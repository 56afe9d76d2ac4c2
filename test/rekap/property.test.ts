/**
 * Property tests of the rekap engine (fast-check): for random region trees and random sequences of
 * verify / correct / withhold / clear / lock / unlock on random TPS of two races,
 * - every total (TPS counts, every field, registered DPT) equals a from-scratch recomputation by a plain,
 *   independent model of the rules, and equals the engine's own one-pass bulk load of the same TPS;
 * - every region's total is the sum of its parts;
 * - checks name exactly the offending TPS (and their summed sides match the model);
 * - locks hold: a change inside a locked region is refused with `locked` naming the nearest lock, and
 *   changes nothing; outside it, everything still moves.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { RekapEngine, checkDefs, fieldLayout, type CheckDef, type RegionTotals, type RekapResult, type TpsInput } from '../../main/rekap/index.ts';
import { getTemplate } from '../../main/recognition/templates/loader.ts';
import { consistentValues, seededRandom } from './support/consistent-values.ts';
import { buildTree, shapeFromCounts, type TreeShape } from './support/small-tree.ts';

type Race = { id: number; regionCode: string; nomorUrut: number[] };

type Cmd =
  | { op: 'verify'; race: number; tps: number; seed: number; tweaks: [number, number][]; drops: number[] }
  | { op: 'withhold' | 'clear'; race: number; tps: number }
  | { op: 'lock' | 'unlock'; race: number; region: number };

const shapeArb = fc.array( // kab/kota → kecamatan → desa → number of TPS
  fc.array(fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 2 }),
  { minLength: 1, maxLength: 2 },
);

const cmdArb: fc.Arbitrary<Cmd> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      op: fc.constant('verify' as const),
      race: fc.nat(1),
      tps: fc.nat(40),
      seed: fc.integer(),
      // a few misread numbers (any value a form can hold) and empty fields, often none
      tweaks: fc.array(fc.tuple(fc.nat(40), fc.integer({ min: 0, max: 999 })), { maxLength: 2 }),
      drops: fc.array(fc.nat(40), { maxLength: 1 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constantFrom('withhold' as const, 'clear' as const), race: fc.nat(1), tps: fc.nat(40) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constantFrom('lock' as const, 'unlock' as const), race: fc.nat(1), region: fc.nat(40) }) },
);

/** The plain model: what each race's TPS hold, and its locks. */
class Model {
  readonly tps = new Map<string, TpsInput>();
  readonly locks = new Set<string>();
  readonly defs: CheckDef[];
  readonly formFields: string[];
  readonly capped: Set<string>;

  constructor(readonly race: Race, readonly shape: TreeShape) {
    this.dptOf = new Map(shape.tps.map((t) => [t.code, t]));
    const layout = fieldLayout(race.nomorUrut);
    this.defs = checkDefs(layout);
    this.formFields = layout.ids.slice(0, layout.formCount);
    // which fields the cap bounds: straight from the printed form's templates, not from the engine
    const n = race.nomorUrut.length;
    this.capped = new Set([1, 2].flatMap((p) => getTemplate(`pleno-kwk-${n}paslon-hal${p}`)!.fields.filter((f) => f.capped).map((f) => f.id)));
  }

  private readonly dptOf: Map<string, TreeShape['tps'][number]>;
  inRace = (code: string) => code.startsWith(this.race.regionCode);
  dpt = (code: string) => this.dptOf.get(code)!;

  /** The nearest locked region at or above `code` within the race, if any. */
  lockOver(code: string): string | null {
    for (const len of [13, 10, 6, 4, 2]) {
      if (len > code.length || len < this.race.regionCode.length) continue;
      const prefix = code.slice(0, len);
      if (this.locks.has(prefix)) return prefix;
    }
    return null;
  }

  /** Values of a verified TPS with the registered DPT beside them. */
  row(code: string): Record<string, number> | null {
    const input = this.tps.get(code);
    if (input?.state !== 'verified') return null;
    const { dptL, dptP } = this.dpt(code);
    return { ...input.values, 'DPT.L': dptL, 'DPT.P': dptP };
  }

  failsAt(def: CheckDef, row: Record<string, number>): boolean {
    const sum = (ids: string[]) => ids.reduce<number | null>((s, id) => (s === null || row[id] === undefined ? null : s + row[id]!), 0);
    switch (def.kind) {
      case 'eq': {
        const l = sum(def.left);
        const r = sum(def.right);
        return l === null || r === null || l !== r;
      }
      case 'lte': {
        const l = sum(def.left);
        const r = sum(def.right);
        return l === null || r === null || l > r + Math.ceil((r * def.plusPercent) / 100);
      }
      case 'cap':
        return [...this.capped].some((id) => (row[id] ?? 0) > def.max);
      case 'complete':
        return this.formFields.some((id) => row[id] === undefined);
    }
  }

  totals(code: string) {
    const under = this.shape.tps.filter((t) => t.code.startsWith(code));
    const rows = new Map(under.map((t) => [t.code, this.row(t.code)]));
    const fields: Record<string, number> = Object.fromEntries(this.formFields.map((id) => [id, 0]));
    let included = 0;
    let withheld = 0;
    const masuk = { l: 0, p: 0 };
    for (const t of under) {
      const state = this.tps.get(t.code)?.state ?? 'missing';
      if (state === 'withheld') withheld++;
      const row = rows.get(t.code);
      if (!row) continue;
      included++;
      masuk.l += t.dptL;
      masuk.p += t.dptP;
      for (const id of this.formFields) fields[id]! += row[id] ?? 0;
    }
    const checks = this.defs.map((def) => {
      const failing = under.filter((t) => {
        const row = rows.get(t.code);
        return row != null && this.failsAt(def, row);
      }).map((t) => t.code);
      const side = (ids: string[]) => ids.reduce((s, id) => s + (id === 'DPT.L' ? masuk.l : id === 'DPT.P' ? masuk.p : fields[id]!), 0);
      const summed = def.kind === 'eq' ? { left: side(def.left), right: side(def.right) } : null;
      return { id: def.id, failingTps: failing, summed, holds: failing.length === 0 && (summed === null || summed.left === summed.right) };
    });
    return {
      tps: { total: under.length, included, missing: under.length - included - withheld, withheld },
      fields,
      masuk: { ...masuk, lp: masuk.l + masuk.p },
      checks,
      locked: this.lockOver(code),
    };
  }
}

function ok<T>(r: RekapResult<T>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

/** Regions of the race (its own region and everything under it) and its TPS, in code order. */
function placesOf(shape: TreeShape, race: Race) {
  return {
    regions: shape.regions.map((r) => r.code).filter((c) => c.startsWith(race.regionCode)).sort(),
    tps: shape.tps.map((t) => t.code).filter((c) => c.startsWith(race.regionCode)),
  };
}

function assertMatchesModel(engine: RekapEngine, model: Model, code: string): void {
  const want = model.totals(code);
  const got = ok(engine.getTotals(code, model.race.id));
  assert.deepEqual(got.tps, want.tps, `${code} counts`);
  assert.deepEqual(got.fields, want.fields, `${code} fields`);
  assert.deepEqual(got.dptTerdaftar.tpsMasuk, want.masuk, `${code} registered DPT of included TPS`);
  assert.equal(got.locked?.regionCode ?? null, want.locked, `${code} lock`);
  const checks = ok(engine.getChecks(code, model.race.id));
  assert.deepEqual(
    checks.checks.map((c) => ({ id: c.id, failingTps: c.failingTps, summed: c.summed, holds: c.holds })),
    want.checks,
    `${code} checks`,
  );
  assert.equal(checks.ok, want.checks.every((c) => c.holds));
}

/** Totals without what legitimately differs between two engines (change counter, lock). */
const comparable = (t: RegionTotals) => ({ ...t, version: 0, locked: null });

describe('rekap engine properties', () => {
  test('totals and checks equal a from-scratch recomputation under any order of corrections; locks hold', () => {
    fc.assert(
      fc.property(shapeArb, fc.integer({ min: 1, max: 6 }), fc.array(cmdArb, { minLength: 1, maxLength: 40 }), (counts, paslon, cmds) => {
        const shape = shapeFromCounts(counts, (i) => ({ l: 20 + ((i * 37) % 280), p: 20 + ((i * 53) % 280) }));
        const tree = buildTree(shape);
        const races: Race[] = [
          { id: 1, regionCode: '11', nomorUrut: Array.from({ length: Math.max(paslon, 2) }, (_, i) => i + 1) },
          { id: 2, regionCode: '1101', nomorUrut: [1, 2] },
        ];
        const engine = new RekapEngine(tree);
        const models = races.map((race) => {
          ok(engine.addElection(race));
          return new Model(race, shape);
        });
        const allTps = shape.tps.map((t) => t.code);

        for (const cmd of cmds) {
          const model = models[cmd.race]!;
          const raceId = model.race.id;
          if ('region' in cmd) {
            const { regions } = placesOf(shape, model.race);
            const region = regions[cmd.region % regions.length]!;
            if (cmd.op === 'lock') {
              const held = model.lockOver(region);
              const r = engine.lock(region, raceId, { reference: `sesi ${region}` });
              if (held) {
                assert.equal(r.ok ? 'ok' : r.error.code, 'already_locked');
                assert.equal(r.ok ? '' : r.error.regionCode, held);
              } else {
                ok(r);
                model.locks.add(region);
              }
            } else {
              const r = engine.unlock(region, raceId, { reference: `sesi ulang ${region}` });
              if (model.locks.has(region)) {
                ok(r);
                model.locks.delete(region);
              } else {
                assert.equal(r.ok ? 'ok' : r.error.code, 'not_locked');
              }
            }
            continue;
          }

          const code = allTps[cmd.tps % allTps.length]!;
          let input: TpsInput | null;
          if (cmd.op === 'verify') {
            const { dptL, dptP } = model.dpt(code);
            const values = consistentValues(model.formFields, seededRandom(cmd.seed), dptL, dptP);
            for (const [field, v] of cmd.tweaks) values[model.formFields[field % model.formFields.length]!] = v;
            for (const field of cmd.drops) delete values[model.formFields[field % model.formFields.length]!];
            input = { state: 'verified', values };
          } else {
            input = cmd.op === 'withhold' ? { state: 'withheld' } : null;
          }
          const before = JSON.stringify(ok(engine.getTotals(model.race.regionCode, raceId)));
          const r = engine.applyTpsChange(code, raceId, input);
          const lock = model.inRace(code) ? model.lockOver(code) : null;
          if (!model.inRace(code)) {
            assert.equal(r.ok ? 'ok' : r.error.code, 'outside_election');
          } else if (lock) {
            assert.equal(r.ok ? 'ok' : r.error.code, 'locked');
            assert.equal(r.ok ? '' : r.error.regionCode, lock);
            assert.equal(JSON.stringify(ok(engine.getTotals(model.race.regionCode, raceId))), before, 'a refused change changes nothing');
          } else {
            ok(r);
            model.tps.set(code, input ?? { state: 'missing' });
            // the path that moved, bottom up
            for (const len of [13, 10, 6, 4, 2]) if (len >= model.race.regionCode.length) assertMatchesModel(engine, model, code.slice(0, len));
          }
        }

        for (const model of models) {
          const { regions, tps } = placesOf(shape, model.race);
          for (const code of [...regions, ...tps]) assertMatchesModel(engine, model, code);
          // every region is the sum of its parts
          for (const code of regions) {
            const whole = ok(engine.getTotals(code, model.race.id));
            const parts = ok(engine.getChildTotals(code, model.race.id));
            for (const id of model.formFields) assert.equal(parts.reduce((s, p) => s + p.fields[id]!, 0), whole.fields[id], `${code} ${id}`);
            assert.equal(parts.reduce((s, p) => s + p.tps.included, 0), whole.tps.included);
          }
          // the same TPS loaded in one pass by a fresh engine give the same totals
          const fresh = new RekapEngine(tree);
          ok(fresh.addElection(model.race));
          ok(fresh.bulkLoad(model.race.id, (set) => {
            for (const [code, input] of model.tps) ok(set(code, input));
          }));
          for (const code of [...regions, ...tps]) {
            assert.deepEqual(comparable(ok(fresh.getTotals(code, model.race.id))), comparable(ok(engine.getTotals(code, model.race.id))));
          }
        }
      }),
      { numRuns: 80 },
    );
  });
});
