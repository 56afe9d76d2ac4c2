/**
 * The region hierarchy (provinsi → kab/kota → kecamatan → desa → TPS) as flat arrays, for the rekap.
 *
 * Regions are numbered in code order, which is a depth-first pre-order (a code is a prefix of its
 * descendants' codes): every region's subtree is one contiguous range of region numbers, and — because
 * TPS are numbered in code order too — one contiguous range of TPS numbers ("ordinals"). The rekap keeps
 * its per-TPS values in typed arrays indexed by ordinal and its totals in arrays indexed by region number,
 * so nothing here is a per-TPS object: the whole country (92k regions, 821k TPS) is a few MB.
 */
import { levelOfCode, type RegionLevel } from '../../shared/domain/types.ts';

export const LEVELS: readonly RegionLevel[] = ['provinsi', 'kabkota', 'kecamatan', 'desa'];

export type RegionTree = {
  readonly regionCount: number;
  readonly tpsCount: number;
  readonly codes: readonly string[];
  readonly names: readonly string[];
  /** Index into LEVELS. */
  readonly level: Uint8Array;
  /** Parent region number, -1 for a province. */
  readonly parent: Int32Array;
  /** The subtree of region i is regions [i, subtreeEnd[i]). */
  readonly subtreeEnd: Int32Array;
  /** The TPS under region i are ordinals [tpsStart[i], tpsEnd[i]). */
  readonly tpsStart: Int32Array;
  readonly tpsEnd: Int32Array;
  /** Registered voters (master data) under region i, all its TPS. */
  readonly dptL: Float64Array;
  readonly dptP: Float64Array;
  /** Per TPS ordinal: its desa's region number, its number in the desa, its registered DPT. */
  readonly tpsDesa: Int32Array;
  readonly tpsNomor: Uint16Array;
  readonly tpsDptL: Uint16Array;
  readonly tpsDptP: Uint16Array;
  regionIndex(code: string): number | undefined;
  /** Ordinal of a 13-digit TPS code, undefined when the tree has no such TPS. */
  tpsIndex(code: string): number | undefined;
  tpsCode(ordinal: number): string;
};

/**
 * Collects regions (any order) and TPS (in ascending code order, as `ORDER BY code` or a sorted walk of
 * the wilayah data gives them) and builds the tree. Inconsistent input (a TPS without its desa, a region
 * without its parent, TPS out of order) is a programming or data error and throws.
 */
export class RegionTreeBuilder {
  private readonly regions: { code: string; name: string }[] = [];
  /** TPS come grouped by desa: one run per desa, in code order. */
  private readonly desaRuns: { code: string; start: number }[] = [];
  private nomor = new Uint16Array(1024);
  private dptL = new Uint16Array(1024);
  private dptP = new Uint16Array(1024);
  private n = 0;

  addRegion(code: string, name: string): void {
    levelOfCode(code);
    this.regions.push({ code, name });
  }

  addTps(code: string, dptL: number, dptP: number): void {
    if (code.length !== 13) throw new Error(`RegionTreeBuilder: kode TPS harus 13 digit: ${code}`);
    this.addTpsOf(code.slice(0, 10), Number(code.slice(10)), dptL, dptP);
  }

  /** The same as `addTps(desaCode + nomor as 3 digits, …)` without building the code. */
  addTpsOf(desaCode: string, nomor: number, dptL: number, dptP: number): void {
    const run = this.desaRuns[this.desaRuns.length - 1];
    if (run === undefined || run.code !== desaCode) {
      if (run !== undefined && run.code > desaCode) throw new Error(`RegionTreeBuilder: TPS harus urut kode: desa ${desaCode} setelah ${run.code}`);
      this.desaRuns.push({ code: desaCode, start: this.n });
    } else if (this.nomor[this.n - 1]! >= nomor) {
      throw new Error(`RegionTreeBuilder: TPS harus urut kode: ${desaCode} nomor ${nomor} setelah ${this.nomor[this.n - 1]}`);
    }
    if (!(nomor >= 1 && nomor <= 999)) throw new Error(`RegionTreeBuilder: nomor TPS ${nomor} di luar 1–999`);
    if (this.n === this.nomor.length) this.grow();
    this.nomor[this.n] = nomor;
    this.dptL[this.n] = dptL;
    this.dptP[this.n] = dptP;
    this.n++;
  }

  build(): RegionTree {
    const regions = this.regions.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    const count = regions.length;
    const codes = regions.map((r) => r.code);
    const index = new Map<string, number>();
    codes.forEach((c, i) => {
      if (index.has(c)) throw new Error(`RegionTreeBuilder: kode wilayah ganda: ${c}`);
      index.set(c, i);
    });

    const level = new Uint8Array(count);
    const parent = new Int32Array(count);
    for (let i = 0; i < count; i++) {
      const code = codes[i]!;
      level[i] = LEVELS.indexOf(levelOfCode(code));
      if (code.length === 2) {
        parent[i] = -1;
      } else {
        const p = index.get(code.slice(0, code.length === 10 ? 6 : code.length - 2));
        if (p === undefined) throw new Error(`RegionTreeBuilder: induk wilayah ${code} tidak ada`);
        parent[i] = p;
      }
    }
    // pre-order: a region's subtree ends where the codes stop starting with its code
    const subtreeEnd = new Int32Array(count);
    const stack: number[] = [];
    for (let i = 0; i < count; i++) {
      while (stack.length > 0 && !codes[i]!.startsWith(codes[stack[stack.length - 1]!]!)) subtreeEnd[stack.pop()!] = i;
      stack.push(i);
    }
    for (const open of stack) subtreeEnd[open] = count;

    const n = this.n;
    const tpsDesa = new Int32Array(n);
    const perRegion = new Int32Array(count + 1);
    const dptL = new Float64Array(count);
    const dptP = new Float64Array(count);
    this.desaRuns.forEach((run, k) => {
      const d = index.get(run.code);
      if (d === undefined || level[d] !== 3) throw new Error(`RegionTreeBuilder: desa ${run.code} dari TPS tidak ada`);
      const end = this.desaRuns[k + 1]?.start ?? n;
      tpsDesa.fill(d, run.start, end);
      perRegion[d] = end - run.start;
      for (let t = run.start; t < end; t++) {
        dptL[d]! += this.dptL[t]!;
        dptP[d]! += this.dptP[t]!;
      }
    });
    // TPS before region i (in code order) = TPS of all desa numbered below i
    const before = new Int32Array(count + 1);
    for (let i = 0; i < count; i++) before[i + 1] = before[i]! + perRegion[i]!;
    const tpsStart = new Int32Array(count);
    const tpsEnd = new Int32Array(count);
    for (let i = 0; i < count; i++) {
      tpsStart[i] = before[i]!;
      tpsEnd[i] = before[subtreeEnd[i]!]!;
    }
    for (let i = count - 1; i >= 0; i--) {
      const p = parent[i]!;
      if (p >= 0) {
        dptL[p]! += dptL[i]!;
        dptP[p]! += dptP[i]!;
      }
    }

    const tpsNomor = this.nomor.slice(0, n);
    let lastDesa = -1;
    const tpsDptL = this.dptL.slice(0, n);
    const tpsDptP = this.dptP.slice(0, n);
    return {
      regionCount: count,
      tpsCount: n,
      codes,
      names: regions.map((r) => r.name),
      level, parent, subtreeEnd, tpsStart, tpsEnd, dptL, dptP,
      tpsDesa, tpsNomor, tpsDptL, tpsDptP,
      regionIndex: (code) => index.get(code),
      tpsIndex(code) {
        if (code.length !== 13) return undefined;
        // loads look TPS up in code order: the desa of the previous lookup is usually the right one
        let d = lastDesa;
        if (d < 0 || !code.startsWith(codes[d]!)) {
          const found = index.get(code.slice(0, 10));
          if (found === undefined || level[found] !== 3) return undefined;
          d = lastDesa = found;
        }
        const nomor = digit(code, 10) * 100 + digit(code, 11) * 10 + digit(code, 12);
        // binary search the desa's TPS (ascending nomor)
        let lo = tpsStart[d]!;
        let hi = tpsEnd[d]!;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          const m = tpsNomor[mid]!;
          if (m === nomor) return mid;
          if (m < nomor) lo = mid + 1;
          else hi = mid;
        }
        return undefined;
      },
      tpsCode: (t) => codes[tpsDesa[t]!]! + String(tpsNomor[t]!).padStart(3, '0'),
    };
  }

  private grow(): void {
    const size = this.nomor.length * 2;
    const grow16 = (a: Uint16Array) => {
      const b = new Uint16Array(size);
      b.set(a);
      return b;
    };
    this.nomor = grow16(this.nomor);
    this.dptL = grow16(this.dptL);
    this.dptP = grow16(this.dptP);
  }
}

/** The digit at position i of a code; -1000 for anything else, so the nomor it makes matches no TPS. */
function digit(code: string, i: number): number {
  const d = code.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : -1000;
}
