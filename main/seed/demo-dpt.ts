/**
 * Plausible, reproducible DPT (registered voters, L/P) for demo TPS. Each TPS's numbers come from a PRNG
 * seeded by its own code, so they do not depend on seeding order or scope: Kediri seeded alone or as part
 * of the whole country gets the same DPT.
 *
 * The TPS counts in the data are those of the Feb 2024 Pemilu (at most 300 voters per TPS), so regular TPS
 * get 150–300 voters (mean ≈ 260), special TPS (901+: hospitals, prisons, pesantren) 20–250.
 * Men and women are each 46–54 % of a TPS.
 */
const SEED = 'pleno-demo-2024';

export function demoDpt(tpsCode: string): { l: number; p: number } {
  const random = mulberry32(fnv1a(SEED + tpsCode));
  const nomor = Number(tpsCode.slice(10));
  const total = nomor >= 901
    ? 20 + Math.floor(random() * 231)
    : clamp(Math.round(260 + 28 * gaussian(random)), 150, 300);
  const l = Math.round(total * (0.46 + 0.08 * random()));
  return { l, p: total - l };
}

function gaussian(random: () => number): number {
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
