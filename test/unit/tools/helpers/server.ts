/** A local HTTP server on 127.0.0.1 with scripted routes, for download tests. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash } from 'node:crypto';

export type Route =
  | { kind: 'file'; body: Buffer | string; delayMs?: number; chunkDelayMs?: number }
  | { kind: 'status'; status: number }
  | { kind: 'redirect'; to: string; status?: number }
  /** Announces the full length, sends `sendBytes`, then drops the connection. */
  | { kind: 'truncate'; body: Buffer; sendBytes: number }
  /** Sends headers and part of the body, then goes silent. */
  | { kind: 'stall'; body: Buffer; sendBytes: number }
  /** Never answers. */
  | { kind: 'hang' };

export interface TestServer {
  url: string;
  routes: Map<string, Route>;
  hits: Map<string, number>;
  set(path: string, route: Route): void;
  close(): Promise<void>;
}

export function sha256(b: Buffer | string): string {
  return createHash('sha256').update(b).digest('hex');
}

export async function startServer(): Promise<TestServer> {
  const routes = new Map<string, Route>();
  const hits = new Map<string, number>();
  const sockets = new Set<import('node:net').Socket>();
  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const r = routes.get(path);
    if (!r) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    switch (r.kind) {
      case 'file': {
        const body = Buffer.isBuffer(r.body) ? r.body : Buffer.from(r.body);
        const send = async (): Promise<void> => {
          res.writeHead(200, { 'Content-Length': String(body.length), 'Content-Type': 'application/octet-stream' });
          if (!r.chunkDelayMs) {
            res.end(body);
            return;
          }
          const step = Math.max(1, Math.ceil(body.length / 4));
          for (let off = 0; off < body.length; off += step) {
            res.write(body.subarray(off, off + step));
            await new Promise((ok) => setTimeout(ok, r.chunkDelayMs));
          }
          res.end();
        };
        if (r.delayMs) setTimeout(() => void send(), r.delayMs);
        else void send();
        return;
      }
      case 'status':
        res.writeHead(r.status, { 'Content-Type': 'text/plain' }).end(`status ${r.status}`);
        return;
      case 'redirect':
        res.writeHead(r.status ?? 302, { Location: r.to }).end();
        return;
      case 'truncate':
        res.writeHead(200, { 'Content-Length': String(r.body.length) });
        res.write(r.body.subarray(0, r.sendBytes), () => setTimeout(() => req.socket.destroy(), 20));
        return;
      case 'stall':
        res.writeHead(200, { 'Content-Length': String(r.body.length) });
        res.write(r.body.subarray(0, r.sendBytes));
        return;
      case 'hang':
        return;
    }
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    routes,
    hits,
    set: (p, r) => routes.set(p, r),
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((ok) => server.close(() => ok()));
    },
  };
}
