// Build dist/ once before the tests, so the CLI tests run the same compiled code that `npx gdlab` runs; the kernels too when they are missing (a checkout whose npm ci did not build them).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  const root = fileURLToPath(new URL('..', import.meta.url));
  execFileSync(process.execPath, [`${root}node_modules/typescript/bin/tsc`, '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  if (!existsSync(`${root}dist/kernels/wasm/kernels.wasm`)) execFileSync(process.execPath, [`${root}dist/kernels/build.js`], { cwd: root, stdio: 'inherit' });
}
