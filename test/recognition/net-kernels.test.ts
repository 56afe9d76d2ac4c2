import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { Net, type NetSpec } from '../../main/recognition/digits/cnn.ts';
import { createWasmNet, createWasmTrainer, NET_KERNELS_WASM_PATH } from '../../main/recognition/digits/cnn-wasm.ts';
import { DEFAULT_DIGIT_MODEL_PATH } from '../../main/recognition/digits/index.ts';
import { loadMnist } from '../../main/recognition/digits/mnist.ts';
import { decodeWeights, readModelFile } from '../../main/recognition/digits/model-file.ts';
import { Rng } from '../../main/recognition/digits/rng.ts';
import { compileNetKernels } from '../../scripts/net-kernels-compile.ts';

/** Largest |logit difference| between the TypeScript net and the WebAssembly one over the inputs. */
function maxLogitDiff(spec: NetSpec, params: Float32Array, inputs: Float32Array[]): number {
  const js = new Net(spec, params);
  const wasm = createWasmNet(spec, params);
  assert.ok(wasm, 'WebAssembly SIMD kernels load on this runtime');
  let worst = 0;
  for (const x of inputs) {
    const a = Array.from(js.forward(x));
    const b = wasm.forward(x);
    assert.equal(b.length, a.length);
    for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  }
  return worst;
}

/** A net of this spec with random weights and non-zero biases. */
function randomNet(spec: NetSpec, seed: number): Net {
  const rng = new Rng(seed);
  const net = new Net(spec);
  net.init(() => rng.next());
  for (let i = 0; i < net.params.length; i++) net.params[i] += (rng.next() - 0.5) * 0.1;
  return net;
}

/** Odd shapes: padding, receptive fields and inputs not a multiple of 4, an odd size the max-pool drops, dropout. */
const ODD_SPEC: NetSpec = {
  input: { c: 2, h: 11, w: 9 },
  layers: [
    { kind: 'conv', size: 3, out: 8, pad: 1 }, // K = 18: padded to 20
    { kind: 'maxpool' }, // 11×9 → 5×4 (odd row and column dropped)
    { kind: 'conv', size: 2, out: 4 }, // K = 32
    { kind: 'dense', out: 12, relu: true, dropout: 0.5 }, // nIn = 4·4·3 = 48
    { kind: 'dense', out: 4, relu: false },
  ],
};

/**
 * Trains both ways on the same items (same dropout draws): the largest gradient difference relative to the
 * largest gradient, and the largest loss difference.
 */
function gradientDiff(spec: NetSpec, net: Net, inputs: Float32Array[], labels: number[]): { grad: number; loss: number } {
  const trainer = createWasmTrainer(spec);
  assert.ok(trainer, 'WebAssembly SIMD kernels load on this runtime');
  trainer.setParams(net.params);
  const jsGrads = new Float32Array(net.paramCount);
  const wasmGrads = new Float32Array(net.paramCount);
  let loss = 0;
  inputs.forEach((x, i) => {
    const a = new Rng(100 + i);
    const b = new Rng(100 + i);
    net.forward(x, true, () => a.next());
    const lj = net.backward(labels[i], jsGrads);
    trainer.forward(x, true, () => b.next());
    const lw = trainer.backward(labels[i]);
    loss = Math.max(loss, Math.abs(lj - lw));
  });
  trainer.takeGrads(wasmGrads);
  let worst = 0;
  let scale = 0;
  for (let i = 0; i < jsGrads.length; i++) {
    worst = Math.max(worst, Math.abs(jsGrads[i] - wasmGrads[i]));
    scale = Math.max(scale, Math.abs(jsGrads[i]));
  }
  assert.ok(scale > 0, 'the items give gradients');
  return { grad: worst / scale, loss };
}

describe('digit net on WebAssembly SIMD kernels', () => {
  it('the committed net-kernels.wasm is what net-kernels.wat compiles to', async () => {
    assert.ok(Buffer.from(await compileNetKernels()).equals(readFileSync(NET_KERNELS_WASM_PATH)), 'run npm run build:kernels');
  });

  it('gives the committed model the same logits as cnn.ts on MNIST test digits (main net and ensemble member)', () => {
    const file = readModelFile(DEFAULT_DIGIT_MODEL_PATH);
    const mnist = loadMnist('test');
    const inputs = Array.from({ length: 200 }, (_, i) => {
      const at = ((i * 37) % mnist.count) * 784;
      return Float32Array.from(mnist.images.subarray(at, at + 784), (v) => v / 255);
    });
    for (const weights of [file.weights, ...(file.members ?? []).map((m) => m.weights)]) {
      assert.ok(maxLogitDiff(file.spec, decodeWeights(weights, file.paramCount), inputs) < 1e-4);
    }
  });

  it('handles shapes the digit model does not use: padding, receptive fields and inputs not a multiple of 4, odd sizes', () => {
    const net = randomNet(ODD_SPEC, 7);
    const rng = new Rng(8);
    const inputs = Array.from({ length: 50 }, () => Float32Array.from({ length: 2 * 11 * 9 }, () => rng.next()));
    assert.ok(maxLogitDiff(ODD_SPEC, net.params, inputs) < 1e-4);
  });

  it('trains like cnn.ts: the same loss and gradients, dropout included (odd shapes and the digit net)', () => {
    const rng = new Rng(9);
    const odd = gradientDiff(ODD_SPEC, randomNet(ODD_SPEC, 10), Array.from({ length: 30 }, () => Float32Array.from({ length: 2 * 11 * 9 }, () => rng.next())), Array.from({ length: 30 }, (_, i) => i % 4));
    assert.ok(odd.grad < 1e-4 && odd.loss < 1e-4, JSON.stringify(odd));
    const file = readModelFile(DEFAULT_DIGIT_MODEL_PATH);
    const mnist = loadMnist('train');
    const inputs = Array.from({ length: 30 }, (_, i) => Float32Array.from(mnist.images.subarray(i * 784, (i + 1) * 784), (v) => v / 255));
    const labels = Array.from({ length: 30 }, (_, i) => (i % 7 === 0 ? 10 : mnist.labels[i])); // some "wrong" labels: large gradients
    const digits = gradientDiff(file.spec, new Net(file.spec, decodeWeights(file.weights, file.paramCount)), inputs, labels);
    assert.ok(digits.grad < 1e-4 && digits.loss < 1e-4, JSON.stringify(digits));
  });

  it('declines what its kernels do not cover (output channels not a multiple of 4), so the caller keeps cnn.ts', () => {
    const spec: NetSpec = { input: { c: 1, h: 6, w: 6 }, layers: [{ kind: 'conv', size: 3, out: 6 }, { kind: 'dense', out: 4, relu: false }] };
    assert.equal(createWasmNet(spec, new Net(spec).params), null);
  });
});
