/**
 * Compiles the digit net's WebAssembly kernels: main/recognition/digits/wasm/net-kernels.wat →
 * resources/models/net-kernels.wasm (committed, so the app needs no compiler; a test checks the two agree).
 *
 *   npm run build:kernels            # writes the .wasm
 *   npm run build:kernels -- --check # exits 1 if the committed .wasm is not what the .wat compiles to
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { compileNetKernels, NET_KERNELS_WASM_PATH } from './net-kernels-compile.ts';

const bytes = await compileNetKernels();
if (process.argv.includes('--check')) {
  const same = Buffer.from(bytes).equals(readFileSync(NET_KERNELS_WASM_PATH));
  console.log(same ? 'net-kernels.wasm is up to date' : 'net-kernels.wasm differs from net-kernels.wat: run npm run build:kernels');
  process.exit(same ? 0 : 1);
}
writeFileSync(NET_KERNELS_WASM_PATH, bytes);
console.log(`${NET_KERNELS_WASM_PATH}: ${bytes.length} bytes`);
