/**
 * Plausible, reproducible DPT (registered voters, L/P) for demo TPS.
 *
 * The TPS counts in the data are those of the Feb 2024 Pemilu, whose TPS held at most 300 voters, so a
 * regular TPS gets 226–300 voters (triangular around 263, Kabupaten Kediri's real mean), a special TPS (901+:
 * hospitals, prisons, pesantren) 20–250; men are 46–54 % of a TPS.
 *
 * Every number is a pure function of the TPS code, so Kediri seeded alone or inside the whole country gets
 * the same DPT. The generator is integer arithmetic only (no floating point, no libm), computed inside SQLite
 * when seeding (a JS callback per row would cost seconds for 820,000 TPS): a quadratic scramble of the code
 * gives a seed x0 < M, and draw k is x0 · A^(k+1) mod M (Park–Miller, M = 2^31 − 1, A = 48271).
 * `demoDpt` below is the same generator in TypeScript, the reference the tests check the SQL against.
 */
const M = 2147483647n;
const SEED = 20241127n;
/** A^1 … A^4 mod M for A = 48271: the multipliers of draws 0–3. */
const DRAW = [48271n, 182605794n, 1291394886n, 1914720637n] as const;

export function demoDpt(tpsCode: string): { l: number; p: number } {
  const c = BigInt(tpsCode);
  const x0 = ((c % M) * ((c % 65521n) + 1n) + SEED) % M;
  const draw = (k: 0 | 1 | 2 | 3) => Number((x0 * DRAW[k]) % M);
  const nomor = Number(tpsCode.slice(10));
  const total = nomor >= 901 ? 20 + (draw(0) % 231) : 300 - (draw(1) % 38) - (draw(2) % 38);
  const l = Math.floor((total * (460 + (draw(3) % 81))) / 1000);
  return { l, p: total - l };
}

/**
 * The same generator in SQL: wraps a query of TPS rows `(code, desa, n)` (n = TPS number) into one that adds
 * `dpt_l` and `dpt_p`. Each stage is fenced with `LIMIT -1 OFFSET 0` so SQLite keeps it as a co-routine
 * instead of flattening it, which would paste the seed expression into every use of it (3× slower).
 * All products fit in 63 bits.
 */
export function withDemoDptSql(rows: string): string {
  const draw = (k: 0 | 1 | 2 | 3) => `(x0 * ${DRAW[k]} % ${M})`;
  return `
    SELECT code, desa, n, dpt_l, total - dpt_l AS dpt_p FROM (
      SELECT code, desa, n, total, total * (460 + ${draw(3)} % 81) / 1000 AS dpt_l FROM (
        SELECT code, desa, n, x0,
          CASE WHEN n >= 901 THEN 20 + ${draw(0)} % 231 ELSE 300 - ${draw(1)} % 38 - ${draw(2)} % 38 END AS total
        FROM (
          SELECT code, desa, n, ((c % ${M}) * (c % 65521 + 1) + ${SEED}) % ${M} AS x0 FROM (
            SELECT code, desa, n, CAST(code AS INTEGER) AS c FROM (${rows}) LIMIT -1 OFFSET 0
          ) LIMIT -1 OFFSET 0
        ) LIMIT -1 OFFSET 0
      ) LIMIT -1 OFFSET 0
    )`;
}
