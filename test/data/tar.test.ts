// Tar extraction against archives written by the system's GNU tar (gnu, pax and ustar formats), plus unsafe and corrupt archives.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { extractTar } from '../../src/data/tar.js';

const tmp = mkdtempSync(join(tmpdir(), 'gdlab-tar-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const deep = 'd'.repeat(60) + '/' + 'e'.repeat(60); // over 100 characters with the top folder and file name
const files: Record<string, Uint8Array> = {
  'top/a.bin': Uint8Array.from({ length: 1000 }, (_, i) => i % 251),
  'top/empty.txt': new Uint8Array(0),
  [`top/${deep}/long-name.txt`]: new TextEncoder().encode('long'),
};

/** Writes the files under a fresh folder and archives `top` with GNU tar in the given format. */
function archive(format: string): string {
  const src = join(tmp, `src-${format}`);
  for (const [name, body] of Object.entries(files)) {
    mkdirSync(join(src, name, '..'), { recursive: true });
    writeFileSync(join(src, name), body);
  }
  const out = join(tmp, `${format}.tar`);
  execFileSync('tar', [`--format=${format}`, '-cf', out, '-C', src, 'top']);
  return out;
}

describe('extractTar', () => {
  for (const format of ['gnu', 'pax', 'ustar']) {
    it(`extracts a ${format} archive, gzipped or not, stripping the top folder`, () => {
      const tar = archive(format);
      const gz = tar + '.gz';
      writeFileSync(gz, gzipSync(readFileSync(tar)));
      for (const file of [tar, gz]) {
        const to = join(tmp, `out-${format}-${file === gz ? 'gz' : 'raw'}`);
        const written = extractTar(file, to, 1);
        expect(written.sort()).toEqual(Object.keys(files).map((f) => join(to, f.slice('top/'.length))).sort());
        for (const [name, body] of Object.entries(files)) {
          expect(Buffer.compare(readFileSync(join(to, name.slice('top/'.length))), body)).toBe(0);
        }
      }
    });
  }

  it('refuses an entry that climbs out of the target folder', () => {
    const src = join(tmp, 'src-evil');
    mkdirSync(src, { recursive: true });
    writeFileSync(join(src, 'evil.txt'), 'x');
    const file = join(tmp, 'evil.tar');
    execFileSync('tar', ['--format=ustar', '-cf', file, '-C', src, 'evil.txt']);
    // Rename the entry to ../evil.txt and recompute its header checksum (sum of bytes, checksum field as spaces).
    const bytes = readFileSync(file);
    bytes.fill(0, 0, 100);
    bytes.write('../evil.txt', 0, 'latin1');
    bytes.fill(0x20, 148, 156);
    let sum = 0;
    for (let i = 0; i < 512; i++) sum += bytes[i];
    bytes.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'latin1');
    writeFileSync(file, bytes);
    const to = join(tmp, 'out-evil', 'inner');
    expect(() => extractTar(file, to)).toThrow(/evil\.tar: refusing entry "\.\.\/evil\.txt" outside the target folder/);
    expect(existsSync(join(tmp, 'out-evil', 'evil.txt'))).toBe(false);
  });

  it('rejects a file that is not a tar archive', () => {
    const file = join(tmp, 'junk.tar');
    writeFileSync(file, new Uint8Array(1024).fill(7));
    expect(() => extractTar(file, join(tmp, 'out-junk'))).toThrow(/junk\.tar: not a tar archive or corrupt \(bad header checksum at byte 0\)/);
  });
});
