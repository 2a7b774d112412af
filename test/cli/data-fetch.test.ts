// `gdlab data fetch` end to end against a server on 127.0.0.1 serving the real Fashion-MNIST files (official md5s).
import { spawn } from 'node:child_process';
import { createReadStream, existsSync, mkdtempSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { twoClassSubset } from '../../src/data/two-class-subset.js';
import { key } from '../../src/rng/index.js';

const BIN = fileURLToPath(new URL('../../bin/gdlab.js', import.meta.url));
const SHARED = fileURLToPath(new URL('../../../shared/data/fashion-mnist/', import.meta.url));

function gdlab(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (b) => (out += b));
    p.stderr.on('data', (b) => (err += b));
    p.on('close', (code) => resolve({ code, out, err }));
  });
}

describe('gdlab data fetch', () => {
  let server: Server;
  let base = '';
  let corrupt = false;
  beforeAll(async () => {
    server = createServer((req, res) => {
      const file = join(SHARED, (req.url ?? '/').slice(1));
      if (!existsSync(file)) return void res.writeHead(404).end();
      if (corrupt) return void res.writeHead(200, { 'content-length': 5 }).end('hello');
      res.writeHead(200, { 'content-length': statSync(file).size });
      createReadStream(file).pipe(res);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('downloads, verifies the official md5s, and the files load', async () => {
    const to = mkdtempSync(join(tmpdir(), 'gdlab-fetch-'));
    const r = await gdlab(['data', 'fetch', 'fashion-mnist', '--to', to, '--base-url', base]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/train-images-idx3-ubyte\.gz: downloaded/);
    const ds = twoClassSubset('fashion-mnist', { classes: ['Sneaker', 'Bag'], perClass: 10, key: key(0), dir: to });
    expect(ds.X.rows).toBe(20);
    const again = await gdlab(['data', 'fetch', 'fashion-mnist', '--to', to, '--base-url', base]);
    expect(again.out).toMatch(/train-images-idx3-ubyte\.gz: present/);
  });

  it('a corrupt download is one error line, exit 2, and leaves no file', async () => {
    corrupt = true;
    const to = mkdtempSync(join(tmpdir(), 'gdlab-fetch-'));
    const r = await gdlab(['data', 'fetch', 'fashion-mnist', '--to', to, '--base-url', base]);
    corrupt = false;
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/md5/);
    expect(existsSync(join(to, 'fashion-mnist', 'train-images-idx3-ubyte.gz'))).toBe(false);
  });

  it('an unknown data set name is one error line listing the valid names', async () => {
    const r = await gdlab(['data', 'fetch', 'imagenet', '--to', tmpdir()]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/valid names: .*fashion-mnist/);
  });
});
