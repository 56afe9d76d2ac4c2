/**
 * The digit net on WebAssembly SIMD kernels (wasm/net-kernels.wat): the same layers and weights as cnn.ts's
 * Net. WasmNet is the reader's forward pass (~6× faster than cnn.ts); WasmTrainer adds the backward pass
 * for training (cnn.ts stays the reference both are tested against, and the fallback).
 *
 * Each instance owns one instance of the kernels module and so one linear memory, laid out once at
 * construction: the input, then per layer its weights (rows zero-padded to a multiple of 4 floats), its
 * im2col table and columns (convolutions) and its output, and for training the gradients of each. Nothing
 * is allocated per call. Results equal Net's to float rounding (single-precision sums in another order).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { softmaxCrossEntropyGrad, type NetSpec } from './cnn.ts';

export const NET_KERNELS_WASM_PATH = fileURLToPath(new URL('../../../resources/models/net-kernels.wasm', import.meta.url));

/** What the reader needs of a net: logits for one input (a buffer owned by the net, overwritten by the next call). */
export interface InferenceNet {
  forward(input: Float32Array): Float32Array;
}

interface Kernels {
  memory: WebAssembly.Memory;
  gemm(w: number, b: number, x: number, out: number, k: number, p: number, cout: number, relu: number): void;
  gather(src: number, idx: number, cols: number, n: number): void;
  maxpool(src: number, dst: number, c: number, ih: number, iw: number): void;
  reluMask(out: number, d: number, n: number): void;
  gemmBack(w: number, x: number, d: number, gw: number, gb: number, dx: number, k: number, p: number, cout: number): void;
  scatter(cols: number, idx: number, dst: number, n: number): void;
  maxpoolBack(src: number, d: number, dst: number, c: number, ih: number, iw: number): void;
}

let compiled: WebAssembly.Module | null | undefined;

/** The kernels module, compiled once per thread; null where this runtime has no WebAssembly SIMD. */
function kernelsModule(): WebAssembly.Module | null {
  if (compiled === undefined) {
    try {
      compiled = new WebAssembly.Module(readFileSync(NET_KERNELS_WASM_PATH));
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

const FLOAT = 4;
const roundUp4 = (n: number) => Math.ceil(n / 4) * 4;

/** The kernels cover these specs: every layer's output count a multiple of 4. */
function supported(spec: NetSpec): boolean {
  return spec.layers.every((l) => l.kind === 'maxpool' || l.out % 4 === 0);
}

/**
 * A WasmNet for this spec and weights, or null when the kernels cannot run here or the spec has a shape
 * they do not cover (output channels not a multiple of 4): the caller then uses cnn.ts's Net.
 */
export function createWasmNet(spec: NetSpec, params: Float32Array): WasmNet | null {
  const module = kernelsModule();
  return module && supported(spec) ? new WasmNet(module, spec, params) : null;
}

/** A WasmTrainer for this spec, or null where the kernels cannot run it (see createWasmNet). */
export function createWasmTrainer(spec: NetSpec): WasmTrainer | null {
  const module = kernelsModule();
  return module && supported(spec) ? new WasmTrainer(module, spec) : null;
}

/** One layer in linear memory (byte offsets; 0 = absent: offset 0 is the net's input, never anything else). */
interface LayerLayout {
  kind: 'conv' | 'maxpool' | 'dense';
  /** Input and output activations. */
  src: number;
  out: number;
  outFloats: number;
  /** Input shape (maxpool) / row length in floats, padded (conv, dense). */
  in: { c: number; h: number; w: number };
  k: number;
  kp: number;
  p: number;
  cout: number;
  relu: boolean;
  dropout: number;
  w: number;
  b: number;
  idx: number;
  cols: number;
  /** Offset of the layer's weights in Net's flat parameter array. */
  paramOff: number;
  /** Training: gradients of the weights and bias, of the output (dOut) and of the im2col columns. */
  gw: number;
  gb: number;
  dOut: number;
  dCols: number;
}

interface Layout {
  top: number;
  input: number;
  inputFloats: number;
  layers: LayerLayout[];
  paramCount: number;
}

/** Byte offsets of everything, 16-byte aligned for v128 loads. */
function layOut(spec: NetSpec, training: boolean): Layout {
  let top = 0;
  const alloc = (floats: number) => {
    const at = top;
    top += Math.ceil((floats * FLOAT) / 16) * 16;
    return at;
  };
  const inputFloats = spec.input.c * spec.input.h * spec.input.w;
  const input = alloc(roundUp4(inputFloats));
  const layers: LayerLayout[] = [];
  let shape = { ...spec.input };
  let src = input;
  let paramOff = 0;
  for (const layer of spec.layers) {
    const base = { src, in: shape, relu: false, dropout: 0, w: 0, b: 0, idx: 0, cols: 0, gw: 0, gb: 0, dCols: 0, paramOff, k: 0, kp: 0, p: 1, cout: 0 };
    let l: LayerLayout;
    if (layer.kind === 'conv') {
      const pad = layer.pad ?? 0;
      const oh = shape.h + 2 * pad - layer.size + 1;
      const ow = shape.w + 2 * pad - layer.size + 1;
      const k = shape.c * layer.size * layer.size;
      const kp = roundUp4(k);
      const p = oh * ow;
      const cout = layer.out;
      l = { ...base, kind: 'conv', k, kp, p, cout, relu: true, w: alloc(cout * kp), b: alloc(cout), idx: alloc(p * kp), cols: alloc(p * kp), out: alloc(roundUp4(cout * p)), outFloats: cout * p, dOut: 0 };
      if (training) Object.assign(l, { gw: alloc(cout * kp), gb: alloc(cout), dOut: alloc(roundUp4(cout * p)), dCols: alloc(p * kp) });
      paramOff += cout * k + cout;
      shape = { c: cout, h: oh, w: ow };
    } else if (layer.kind === 'maxpool') {
      const floats = shape.c * (shape.h >> 1) * (shape.w >> 1);
      l = { ...base, kind: 'maxpool', out: alloc(roundUp4(floats)), outFloats: floats, dOut: 0 };
      if (training) l.dOut = alloc(roundUp4(floats));
      shape = { c: shape.c, h: shape.h >> 1, w: shape.w >> 1 };
    } else {
      const k = shape.c * shape.h * shape.w;
      const kp = roundUp4(k); // the input buffer's tail past k is allocated and stays 0
      const cout = layer.out;
      l = { ...base, kind: 'dense', k, kp, p: 1, cout, relu: layer.relu, dropout: layer.dropout ?? 0, w: alloc(cout * kp), b: alloc(cout), out: alloc(roundUp4(cout)), outFloats: cout, dOut: 0 };
      if (training) Object.assign(l, { gw: alloc(cout * kp), gb: alloc(cout), dOut: alloc(roundUp4(cout)) });
      paramOff += cout * k + cout;
      shape = { c: cout, h: 1, w: 1 };
    }
    layers.push(l);
    src = l.out;
  }
  return { top, input, inputFloats, layers, paramCount: paramOff };
}

/** The receptive field of every output position of a convolution, as input indices (−1 = padding or row padding). */
function fillGather(table: Int32Array, inShape: { c: number; h: number; w: number }, size: number, pad: number, kp: number): void {
  const oh = inShape.h + 2 * pad - size + 1;
  const ow = inShape.w + 2 * pad - size + 1;
  table.fill(-1);
  for (let oy = 0; oy < oh; oy++) {
    for (let ox = 0; ox < ow; ox++) {
      for (let ci = 0; ci < inShape.c; ci++) {
        for (let ky = 0; ky < size; ky++) {
          for (let kx = 0; kx < size; kx++) {
            const iy = oy + ky - pad;
            const ix = ox + kx - pad;
            const inside = iy >= 0 && iy < inShape.h && ix >= 0 && ix < inShape.w;
            table[(oy * ow + ox) * kp + (ci * size + ky) * size + kx] = inside ? (ci * inShape.h + iy) * inShape.w + ix : -1;
          }
        }
      }
    }
  }
}

/** Instance, memory of the layout's size (fresh pages are zero) and the im2col tables. */
function instantiate(module: WebAssembly.Module, spec: NetSpec, layout: Layout): Kernels {
  const kernels = new WebAssembly.Instance(module).exports as unknown as Kernels;
  const pages = Math.ceil(layout.top / 65536) - kernels.memory.buffer.byteLength / 65536;
  if (pages > 0) kernels.memory.grow(pages);
  spec.layers.forEach((layer, i) => {
    const l = layout.layers[i];
    if (layer.kind === 'conv') fillGather(new Int32Array(kernels.memory.buffer, l.idx, l.p * l.kp), l.in, layer.size, layer.pad ?? 0, l.kp);
  });
  return kernels;
}

/** Net's flat parameters into the padded weight rows and biases of every layer. */
function loadParams(mem: ArrayBuffer, layout: Layout, params: Float32Array): void {
  if (params.length !== layout.paramCount) throw new Error(`WasmNet: expected ${layout.paramCount} parameters, got ${params.length}`);
  for (const l of layout.layers) {
    if (l.kind === 'maxpool') continue;
    const w = new Float32Array(mem, l.w, l.cout * l.kp);
    for (let r = 0; r < l.cout; r++) w.set(params.subarray(l.paramOff + r * l.k, l.paramOff + (r + 1) * l.k), r * l.kp);
    new Float32Array(mem, l.b, l.cout).set(params.subarray(l.paramOff + l.cout * l.k, l.paramOff + l.cout * l.k + l.cout));
  }
}

/** The forward pass of one layer. */
function forwardLayer(kernels: Kernels, l: LayerLayout): void {
  if (l.kind === 'conv') {
    kernels.gather(l.src, l.idx, l.cols, l.p * l.kp);
    kernels.gemm(l.w, l.b, l.cols, l.out, l.kp, l.p, l.cout, 1);
  } else if (l.kind === 'maxpool') {
    kernels.maxpool(l.src, l.out, l.in.c, l.in.h, l.in.w);
  } else {
    kernels.gemm(l.w, l.b, l.src, l.out, l.kp, 1, l.cout, l.relu ? 1 : 0);
  }
}

export class WasmNet implements InferenceNet {
  private readonly kernels: Kernels;
  private readonly layout: Layout;
  private readonly input: Float32Array;
  private readonly logits: Float32Array;

  constructor(module: WebAssembly.Module, spec: NetSpec, params: Float32Array) {
    this.layout = layOut(spec, false);
    this.kernels = instantiate(module, spec, this.layout);
    loadParams(this.kernels.memory.buffer, this.layout, params);
    const last = this.layout.layers[this.layout.layers.length - 1];
    this.input = new Float32Array(this.kernels.memory.buffer, this.layout.input, this.layout.inputFloats);
    this.logits = new Float32Array(this.kernels.memory.buffer, last.out, last.outFloats);
  }

  forward(input: Float32Array): Float32Array {
    this.input.set(input);
    for (const l of this.layout.layers) forwardLayer(this.kernels, l); // dropout is training only
    return this.logits;
  }
}

/**
 * Training on the kernels, the way train-worker.ts uses cnn.ts's Net: setParams(shared parameters) before a
 * step, forward(x, true, rand) + backward(label) per item (gradients summed inside), takeGrads(into) after.
 * Dropout draws rand() in the same order as Net, so the same seed drops the same units.
 */
export class WasmTrainer {
  private readonly kernels: Kernels;
  private readonly layout: Layout;
  private readonly input: Float32Array;
  private readonly logits: Float32Array;
  private readonly dLogits: Float32Array;
  /** Per dense layer with dropout: the last forward's scale per unit (0 = dropped). */
  private readonly keep = new Map<LayerLayout, Float32Array>();

  constructor(module: WebAssembly.Module, spec: NetSpec) {
    this.layout = layOut(spec, true);
    this.kernels = instantiate(module, spec, this.layout);
    const mem = this.kernels.memory.buffer;
    const last = this.layout.layers[this.layout.layers.length - 1];
    this.input = new Float32Array(mem, this.layout.input, this.layout.inputFloats);
    this.logits = new Float32Array(mem, last.out, last.outFloats);
    this.dLogits = new Float32Array(mem, last.dOut, last.outFloats);
    for (const l of this.layout.layers) if (l.dropout > 0) this.keep.set(l, new Float32Array(l.cout).fill(1));
  }

  get paramCount(): number {
    return this.layout.paramCount;
  }

  get outputSize(): number {
    return this.logits.length;
  }

  setParams(params: Float32Array): void {
    loadParams(this.kernels.memory.buffer, this.layout, params);
  }

  /** Logits (owned by the trainer, overwritten by the next call). */
  forward(input: Float32Array, train = false, rand: () => number = Math.random): Float32Array {
    const mem = this.kernels.memory.buffer;
    this.input.set(input);
    for (const l of this.layout.layers) {
      forwardLayer(this.kernels, l);
      const keep = this.keep.get(l);
      if (!keep) continue;
      // Inverted dropout, as cnn.ts: scale at train time so inference needs no change.
      const out = new Float32Array(mem, l.out, l.cout);
      if (train) {
        const scale = 1 / (1 - l.dropout);
        for (let j = 0; j < l.cout; j++) {
          keep[j] = rand() < l.dropout ? 0 : scale;
          out[j] *= keep[j];
        }
      } else {
        keep.fill(1);
      }
    }
    return this.logits;
  }

  /** Softmax cross-entropy backward for the last forward(train = true); adds into the gradients, returns the loss. */
  backward(label: number): number {
    const { kernels, layout } = this;
    const mem = kernels.memory.buffer;
    const loss = softmaxCrossEntropyGrad(this.logits, label, this.dLogits);
    for (let i = layout.layers.length - 1; i >= 0; i--) {
      const l = layout.layers[i];
      const below = i > 0 ? layout.layers[i - 1] : null; // whose dOut is this layer's input gradient
      if (below) new Float32Array(mem, below.dOut, roundUp4(below.outFloats)).fill(0);
      if (l.kind === 'maxpool') {
        if (below) kernels.maxpoolBack(l.src, l.dOut, below.dOut, l.in.c, l.in.h, l.in.w);
        continue;
      }
      const keep = this.keep.get(l);
      if (keep) {
        const dOut = new Float32Array(mem, l.dOut, l.cout);
        for (let j = 0; j < l.cout; j++) dOut[j] *= keep[j];
      }
      if (l.relu) kernels.reluMask(l.out, l.dOut, roundUp4(l.outFloats));
      if (l.kind === 'dense') {
        kernels.gemmBack(l.w, l.src, l.dOut, l.gw, l.gb, below ? below.dOut : 0, l.kp, 1, l.cout);
      } else {
        if (below) new Float32Array(mem, l.dCols, l.p * l.kp).fill(0);
        kernels.gemmBack(l.w, l.cols, l.dOut, l.gw, l.gb, below ? l.dCols : 0, l.kp, l.p, l.cout);
        if (below) kernels.scatter(l.dCols, l.idx, below.dOut, l.p * l.kp);
      }
    }
    return loss;
  }

  /** Adds the gradients summed since the last call into `into` (Net's parameter layout) and clears them. */
  takeGrads(into: Float32Array): void {
    const mem = this.kernels.memory.buffer;
    for (const l of this.layout.layers) {
      if (l.kind === 'maxpool') continue;
      const gw = new Float32Array(mem, l.gw, l.cout * l.kp);
      const gb = new Float32Array(mem, l.gb, l.cout);
      for (let r = 0; r < l.cout; r++) {
        const at = l.paramOff + r * l.k;
        for (let j = 0; j < l.k; j++) into[at + j] += gw[r * l.kp + j];
      }
      const bAt = l.paramOff + l.cout * l.k;
      for (let j = 0; j < l.cout; j++) into[bAt + j] += gb[j];
      gw.fill(0);
      gb.fill(0);
    }
  }
}
