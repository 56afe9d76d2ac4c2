/**
 * Joint decoding: the most probable values of all fields that the form's own arithmetic allows, and a
 * confidence per field that accounts for both the readings and the arithmetic.
 *
 * Model. Each field's witnesses give it a posterior P_f(v) (evidence.ts). A priori an assignment that satisfies
 * every check is 1/ε times likelier than one that does not: KPPS members do make arithmetic slips, so an
 * inconsistent form is possible, just rare. The posterior of an assignment a is Π_f P_f(a_f) × (1 if consistent
 * else ε), normalised. Fields linked by checks form groups that are decoded independently; within a group,
 * consistent assignments are searched depth-first with propagation (search.ts): surely-read fields are branched
 * on their top candidates, and the values the checks force on the others are scored with their full posterior.
 * That gives the MAP assignment and, from the same search, the marginal of each field.
 *
 * A field's reading only counts as confident when its marginal is high AND its own witnesses agree with the
 * value chosen: arithmetic may pick between readings the witnesses found plausible, it never fills a number
 * that nobody could read (that is a person's job).
 */
import { constraintFromCheck, type Constraint } from './constraints.ts';
import { searchConsistent } from './search.ts';
import { maxSlipPrior, minSlipPrior, oneBoxAway, slipPrior, type SlipPrior, type SlipPriorOptions } from './slip-prior.ts';
import {
  argmaxOf,
  EQUAL_WEIGHTS,
  fieldLogPosterior,
  strongestWitness,
  witnessReadings,
  type FieldEvidence,
  type WitnessReading,
  type WitnessWeights,
} from './evidence.ts';
import type { Check } from '../templates/schema.ts';
import type { FieldSource } from '../../../shared/recognition/reading.ts';

export interface JointOptions {
  /** Prior odds of an inconsistent form against a consistent one (per slip when `priorPerSlip`). */
  inconsistencyPrior: number;
  /**
   * When set, each slip's prior depends on the page and the value instead (slip-prior.ts): a page's slip rate
   * shared among the fields its equalities tie, and one box miswritten far likelier than several.
   */
  slipPrior?: SlipPriorOptions;
  /** Count the prior once per field the KPPS would have had to miswrite, not once per group. */
  priorPerSlip: boolean;
  /**
   * How the inconsistent explanations weigh on each field's marginal. `group`: all inconsistent assignments of
   * a group together, at the prior of the best reading's slips. `first-order`: each consistent assignment's
   * neighbours with one miswritten field (an equality pins it), each at the prior for one slip; the best
   * reading itself when it is further away. See slipMarginals().
   */
  slipModel: 'group' | 'first-order';
  /** Minimum marginal probability of the chosen value for a field to be confident. */
  minConfidence: number;
  /**
   * The same for a field no holding equality pins down (no arithmetic on its page, or only inequalities): its
   * witnesses alone decide, so the bar is higher.
   */
  minConfidenceUnpinned: number;
  /**
   * Minimum probability that every field of the page is right (the product of the fields' confidences): what
   * must not happen is a page accepted with *any* wrong field, and ten fields at 0.99 make a 0.90 page.
   */
  minPageConfidence: number;
  /** Minimum probability the field's own witnesses give the chosen value. */
  minOwnConfidence: number;
  /** Candidates kept per field (besides values implied by checks). */
  candidatesPerField: number;
  /** Candidates whose log-probability trails the field's best by more than this are dropped. */
  candidateLogWindow: number;
  /** Search budget per group of linked fields (search nodes). */
  maxStatesPerGroup: number;
  /** How much each witness counts (log-likelihood multipliers). */
  weights: WitnessWeights;
  /**
   * A witness (digits, bubbles, words) this sure of a value on its own must agree with the value chosen, or
   * the field goes to a person, however confident the joint decision is.
   */
  witnessConfident: number;
}

/**
 * Tuned on synthetic pages whose seeds are disjoint from the benchmark's (`bench:recognize --tune`; tuning sets
 * tune-1, 300 pages, and tune-2, 500 pages, 2026-11-28). The page bar is what keeps wrong pages out: a page is
 * accepted only when the probability that every field is right is ≥ 0,999. With an earlier digit model one page
 * of tune-2 was accepted wrong at 0,997 (V.A and V.C both 26, both read 76, V.B = 0: the arithmetic cannot see a
 * misread repeated); with today's model no page of either set is accepted wrong even at 0,99, but the bar stays
 * at 0,999 for margin (0,997 would accept 72–74 % of consistent pages instead of 60–67 %).
 *
 * digitMix (each box's probabilities blended with 0,1 % uniform) was 1 %: a floor of 0,08 % per class on every
 * box, doubt that adds up over the 60–100 boxes of a large page. The reader is calibrated far below that (of
 * 9.250 boxes read at p ≥ 0,999, one was wrong; of 4.530 read empty at ≥ 0,9999, one held a digit). With it,
 * the calibrated bubbles and the 880-page digit model, at 0,999: accepted of consistent 56,7 → 59,8 % (tune-1)
 * and 63,8 → 67,1 % (tune-2), every field right 91,2 → 94,6 % and 90,2 → 93,5 %, none accepted wrong.
 *
 * slipPrior (slip-prior.ts) replaced the flat ε = 0,1 % per slip: a page rate of 0,2 (what the synthetic
 * generator writes: 19,7 % and 23,2 % of the tuning pages are inconsistent) shared among the page's tied fields,
 * one box miswritten. Same evidence, bar 0,999: accepted of consistent 59,3 → 66,0 % (tune-1) and 65,9 → 69,3 %
 * (tune-2) — NETGRIT hal 1 12 → 31 % and 8 → 30 %, KPU hal 1 8 → 36 % and 10 → 24 %, KPU hal 3 (three fields)
 * 79 → 68 % and 67 → 56 % —, every field right 94,0 → 94,0 % and 91,6 → 91,4 %, none accepted wrong at 0,999,
 * 0,997 or 0,99. A rate of 0,1 would accept 73–74 % (right 93,7 / 90,4 %), 0,3 60–63 %: 0,2 is the data's own.
 *
 * Looked at again 2026-11-29 (the loop-keeping generator's tuning sets, 800 pages, the v6 model): the page bar is
 * what holds back pages whose one misread box the arithmetic put right — at 0,999 every own bar from 0,001 to 0,2
 * accepts the same 80,6 % of consistent pages. Own 0,1 with the page at 0,997 would accept 86,5 % and 0,05 / 0,99
 * 90,2 %, none wrong on these sets; but the bench page kept as test/recognition/fixtures/slip-read-as-consistent
 * (a KPPS slip whose 7 read as 1 at 0,64, so the slip looks consistent) scores 0,9976 and would be accepted
 * wrong, and at 0,98 tune-2/0452 is (III.LP written 9 by a slip, read 9 at 0,947, made 7 by the arithmetic).
 * The pages the bar holds back are a model's doubt, not the bar's fault: better digits are the way to them.
 */
export const DEFAULT_JOINT_OPTIONS: JointOptions = {
  inconsistencyPrior: 0.001,
  slipPrior: { pageRate: 0.2, farFactor: 0.1 },
  priorPerSlip: true,
  slipModel: 'first-order',
  minConfidence: 0.99,
  minConfidenceUnpinned: 0.999,
  minPageConfidence: 0.999,
  minOwnConfidence: 0.2,
  candidatesPerField: 8,
  candidateLogWindow: 16,
  maxStatesPerGroup: 50_000,
  weights: { ...EQUAL_WEIGHTS, digitMix: 0.001 },
  witnessConfident: 0.8,
};

export interface DecodedField {
  value: number;
  /** Marginal posterior of `value` given all evidence and the checks. */
  confidence: number;
  /** Posterior of `value` from the field's own witnesses alone. */
  ownConfidence: number;
  source: FieldSource;
  candidates: { value: number; p: number }[];
  /**
   * What each witness alone reads. A sure one that disagrees with `value` sends the field to a person, unless
   * the field is `arbitrated`: an equality check holds that would fail with any other value of this field.
   */
  witnesses: WitnessReading[];
  arbitrated: boolean;
  needsReview: boolean;
}

export interface CheckResult {
  id: string;
  label?: string;
  holds: boolean;
  fields: string[];
}

export interface JointResult {
  fields: Record<string, DecodedField>;
  checks: CheckResult[];
  /** True when the chosen assignment satisfies every check that could be evaluated. */
  consistent: boolean;
  /** Groups whose search budget ran out before the consistent optimum was certain. */
  exhaustedGroups: number;
  /**
   * Probability that every field's chosen value is what was written (the product over groups), when the
   * slip model can say it (`first-order`); otherwise undefined and the caller multiplies the fields' marginals.
   */
  pageConfidence?: number;
}

interface Candidates {
  values: number[];
  logProbs: number[];
}

/**
 * Sort comparator: values by their log posterior (`this`), best first. Bound per field to this module-level
 * function instead of a closure made per field: V8 keeps a closure's optimised code only while an instance of it
 * lives, and the comparator (called for every value of a field) was compiled again for most pages.
 */
function byLogPostDesc(this: Float64Array, a: number, b: number): number {
  return this[b] - this[a];
}

function topCandidates(logPost: Float64Array, options: JointOptions, extra: Iterable<number>): Candidates {
  const byLogPost = byLogPostDesc.bind(logPost);
  const order = Array.from(logPost.keys()).sort(byLogPost);
  const best = logPost[order[0]];
  const chosen = new Set<number>();
  for (const v of order) {
    if (chosen.size >= options.candidatesPerField || logPost[v] < best - options.candidateLogWindow) break;
    chosen.add(v);
  }
  for (const v of extra) if (v >= 0 && v < logPost.length) chosen.add(v);
  const values = [...chosen].sort(byLogPost);
  return { values, logProbs: values.map((v) => logPost[v]) };
}

/** The witnesses sure (p ≥ `sure`) of another value than `value`; none counts for an arbitrated field. */
export function witnessConflicts(witnesses: WitnessReading[], value: number, sure: number): WitnessReading[] {
  return witnesses.filter((w) => w.p >= sure && w.value !== value);
}

/**
 * One Constraint per template check and page prefix, made once: the templates live as long as the app, and the
 * constraints' functions keep their optimised code only while they live (made per page, they were compiled
 * again every few pages).
 */
const constraintCache = new WeakMap<Check, Map<string, Constraint>>();
function cachedConstraint(check: Check, prefix: string): Constraint {
  let byPrefix = constraintCache.get(check);
  if (!byPrefix) constraintCache.set(check, (byPrefix = new Map()));
  let c = byPrefix.get(prefix);
  if (!c) byPrefix.set(prefix, (c = constraintFromCheck(check, prefix)));
  return c;
}

/** Splits keys into groups connected by constraints (union–find). */
function groupByConstraints(keys: string[], constraints: Constraint[]): string[][] {
  const parent = new Map(keys.map((k) => [k, k]));
  const find = (k: string): string => {
    let root = k;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(k, root);
    return root;
  };
  for (const c of constraints) for (const k of c.keys.slice(1)) parent.set(find(k), find(c.keys[0]));
  const groups = new Map<string, string[]>();
  for (const k of keys) {
    const root = find(k);
    if (!groups.has(root)) groups.set(root, []);
    groups.get(root)!.push(k);
  }
  return [...groups.values()];
}

export function decodeJoint(
  evidence: FieldEvidence[],
  checks: { check: Check; prefix?: string }[] | Constraint[],
  options: JointOptions = DEFAULT_JOINT_OPTIONS,
): JointResult {
  const byKey = new Map(evidence.map((e) => [e.key, e]));
  const allConstraints: Constraint[] = checks.map((c) => ('check' in c ? cachedConstraint(c.check, c.prefix ?? '') : c));
  // Checks that name a field we do not have (another page not read yet) cannot be evaluated: skipped, not failed.
  const constraints = allConstraints.filter((c) => c.keys.every((k) => byKey.has(k)));
  const logPost = new Map(evidence.map((e) => [e.key, fieldLogPosterior(e, options.weights)]));
  const bestValues = new Map(evidence.map((e) => [e.key, argmaxOf(logPost.get(e.key)!)]));

  // Values the checks imply from everyone else's best reading join each field's candidate list.
  const implied = new Map<string, Set<number>>(evidence.map((e) => [e.key, new Set()]));
  const getBest = (k: string) => bestValues.get(k)!;
  for (const c of constraints) {
    for (const k of new Set(c.keys)) {
      const v = c.implied(k, getBest);
      if (v !== null) implied.get(k)!.add(v);
    }
  }
  const candidates = new Map(
    evidence.map((e) => [e.key, topCandidates(logPost.get(e.key)!, options, implied.get(e.key)!)]),
  );

  const fields: Record<string, DecodedField> = {};
  const chosenValues = new Map<string, number>();
  let exhaustedGroups = 0;
  let pageConfidence: number | undefined = options.slipModel === 'first-order' ? 1 : undefined;
  const eps = options.inconsistencyPrior;
  const prior: SlipPrior = options.slipPrior
    ? slipPrior(evidence.map((e) => ({ key: e.key, boxes: e.boxes.length })), constraints, options.slipPrior)
    : () => eps;

  for (const group of groupByConstraints(evidence.map((e) => e.key), constraints)) {
    const groupSet = new Set(group);
    const groupConstraints = constraints.filter((c) => groupSet.has(c.keys[0]));
    const lists = group.map((k) => candidates.get(k)!);
    const unconstrainedBest = lists.reduce((s, l) => s + l.logProbs[0], 0);
    // The least likely slip any field of the group can make: the search's floor.
    const smallestPrior = Math.min(...group.map((k) => minSlipPrior(prior, k, byKey.get(k)!.boxes.length)));
    // Mass of consistent assignments, in total and per (field, value), as probabilities under the fields'
    // independent posteriors.
    const consistentMass = group.map(() => new Map<number, number>());
    let totalConsistent = 0;
    let found: { score: number; values: number[] } | null = null;
    let solutions: { score: number; values: ArrayLike<number> }[] = [];
    if (groupConstraints.length > 0) {
      const result = searchConsistent(
        group.map((k, i) => ({ key: k, logPost: logPost.get(k)!, candidates: lists[i].values })),
        groupConstraints,
        {
          // A consistent assignment this far below the best reading loses to "the form is inconsistent" anyway.
          floor: unconstrainedBest + Math.log(Math.min(eps, smallestPrior)) - options.candidateLogWindow,
          window: options.candidateLogWindow,
          maxNodes: options.maxStatesPerGroup,
          maxSolutions: 20_000,
        },
      );
      if (result.exhausted) exhaustedGroups++;
      solutions = result.solutions;
      for (const sol of result.solutions) {
        const mass = Math.exp(sol.score);
        totalConsistent += mass;
        group.forEach((_, i) => consistentMass[i].set(sol.values[i], (consistentMass[i].get(sol.values[i]) ?? 0) + mass));
      }
      const top = result.solutions[0];
      if (top) found = { score: top.score, values: Array.from(top.values) };
    }

    // "The form is inconsistent" explains these readings only if the KPPS miswrote every field whose reading
    // differs from the best consistent assignment: one slip per such field, each as unlikely as the prior says.
    // (One prior for the whole group made four uncertain readings that the arithmetic confirms count as
    // doubtful as one, and kept every field of a large group below the confidence bar.)
    const slipped = found && options.priorPerSlip ? group.flatMap((k, i) => (found!.values[i] !== lists[i].values[0] ? [i] : [])) : [];
    const slips = found && options.priorPerSlip ? slipped.length : 1;
    const epsGroup = slipped.length > 0
      ? slipped.reduce((p, i) => p * prior(group[i], lists[i].values[0], found!.values[i]), 1)
      : Math.max(...group.map((k, i) => maxSlipPrior(prior, k, lists[i].values[0])));
    const consistentWins = found !== null && found.score >= Math.log(epsGroup) + unconstrainedBest;
    const z = groupConstraints.length > 0 ? epsGroup * Math.max(1 - totalConsistent, 0) + totalConsistent : 1;

    const fieldCandidates = lists.map((l, i) => [...new Set([...l.values, ...consistentMass[i].keys()])]);
    const firstOrder = options.slipModel === 'first-order' && found !== null && solutions.length > 0
      ? slipMarginals(group.map((k) => logPost.get(k)!), solutions, pinnedIn(group, groupConstraints, found.values), (i, v, si) => prior(group[i], v, si), fieldCandidates, {
          values: lists.map((l) => l.values[0]),
          logMass: unconstrainedBest + Math.log(epsGroup),
          far: slips >= 2,
        })
      : null;

    // Under the per-slip model each field shows its most probable value. The whole-group choice below counts
    // every field where the best consistent assignment differs from the top reading as a slip, misreads
    // included, so an inconsistent page could show a field's top reading that the model itself gives 0,01 %
    // (tuning set tune-2: 22 fields on 21 pages, 17 of them right by the model's own ranking, 5 as shown).
    const chosen = firstOrder
      ? fieldCandidates.map((values, i) => values.reduce((best, v) => (firstOrder.marginal(i, v) > firstOrder.marginal(i, best) ? v : best)))
      : group.map((_, i) => (consistentWins ? found!.values[i] : lists[i].values[0]));
    if (pageConfidence !== undefined) {
      pageConfidence *= firstOrder ? firstOrder.exact(chosen) : groupConstraints.length === 0 ? chosen.reduce((p, v, i) => p * Math.exp(logPost.get(group[i])!.at(v)!), 1) : 0;
    }
    group.forEach((key, i) => {
      const lp = logPost.get(key)!;
      const value = chosen[i];
      const marginal = (v: number) => {
        const own = Math.exp(lp[v]);
        if (groupConstraints.length === 0) return own;
        if (firstOrder) return firstOrder.marginal(i, v);
        const cons = consistentMass[i].get(v) ?? 0;
        return (epsGroup * Math.max(own - cons, 0) + cons) / z;
      };
      const confidence = Math.min(1, marginal(value));
      const ownConfidence = Math.exp(lp[value]);
      // Provenance: the arithmetic decided whenever the value is not what the witnesses themselves read best,
      // whether or not the value is then confident enough to accept.
      const source: FieldSource = value !== bestValues.get(key) ? 'arithmetic' : strongestWitness(byKey.get(key)!, value);
      const shown = new Set([value, ...lists[i].values, ...consistentMass[i].keys()]);
      const ranked = [...shown].map((v) => ({ value: v, p: Math.min(1, marginal(v)) })).sort((a, b) => b.p - a.p);
      const witnesses = witnessReadings(byKey.get(key)!, options.weights);
      chosenValues.set(key, value);
      fields[key] = {
        value,
        confidence,
        ownConfidence,
        source,
        candidates: ranked.slice(0, 3),
        witnesses,
        arbitrated: false,
        needsReview: confidence < options.minConfidence || ownConfidence < options.minOwnConfidence,
      };
    });
  }

  const getChosen = (k: string) => chosenValues.get(k)!;
  // A field an equality of the form pins down (it holds, and would not with any other value of this field)
  // has a third witness, the arithmetic, that already took sides between its disagreeing witnesses.
  for (const c of constraints) {
    if (!c.holds(getChosen)) continue;
    for (const k of new Set(c.keys)) if (c.implied(k, getChosen) !== null) fields[k].arbitrated = true;
  }
  for (const f of Object.values(fields)) {
    if (f.arbitrated) continue;
    if (f.confidence < options.minConfidenceUnpinned) f.needsReview = true;
    if (witnessConflicts(f.witnesses, f.value, options.witnessConfident).length > 0) f.needsReview = true;
  }
  const checkResults: CheckResult[] = constraints.map((c) => ({
    id: c.id,
    label: c.label,
    holds: c.holds(getChosen),
    fields: [...new Set(c.keys)],
  }));
  for (const r of checkResults) if (!r.holds) for (const k of r.fields) fields[k].needsReview = true;
  return { fields, checks: checkResults, consistent: checkResults.every((r) => r.holds), exhaustedGroups, pageConfidence };
}

/** Per field of a group: whether an equality pins it in this assignment (it holds and fixes the field's value). */
function pinnedIn(group: string[], constraints: Constraint[], values: ArrayLike<number>): boolean[] {
  const at = new Map(group.map((k, i) => [k, i]));
  const get = (k: string) => values[at.get(k)!];
  return group.map((k) => constraints.some((c) => c.keys.includes(k) && c.holds(get) && c.implied(k, get) !== null));
}

/** Solutions (best first) whose one-slip neighbours are de-duplicated; past them the bookkeeping costs more than it changes. */
const MAX_DEDUPED_SOLUTIONS = 400;

function neighbourKey(values: ArrayLike<number>, field: number, value: number): string {
  let key = '';
  for (let j = 0; j < values.length; j++) key += `${j === field ? value : values[j]},`;
  return key;
}

/**
 * Marginals under a per-slip prior, to first order. What was written is either a consistent assignment s, or
 * s with one pinned field miswritten (prior ε; its reading then explains the field's other values in
 * proportion own(v) / own(s_f)), or, when the best reading is two or more slips from every consistent
 * assignment, that reading itself (prior ε per slip). Unlike one prior for all inconsistent assignments of a
 * group, this does not grow with the number of merely uncertain fields: forty fields read at 0,9 that the
 * arithmetic ties together are not forty times likelier to hide a slip.
 */
function slipMarginals(
  logPosts: Float64Array[],
  solutions: { score: number; values: ArrayLike<number> }[],
  pinned: boolean[],
  /** The prior of field i miswritten as v where s_i was meant (relative to writing s_i). */
  eps: (field: number, written: number, intended: number) => number,
  /** Per field, the values whose marginal is asked for (the others only count in the total). */
  candidates: number[][],
  best: { values: number[]; logMass: number; far: boolean },
): FirstOrderMarginals {
  const n = logPosts.length;
  // Scores are relative to the best solution so that large groups do not underflow.
  const top = Math.max(solutions[0].score, best.far ? best.logMass : -Infinity);
  const mass = logPosts.map(() => new Map<number, number>());
  let z = 0;
  // An inconsistent assignment one slip away from several consistent ones (in a sum, fixing any of its fields
  // restores it) is still one assignment: it is counted once, from the first (best) parent that reaches it.
  const counted = new Set<string>();
  const slipped = new Float64Array(n);
  for (const [rank, s] of solutions.entries()) {
    const w = Math.exp(s.score - top);
    if (w < 1e-15) break; // best first: the rest weigh nothing
    const dedupe = rank < MAX_DEDUPED_SOLUTIONS; // beyond, neighbours may be counted twice: conservative
    let total = 0;
    for (let i = 0; i < n; i++) {
      slipped[i] = 0;
      if (!pinned[i]) continue;
      const lp = logPosts[i];
      const si = s.values[i];
      const ownS = Math.exp(lp[si]);
      let listed = ownS;
      for (const v of candidates[i]) {
        if (v === si) continue;
        const p = Math.exp(lp[v]);
        listed += p;
        if (dedupe) {
          const key = neighbourKey(s.values, i, v);
          if (counted.has(key)) continue;
          counted.add(key);
        }
        const m = (w * eps(i, v, si) * p) / ownS;
        addMass(mass[i], v, m);
        slipped[i] += m;
      }
      // The values no one lists: rarely a neighbour of two solutions, counted as they come.
      // (at the likeliest slip's prior: conservative)
      const rest = (w * eps(i, oneBoxAway(si), si) * Math.max(1 - listed, 0)) / ownS;
      slipped[i] += rest;
      total += slipped[i];
    }
    z += w + total;
    // s itself and its neighbours where another field slipped keep field i at s_i.
    for (let i = 0; i < n; i++) addMass(mass[i], s.values[i], w + total - slipped[i]);
  }
  if (best.far) {
    const w = Math.exp(best.logMass - top);
    z += w;
    best.values.forEach((v, i) => addMass(mass[i], v, w));
  }
  return new FirstOrderMarginals(logPosts, solutions, pinned, eps, best, top, mass, z);
}

function addMass(mass: Map<number, number>, v: number, m: number): void {
  mass.set(v, (mass.get(v) ?? 0) + m);
}

/**
 * slipMarginals' result. A class, not closures returned per group: V8 keeps a closure's optimised code only
 * while an instance of it lives, so closures made per group were compiled again for most pages.
 */
class FirstOrderMarginals {
  constructor(
    private readonly logPosts: Float64Array[],
    private readonly solutions: { score: number; values: ArrayLike<number> }[],
    private readonly pinned: boolean[],
    private readonly eps: (field: number, written: number, intended: number) => number,
    private readonly best: { values: number[]; logMass: number; far: boolean },
    /** The score the weights are relative to, and the total weight. */
    private readonly top: number,
    private readonly mass: Map<number, number>[],
    private readonly z: number,
  ) {}

  marginal(field: number, value: number): number {
    return Math.min(1, (this.mass[field].get(value) ?? 0) / this.z);
  }

  /** The probability of one whole assignment of the group: a solution itself, or one slip away from one. */
  exact(values: number[]): number {
    const { logPosts, pinned, eps, best, top } = this;
    const n = logPosts.length;
    let m = 0;
    let viaSlip = false;
    for (const s of this.solutions) {
      const w = Math.exp(s.score - top);
      if (w < 1e-15) break;
      let differs = -1;
      let count = 0;
      for (let i = 0; i < n && count < 2; i++) if (s.values[i] !== values[i]) { differs = i; count++; }
      if (count === 0) m += w;
      else if (count === 1 && pinned[differs] && !viaSlip) {
        // one assignment, however many solutions it neighbours
        m += (w * eps(differs, values[differs], s.values[differs]) * Math.exp(logPosts[differs][values[differs]])) / Math.exp(logPosts[differs][s.values[differs]]);
        viaSlip = true;
      }
    }
    if (best.far && best.values.every((v, i) => v === values[i])) m += Math.exp(best.logMass - top);
    return Math.min(1, m / this.z);
  }
}
