// gdlab's version, read from package.json (two levels above both src/store and dist/store).
import { readFileSync } from 'node:fs';

let cached: string | undefined;

export function gdlabVersion(): string {
  cached ??= (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  return cached;
}
