import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { serveResults } from '../../src/report/serve.js';

const SECRET = 'top secret outside the results folder';

interface Reply { status: number; type?: string; location?: string; body: string }

/** A raw request: the path goes on the wire exactly as written (no client-side normalisation). */
function get(port: number, path: string, opts: { method?: string; host?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: opts.method ?? 'GET', headers: { host: opts.host ?? `127.0.0.1:${port}` } }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (c: string) => (body += c)).on('end', () => resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'], location: res.headers.location, body }));
    });
    req.on('error', reject).end();
  });
}

describe('gdlab serve', async () => {
  const outside = mkdtempSync(join(tmpdir(), 'gdlab-outside-'));
  writeFileSync(join(outside, 'secret.txt'), SECRET);
  const base = mkdtempSync(join(tmpdir(), 'gdlab-serve-'));
  const root = join(base, 'results');
  writeFileSync(join(base, 'secret.txt'), SECRET);
  mkdirSync(join(root, 'report', 'figures'), { recursive: true });
  writeFileSync(join(root, 'report', 'index.html'), '<h1>index</h1>');
  writeFileSync(join(root, 'report', 'figures', 'a.svg'), '<svg/>');
  writeFileSync(join(root, '.hidden'), SECRET);
  symlinkSync(outside, join(root, 'link'));
  symlinkSync(join(outside, 'secret.txt'), join(root, 'report', 'file-link.txt'));
  const { server, url } = await serveResults(root, 0);
  const port = (server.address() as AddressInfo).port;
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('listens on 127.0.0.1 only and serves files under the results folder', async () => {
    expect((server.address() as AddressInfo).address).toBe('127.0.0.1');
    expect(url).toBe(`http://127.0.0.1:${port}/`);
    expect(await get(port, '/report/index.html')).toMatchObject({ status: 200, type: 'text/html; charset=utf-8', body: '<h1>index</h1>' });
    expect(await get(port, '/report/figures/a.svg?x=1')).toMatchObject({ status: 200, type: 'image/svg+xml', body: '<svg/>' });
    expect(await get(port, '/report/')).toMatchObject({ status: 200, body: '<h1>index</h1>' });
    expect(await get(port, '/')).toMatchObject({ status: 302, location: '/report/index.html' });
  });

  it.each([
    '/../secret.txt',
    '/report/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E%2Fsecret.txt',
    '/report/%2e%2e%2f%2e%2e%2fsecret.txt',
    '/report/..%5c..%5csecret.txt',
    '/..\\secret.txt',
    '//../secret.txt',
    `/${'%2e%2e/'.repeat(12)}etc/passwd`,
    '/link/secret.txt',
    '/report/file-link.txt',
    '/.hidden',
    '/report/index.html%00.png',
    '/%E0%A4%A',
    'secret.txt',
    '/missing.html',
  ])('%s: not served', async (path) => {
    const r = await get(port, path);
    expect(r.status).toBe(path.startsWith('/') ? 404 : 400); // Node's parser refuses a path without its leading slash
    expect(r.body).not.toContain(SECRET);
  });

  it('only GET and HEAD, and only for loopback host names (no DNS rebinding)', async () => {
    expect((await get(port, '/report/index.html', { method: 'POST' })).status).toBe(405);
    expect(await get(port, '/report/index.html', { method: 'HEAD' })).toMatchObject({ status: 200, body: '' });
    expect((await get(port, '/report/index.html', { host: 'evil.example:80' })).status).toBe(403);
    expect((await get(port, '/report/index.html', { host: `localhost:${port}` })).status).toBe(200);
  });
});
