import { parentPort, workerData } from 'node:worker_threads';
import { Net, type NetSpec } from '../cnn.ts';
import { createWasmTrainer } from '../cnn-wasm.ts';
import { loadMnist } from '../mnist.ts';
import { Rng } from '../rng.ts';
import { EvalSets, heldOutDigits, type EvalSetName } from './eval-sets.ts';
import type { PhotoBoxData } from './photo-box-set.ts';
import { buildItem, type ItemSpace } from './samples.ts';

/**
 * Data-parallel training worker. Parameters live in a SharedArrayBuffer written only by the
 * coordinator between steps; each worker adds its share of a mini-batch's gradients into its
 * own shared gradient buffer. Every item is rebuilt from (seed, epoch, item), so the result does
 * not depend on timing — only on the seed and the number of workers.
 */
export interface WorkerInit {
  spec: NetSpec;
  params: SharedArrayBuffer;
  grads: SharedArrayBuffer;
  seed: number;
  digits: Int32Array;
  blanks: number;
  crosses: number;
  /** Photographed boxes for the photo phase (absent when it does not run). */
  photo?: PhotoBoxData;
  /** Share of photo boxes augmented (samples.ts). */
  photoAugment?: number;
}

export type WorkerRequest =
  | { type: 'step'; epoch: number; items: Int32Array; rawShare: number }
  | { type: 'eval'; set: EvalSetName; from: number; to: number }
  | { type: 'logits'; set: EvalSetName; from: number; to: number };

const init = workerData as WorkerInit;
const train = loadMnist('train');
const test = loadMnist('test');
const params = new Float32Array(init.params);
const grads = new Float32Array(init.grads);
const net = trainingNet();
const space: ItemSpace = { mnist: train, digits: init.digits, blanks: init.blanks, crosses: init.crosses, photo: init.photo, photoAugment: init.photoAugment };
const evalSets = new EvalSets(train, test, heldOutDigits(train.count, init.digits), init.photo);
const input = new Float32Array(784);

/**
 * The net this worker trains: on the WebAssembly kernels (cnn-wasm.ts, ~5× faster) where they run, else
 * cnn.ts's Net. Either reads the shared parameters at the start of a step and adds its gradients into the
 * shared gradient buffer by its end.
 */
function trainingNet(): {
  readonly outputSize: number;
  beginStep(): void;
  forward(input: Float32Array, train?: boolean, rand?: () => number): Float32Array;
  backward(label: number): number;
  endStep(): void;
} {
  const wasm = createWasmTrainer(init.spec);
  if (!wasm) {
    const js = new Net(init.spec, params);
    return { outputSize: js.outputSize, beginStep() {}, forward: (x, train, rand) => js.forward(x, train, rand), backward: (label) => js.backward(label, grads), endStep() {} };
  }
  return {
    outputSize: wasm.outputSize,
    beginStep: () => wasm.setParams(params),
    forward: (x, train, rand) => wasm.forward(x, train, rand),
    backward: (label) => wasm.backward(label),
    endStep: () => wasm.takeGrads(grads),
  };
}

/** Eval inputs are the same every epoch: build once, keep. */
const evalCache = new Map<string, { inputs: Float32Array; labels: Uint8Array }>();
function cached(set: EvalSetName, from: number, to: number) {
  const key = `${set}:${from}:${to}`;
  let c = evalCache.get(key);
  if (!c) {
    const inputs = new Float32Array((to - from) * 784);
    const labels = new Uint8Array(to - from);
    for (let i = from; i < to; i++) {
      labels[i - from] = evalSets.build(set, i, input);
      inputs.set(input, (i - from) * 784);
    }
    c = { inputs, labels };
    evalCache.set(key, c);
  }
  return c;
}

parentPort!.on('message', (msg: WorkerRequest) => {
  if (msg.type === 'step') {
    space.rawShare = msg.rawShare;
    grads.fill(0);
    net.beginStep();
    let loss = 0;
    let correct = 0;
    for (const item of msg.items) {
      const label = buildItem(space, item, init.seed, msg.epoch, input);
      const dropRng = Rng.derive(init.seed, msg.epoch, item, 0xd509);
      const logits = net.forward(input, true, () => dropRng.next());
      let best = 0;
      for (let k = 1; k < logits.length; k++) if (logits[k] > logits[best]) best = k;
      if (best === label) correct++;
      loss += net.backward(label);
    }
    net.endStep();
    parentPort!.postMessage({ loss, correct, n: msg.items.length });
    return;
  }
  const { inputs, labels } = cached(msg.set, msg.from, msg.to);
  net.beginStep(); // the parameters as they are now
  const n = msg.to - msg.from;
  const logitsOut = new Float32Array(n * net.outputSize);
  const preds = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const logits = net.forward(inputs.subarray(i * 784, (i + 1) * 784));
    logitsOut.set(logits, i * net.outputSize);
    let best = 0;
    for (let k = 1; k < logits.length; k++) if (logits[k] > logits[best]) best = k;
    preds[i] = best;
  }
  if (msg.type === 'eval') parentPort!.postMessage({ preds, labels });
  else parentPort!.postMessage({ logits: logitsOut, labels }, [logitsOut.buffer]);
});
parentPort!.postMessage({ ready: true });
