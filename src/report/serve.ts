// `gdlab serve`: a static file server for a results folder, bound to 127.0.0.1, that serves only regular files under that folder (no traversal, no symlinks out).
import { createReadStream, realpathSync, statSync } from 'node:fs';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import { extname, join, sep } from 'node:path';
import { GdlabError } from '../core/errors.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.csv': 'text/csv; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.yaml': 'text/plain; charset=utf-8',
};

/** The real path of the regular file a request path names under `root` (itself a real path), or undefined when it names none or leaves root. */
export function resolveUnder(root: string, requestPath: string): string | undefined {
  let path: string;
  try {
    path = decodeURIComponent(requestPath.split(/[?#]/)[0]);
  } catch {
    return undefined; // malformed %-escape
  }
  if (!path.startsWith('/') || path.includes('\0') || path.includes('\\')) return undefined;
  // No "..", no hidden files (temporary files of atomic writes, the store's journal).
  if (path.split('/').some((s) => s === '..' || s.startsWith('.'))) return undefined;
  let real: string;
  try {
    real = realpathSync(join(root, path));
    if (statSync(real).isDirectory()) real = realpathSync(join(real, 'index.html'));
    if (!statSync(real).isFile()) return undefined;
  } catch {
    return undefined;
  }
  return real.startsWith(root + sep) ? real : undefined; // a symlink may point anywhere: check where it lands
}

function reply(res: ServerResponse, code: number, text: string): void {
  res.writeHead(code, { 'Content-Type': 'text/plain; charset=utf-8' }).end(`${text}\n`);
}

export function createReportServer(resultsDir: string): Server {
  let root: string;
  try {
    root = realpathSync(resultsDir);
  } catch {
    throw new GdlabError(`${resultsDir}: no such results folder`);
  }
  return createServer((req: IncomingMessage, res: ServerResponse) => {
    // Only the loopback names: a page elsewhere cannot reach this server through DNS rebinding.
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    if (host !== '127.0.0.1' && host !== 'localhost') return reply(res, 403, 'forbidden host');
    if (req.method !== 'GET' && req.method !== 'HEAD') return reply(res, 405, 'method not allowed');
    const url = req.url ?? '/';
    if (url === '/' || url === '') {
      res.writeHead(302, { Location: '/report/index.html' }).end();
      return;
    }
    const file = resolveUnder(root, url);
    if (file === undefined) return reply(res, 404, 'not found');
    res.writeHead(200, {
      'Content-Type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'",
      'Cache-Control': 'no-store',
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).on('error', () => res.destroy()).pipe(res);
  });
}

/** Listen on 127.0.0.1 only; port 0 picks a free port. */
export function serveResults(resultsDir: string, port: number): Promise<{ readonly server: Server; readonly url: string }> {
  const server = createReportServer(resultsDir);
  return new Promise((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => reject(new GdlabError(`--port: cannot listen on 127.0.0.1:${port} (${e.code ?? e.message})`)));
    server.listen(port, '127.0.0.1', () => {
      const a = server.address();
      resolve({ server, url: `http://127.0.0.1:${typeof a === 'object' && a !== null ? a.port : port}/` });
    });
  });
}
