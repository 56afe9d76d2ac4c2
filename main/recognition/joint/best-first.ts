/**
 * Enumerates assignments of a group of fields in order of decreasing joint log-probability.
 *
 * Each field has its candidates sorted best-first; an assignment is a vector of candidate indices and its
 * score the sum of their log-probabilities. Children of a state advance one index at a position ≥ the
 * position its parent advanced, so every vector is produced exactly once and scores never increase along a
 * path: popping from a max-heap yields assignments best-first.
 */

interface State {
  score: number;
  indices: Int32Array;
  lastAdvanced: number;
}

class MaxHeap {
  private items: State[] = [];
  get size(): number { return this.items.length; }
  push(s: State): void {
    const a = this.items;
    a.push(s);
    let i = a.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (a[parent].score >= a[i].score) break;
      [a[parent], a[i]] = [a[i], a[parent]];
      i = parent;
    }
  }
  pop(): State | undefined {
    const a = this.items;
    if (a.length === 0) return undefined;
    const top = a[0];
    const last = a.pop()!;
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && a[l].score > a[m].score) m = l;
        if (r < a.length && a[r].score > a[m].score) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i], a[m]];
        i = m;
      }
    }
    return top;
  }
}

export interface Visit {
  score: number;
  indices: Int32Array;
}

/**
 * Calls `visit` for assignments best-first until it returns false, the heap is empty or `maxStates` have been
 * visited. `logProbs[f]` must be sorted in decreasing order.
 */
export function enumerateBestFirst(logProbs: number[][], maxStates: number, visit: (v: Visit) => boolean): number {
  const n = logProbs.length;
  const heap = new MaxHeap();
  const start = new Int32Array(n);
  heap.push({ score: logProbs.reduce((s, l) => s + l[0], 0), indices: start, lastAdvanced: 0 });
  let visited = 0;
  while (heap.size > 0 && visited < maxStates) {
    const state = heap.pop()!;
    visited++;
    if (!visit({ score: state.score, indices: state.indices })) break;
    for (let i = state.lastAdvanced; i < n; i++) {
      const next = state.indices[i] + 1;
      if (next >= logProbs[i].length) continue;
      const indices = state.indices.slice();
      indices[i] = next;
      heap.push({ score: state.score - logProbs[i][next - 1] + logProbs[i][next], indices, lastAdvanced: i });
    }
  }
  return visited;
}
