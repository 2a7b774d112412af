// Which backend the environment asks for: GDLAB_KERNELS (reference | wasm, default the fastest verified) and GDLAB_THREADS.
import { GdlabError } from '../core/errors.js';
import { referenceKernels } from './js/reference.js';
import type { Kernels } from './kernels.js';
import { selfCheck } from './self-check.js';
import { wasmKernels } from './wasm/backend.js';

/**
 * GDLAB_KERNELS=reference forces the plain TypeScript kernels; =wasm requires the WebAssembly ones (an error
 * if they are not built or fail their self-check); unset, the WebAssembly kernels are used when built and
 * their self-check passes, else the reference. GDLAB_THREADS=n splits large products over n threads
 * (default 1). Every choice gives the same bits.
 */
export function kernelsFor(env: Readonly<Record<string, string | undefined>>): Kernels {
  const want = env.GDLAB_KERNELS ?? '';
  if (!['', 'reference', 'wasm'].includes(want)) {
    throw new GdlabError(`GDLAB_KERNELS: must be "reference" or "wasm" (got ${JSON.stringify(want)})`);
  }
  if (want === 'reference') return referenceKernels;
  const threadsText = env.GDLAB_THREADS ?? '1';
  const threads = Number(threadsText);
  if (!Number.isInteger(threads) || threads < 1 || threads > 256) {
    throw new GdlabError(`GDLAB_THREADS: must be an integer from 1 to 256 (got ${JSON.stringify(threadsText)})`);
  }
  const wasm = wasmKernels({ threads });
  if (wasm === undefined) {
    if (want === 'wasm') throw new GdlabError('GDLAB_KERNELS: "wasm" but dist/kernels/wasm/kernels.wasm is not built (run npm run build)');
    return referenceKernels;
  }
  const failed = selfCheck(wasm);
  if (failed !== undefined) {
    void wasm.dispose();
    if (want === 'wasm') throw new GdlabError(`GDLAB_KERNELS: "wasm" but its ${failed} differs from the reference`);
    process.emitWarning(`gdlab: WebAssembly kernel ${failed} differs from the reference; using the reference kernels`);
    return referenceKernels;
  }
  return wasm;
}
