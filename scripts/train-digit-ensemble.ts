/**
 * npm run train:digits — makes resources/models/digits-v1.json as shipped: two nets trained apart by
 * scripts/train-digits.ts (the same data seed, another weights seed for the second), joined by
 * scripts/merge-digit-nets.ts (float16). Each run is seeded, so this reproduces the committed model.
 * ~25 min per net on 2 cores, plus ~30 min once for the photo boxes (then cached in the OS temp folder); on the
 * faster 2-core machine of 2026-11-29: 11–15 min per net and 13 min for the photo boxes, ~40 min in all.
 *
 *   node --import tsx scripts/train-digit-ensemble.ts [--out PATH] [--keep DIR]   (other flags go to both runs)
 *
 * `npm run train:digits:net` trains one net alone (scripts/train-digits.ts, all its options).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The second net's weights seed (the first uses the data seed itself). */
const INDEPENDENT_NET_SEED = 77031;

const args = process.argv.slice(2);
const take = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return undefined;
  const [, value] = args.splice(i, 2);
  return value;
};
const out = take('out') ?? fileURLToPath(new URL('../resources/models/digits-v1.json', import.meta.url));
const keep = take('keep');
const dir = keep ?? mkdtempSync(join(tmpdir(), 'pleno-digit-ensemble-'));
mkdirSync(dir, { recursive: true });
const script = (name: string) => fileURLToPath(new URL(`./${name}`, import.meta.url));
const run = (name: string, extra: string[]) => execFileSync(process.execPath, ['--import', 'tsx', script(name), ...extra], { stdio: 'inherit' });

const first = join(dir, 'net-main.json');
const second = join(dir, `net-${INDEPENDENT_NET_SEED}.json`);
run('train-digits.ts', [...args, '--out', first]);
run('train-digits.ts', [...args, '--net-seed', String(INDEPENDENT_NET_SEED), '--out', second]);
run('merge-digit-nets.ts', ['--main', first, '--independent', second, '--out', out]);
console.log(`[train-digit-ensemble] ${out} (the two nets are in ${dir})`);
