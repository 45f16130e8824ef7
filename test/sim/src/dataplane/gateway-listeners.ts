// One HTTP listener per gateway node port, opened and closed as gateway Services come
// and go. Each connection and request is decided by the pure mesh logic; this file
// only translates decisions to sockets and HTTP (Envoy's response headers included).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { K8sObject } from '../lib/store.js';
import type { Decision, MeshOptions, MeshRequest } from '../mesh/types.js';
import { connectionDecision, decide } from '../mesh/route.js';
import { ingressNodePorts } from '../mesh/ingress.js';

export class GatewayListeners {
  private servers = new Map<number, Server>();

  constructor(
    private readonly objects: () => K8sObject[],
    private readonly opts: MeshOptions,
    private readonly log: (line: string) => void,
  ) {}

  sync(objects: K8sObject[]): void {
    const want = new Set(ingressNodePorts(objects));
    for (const [port, server] of this.servers) {
      if (!want.has(port)) {
        server.close();
        server.closeAllConnections();
        this.servers.delete(port);
        this.log(`nodePort ${port}: closed`);
      }
    }
    for (const port of want) if (!this.servers.has(port)) this.open(port);
  }

  private open(nodePort: number): void {
    const server = createServer((req, res) => this.handle(nodePort, req, res));
    // Envoy keeps idle HTTP/1.1 connections for an hour and sends no Keep-Alive header;
    // a zero timeout makes Node behave the same way.
    server.keepAliveTimeout = 0;
    server.on('connection', (socket: Socket) => {
      let d: ReturnType<typeof connectionDecision>;
      try {
        d = connectionDecision(this.objects(), nodePort, Date.now(), this.opts);
      } catch (err) {
        d = { accept: false, reason: `simulator error: ${(err as Error).message}` };
      }
      if (!d.accept) {
        this.log(`nodePort ${nodePort}: reset (${d.reason})`);
        socket.resetAndDestroy();
      }
    });
    server.on('error', (err) => this.log(`nodePort ${nodePort}: ${err.message}`));
    server.listen(nodePort, '0.0.0.0', () => this.log(`nodePort ${nodePort}: listening`));
    this.servers.set(nodePort, server);
  }

  private handle(nodePort: number, req: IncomingMessage, res: ServerResponse): void {
    const started = Date.now();
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(',') : v;
    const request: MeshRequest = { method: req.method ?? 'GET', path: req.url ?? '/', headers, nodePort, scheme: 'http' };
    // Drain the body: Envoy reads it before routing completes; apps here ignore it.
    req.resume();
    req.on('end', () => {
      let d: Decision;
      try {
        d = decide(this.objects(), request, Date.now(), this.opts);
      } catch (err) {
        // A malformed object must not take the node down; answer like a broken upstream.
        d = { kind: 'respond', origin: 'local', response: { status: 503, headers: { 'content-type': 'text/plain' }, body: 'no healthy upstream' }, reason: `simulator error: ${(err as Error).stack}` };
      }
      // Fault delays and slow upstreams are modelled as a latency; spend it for real here.
      const wait = Math.max(0, (d.latencyMs ?? 0) - (Date.now() - started));
      if (wait > 0) setTimeout(() => this.respond(d, request, res, started), wait).unref();
      else this.respond(d, request, res, started);
    });
  }

  private respond(d: Decision, req: MeshRequest, res: ServerResponse, started: number): void {
    this.log(`${req.method} ${req.headers.host ?? ''}${req.path} :${req.nodePort} → ${d.kind === 'reset' ? 'reset' : d.response.status} (${d.reason})`);
    if (d.kind === 'reset') {
      res.socket?.resetAndDestroy();
      return;
    }
    if (res.destroyed || res.socket?.destroyed) return; // the client gave up while we waited
    const { status, body } = d.response;
    const out: Record<string, string | number> = { ...d.response.headers };
    out['content-length'] = Buffer.byteLength(body);
    out.date = new Date().toUTCString();
    out.server = 'istio-envoy';
    if (d.origin === 'upstream') out['x-envoy-upstream-service-time'] = String(Math.max(0, Date.now() - started));
    res.writeHead(status, out);
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  close(): void {
    for (const s of this.servers.values()) {
      s.close();
      s.closeAllConnections();
    }
    this.servers.clear();
  }
}
