// The instructor's live dashboard: a node:http server on 127.0.0.1 only (attendee hosts and
// failure messages are nobody else's business) with one self-contained page, the latest
// roll-up as JSON, and a server-sent event stream. The server polls the cluster (the same
// one-call read as `workshop status`) every `pollMs`, one read at a time, and pushes a new
// snapshot to every open page as soon as it differs. With the default 2 s poll, a step an
// attendee passes shows within poll + one read (well under 5 s; the read of 50 attendees is
// measured in bench/workshop-status.bench-run.ts).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dashboardPage } from './dashboard-page.js';
import type { WorkshopStatus } from './roll-up.js';

export const DEFAULT_POLL_MS = 2000;

export interface DashboardOptions {
  /** 0: any free port */
  port: number;
  pollMs?: number;
  read: () => Promise<WorkshopStatus>;
  /** a failed read (cluster unreachable): shown on the page, the server keeps polling */
  onReadError?: (err: Error) => void;
}

export interface Dashboard {
  url: string;
  /** resolves once the first read is done (or failed) */
  ready: Promise<void>;
  close(): Promise<void>;
}

interface Snapshot {
  status?: WorkshopStatus;
  error?: string;
}

export async function startDashboard(opts: DashboardOptions): Promise<Dashboard> {
  const pollMs = opts.pollMs ?? DEFAULT_POLL_MS;
  const clients = new Set<ServerResponse>();
  let snapshot: Snapshot = {};
  let body = JSON.stringify(snapshot);
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  const publish = (next: Snapshot) => {
    // readAt changes every read; only a change in what is shown wakes the pages
    const comparable = JSON.stringify({ ...next, status: next.status ? { ...next.status, readAt: '' } : undefined });
    const changed = comparable !== JSON.stringify({ ...snapshot, status: snapshot.status ? { ...snapshot.status, readAt: '' } : undefined });
    snapshot = next;
    body = JSON.stringify(next);
    if (changed) for (const c of clients) c.write(`data: ${body}\n\n`);
  };

  const poll = async () => {
    try {
      publish({ status: await opts.read() });
    } catch (err) {
      opts.onReadError?.(err as Error);
      publish({ ...(snapshot.status ? { status: snapshot.status } : {}), error: (err as Error).message });
    }
    if (!closed) timer = setTimeout(() => void poll(), pollMs);
  };

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET') {
      res.writeHead(405, { allow: 'GET' }).end();
    } else if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(dashboardPage());
    } else if (path === '/status.json') {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(body);
    } else if (path === '/events') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      res.write(`retry: ${pollMs}\ndata: ${body}\n\n`);
      clients.add(res);
      req.on('close', () => clients.delete(res));
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const ready = poll();
  return {
    url: `http://127.0.0.1:${port}/`,
    ready,
    close: async () => {
      closed = true;
      if (timer) clearTimeout(timer);
      for (const c of clients) c.end();
      clients.clear();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
