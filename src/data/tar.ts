// Extraction of a (gzipped) tar archive, POSIX ustar/pax and GNU long names (POSIX.1-2017 pax, "ustar Interchange Format").
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { GdlabError } from '../core/errors.js';
import { readFileBytes } from './file-bytes.js';

const BLOCK = 512;

/**
 * Writes the regular files of the archive under toDir, dropping the first `strip` path components (like tar
 * --strip-components). Each file is written to NAME.part and renamed. Returns the written paths.
 */
export function extractTar(archive: string, toDir: string, strip = 0): string[] {
  const bytes = readFileBytes(archive);
  const written: string[] = [];
  let at = 0;
  let longName: string | undefined;
  while (at + BLOCK <= bytes.length) {
    const header = bytes.subarray(at, at + BLOCK);
    if (header.every((b) => b === 0)) break; // end-of-archive marker
    checkHeaderSum(header, archive, at);
    const size = octal(header, 124, 12);
    const type = String.fromCharCode(header[156]);
    const body = bytes.subarray(at + BLOCK, at + BLOCK + size);
    if (body.length !== size) throw new GdlabError(`${archive}: truncated tar entry at byte ${at}`);
    at += BLOCK + Math.ceil(size / BLOCK) * BLOCK;

    if (type === 'L') longName = text(body, 0, size); // GNU: the next entry's name
    else if (type === 'x') longName = paxPath(body) ?? longName; // pax: per-file extended header
    else {
      const prefix = text(header, 345, 155);
      const name = longName ?? (prefix === '' ? '' : prefix + '/') + text(header, 0, 100);
      longName = undefined;
      if (name.split('/').includes('..')) {
        throw new GdlabError(`${archive}: refusing entry ${JSON.stringify(name)} outside the target folder`);
      }
      // Directories, links and global headers: nothing to write (folders are made for the files in them).
      if (type !== '0' && type !== '\0') continue;
      const rel = name.split('/').filter((p) => p !== '' && p !== '.').slice(strip).join('/');
      if (rel === '') continue;
      const out = join(toDir, rel);
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out + '.part', body);
      renameSync(out + '.part', out);
      written.push(out);
    }
  }
  return written;
}

/** The header checksum: the sum of its bytes with the checksum field itself read as 8 spaces. */
function checkHeaderSum(header: Uint8Array, archive: string, at: number): void {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : header[i];
  if (sum !== octal(header, 148, 8)) throw new GdlabError(`${archive}: not a tar archive or corrupt (bad header checksum at byte ${at})`);
}

function octal(b: Uint8Array, from: number, len: number): number {
  const s = text(b, from, len).trim();
  return s === '' ? 0 : parseInt(s, 8);
}

function text(b: Uint8Array, from: number, len: number): string {
  const field = b.subarray(from, from + len);
  const end = field.indexOf(0);
  return Buffer.from(end < 0 ? field : field.subarray(0, end)).toString('utf8');
}

/** The `path` record of a pax extended header ("LEN path=VALUE\n" records). */
function paxPath(body: Uint8Array): string | undefined {
  const m = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(Buffer.from(body).toString('utf8'));
  return m === null ? undefined : m[1];
}
