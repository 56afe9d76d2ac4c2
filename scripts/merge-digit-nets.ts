/**
 * Joins two digit models trained apart (same data seed and net, another netSeed: `train-digits.ts --net-seed N`)
 * into the one file the app ships: the first model's net decides confident boxes, the second joins it as an
 * 'independent' member on the others (digits/index.ts classifyNormalized), and the weights are stored as float16.
 *
 *   node --import tsx scripts/merge-digit-nets.ts --main A.json --independent B.json [--out resources/models/digits-v1.json] [--float32]
 */
import { fileURLToPath } from 'node:url';
import { decodeWeights, encodeWeights, netSeedOf, readModelFile, writeModelFile, type EnsembleMember, type WeightEncoding } from '../main/recognition/digits/model-file.ts';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const mainPath = arg('main');
const independentPath = arg('independent');
if (!mainPath || !independentPath) throw new Error('usage: merge-digit-nets.ts --main A.json --independent B.json [--out PATH] [--float32]');
const out = arg('out') ?? fileURLToPath(new URL('../resources/models/digits-v1.json', import.meta.url));
const encoding: WeightEncoding = process.argv.includes('--float32') ? 'float32' : 'float16';

const a = readModelFile(mainPath);
const b = readModelFile(independentPath);
if (JSON.stringify(a.spec) !== JSON.stringify(b.spec) || a.classes.join() !== b.classes.join()) throw new Error('the two models have different nets');
if (a.training.seed !== b.training.seed) throw new Error('the two models hold out different calibration digits (data seed)');
const bNetSeed = netSeedOf(b);
if (bNetSeed === netSeedOf(a)) throw new Error('the two models were trained with the same netSeed');

const recode = (w: string) => encodeWeights(decodeWeights(w, a.paramCount), encoding);
const members: EnsembleMember[] = [
  ...(a.members ?? []).map((m) => ({ ...m, weights: recode(m.weights) })),
  { kind: 'independent', netSeed: bNetSeed, epochs: b.training.epochs, temperature: b.temperature, weights: recode(b.weights) },
];
writeModelFile(out, {
  ...a,
  weights: recode(a.weights),
  members,
  metrics: {
    ...a.metrics,
    independentMnistTestAccuracy: b.metrics.mnistTestAccuracy,
    ...(b.metrics.photoHeldOutDigitAccuracy !== undefined ? { independentPhotoHeldOutDigitAccuracy: b.metrics.photoHeldOutDigitAccuracy } : {}),
  },
});
console.log(`${out}: main net seed ${netSeedOf(a)}, ${members.length} members (independent netSeed ${bNetSeed}), ${encoding}`);
