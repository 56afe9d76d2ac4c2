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
  const n = fields.length;
  const index = new Map(fields.map((f, i) => [f.key, i]));
  const values = new Int32Array(n).fill(-1);
  const get = (key: string) => values[index.get(key)!];
  const cons = constraints.map((c) => ({ c, idx: [...new Set(c.keys)].map((k) => index.get(k)!) }));
  const consOf: number[][] = fields.map(() => []);
  cons.forEach((c, ci) => c.idx.forEach((i) => consOf[i].push(ci)));
  const unassigned = Int32Array.from(cons.map((c) => c.idx.length));
  const bestOf = fields.map((f) => {
    let m = -Infinity;
    for (const l of f.logPost) if (l > m) m = l;
    return m;
  });
  const sureness = fields.map((f) => {
    const [a, b] = f.candidates.map((v) => f.logPost[v]);
    return b === undefined ? Infinity : a - b;
  });
  const order = fields.map((_, i) => i).sort((a, b) => sureness[b] - sureness[a]);

  let score = 0;
  let restBest = bestOf.reduce((s, b) => s + b, 0);
  let bestScore = -Infinity;
  let nodes = 0;
  let exhausted = false;
  const trail: number[] = [];
  const solutions: Solution[] = [];
  const threshold = () => Math.max(limits.floor, bestScore - limits.window);

  const assign = (i: number, v: number) => {
    values[i] = v;
    score += fields[i].logPost[v];
    restBest -= bestOf[i];
    for (const ci of consOf[i]) unassigned[ci]--;
    trail.push(i);
  };
  const undo = (mark: number) => {
    while (trail.length > mark) {
      const i = trail.pop()!;
      for (const ci of consOf[i]) unassigned[ci]++;
      restBest += bestOf[i];
      score -= fields[i].logPost[values[i]];
      values[i] = -1;
    }
  };

  /** Checks the constraints touched since `from` in the trail; assigns forced values. False on contradiction. */
  const propagate = (from: number): boolean => {
    for (let t = from; t < trail.length; t++) {
      for (const ci of consOf[trail[t]]) {
        const { c, idx } = cons[ci];
        if (unassigned[ci] === 0) {
          if (!c.holds(get)) return false;
        } else if (unassigned[ci] === 1) {
          const j = idx.find((i) => values[i] < 0)!;
          const v = c.implied(fields[j].key, get);
          if (v === null) continue;
          if (!Number.isInteger(v) || v < 0 || v >= fields[j].logPost.length) return false;
          assign(j, v);
          if (score + restBest < threshold()) return false;
        }
      }
    }
    return true;
  };

  const dfs = (depth: number): void => {
    if (++nodes > limits.maxNodes) {
      exhausted = true;
      return;
    }
    while (depth < n && values[order[depth]] >= 0) depth++;
    if (depth === n) {
      if (score < threshold()) return;
      solutions.push({ score, values: values.slice() });
      if (score > bestScore) bestScore = score;
      if (solutions.length > limits.maxSolutions) exhausted = true;
      return;
    }
    const f = order[depth];
    const field = fields[f];
    for (const v of field.candidates) {
      if (score + field.logPost[v] + restBest - bestOf[f] < threshold()) break; // candidates are best first
      const mark = trail.length;
      assign(f, v);
      if (propagate(mark)) dfs(depth + 1);
      undo(mark);
      if (exhausted) return;
    }
  };

  // Constraints over no unknowns at all cannot occur (every key is a field); start with an empty trail.
  dfs(0);
  const kept = solutions.filter((s) => s.score >= bestScore - limits.window).sort((a, b) => b.score - a.score);
  return { solutions: kept, nodes, exhausted };
}
