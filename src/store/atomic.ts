// Atomic writes: build a file or folder under a temporary name beside its target, then rename it into place (rename is atomic on POSIX).
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

let counter = 0;

function tempName(target: string): string {
  return join(dirname(target), `.${basename(target)}.tmp-${process.pid}-${counter++}`);
}

export function writeFileAtomic(file: string, content: string | Uint8Array): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = tempName(file);
  writeFileSync(tmp, content);
  renameSync(tmp, file);
}

/** Fill a fresh folder through `fill(tmpDir)` and move it to `dir`, replacing an older one only once the new one is complete. */
export function writeFolderAtomic(dir: string, fill: (tmpDir: string) => void): void {
  mkdirSync(dirname(dir), { recursive: true });
  const tmp = tempName(dir);
  mkdirSync(tmp);
  try {
    fill(tmp);
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
  if (existsSync(dir)) {
    const old = tempName(dir);
    renameSync(dir, old);
    renameSync(tmp, dir);
    rmSync(old, { recursive: true, force: true });
  } else {
    renameSync(tmp, dir);
  }
}
