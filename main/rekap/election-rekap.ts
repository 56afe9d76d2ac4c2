/**
 * The rekap state of ONE race, by numbers only (region numbers and TPS ordinals of the RegionTree; the
 * engine translates codes). Per TPS: its state, its values (one Int16 row, -1 = no value) and the mask of
 * checks it fails. Per region of the race: the column sums, the count of included and withheld TPS, and
 * per check the count of failing TPS — always equal to what a from-scratch pass over the TPS would give.
 *
 * A TPS change subtracts the TPS's old contribution from its desa and every region above it up to the
 * race's region, then adds the new one: ~4 regions × ~35 columns, microseconds, whatever the country's size.
 */
import { compileChecks, checkDefs, failMask, type CompiledChecks } from './checks.ts';
import { DPT_MASTER_L, DPT_MASTER_P, fieldLayout, type FieldLayout } from './fields.ts';
import type { RegionTree } from './region-tree.ts';
import type { LockInfo, RekapElection } from './types.ts';

export const MISSING = 0;
export const VERIFIED = 1;
export const WITHHELD = 2;
export type StateCode = typeof MISSING | typeof VERIFIED | typeof WITHHELD;

export class ElectionRekap {
  readonly layout: FieldLayout;
  readonly checks: CompiledChecks;
  /** Columns per row. */
  readonly width: number;
  /** The race's region and its subtree: regions [root, regionEnd), TPS [tpsLo, tpsHi). */
  readonly root: number;
  readonly regionEnd: number;
  readonly tpsLo: number;
  readonly tpsHi: number;

  // per TPS (index t - tpsLo)
  readonly state: Uint8Array;
  readonly values: Int16Array;
  readonly mask: Uint32Array;
  // per region (index r - root)
  readonly sums: Float64Array;
  readonly included: Int32Array;
  readonly withheld: Int32Array;
  readonly failing: Int32Array;

  readonly locks = new Map<number, LockInfo>();
  version = 0;

  private readonly colDptL: number;
  private readonly colDptP: number;

  constructor(
    readonly tree: RegionTree,
    readonly election: RekapElection,
    root: number,
  ) {
    this.layout = fieldLayout(election.nomorUrut);
    this.checks = compileChecks(this.layout, checkDefs(this.layout));
    this.width = this.layout.ids.length;
    this.root = root;
    this.regionEnd = tree.subtreeEnd[root]!;
    this.tpsLo = tree.tpsStart[root]!;
    this.tpsHi = tree.tpsEnd[root]!;
    const tpsN = this.tpsHi - this.tpsLo;
    const regionN = this.regionEnd - root;
    this.state = new Uint8Array(tpsN);
    this.values = new Int16Array(tpsN * this.width).fill(-1);
    this.mask = new Uint32Array(tpsN);
    this.sums = new Float64Array(regionN * this.width);
    this.included = new Int32Array(regionN);
    this.withheld = new Int32Array(regionN);
    this.failing = new Int32Array(regionN * this.checks.count);
    this.colDptL = this.layout.col(DPT_MASTER_L);
    this.colDptP = this.layout.col(DPT_MASTER_P);
  }

  /** The region holding a lock over region r of this race (r itself or an ancestor up to the race's region). */
  lockOver(r: number): LockInfo | null {
    if (this.locks.size === 0) return null;
    for (let x = r; x >= this.root; x = this.tree.parent[x]!) {
      const lock = this.locks.get(x);
      if (lock) return lock;
      if (x === this.root) break;
    }
    return null;
  }

  /**
   * Replaces TPS t's state and values (`row`: form-field values in layout order, -1 = none; ignored unless
   * verified) and moves every total above it. Locks are the caller's to check first.
   */
  apply(t: number, state: StateCode, row: ArrayLike<number> | null): void {
    this.contribute(t, -1);
    this.write(t, state, row);
    this.contribute(t, +1);
    this.version++;
  }

  /** Sets a TPS without touching the totals: for bulk loads, followed by one `aggregate()`. */
  write(t: number, state: StateCode, row: ArrayLike<number> | null): void {
    const i = t - this.tpsLo;
    const at = i * this.width;
    this.state[i] = state;
    const v = this.values;
    if (state === VERIFIED && row) {
      const formCount = this.layout.formCount;
      for (let c = 0; c < formCount; c++) v[at + c] = row[c]!;
      v[at + this.colDptL] = this.tree.tpsDptL[t]!;
      v[at + this.colDptP] = this.tree.tpsDptP[t]!;
      this.mask[i] = failMask(this.checks, v, at);
    } else {
      v.fill(-1, at, at + this.width);
      this.mask[i] = 0;
    }
  }

  /** Recomputes every region total of the race from the TPS rows in one pass (after bulk `write`s). */
  aggregate(): void {
    const { width, root, tree } = this;
    const checkN = this.checks.count;
    this.sums.fill(0);
    this.included.fill(0);
    this.withheld.fill(0);
    this.failing.fill(0);
    for (let t = this.tpsLo; t < this.tpsHi; t++) {
      const i = t - this.tpsLo;
      const d = tree.tpsDesa[t]! - root;
      const s = this.state[i];
      if (s === WITHHELD) this.withheld[d]!++;
      if (s !== VERIFIED) continue;
      this.included[d]!++;
      addRow(this.sums, d * width, this.values, i * width, width, 1);
      const m = this.mask[i]!;
      if (m !== 0) for (let b = 0; b < checkN; b++) if (m & (1 << b)) this.failing[d * checkN + b]!++;
    }
    // children come after their parent in region order: a reverse sweep adds each region into its parent
    for (let r = this.regionEnd - 1; r > root; r--) {
      const p = tree.parent[r]! - root;
      const x = r - root;
      this.included[p]! += this.included[x]!;
      this.withheld[p]! += this.withheld[x]!;
      for (let c = 0; c < width; c++) this.sums[p * width + c]! += this.sums[x * width + c]!;
      for (let b = 0; b < checkN; b++) this.failing[p * checkN + b]! += this.failing[x * checkN + b]!;
    }
    this.version++;
  }

  /** Adds (sign +1) or removes (-1) TPS t's contribution in its desa and every region above it in the race. */
  private contribute(t: number, sign: 1 | -1): void {
    const i = t - this.tpsLo;
    const s = this.state[i];
    if (s === MISSING) return;
    const { width, root, tree } = this;
    const checkN = this.checks.count;
    const m = this.mask[i]!;
    for (let r = tree.tpsDesa[t]!; ; r = tree.parent[r]!) {
      const x = r - root;
      if (s === WITHHELD) {
        this.withheld[x]! += sign;
      } else {
        this.included[x]! += sign;
        addRow(this.sums, x * width, this.values, i * width, width, sign);
        if (m !== 0) for (let b = 0; b < checkN; b++) if (m & (1 << b)) this.failing[x * checkN + b]! += sign;
      }
      if (r === root) break;
    }
  }
}

/** sums[at..at+n) += sign × max(row[from..from+n), 0): a missing value (-1) adds nothing. */
function addRow(sums: Float64Array, at: number, row: Int16Array, from: number, n: number, sign: number): void {
  for (let c = 0; c < n; c++) {
    const x = row[from + c]!;
    if (x > 0) sums[at + c]! += sign * x;
  }
}
