// Resumable, checksummed, atomic download of one file: bytes go to FILE.part (continued by an HTTP Range request, RFC 9110 §14), renamed to FILE only after the checksum matches.
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { mkdir, open, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { GdlabError } from '../core/errors.js';

export interface Checksum {
  readonly algorithm: 'md5' | 'sha256';
  readonly hex: string;
}

export interface DownloadResult {
  readonly file: string;
  /** present: already there and verified; downloaded: from byte 0; resumed: continued a .part file. */
  readonly status: 'present' | 'downloaded' | 'resumed';
  readonly bytes: number;
  readonly md5: string;
  readonly sha256: string;
}

export type FetchImpl = typeof fetch;

/** Downloads url to dest. Without a checksum the file is still written atomically but is not verified. */
export async function downloadFile(url: string, dest: string, expected?: Checksum, fetchImpl: FetchImpl = fetch): Promise<DownloadResult> {
  if (existsSync(dest)) {
    const sums = await hashFile(dest);
    if (expected !== undefined && sums[expected.algorithm] !== expected.hex.toLowerCase()) {
      throw new GdlabError(
        `${dest}: exists but its ${expected.algorithm} is ${sums[expected.algorithm]}, expected ${expected.hex}; delete it to download again`,
      );
    }
    return { file: dest, status: 'present', bytes: statSync(dest).size, ...sums };
  }
  await mkdir(dirname(dest), { recursive: true });
  const part = dest + '.part';
  const offset = existsSync(part) ? statSync(part).size : 0;
  const res = await request(url, offset, fetchImpl);

  let start = 0;
  if (res.status === 206) {
    start = offset;
    const range = /^bytes (\d+)-/.exec(res.headers.get('content-range') ?? '');
    if (range !== null && Number(range[1]) !== offset) {
      await res.body?.cancel();
      await unlink(part);
      throw new GdlabError(`${url}: server sent bytes from ${range[1]} when asked from ${offset}; ${part} was deleted, run again`);
    }
  } else if (res.status === 416 && offset > 0) {
    // Nothing left to send: the .part file already holds the whole file (the checksum below decides).
    await res.body?.cancel();
    return finish(url, part, dest, expected, 'resumed');
  } else if (res.status !== 200) {
    await res.body?.cancel();
    throw new GdlabError(`${url}: HTTP ${res.status} ${res.statusText}`);
  }
  // A 200 answer to a Range request means the server ignored the range: start over.
  const declared = Number(res.headers.get('content-length') ?? NaN);
  const handle = await open(part, start === 0 ? 'w' : 'a');
  let received = 0;
  try {
    if (res.body !== null) {
      for await (const chunk of res.body) {
        await handle.write(chunk);
        received += chunk.length;
      }
    }
  } catch (e) {
    throw interrupted(url, part, start + received, e);
  } finally {
    await handle.close();
  }
  if (Number.isFinite(declared) && received < declared) {
    throw interrupted(url, part, start + received, `${declared - received} bytes missing`);
  }
  return finish(url, part, dest, expected, start > 0 ? 'resumed' : 'downloaded');
}

/** md5 and sha256 of a file in one streaming pass. */
export async function hashFile(file: string): Promise<{ md5: string; sha256: string }> {
  const md5 = createHash('md5');
  const sha256 = createHash('sha256');
  for await (const chunk of createReadStream(file)) {
    md5.update(chunk as Buffer);
    sha256.update(chunk as Buffer);
  }
  return { md5: md5.digest('hex'), sha256: sha256.digest('hex') };
}

async function request(url: string, offset: number, fetchImpl: FetchImpl): Promise<Response> {
  try {
    return await fetchImpl(url, offset > 0 ? { headers: { Range: `bytes=${offset}-` } } : {});
  } catch (e) {
    throw new GdlabError(`${url}: request failed (${describe(e)})`);
  }
}

async function finish(url: string, part: string, dest: string, expected: Checksum | undefined, status: DownloadResult['status']): Promise<DownloadResult> {
  const sums = await hashFile(part);
  if (expected !== undefined && sums[expected.algorithm] !== expected.hex.toLowerCase()) {
    await unlink(part);
    throw new GdlabError(
      `${dest}: checksum mismatch for ${url}: expected ${expected.algorithm} ${expected.hex}, got ${sums[expected.algorithm]}; the download was deleted`,
    );
  }
  const bytes = statSync(part).size;
  await rename(part, dest);
  return { file: dest, status, bytes, ...sums };
}

function interrupted(url: string, part: string, have: number, why: unknown): GdlabError {
  return new GdlabError(`${url}: download interrupted after ${have} bytes (${describe(why)}); ${part} is kept, run again to resume`);
}

function describe(e: unknown): string {
  if (e instanceof Error) {
    const cause = e.cause instanceof Error ? `: ${e.cause.message}` : '';
    return e.message + cause;
  }
  return String(e);
}
