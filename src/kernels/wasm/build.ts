// Build step of `npm run build` (after tsc): compiles the AssemblyScript kernels (kernels.as) to dist/kernels/wasm/kernels.wasm from source.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { WASM_FILE } from './module.js';

/** kernels.as is not TypeScript for tsc, so it is not copied to dist: from src/ and dist/ alike it is read from src/kernels/wasm/. */
export const SOURCE_FILE = fileURLToPath(new URL('../../../src/kernels/wasm/kernels.as', import.meta.url));

/**
 * The compiler options are part of the kernels: shared memory imported from the JS side (which allocates
 * everything), SIMD and atomics, no garbage collector, no assertions (the JS side checks every argument).
 */
export async function compileKernels(): Promise<Uint8Array> {
  const { default: asc } = await import('assemblyscript/asc');
  const source = readFileSync(SOURCE_FILE, 'utf8');
  const r = await asc.compileString({ 'kernels.ts': source }, {
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
  if (r.error !== null || r.binary === null) {
    throw new Error(`assemblyscript: ${SOURCE_FILE}: ${r.error?.message ?? 'no binary'}\n${r.stderr.toString()}`);
  }
  return r.binary;
}

export async function buildKernels(outFile = WASM_FILE): Promise<void> {
  const binary = await compileKernels();
  mkdirSync(dirname(outFile), { recursive: true });
  // Written aside then renamed, so a process loading the kernels meanwhile never reads half a file.
  const tmp = `${outFile}.${process.pid}.tmp`;
  writeFileSync(tmp, binary);
  renameSync(tmp, outFile);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await buildKernels();
  console.log(`kernels: ${WASM_FILE}`);
}
