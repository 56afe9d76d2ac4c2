/** The .wat → .wasm step of scripts/build-net-kernels.ts, shared with the test that checks the committed binary. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import wabtFactory from 'wabt';
import { NET_KERNELS_WASM_PATH } from '../main/recognition/digits/cnn-wasm.ts';

export { NET_KERNELS_WASM_PATH };
export const NET_KERNELS_WAT_PATH = fileURLToPath(new URL('../main/recognition/digits/wasm/net-kernels.wat', import.meta.url));

export async function compileNetKernels(): Promise<Uint8Array> {
  const wabt = await wabtFactory();
  const module = wabt.parseWat('net-kernels.wat', readFileSync(NET_KERNELS_WAT_PATH, 'utf8'), { simd: true });
  try {
    module.validate();
    return module.toBinary({ log: false, write_debug_names: true }).buffer;
  } finally {
    module.destroy();
  }
}
