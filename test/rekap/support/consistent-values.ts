/**
 * Random but CONSISTENT C.Hasil numbers for a TPS: every check of main/rekap/checks.ts holds (L + P rows,
 * B.4 = B.1 + B.2 + B.3, ballots received = DPT + 2 % = used + damaged + unused, used = voters = sah +
 * tidak sah, Σ paslon = sah, nothing above DPT + 2 % or the TPS cap). Used by the property tests and the
 * country benchmark. `writer(fieldIds)` resolves columns once, so filling 821k rows stays fast.
 */
export type Random = () => number;

/** A small seeded PRNG (mulberry32): the same seed gives the same country. */
export function seededRandom(seed: number): Random {
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type RowWriter = (random: Random, dptL: number, dptP: number, row: Int16Array) => void;

/** A writer of consistent rows in the order of `fieldIds` (page 1, IV.n…, V.A, V.B, V.C). */
export function consistentRowWriter(fieldIds: readonly string[]): RowWriter {
  const c = (id: string) => {
    const i = fieldIds.indexOf(id);
    if (i < 0) throw new Error(`consistentRowWriter: no column ${id}`);
    return i;
  };
  const paslon = fieldIds.filter((id) => id.startsWith('IV.')).map(c);
  const [AL, AP, ALP] = [c('I.A.L'), c('I.A.P'), c('I.A.LP')];
  const b = [1, 2, 3, 4].map((k) => [c(`I.B.${k}.L`), c(`I.B.${k}.P`), c(`I.B.${k}.LP`)] as const);
  const [S1, S2, S3, S4] = [c('II.1'), c('II.2'), c('II.3'), c('II.4')];
  const [DL, DP, DLP] = [c('III.L'), c('III.P'), c('III.LP')];
  const [VA, VB, VC] = [c('V.A'), c('V.B'), c('V.C')];
  const weights = new Float64Array(paslon.length);

  return (random, dptL, dptP, row) => {
    const dpt = dptL + dptP;
    const reserve = Math.ceil((dpt * 2) / 100);
    row[AL] = dptL;
    row[AP] = dptP;
    row[ALP] = dpt;
    const b1L = Math.floor(dptL * (0.55 + 0.35 * random()));
    const b1P = Math.floor(dptP * (0.55 + 0.35 * random()));
    // DPTb and DPK voters fit in what is left under DPT + 2 %
    const slack = Math.floor((dpt + reserve - b1L - b1P) / 4);
    const b2L = Math.floor(random() * (Math.min(4, slack) + 1));
    const b2P = Math.floor(random() * (Math.min(4, slack) + 1));
    const b3L = Math.floor(random() * (Math.min(2, slack) + 1));
    const b3P = Math.floor(random() * (Math.min(2, slack) + 1));
    const b4L = b1L + b2L + b3L;
    const b4P = b1P + b2P + b3P;
    row[b[0]![0]] = b1L; row[b[0]![1]] = b1P; row[b[0]![2]] = b1L + b1P;
    row[b[1]![0]] = b2L; row[b[1]![1]] = b2P; row[b[1]![2]] = b2L + b2P;
    row[b[2]![0]] = b3L; row[b[2]![1]] = b3P; row[b[2]![2]] = b3L + b3P;
    row[b[3]![0]] = b4L; row[b[3]![1]] = b4P; row[b[3]![2]] = b4L + b4P;
    const voters = b4L + b4P;
    const received = dpt + reserve;
    const damaged = Math.min(Math.floor(random() * 4), received - voters);
    row[S1] = received;
    row[S2] = voters;
    row[S3] = damaged;
    row[S4] = received - voters - damaged;
    const disL = Math.floor(random() * (Math.min(3, b4L) + 1));
    const disP = Math.floor(random() * (Math.min(3, b4P) + 1));
    row[DL] = disL;
    row[DP] = disP;
    row[DLP] = disL + disP;
    const invalid = Math.floor(voters * 0.03 * random());
    const valid = voters - invalid;
    row[VA] = valid;
    row[VB] = invalid;
    row[VC] = voters;
    let total = 0;
    for (let k = 0; k < weights.length; k++) total += weights[k] = 0.2 + random();
    let given = 0;
    for (let k = 0; k < paslon.length; k++) {
      const share = k === paslon.length - 1 ? valid - given : Math.floor((valid * weights[k]!) / total);
      row[paslon[k]!] = share;
      given += share;
    }
  };
}

/** One consistent TPS as a field → value record. */
export function consistentValues(fieldIds: readonly string[], random: Random, dptL: number, dptP: number): Record<string, number> {
  const row = new Int16Array(fieldIds.length);
  consistentRowWriter(fieldIds)(random, dptL, dptP, row);
  return Object.fromEntries(fieldIds.map((id, i) => [id, row[i]!]));
}
