// Test helper: run a claim twice on a fresh temporary result store, counting the runs computed (not taken from the store) each time.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Platform } from '../../src/store/run-many.js';
import { openStore } from '../../src/store/run-store.js';

export async function storedTwice<T>(run: (platform: Platform) => Promise<T>): Promise<{ first: T; again: T; computed: [number, number] }> {
  const store = openStore(mkdtempSync(join(tmpdir(), 'gdlab-claim-')), { create: true });
  const computed: [number, number] = [0, 0];
  let pass = 0;
  const platform: Platform = { store, onProgress: (p) => void (p.finished && (computed[pass] += p.total - p.cached)) };
  const first = await run(platform);
  pass = 1;
  const again = await run(platform);
  store.close();
  return { first, again, computed };
}
