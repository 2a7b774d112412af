// Build step of `npm run build` (after tsc), from source: the AssemblyScript kernels → dist/kernels/wasm/kernels.wasm, and, when a C compiler is at hand on x86-64, the AVX2 addon → dist/kernels/native/kernels.node.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { NATIVE_FILE } from './native/backend.js';
import { WASM_FILE } from './wasm/module.js';

// Sources are not TypeScript, so they are not copied to dist: from src/ and dist/ alike they are read from src/kernels/.
const source = (path: string): string => fileURLToPath(new URL(`../../src/kernels/${path}`, import.meta.url));
export const WASM_SOURCE = source('wasm/kernels.as');
export const NATIVE_SOURCE = source('native/kernels.c');

/** Written aside then renamed, so a process loading the kernels meanwhile never reads half a file. */
function writeAtomic(file: string, bytes: Uint8Array): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, bytes);
  renameSync(tmp, file);
}

/**
 * The compiler options are part of the kernels: shared memory imported from the JS side (which allocates
 * everything), SIMD and atomics, no garbage collector, no assertions (the JS side checks every argument).
 */
export async function buildWasm(outFile = WASM_FILE): Promise<void> {
  const { default: asc } = await import('assemblyscript/asc');
  const r = await asc.compileString({ 'kernels.ts': readFileSync(WASM_SOURCE, 'utf8') }, {
    optimizeLevel: 3,
    shrinkLevel: 0,
    runtime: 'stub',
    importMemory: true,
    sharedMemory: true,
    initialMemory: 1,
    maximumMemory: 65536,
    enable: ['simd', 'threads'],
    noAssert: true,
  });
  if (r.error !== null || r.binary === null) throw new Error(`assemblyscript: ${WASM_SOURCE}: ${r.error?.message ?? 'no binary'}\n${r.stderr.toString()}`);
  writeAtomic(outFile, r.binary);
}

/**
 * Compiles the addon with $CC (default cc) against the Node-API headers of the node-api-headers package:
 * -ffp-contract=off (no fused multiply-add) is part of the bit-for-bit contract. Returns why it was not
 * built (not x86-64, no compiler, a compile error), or undefined when it was; gdlab then uses the wasm kernels.
 */
export function buildNative(outFile = NATIVE_FILE): string | undefined {
  if (process.arch !== 'x64' || (process.platform !== 'linux' && process.platform !== 'darwin')) return `not built on ${process.platform}-${process.arch}`;
  let include: string;
  try {
    include = dirname(createRequire(import.meta.url).resolve('node-api-headers/include/node_api.h'));
  } catch {
    return 'the node-api-headers package is not installed';
  }
  const tmp = `${outFile}.${process.pid}.tmp`;
  mkdirSync(dirname(outFile), { recursive: true });
  const args = ['-O3', '-std=gnu11', '-fPIC', '-shared', '-pthread', '-ffp-contract=off', '-fno-fast-math', `-I${include}`,
    ...(process.platform === 'darwin' ? ['-undefined', 'dynamic_lookup'] : []), NATIVE_SOURCE, '-o', tmp];
  const cc = process.env.CC ?? 'cc';
  const r = spawnSync(cc, args, { encoding: 'utf8' });
  if (r.error !== undefined) return `${cc}: ${r.error.message}`;
  if (r.status !== 0) return `${cc} failed: ${r.stderr.trim().split('\n').slice(0, 5).join(' / ')}`;
  renameSync(tmp, outFile);
  return undefined;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await buildWasm();
  console.log(`kernels: ${WASM_FILE}`);
  const why = buildNative();
  console.log(why === undefined ? `kernels: ${NATIVE_FILE}` : `kernels: native AVX2 addon not built (${why}); the WebAssembly kernels will be used`);
}
