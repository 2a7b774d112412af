// A data file's bytes, gunzipped when it starts with the gzip magic 1f 8b (RFC 1952 §2.3.1), with one-line errors.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { GdlabError } from '../core/errors.js';

export function readFileBytes(file: string): Uint8Array {
  let raw: Buffer;
  try {
    raw = readFileSync(file);
  } catch (e) {
    throw new GdlabError(`${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  if (raw.length < 2 || raw[0] !== 0x1f || raw[1] !== 0x8b) return raw;
  try {
    return gunzipSync(raw);
  } catch (e) {
    throw new GdlabError(`${file}: corrupt gzip data (${(e as Error).message})`);
  }
}
