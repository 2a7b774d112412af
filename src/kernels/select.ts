// Which backend the environment asks for: GDLAB_KERNELS (reference | wasm | native; default the fastest built and verified) and GDLAB_THREADS.
import { GdlabError } from '../core/errors.js';
import { referenceKernels } from './js/reference.js';
import type { Kernels } from './kernels.js';
import { selfCheck } from './self-check.js';
import { nativeKernels } from './native/backend.js';
import { wasmKernels } from './wasm/backend.js';

const BACKENDS = ['native', 'wasm'] as const;
type Backend = (typeof BACKENDS)[number];

/** The backend's kernels, or why it cannot serve: `missing` (not built, no AVX2) or `failed` (its self-check). */
function tryBackend(which: Backend, threads: number): { kernels: Kernels } | { missing: string } | { failed: string } {
  const k = which === 'native' ? nativeKernels({ threads }) : wasmKernels({ threads });
  if (k === undefined) {
    return { missing: which === 'native' ? 'dist/kernels/native/kernels.node is not built (no C compiler at npm run build?) or this CPU lacks AVX2' : 'dist/kernels/wasm/kernels.wasm is not built (run npm run build)' };
  }
  const failed = selfCheck(k);
  if (failed === undefined) return { kernels: k };
  if ('dispose' in k && typeof k.dispose === 'function') void k.dispose();
  return { failed: `its ${failed} differs from the reference` };
}

/**
 * GDLAB_KERNELS=reference forces the plain TypeScript kernels; =native or =wasm require that backend (an
 * error if it is not built or fails its self-check against the reference); unset, the first of native
 * (AVX2, C), wasm (WebAssembly SIMD) that is built and passes its self-check, else the reference.
 * GDLAB_THREADS=n splits large products over n threads (default 1). Every choice gives the same bits.
 */
export function kernelsFor(env: Readonly<Record<string, string | undefined>>): Kernels {
  const want = env.GDLAB_KERNELS ?? '';
  if (!['', 'reference', ...BACKENDS].includes(want)) {
    throw new GdlabError(`GDLAB_KERNELS: must be "reference", "wasm" or "native" (got ${JSON.stringify(want)})`);
  }
  if (want === 'reference') return referenceKernels;
  const threadsText = env.GDLAB_THREADS ?? '1';
  const threads = Number(threadsText);
  if (!Number.isInteger(threads) || threads < 1 || threads > 64) {
    throw new GdlabError(`GDLAB_THREADS: must be an integer from 1 to 64 (got ${JSON.stringify(threadsText)})`);
  }
  let missing = 0;
  for (const which of want === '' ? BACKENDS : [want as Backend]) {
    const r = tryBackend(which, threads);
    if ('kernels' in r) return r.kernels;
    const why = 'missing' in r ? r.missing : r.failed;
    if (want !== '') throw new GdlabError(`GDLAB_KERNELS: "${want}" cannot be used: ${why}`);
    // A backend that is built but computes other bits than the reference is a defect worth a warning.
    if ('failed' in r) process.emitWarning(`gdlab: ${which} kernels not used: ${why}`);
    else missing++;
  }
  // The wasm module is always built by npm run build: neither found means dist/ is incomplete or was moved without it.
  if (missing === BACKENDS.length) process.emitWarning('gdlab: no fast kernels found beside dist/kernels (run npm run build); using the reference TypeScript kernels, the same bits 5–25× slower (GDLAB_KERNELS=reference silences this)');
  return referenceKernels;
}
