// A local HTTP server for download tests: serves fixture bytes on 127.0.0.1 (port 0), honours or ignores Range, can cut a response short.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Served {
  body: Uint8Array;
  /** Answer Range requests with the whole file (200), as a server without range support does. */
  ignoreRange?: boolean;
  /** For the next full response only: send this many bytes of a declared full length, then close the connection. */
  cutAfter?: number;
}

export interface FixtureServer {
  readonly baseUrl: string;
  readonly files: Map<string, Served>;
  /** Every request: path and Range header ('' if none). */
  readonly requests: { path: string; range: string }[];
  close(): Promise<void>;
}

export async function startServer(): Promise<FixtureServer> {
  const files = new Map<string, Served>();
  const requests: { path: string; range: string }[] = [];
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = req.url ?? '';
    const range = req.headers.range ?? '';
    requests.push({ path, range });
    const f = files.get(path);
    if (f === undefined) {
      res.writeHead(404).end('not found');
      return;
    }
    const len = f.body.length;
    const m = /^bytes=(\d+)-$/.exec(range);
    if (m !== null && f.ignoreRange !== true) {
      const start = Number(m[1]);
      if (start >= len) {
        res.writeHead(416, { 'Content-Range': `bytes */${len}` }).end();
        return;
      }
      res.writeHead(206, { 'Content-Length': len - start, 'Content-Range': `bytes ${start}-${len - 1}/${len}` });
      res.end(f.body.subarray(start));
      return;
    }
    res.writeHead(200, { 'Content-Length': len });
    if (f.cutAfter !== undefined) {
      const cut = f.cutAfter;
      f.cutAfter = undefined;
      res.write(f.body.subarray(0, cut), () => setTimeout(() => req.socket.destroy(), 20));
      return;
    }
    res.end(f.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/`,
    files,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
