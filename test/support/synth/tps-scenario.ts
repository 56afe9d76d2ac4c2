/**
 * One TPS's true counts, generated to obey the rules of a real count (domain.md "Arithmetic"):
 * DPT ≤ the TPS cap, voters ≤ DPT per sex, B.4 = B.1 + B.2 + B.3, ballots received = DPT + 2 %
 * reserve rounded up, received = used + damaged + unused, used = B.4 = valid + invalid,
 * valid = Σ paslon. Values are spread so that 1-, 2- and 3-digit numbers and zeros all occur.
 */
import type { Rng } from './rng.ts';

export type Sex = 'L' | 'P' | 'LP';
export interface BySex { L: number; P: number; LP: number }

export interface TpsScenario {
  cap: number;
  /** DPT (registered voters). */
  dpt: BySex;
  /** NETGRIT only: registered in DPTb / DPK, and the A.4 total. */
  dptbReg: BySex;
  dpkReg: BySex;
  dptAll: BySex;
  /** Voters: B.1 from DPT, B.2 DPTb, B.3 DPK, B.4 total. */
  b1: BySex; b2: BySex; b3: BySex; b4: BySex;
  /** Registered voters with disabilities (NETGRIT III.1) and those who voted (III / III.2). */
  disabReg: BySex;
  disab: BySex;
  ballots: { received: number; used: number; damaged: number; unused: number };
  /** Votes per vote row (paslon, plus the empty box for a single-pair race). */
  votes: number[];
  sah: number;
  tidakSah: number;
  total: number;
}

const both = (L: number, P: number): BySex => ({ L, P, LP: L + P });
const reserve = (n: number) => n + Math.ceil((n * 2) / 100);

/** A count that is often small: 0 sometimes, mostly a few, occasionally up to `max`. */
function smallCount(rng: Rng, max: number): number {
  if (max <= 0) return 0;
  const kind = rng.weighted([['zero', 0.2], ['few', 0.6], ['more', 0.2]] as const);
  if (kind === 'zero') return 0;
  if (kind === 'few') return rng.int(1, Math.min(max, 9));
  return rng.int(0, max);
}

/**
 * `reserveBase`: what the 2 % reserve is computed on — the DPT (official, KWK) or the A.4 total
 * of DPT + DPTb + DPK (NETGRIT).
 */
export function generateScenario(rng: Rng, opts: { cap: number; voteRows: number; reserveBase: 'dpt' | 'dptAll' }): TpsScenario {
  const { cap, voteRows } = opts;
  const dptTotal = rng.chance(0.85) ? rng.int(Math.round(cap * 0.4), cap) : rng.int(15, Math.round(cap * 0.4));
  const dptL = Math.round(dptTotal * rng.uniform(0.45, 0.55));
  const dpt = both(dptL, dptTotal - dptL);
  // NETGRIT's A.2/A.3: voters moved in (DPTb) and unregistered voters (DPK, counted when they vote).
  // Small TPS get proportionally fewer of them.
  const extra = Math.max(1, Math.min(15, Math.floor(dptTotal * 0.05)));
  const dptbReg = both(smallCount(rng, extra), smallCount(rng, extra));
  const b3 = both(smallCount(rng, Math.min(8, extra)), smallCount(rng, Math.min(8, extra)));
  const turnout = rng.uniform(0.5, 0.92);
  const b1 = both(Math.round(dpt.L * rng.clippedNormal(turnout, 0.04, 0.3, 1)), Math.round(dpt.P * rng.clippedNormal(turnout, 0.04, 0.3, 1)));
  const b2 = both(rng.int(0, dptbReg.L), rng.int(0, dptbReg.P));
  const damaged = smallCount(rng, 5);
  // Keep used + damaged within what was received and every count within the TPS cap: take voters
  // away from the largest group until it fits (DPK voters are also DPK registrations on NETGRIT).
  let dpkReg: BySex, dptAll: BySex, b4: BySex, received: number;
  for (;;) {
    dpkReg = { ...b3 };
    dptAll = both(dpt.L + dptbReg.L + dpkReg.L, dpt.P + dptbReg.P + dpkReg.P);
    b4 = both(b1.L + b2.L + b3.L, b1.P + b2.P + b3.P);
    received = reserve(opts.reserveBase === 'dpt' ? dpt.LP : dptAll.LP);
    if (b4.LP + damaged <= received && b4.LP <= cap) break;
    const groups: [BySex, 'L' | 'P'][] = [[b1, 'L'], [b1, 'P'], [b2, 'L'], [b2, 'P'], [b3, 'L'], [b3, 'P']];
    const [g, sex] = groups.reduce((best, cur) => (cur[0][cur[1]] > best[0][best[1]] ? cur : best));
    if (g[sex] === 0) throw new Error('scenario: cannot fit voters into ballots');
    g[sex]--;
    g.LP = g.L + g.P;
  }
  const used = b4.LP;
  const disabReg = both(smallCount(rng, 9), smallCount(rng, 9));
  const disab = both(rng.int(0, Math.min(disabReg.L, b4.L)), rng.int(0, Math.min(disabReg.P, b4.P)));
  const tidakSah = rng.chance(0.15) ? 0 : Math.min(used, rng.int(0, Math.max(1, Math.round(used * 0.06))));
  const sah = used - tidakSah;
  const votes = splitVotes(rng, sah, voteRows);
  return {
    cap, dpt, dptbReg, dpkReg, dptAll, b1, b2, b3, b4, disabReg, disab,
    ballots: { received, used, damaged, unused: received - used - damaged },
    votes, sah, tidakSah, total: used,
  };
}

/** Splits `total` votes over `n` rows with a random, sometimes lopsided share (Dirichlet-like). */
function splitVotes(rng: Rng, total: number, n: number): number[] {
  const concentration = rng.uniform(0.4, 3);
  const weights = Array.from({ length: n }, () => gammaLike(rng, concentration));
  const sum = weights.reduce((a, b) => a + b, 0) || 1;
  const votes = weights.map((w) => Math.floor((total * w) / sum));
  let rest = total - votes.reduce((a, b) => a + b, 0);
  while (rest-- > 0) votes[rng.int(0, n - 1)]++;
  return votes;
}

/** A positive draw with shape ~k (sum of exponentials, fractional part by power): enough for shares. */
function gammaLike(rng: Rng, k: number): number {
  let x = 0;
  for (let i = 0; i < Math.floor(k); i++) x -= Math.log(1 - rng.next());
  const frac = k - Math.floor(k);
  if (frac > 0) x += -Math.log(1 - rng.next()) * Math.pow(rng.next(), 1 / frac);
  return x + 1e-6;
}
