/**
 * Consistent assignments of a group of linked fields, best first, by depth-first branch and bound with
 * constraint propagation.
 *
 * Fields are branched in order of how sure their own reading is (surest first): a sure field has one
 * candidate worth trying, and the unsure ones come last, where the checks usually *force* their value (the
 * last unknown of a sum is the difference of the others). A forced value is scored with the field's full
 * posterior, so the arithmetic can propose a value the field's own top candidates missed, at its true cost.
 * Every consistent assignment scoring within `window` of the best one (and above `floor`) is collected; the
 * caller turns them into the MAP assignment and per-field marginals.
 */
import type { Constraint } from './constraints.ts';

export interface SearchField {
  key: string;
  /** Log posterior over every value 0..max of the field (its own witnesses). */
  logPost: Float64Array;
  /** Values to branch on, best first. */
  candidates: number[];
}

export interface Solution {
  score: number;
  values: Int32Array;
}

export interface SearchResult {
  /** Consistent assignments within `window` of the best, best first. */
  solutions: Solution[];
  nodes: number;
  /** The node or solution budget ran out: the result may be missing better assignments. */
  exhausted: boolean;
}

export interface SearchLimits {
  /** Assignments scoring below this are not of interest at all. */
  floor: number;
  /** Keep assignments within this many nats of the best consistent one. */
  window: number;
  maxNodes: number;
  maxSolutions: number;
}

export function searchConsistent(fields: SearchField[], constraints: Constraint[], limits: SearchLimits): SearchResult {
  const search = new ConsistentSearch(fields, constraints, limits);
  // Constraints over no unknowns at all cannot occur (every key is a field); start with an empty trail.
  search.dfs(0);
  const kept = search.solutions.filter((s) => s.score >= search.bestScore - limits.window).sort((a, b) => b.score - a.score);
  return { solutions: kept, nodes: search.nodes, exhausted: search.exhausted };
}

/** The largest log posterior of a field (module-level: a closure made per search was compiled again and again). */
function maxOf(logPost: Float64Array): number {
  let m = -Infinity;
  for (const l of logPost) if (l > m) m = l;
  return m;
}

/**
 * The search's state and steps. Methods, not closures made per call: V8 keeps the optimised code of a closure
 * only while one of its instances lives, so closures made per search were compiled again every few photos.
 */
class ConsistentSearch {
  readonly n: number;
  readonly index: Map<string, number>;
  readonly values: Int32Array;
  /** values by field key, for the constraints (bound once). */
  readonly get: (key: string) => number;
  readonly cons: { c: Constraint; idx: number[] }[];
  readonly consOf: number[][];
  readonly unassigned: Int32Array;
  readonly bestOf: number[];
  readonly order: number[];
  score = 0;
  restBest: number;
  bestScore = -Infinity;
  nodes = 0;
  exhausted = false;
  readonly trail: number[] = [];
  readonly solutions: Solution[] = [];

  constructor(
    readonly fields: SearchField[],
    constraints: Constraint[],
    readonly limits: SearchLimits,
  ) {
    this.n = fields.length;
    this.index = new Map(fields.map((f, i) => [f.key, i]));
    this.values = new Int32Array(this.n).fill(-1);
    this.get = this.valueAt.bind(this);
    this.cons = constraints.map((c) => ({ c, idx: [...new Set(c.keys)].map((k) => this.index.get(k)!) }));
    this.consOf = fields.map(() => []);
    this.cons.forEach((c, ci) => c.idx.forEach((i) => this.consOf[i].push(ci)));
    this.unassigned = Int32Array.from(this.cons.map((c) => c.idx.length));
    this.bestOf = fields.map((f) => maxOf(f.logPost));
    const sureness = fields.map((f) => {
      const [a, b] = f.candidates.map((v) => f.logPost[v]);
      return b === undefined ? Infinity : a - b;
    });
    this.order = fields.map((_, i) => i).sort((a, b) => sureness[b] - sureness[a]);
    this.restBest = this.bestOf.reduce((s, b) => s + b, 0);
  }

  valueAt(key: string): number {
    return this.values[this.index.get(key)!];
  }

  threshold(): number {
    return Math.max(this.limits.floor, this.bestScore - this.limits.window);
  }

  assign(i: number, v: number): void {
    this.values[i] = v;
    this.score += this.fields[i].logPost[v];
    this.restBest -= this.bestOf[i];
    for (const ci of this.consOf[i]) this.unassigned[ci]--;
    this.trail.push(i);
  }

  undo(mark: number): void {
    const { trail, values } = this;
    while (trail.length > mark) {
      const i = trail.pop()!;
      for (const ci of this.consOf[i]) this.unassigned[ci]++;
      this.restBest += this.bestOf[i];
      this.score -= this.fields[i].logPost[values[i]];
      values[i] = -1;
    }
  }

  /** Checks the constraints touched since `from` in the trail; assigns forced values. False on contradiction. */
  propagate(from: number): boolean {
    const { trail, values, fields } = this;
    for (let t = from; t < trail.length; t++) {
      for (const ci of this.consOf[trail[t]]) {
        const { c, idx } = this.cons[ci];
        if (this.unassigned[ci] === 0) {
          if (!c.holds(this.get)) return false;
        } else if (this.unassigned[ci] === 1) {
          let j = -1;
          for (const i of idx) if (values[i] < 0) { j = i; break; }
          const v = c.implied(fields[j].key, this.get);
          if (v === null) continue;
          if (!Number.isInteger(v) || v < 0 || v >= fields[j].logPost.length) return false;
          this.assign(j, v);
          if (this.score + this.restBest < this.threshold()) return false;
        }
      }
    }
    return true;
  }

  dfs(depth: number): void {
    if (++this.nodes > this.limits.maxNodes) {
      this.exhausted = true;
      return;
    }
    const { values, order, n } = this;
    while (depth < n && values[order[depth]] >= 0) depth++;
    if (depth === n) {
      if (this.score < this.threshold()) return;
      this.solutions.push({ score: this.score, values: values.slice() });
      if (this.score > this.bestScore) this.bestScore = this.score;
      if (this.solutions.length > this.limits.maxSolutions) this.exhausted = true;
      return;
    }
    const f = order[depth];
    const field = this.fields[f];
    for (const v of field.candidates) {
      if (this.score + field.logPost[v] + this.restBest - this.bestOf[f] < this.threshold()) break; // candidates are best first
      const mark = this.trail.length;
      this.assign(f, v);
      if (this.propagate(mark)) this.dfs(depth + 1);
      this.undo(mark);
      if (this.exhausted) return;
    }
  }
}
