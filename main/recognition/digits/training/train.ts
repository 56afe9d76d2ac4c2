import { Worker } from 'node:worker_threads';
import { BLANK_INDEX, DIGIT_CLASSES } from '../classes.ts';
import { Net, describeSpec, type NetSpec } from '../cnn.ts';
import { loadMnist } from '../mnist.ts';
import { decodeWeights, encodeWeights, netSeedOf, readModelFile, writeModelFile, type DigitModelFile, type EnsembleMember } from '../model-file.ts';
import { Rng } from '../rng.ts';
import { photoBoxData, type PhotoBoxSet } from './photo-box-set.ts';
import { fitTemperature } from './temperature.ts';
import type { EvalSetName } from './eval-sets.ts';
import { EvalSets, heldOutDigits } from './eval-sets.ts';
import type { WorkerInit, WorkerRequest } from './train-worker.ts';

/**
 * Coordinates data-parallel training of the digit-box net over worker threads: shuffles items
 * per epoch, hands each worker its share of every mini-batch, sums their gradients in a fixed
 * order and applies AdamW with warm-up + cosine decay. Prints test accuracy per epoch, fits the
 * softmax temperature on the held-out train slice and writes the model file.
 */

/**
 * 5×5 conv (12) → pool → 3×3 conv (32) → pool → dense 128 → 12 classes. ~0.6 M multiply-adds per
 * digit: sized so inference stays above 2,000 digits/s on one core in plain JS. The committed model until
 * 2026-11-29 (`--small`).
 */
export const SMALL_DIGIT_NET_SPEC: NetSpec = {
  input: { c: 1, h: 28, w: 28 },
  layers: [
    { kind: 'conv', size: 5, out: 12 },
    { kind: 'maxpool' },
    { kind: 'conv', size: 3, out: 32 },
    { kind: 'maxpool' },
    { kind: 'dense', out: 128, relu: true, dropout: 0.25 },
    { kind: 'dense', out: DIGIT_CLASSES.length, relu: false },
  ],
};

/**
 * Twice the channels and units of SMALL_DIGIT_NET_SPEC (2,1 M multiply-adds per digit, 3,4×): affordable since
 * the reader and the trainer run on WebAssembly SIMD kernels (cnn-wasm.ts). The default since 2026-11-29: on
 * photographed boxes it misreads ~10 % fewer than the small net (digits/README.md).
 */
export const DIGIT_NET_SPEC: NetSpec = {
  input: { c: 1, h: 28, w: 28 },
  layers: [
    { kind: 'conv', size: 5, out: 24 },
    { kind: 'maxpool' },
    { kind: 'conv', size: 3, out: 64 },
    { kind: 'maxpool' },
    { kind: 'dense', out: 256, relu: true, dropout: 0.25 },
    { kind: 'dense', out: DIGIT_CLASSES.length, relu: false },
  ],
};

export interface TrainOptions {
  /** The net's layers (default DIGIT_NET_SPEC; SMALL_DIGIT_NET_SPEC is the earlier, smaller one). */
  spec?: NetSpec;
  /** Seeds the data: the held-out calibration slice (and so which MNIST digits photo boxes may use). */
  seed: number;
  /**
   * Seeds the weights' initialisation, the epoch order and the augmentation (default: seed). An independently
   * trained ensemble net differs from the first only here, so both share the held-out slice and the cached photo boxes.
   */
  netSeed?: number;
  epochs: number;
  batchSize: number;
  workers: number;
  lr: number;
  weightDecay: number;
  /** MNIST train digits held out for temperature fitting. */
  heldOut: number;
  blanksPerEpoch: number;
  crossesPerEpoch: number;
  /**
   * Second phase: a few epochs at a low learning rate with more untouched MNIST in the mix, after
   * the heavily augmented main phase (fresh optimiser state, its own warm-up and cosine decay).
   */
  fineTuneEpochs: number;
  fineTuneLr: number;
  fineTuneRawShare: number;
  /**
   * Third phase: a short, even gentler pass with most digits untouched MNIST, so the net settles
   * on the plain-handwriting distribution without forgetting boxes (fresh optimiser state again).
   */
  polishEpochs: number;
  polishLr: number;
  polishRawShare: number;
  /**
   * Keep the weights as they were before the polish phase as a second ensemble member in the
   * model file (a snapshot ensemble: the classifier averages both on unsure boxes only).
   */
  keepPrePolishMember: boolean;
  /**
   * Last phase: boxes cut from synthetic photographed pages by the real pipeline (photo-box-set.ts), mixed
   * with as many of the usual items times photoMix, at a low rate (fresh optimiser state). Runs when
   * photoBoxes is given and photoEpochs > 0; its held-out pages join the temperature fit.
   */
  photoBoxes?: PhotoBoxSet;
  photoEpochs: number;
  photoLr: number;
  /** Usual items (MNIST, drawn boxes, blanks, crosses) per photo box in each photo epoch. */
  photoMix: number;
  /** rawShare of the usual digit items during the photo phase. */
  photoRawShare: number;
  /**
   * Train on photo boxes labelled blank too. Off by default: the inked blank boxes (guide dots, specks) taught
   * the net to call faint photographed digits blank — digit→blank errors on the tuning set 21 → 47 while
   * blank errors went 9 → 2. (Held-out blank boxes still join the temperature fit.)
   */
  photoTrainBlanks: boolean;
  /** Share of photo boxes shown with a small random rotation / shear / scale / shift each epoch (photo-augment.ts). */
  photoAugment: number;
  /**
   * Keep the weights from before the photo phase as an ensemble member (its temperature fitted on the MNIST
   * calibration set, as it was when it was the whole model). The classifier consults members only for unsure
   * boxes: the photo-tuned net decides confident ones, the pre-photo net helps on hard plain digits.
   */
  photoKeepPriorMember: boolean;
  /**
   * Skip finished phases by loading a checkpoint of the same seed and schedule: one written after
   * the main phase (its .partial), or after main + fine-tune (e.g. an earlier model file).
   */
  resumeFrom?: string;
  out: string;
  log: (line: string) => void;
}

export const DEFAULT_TRAIN_OPTIONS: Omit<TrainOptions, 'out' | 'log'> = {
  seed: 20240214,
  epochs: 6,
  batchSize: 64,
  workers: 2,
  lr: 2e-3,
  weightDecay: 1e-4,
  heldOut: 2000,
  blanksPerEpoch: 2500,
  crossesPerEpoch: 2500,
  fineTuneEpochs: 2,
  fineTuneLr: 4e-4,
  fineTuneRawShare: 0.45,
  polishEpochs: 0,
  polishLr: 1.5e-4,
  polishRawShare: 0.6,
  keepPrePolishMember: false,
  photoEpochs: 3,
  photoLr: 6e-4,
  photoMix: 0.5,
  photoRawShare: 0.45,
  photoTrainBlanks: false,
  photoAugment: 0.5,
  photoKeepPriorMember: true,
};

/**
 * The MNIST TRAIN digits the training uses and the slice it holds out for the temperature: a seeded random
 * `heldOut` of the train set. Makers of other training data (scripts/photo-boxes.ts) keep off the held-out slice.
 */
export function trainingDigitSplit(trainCount: number, seed: number, heldOut: number): { digits: Int32Array; heldOut: Int32Array } {
  const order = new Rng(seed ^ 0x5eed).shuffle(Int32Array.from({ length: trainCount }, (_, i) => i));
  return {
    digits: Int32Array.from(order.subarray(0, trainCount - heldOut)).sort(),
    heldOut: Int32Array.from(order.subarray(trainCount - heldOut)).sort(),
  };
}

class WorkerHandle {
  private pending: ((v: unknown) => void) | null = null;
  constructor(readonly worker: Worker) {
    worker.on('message', (m) => {
      const p = this.pending;
      this.pending = null;
      p?.(m);
    });
    worker.on('error', (e) => {
      throw e;
    });
  }
  request<T>(msg: WorkerRequest | null): Promise<T> {
    return new Promise<T>((resolve) => {
      this.pending = resolve as (v: unknown) => void;
      if (msg) this.worker.postMessage(msg);
    });
  }
}

/**
 * Starts a worker on a TypeScript module. Node 20 does not pass tsx's loader hooks to a worker
 * given a .ts URL, so a two-line bootstrap registers tsx inside the worker first.
 */
function spawnTsWorker(url: URL, workerData: unknown): Worker {
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const code = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(url.href)}); });`;
  return new Worker(code, { eval: true, workerData });
}

function lrAt(step: number, total: number, warm: number, peak: number): number {
  if (step < warm) return (peak * (step + 1)) / warm;
  const t = (step - warm) / Math.max(1, total - warm);
  return peak * (0.02 + 0.98 * 0.5 * (1 + Math.cos(Math.PI * t)));
}

export async function trainDigitModel(opt: TrainOptions): Promise<DigitModelFile> {
  const started = Date.now();
  const log = opt.log;
  const trainSet = loadMnist('train');
  const testSet = loadMnist('test');

  // Held-out slice: a seeded random 2,000 of the 60,000 train digits.
  const { digits } = trainingDigitSplit(trainSet.count, opt.seed, opt.heldOut);
  const itemTotal = digits.length + opt.blanksPerEpoch + opt.crossesPerEpoch;
  const photo = opt.photoBoxes && opt.photoEpochs > 0 ? photoBoxData(opt.photoBoxes) : undefined;
  if (photo && !opt.photoTrainBlanks) photo.train = photo.train.filter((box) => photo.labels[box] !== BLANK_INDEX);

  const spec = opt.spec ?? DIGIT_NET_SPEC;
  const net = new Net(spec);
  const paramsSab = new SharedArrayBuffer(net.paramCount * 4);
  const params = new Float32Array(paramsSab);
  const netSeed = opt.netSeed ?? opt.seed;
  const initRng = new Rng(netSeed);
  net.init(() => initRng.next());
  params.set(net.params);
  log(`net: ${describeSpec(spec)} — ${net.paramCount} parameters`);
  log(`items/epoch: ${digits.length} digits + ${opt.blanksPerEpoch} blank + ${opt.crossesPerEpoch} cross; held out ${opt.heldOut}`);
  if (photo) {
    const m = opt.photoBoxes!.meta;
    log(`photo boxes: ${photo.train.length} train + ${photo.heldOut.length} held out, from ${m.registered} of ${m.pages} pages (seed ${m.seed}); ${m.emptyBoxes} empty boxes left out`);
  }

  const gradBufs: Float32Array[] = [];
  const handles: WorkerHandle[] = [];
  for (let w = 0; w < opt.workers; w++) {
    const gradsSab = new SharedArrayBuffer(net.paramCount * 4);
    gradBufs.push(new Float32Array(gradsSab));
    const data: WorkerInit = {
      spec,
      params: paramsSab,
      grads: gradsSab,
      seed: netSeed,
      digits,
      blanks: opt.blanksPerEpoch,
      crosses: opt.crossesPerEpoch,
      photo,
      photoAugment: opt.photoAugment,
    };
    const worker = spawnTsWorker(new URL('./train-worker.ts', import.meta.url), data);
    const h = new WorkerHandle(worker);
    handles.push(h);
  }
  await Promise.all(handles.map((h) => h.request(null)));

  const evalSizes = new EvalSets(trainSet, testSet, heldOutDigits(trainSet.count, digits), photo);
  async function runSplit<T>(type: 'eval' | 'logits', set: EvalSetName): Promise<T[]> {
    const n = evalSizes.size(set);
    return Promise.all(
      handles.map((h, w) =>
        h.request<T>({ type, set, from: Math.floor((w * n) / handles.length), to: Math.floor(((w + 1) * n) / handles.length) }),
      ),
    );
  }
  async function accuracy(set: EvalSetName): Promise<{ acc: number; digitAcc: number; errors: number }> {
    const parts = await runSplit<{ preds: Uint8Array; labels: Uint8Array }>('eval', set);
    let ok = 0, n = 0, dOk = 0, dN = 0;
    for (const { preds, labels } of parts) {
      for (let i = 0; i < preds.length; i++) {
        n++;
        if (preds[i] === labels[i]) ok++;
        if (labels[i] < 10) {
          dN++;
          if (preds[i] === labels[i]) dOk++;
        }
      }
    }
    return { acc: ok / n, digitAcc: dOk / dN, errors: n - ok };
  }

  // AdamW state (reset per phase).
  const m = new Float32Array(net.paramCount);
  const v = new Float32Array(net.paramCount);
  const b1 = 0.9, b2 = 0.999, eps = 1e-8;
  const allItems = () => Int32Array.from({ length: itemTotal }, (_, i) => i);
  let metrics: Record<string, number> = {};
  let priorSeconds = 0;
  let epochsDone = 0;
  let keptMember: { weights: Float32Array; epochs: number; temperature: number } | null = null;

  const makeModelFile = (temperature: number): DigitModelFile => ({
    format: 'pleno-digit-cnn',
    version: 1,
    classes: [...DIGIT_CLASSES],
    spec,
    architecture: describeSpec(spec),
    paramCount: net.paramCount,
    temperature,
    training: {
      seed: opt.seed,
      ...(netSeed !== opt.seed ? { netSeed } : {}),
      epochs: epochsDone,
      mainEpochs: opt.epochs,
      fineTuneEpochs: Math.min(opt.fineTuneEpochs, Math.max(0, epochsDone - opt.epochs)),
      polishEpochs: Math.min(opt.polishEpochs, Math.max(0, epochsDone - opt.epochs - opt.fineTuneEpochs)),
      batchSize: opt.batchSize,
      workers: opt.workers,
      trainItemsPerEpoch: itemTotal,
      heldOut: opt.heldOut,
      seconds: Math.round(priorSeconds + (Date.now() - started) / 1000),
      date: new Date().toISOString(),
    },
    metrics: { ...metrics },
    weights: encodeWeights(params),
    ...(keptMember
      ? { members: [{ epochs: keptMember.epochs, temperature: keptMember.temperature, weights: encodeWeights(keptMember.weights) } satisfies EnsembleMember] }
      : {}),
  });

  /** Fits the softmax temperature of the current weights on the held-out calibration set (+ held-out photo boxes). */
  async function fitCalibration(withPhoto = true) {
    const calib = await runSplit<{ logits: Float32Array; labels: Uint8Array }>('logits', 'calibration');
    if (photo && withPhoto) calib.push(...(await runSplit<{ logits: Float32Array; labels: Uint8Array }>('logits', 'photo-held-out')));
    const k = DIGIT_CLASSES.length;
    const allLogits = new Float32Array(calib.reduce((a, c) => a + c.labels.length, 0) * k);
    const allLabels = new Uint8Array(allLogits.length / k);
    let off = 0;
    for (const c of calib) {
      allLogits.set(c.logits, off * k);
      allLabels.set(c.labels, off);
      off += c.labels.length;
    }
    return fitTemperature(allLogits, allLabels, k);
  }

  async function photoAccuracy(): Promise<string> {
    if (!photo) return '';
    const held = await accuracy('photo-held-out');
    metrics.photoHeldOutAccuracy = held.acc;
    metrics.photoHeldOutDigitAccuracy = held.digitAcc;
    return `, photo held-out ${(100 * held.acc).toFixed(2)} % (digits ${(100 * held.digitAcc).toFixed(2)} %, ${held.errors} errors)`;
  }

  /** itemsOf(epoch): the items of one epoch, before shuffling (default: every usual item). */
  async function runPhase(name: string, firstEpoch: number, epochs: number, peakLr: number, rawShare: number, warm: number, itemsOf: (epoch: number) => Int32Array = allItems) {
    m.fill(0);
    v.fill(0);
    const epochItems = itemsOf(firstEpoch).length;
    const stepsPerEpoch = Math.ceil(epochItems / opt.batchSize);
    const totalSteps = stepsPerEpoch * epochs;
    let step = 0;
    for (let e = 0; e < epochs; e++) {
      const epoch = firstEpoch + e; // global epoch number: seeds this epoch's items
      const t0 = Date.now();
      const perm = Rng.derive(netSeed, epoch, 0x9e53).shuffle(itemsOf(epoch));
      if (perm.length !== epochItems) throw new Error(`${name}: epochs must have the same number of items`);
      let loss = 0, correct = 0, seen = 0;
      for (let s = 0; s < stepsPerEpoch; s++) {
        const batch = perm.subarray(s * opt.batchSize, Math.min(epochItems, (s + 1) * opt.batchSize));
        const per = Math.ceil(batch.length / handles.length);
        const replies = await Promise.all(
          handles.map((h, w) =>
            h.request<{ loss: number; correct: number; n: number }>({
              type: 'step',
              epoch,
              rawShare,
              items: Int32Array.from(batch.subarray(w * per, Math.min(batch.length, (w + 1) * per))),
            }),
          ),
        );
        for (const r of replies) {
          loss += r.loss;
          correct += r.correct;
          seen += r.n;
        }
        if (s > 0 && s % 250 === 0) {
          const rate = seen / ((Date.now() - t0) / 1000);
          log(`  ${name} epoch ${e + 1} step ${s}/${stepsPerEpoch}: loss ${(loss / seen).toFixed(4)}, acc ${((100 * correct) / seen).toFixed(2)} %, ${rate.toFixed(0)} items/s`);
        }
        const lr = lrAt(step, totalSteps, warm, peakLr);
        step++;
        const bc1 = 1 - Math.pow(b1, step);
        const bc2 = 1 - Math.pow(b2, step);
        const scale = 1 / batch.length;
        for (let i = 0; i < params.length; i++) {
          let g = 0;
          for (let w = 0; w < gradBufs.length; w++) g += gradBufs[w][i];
          g *= scale;
          m[i] = b1 * m[i] + (1 - b1) * g;
          v[i] = b2 * v[i] + (1 - b2) * g * g;
          params[i] -= lr * ((m[i] / bc1) / (Math.sqrt(v[i] / bc2) + eps) + opt.weightDecay * params[i]);
        }
      }
      const trainSecs = (Date.now() - t0) / 1000;
      const test = await accuracy('mnist-test');
      metrics.mnistTestAccuracy = test.acc;
      // The boxed set costs as much again; every third epoch and the last is enough to watch it.
      let boxedText = '';
      const last = e + 1 === epochs;
      if ((epoch + 1) % 3 === 0 || last) {
        const boxed = await accuracy('boxed-test');
        metrics.boxedTestAccuracy = boxed.acc;
        metrics.boxedTestDigitAccuracy = boxed.digitAcc;
        boxedText = `, boxed test ${(100 * boxed.acc).toFixed(2)} % (digits ${(100 * boxed.digitAcc).toFixed(2)} %)`;
      }
      if (name === 'photo') boxedText += await photoAccuracy();
      epochsDone = epoch + 1;
      log(
        `${name} epoch ${e + 1}/${epochs}: loss ${(loss / seen).toFixed(4)}, train acc ${((100 * correct) / seen).toFixed(2)} %, ` +
          `MNIST test ${(100 * test.acc).toFixed(2)} % (${test.errors} errors)${boxedText}, ` +
          `${trainSecs.toFixed(0)} s train + ${((Date.now() - t0) / 1000 - trainSecs).toFixed(0)} s eval`,
      );
      // Checkpoint (temperature 1 until fitted) so an interrupted run still leaves a usable model.
      writeModelFile(opt.out + '.partial', makeModelFile(1));
    }
  }

  if (opt.resumeFrom) {
    const prior = readModelFile(opt.resumeFrom);
    const t = prior.training;
    const boundaries = [opt.epochs, opt.epochs + opt.fineTuneEpochs];
    const sameRun = t.seed === opt.seed && netSeedOf(prior) === netSeed && t.mainEpochs === opt.epochs && t.workers === opt.workers && t.batchSize === opt.batchSize;
    if (!sameRun || !boundaries.includes(t.epochs) || prior.paramCount !== net.paramCount) {
      throw new Error(`${opt.resumeFrom}: not a phase boundary of this configuration`);
    }
    if (t.epochs > opt.epochs && (t.fineTuneEpochs ?? 0) !== opt.fineTuneEpochs) throw new Error(`${opt.resumeFrom}: other fine-tune length`);
    params.set(decodeWeights(prior.weights, net.paramCount));
    metrics = { ...prior.metrics };
    priorSeconds = t.seconds;
    epochsDone = t.epochs;
    log(`resumed after ${t.epochs} epochs (${(priorSeconds / 60).toFixed(1)} min) from ${opt.resumeFrom}`);
  } else {
    await runPhase('main', 0, opt.epochs, opt.lr, 0.1, Math.min(Math.ceil(itemTotal / opt.batchSize), 300));
  }
  if (opt.fineTuneEpochs > 0 && epochsDone < opt.epochs + opt.fineTuneEpochs) {
    await runPhase('fine-tune', opt.epochs, opt.fineTuneEpochs, opt.fineTuneLr, opt.fineTuneRawShare, 50);
  }
  if (opt.polishEpochs > 0) {
    if (opt.keepPrePolishMember) {
      const fit = await fitCalibration();
      keptMember = { weights: Float32Array.from(params), epochs: epochsDone, temperature: fit.temperature };
      log(`kept the ${epochsDone}-epoch weights as an ensemble member (temperature ${fit.temperature.toFixed(3)})`);
    }
    await runPhase('polish', opt.epochs + opt.fineTuneEpochs, opt.polishEpochs, opt.polishLr, opt.polishRawShare, 50);
  }
  if (photo) {
    const before = await accuracy('mnist-test');
    log(`before the photo phase: MNIST test ${(100 * before.acc).toFixed(2)} %${await photoAccuracy()}`);
    const base = itemTotal;
    const mix = Math.round(opt.photoMix * photo.train.length);
    // Every photo box each epoch, plus a seeded draw of the usual items so the net does not forget them.
    const itemsOf = (epoch: number) => {
      const out = new Int32Array(photo.train.length + mix);
      for (let j = 0; j < photo.train.length; j++) out[j] = base + j;
      const usual = Rng.derive(netSeed, epoch, 0x9407).shuffle(allItems());
      out.set(usual.subarray(0, Math.min(mix, itemTotal)), photo.train.length);
      return out.subarray(0, photo.train.length + Math.min(mix, itemTotal));
    };
    if (opt.photoKeepPriorMember) {
      if (keptMember) throw new Error('keep either the pre-polish or the pre-photo weights as a member, not both');
      const fit = await fitCalibration(false);
      keptMember = { weights: Float32Array.from(params), epochs: epochsDone, temperature: fit.temperature };
      log(`kept the ${epochsDone}-epoch weights as an ensemble member (temperature ${fit.temperature.toFixed(3)})`);
    }
    metrics.photoPhaseEpochs = opt.photoEpochs;
    metrics.photoPages = opt.photoBoxes!.meta.pages;
    metrics.photoTrainBoxes = photo.train.length;
    await runPhase('photo', opt.epochs + opt.fineTuneEpochs + opt.polishEpochs, opt.photoEpochs, opt.photoLr, opt.photoRawShare, 50, itemsOf);
  }

  // Temperature scaling on the held-out train slice.
  const fit = await fitCalibration();
  metrics.calibrationNllBefore = fit.nllAtOne;
  metrics.calibrationNllAfter = fit.nll;
  metrics.calibrationEceAfter = fit.ece;
  log(`temperature ${fit.temperature.toFixed(3)}: held-out NLL ${fit.nllAtOne.toFixed(4)} → ${fit.nll.toFixed(4)}, ECE ${fit.ece.toFixed(4)}`);

  for (const h of handles) await h.worker.terminate();
  const model = makeModelFile(fit.temperature);
  writeModelFile(opt.out, model);
  log(`wrote ${opt.out} after ${(model.training.seconds / 60).toFixed(1)} min`);
  return model;
}
