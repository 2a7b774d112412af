// downloadFile against a local server: fresh, present, interrupted then resumed, Range ignored, corrupt, HTTP errors.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GdlabError } from '../../src/core/errors.js';
import { downloadFile, hashFile, type Checksum } from '../../src/data/download.js';
import { startServer, type FixtureServer } from './http-fixture.js';

let server: FixtureServer;
let tmp: string;
let n = 0;
beforeAll(async () => {
  server = await startServer();
  tmp = mkdtempSync(join(tmpdir(), 'gdlab-download-'));
});
afterAll(async () => {
  await server.close();
  rmSync(tmp, { recursive: true, force: true });
});
beforeEach(() => {
  server.requests.length = 0;
});

/** A gzipped IDX image file: count 28x28 images with varied pixels (large enough to arrive in several chunks). */
function fixture(count: number): Buffer {
  const raw = new Uint8Array(16 + count * 784);
  const view = new DataView(raw.buffer);
  view.setUint32(0, 0x803);
  view.setUint32(4, count);
  view.setUint32(8, 28);
  view.setUint32(12, 28);
  for (let i = 16; i < raw.length; i++) raw[i] = (i * 2654435761) >>> 24;
  return gzipSync(raw, { level: 0 });
}

const md5 = (b: Uint8Array): string => createHash('md5').update(b).digest('hex');
const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

/** A fresh destination and a served file at a fresh URL. */
function setup(body: Uint8Array, opts: { ignoreRange?: boolean; cutAfter?: number } = {}) {
  const name = `f${n++}.gz`;
  server.files.set('/' + name, { body, ...opts });
  return { url: server.baseUrl + name, dest: join(tmp, 'sub', name), expected: { algorithm: 'md5', hex: md5(body) } as Checksum };
}

describe('hashFile', () => {
  it('matches the RFC 1321 and FIPS 180-2 vectors for "abc"', async () => {
    const file = join(tmp, 'abc.txt');
    writeFileSync(file, 'abc');
    expect(await hashFile(file)).toEqual({
      md5: '900150983cd24fb0d6963f7d28e17f72',
      sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    });
  });
});

describe('downloadFile', () => {
  it('downloads, verifies and renames into place; a second call only re-verifies', async () => {
    const body = fixture(40);
    const { url, dest, expected } = setup(body);
    const r = await downloadFile(url, dest, expected);
    expect(r).toEqual({ file: dest, status: 'downloaded', bytes: body.length, md5: md5(body), sha256: sha256(body) });
    expect(Buffer.compare(readFileSync(dest), body)).toBe(0);
    expect(existsSync(dest + '.part')).toBe(false);
    expect((await downloadFile(url, dest, expected)).status).toBe('present');
    expect(server.requests).toHaveLength(1);
  });

  it('keeps the .part of a connection closed early and resumes it with a Range request', async () => {
    const body = fixture(60);
    const cut = Math.floor(body.length / 3);
    const { url, dest, expected } = setup(body, { cutAfter: cut });
    const first = downloadFile(url, dest, expected);
    await expect(first).rejects.toThrow(GdlabError);
    await expect(first).rejects.toThrow(/interrupted after \d+ bytes .*\.part is kept, run again to resume/);
    expect(existsSync(dest)).toBe(false);
    const have = statSync(dest + '.part').size;
    expect(have).toBeGreaterThan(0);
    expect(have).toBeLessThanOrEqual(cut);

    const second = await downloadFile(url, dest, expected);
    expect(second.status).toBe('resumed');
    expect(server.requests.map((q) => q.range)).toEqual(['', `bytes=${have}-`]);
    expect(Buffer.compare(readFileSync(dest), body)).toBe(0);
    expect(existsSync(dest + '.part')).toBe(false);
  });

  it('starts over when the server ignores Range (the stale .part is overwritten)', async () => {
    const body = fixture(20);
    const { url, dest, expected } = setup(body, { ignoreRange: true });
    writeFileSync(dest + '.part', 'stale bytes that are not the file');
    const r = await downloadFile(url, dest, expected);
    expect(r.status).toBe('downloaded');
    expect(server.requests[0].range).toBe('bytes=33-');
    expect(Buffer.compare(readFileSync(dest), body)).toBe(0);
  });

  it('finishes a .part that already holds the whole file (416 from the server)', async () => {
    const body = fixture(5);
    const { url, dest, expected } = setup(body);
    writeFileSync(dest + '.part', body);
    expect((await downloadFile(url, dest, expected)).status).toBe('resumed');
    expect(server.requests.map((q) => q.range)).toEqual([`bytes=${body.length}-`]);
    expect(Buffer.compare(readFileSync(dest), body)).toBe(0);
  });

  it('deletes a corrupt download and names the file, the expected and the actual checksum', async () => {
    const body = fixture(10);
    const corrupt = Buffer.from(body);
    corrupt[100] ^= 1;
    const { url, dest } = setup(corrupt);
    const want = md5(body);
    const call = downloadFile(url, dest, { algorithm: 'md5', hex: want });
    await expect(call).rejects.toThrow(`${dest}: checksum mismatch for ${url}: expected md5 ${want}, got ${md5(corrupt)}; the download was deleted`);
    expect(existsSync(dest)).toBe(false);
    expect(existsSync(dest + '.part')).toBe(false);
  });

  it('checks sha256 too', async () => {
    const body = fixture(3);
    const { url, dest } = setup(body);
    await expect(downloadFile(url, dest, { algorithm: 'sha256', hex: '0'.repeat(64) })).rejects.toThrow(/expected sha256 0{64}, got [0-9a-f]{64}/);
    expect((await downloadFile(url, dest, { algorithm: 'sha256', hex: sha256(body) })).status).toBe('downloaded');
  });

  it('refuses an existing final file whose checksum differs', async () => {
    const { url, dest, expected } = setup(fixture(2));
    writeFileSync(dest, 'something else');
    await expect(downloadFile(url, dest, expected)).rejects.toThrow(/exists but its md5 is [0-9a-f]{32}, expected [0-9a-f]{32}; delete it/);
    expect(server.requests).toHaveLength(0);
  });

  it('reports HTTP errors and unreachable servers with the URL', async () => {
    const dest = join(tmp, 'missing.gz');
    await expect(downloadFile(server.baseUrl + 'missing.gz', dest)).rejects.toThrow(`${server.baseUrl}missing.gz: HTTP 404 Not Found`);
    expect(existsSync(dest) || existsSync(dest + '.part')).toBe(false);
    const closed = await startServer();
    await closed.close();
    await expect(downloadFile(closed.baseUrl + 'x', dest)).rejects.toThrow(new RegExp(`^${closed.baseUrl}x: request failed`));
  });

  it('uses the given fetch implementation', async () => {
    const body = fixture(1);
    const { url, dest, expected } = setup(body);
    const seen: string[] = [];
    const spy: typeof fetch = (input, init) => {
      seen.push(String(input));
      return fetch(input, init);
    };
    await downloadFile(url, dest, expected, spy);
    expect(seen).toEqual([url]);
  });
});
