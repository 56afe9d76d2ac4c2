/**
 * The digit net's forward pass on WebAssembly SIMD kernels (wasm/net-kernels.wat): the same layers and
 * weights as cnn.ts's Net, ~6× faster. Inference only; training keeps cnn.ts.
 *
 * Each WasmNet owns one instance of the kernels module and so one linear memory, laid out once at
 * construction: the input, then per layer its weights (rows zero-padded to a multiple of 4 floats), its
 * im2col table and columns (convolutions) and its output. forward() copies 784 floats in and runs the
 * layers; nothing is allocated per call. Results equal Net's to float rounding (single-precision sums in
 * another order: logits within ~1e-5).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { NetSpec } from './cnn.ts';

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

/**
 * A WasmNet for this spec and weights, or null when the kernels cannot run here or the spec has a shape
 * they do not cover (output channels not a multiple of 4): the caller then uses cnn.ts's Net.
 */
export function createWasmNet(spec: NetSpec, params: Float32Array): WasmNet | null {
  const module = kernelsModule();
  if (!module) return null;
  const supported = spec.layers.every((l) => l.kind === 'maxpool' || l.out % 4 === 0);
  return supported ? new WasmNet(module, spec, params) : null;
}

export class WasmNet implements InferenceNet {
  private readonly kernels: Kernels;
  private readonly steps: Array<() => void> = [];
  private readonly input: Float32Array;
  private readonly logits: Float32Array;

  constructor(module: WebAssembly.Module, spec: NetSpec, params: Float32Array) {
    this.kernels = new WebAssembly.Instance(module).exports as unknown as Kernels;
    // Pass 1: the layout (byte offsets, 16-byte aligned for v128 loads) and what to copy where.
    let top = 0;
    const alloc = (floats: number) => {
      const at = top;
      top += Math.ceil((floats * FLOAT) / 16) * 16;
      return at;
    };
    const fills: Array<(mem: ArrayBuffer) => void> = [];
    const { input } = spec;
    const inputPtr = alloc(roundUp4(input.c * input.h * input.w));
    let shape = { ...input };
    let src = inputPtr;
    let off = 0; // into params, in Net's order
    for (const layer of spec.layers) {
      if (layer.kind === 'conv') {
        const pad = layer.pad ?? 0;
        const oh = shape.h + 2 * pad - layer.size + 1;
        const ow = shape.w + 2 * pad - layer.size + 1;
        const k = shape.c * layer.size * layer.size;
        const kp = roundUp4(k);
        const p = oh * ow;
        const cout = layer.out;
        const w = alloc(cout * kp);
        const b = alloc(cout);
        const idx = alloc(p * kp);
        const cols = alloc(p * kp);
        const out = alloc(roundUp4(cout * p));
        const wOff = off;
        const inShape = shape;
        fills.push((mem) => {
          copyPaddedRows(params, wOff, cout, k, new Float32Array(mem, w, cout * kp), kp);
          new Float32Array(mem, b, cout).set(params.subarray(wOff + cout * k, wOff + cout * k + cout));
          const table = new Int32Array(mem, idx, p * kp).fill(-1);
          for (let oy = 0; oy < oh; oy++) {
            for (let ox = 0; ox < ow; ox++) {
              for (let ci = 0; ci < inShape.c; ci++) {
                for (let ky = 0; ky < layer.size; ky++) {
                  for (let kx = 0; kx < layer.size; kx++) {
                    const iy = oy + ky - pad;
                    const ix = ox + kx - pad;
                    const inside = iy >= 0 && iy < inShape.h && ix >= 0 && ix < inShape.w;
                    table[(oy * ow + ox) * kp + (ci * layer.size + ky) * layer.size + kx] = inside ? (ci * inShape.h + iy) * inShape.w + ix : -1;
                  }
                }
              }
            }
          }
        });
        const from = src;
        this.steps.push(() => {
          this.kernels.gather(from, idx, cols, p * kp);
          this.kernels.gemm(w, b, cols, out, kp, p, cout, 1);
        });
        off += cout * k + cout;
        shape = { c: cout, h: oh, w: ow };
        src = out;
      } else if (layer.kind === 'maxpool') {
        const out = alloc(roundUp4(shape.c * (shape.h >> 1) * (shape.w >> 1)));
        const { c, h, w } = shape;
        const from = src;
        this.steps.push(() => this.kernels.maxpool(from, out, c, h, w));
        shape = { c, h: h >> 1, w: w >> 1 };
        src = out;
      } else {
        const nIn = shape.c * shape.h * shape.w;
        const kp = roundUp4(nIn); // the input buffer's tail past nIn is allocated and stays 0
        const nOut = layer.out;
        const w = alloc(nOut * kp);
        const b = alloc(nOut);
        const out = alloc(roundUp4(nOut));
        const wOff = off;
        fills.push((mem) => {
          copyPaddedRows(params, wOff, nOut, nIn, new Float32Array(mem, w, nOut * kp), kp);
          new Float32Array(mem, b, nOut).set(params.subarray(wOff + nOut * nIn, wOff + nOut * nIn + nOut));
        });
        const from = src;
        const relu = layer.relu ? 1 : 0; // dropout is training only
        this.steps.push(() => this.kernels.gemm(w, b, from, out, kp, 1, nOut, relu));
        off += nOut * nIn + nOut;
        shape = { c: nOut, h: 1, w: 1 };
        src = out;
      }
    }
    if (off !== params.length) throw new Error(`WasmNet: expected ${off} parameters, got ${params.length}`);
    // Pass 2: memory of the right size (fresh pages are zero), then the weights and tables.
    const { memory } = this.kernels;
    const pages = Math.ceil(top / 65536) - memory.buffer.byteLength / 65536;
    if (pages > 0) memory.grow(pages);
    for (const fill of fills) fill(memory.buffer);
    this.input = new Float32Array(memory.buffer, inputPtr, input.c * input.h * input.w);
    this.logits = new Float32Array(memory.buffer, src, shape.c * shape.h * shape.w);
  }

  forward(input: Float32Array): Float32Array {
    this.input.set(input);
    for (const step of this.steps) step();
    return this.logits;
  }
}

/** rows × cols floats of params from `from` into rows of `stride` floats (the padding stays 0). */
function copyPaddedRows(params: Float32Array, from: number, rows: number, cols: number, into: Float32Array, stride: number): void {
  for (let r = 0; r < rows; r++) into.set(params.subarray(from + r * cols, from + (r + 1) * cols), r * stride);
}
