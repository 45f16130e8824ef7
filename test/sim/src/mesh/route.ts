// The ingress gateway's decision for one connection / one request, composed from the
// pieces in this directory. Pure: (objects, request, now, options) → Decision.
import type { Decision, HttpResponse, K8sObject, MeshOptions, MeshRequest } from './types.js';
import { deploymentAvailable } from './objects.js';
import { listenerFor, numericTargetPort, type IngressListener } from './ingress.js';
import { isHttpServer, serversOnPort } from './gateway.js';
import { normalizeHost } from './match.js';
import { candidateVirtualServices, selectRoute, type HeaderOps, type HTTPRoute } from './virtualservice.js';
import { callDestination } from './destination.js';

/** Istio's health port on the gateway (status-port 15021 → /healthz/ready). */
const STATUS_PORT = 15021;

export type ConnectionDecision = { accept: true; listener: IngressListener } | { accept: false; reason: string };

/**
 * Whether a TCP connection to `nodePort` reaches a listening Envoy. kube-proxy
 * rejects when the gateway has no ready pod; Envoy has no listener on a port until a
 * Gateway server for it has propagated. Either way the client sees a reset.
 */
export function connectionDecision(objects: K8sObject[], nodePort: number, now: number, opts: MeshOptions): ConnectionDecision {
  const listener = listenerFor(objects, nodePort);
  if (!listener) return { accept: false, reason: `no gateway Service exposes node port ${nodePort}` };
  if (!listener.deployments.some((d) => deploymentAvailable(d, now))) {
    return { accept: false, reason: 'the ingress gateway has no ready pod' };
  }
  if (numericTargetPort(listener.port, []) === STATUS_PORT) return { accept: true, listener };
  const servers = serversOnPort(objects, listener.podLabels, listener.port.port, now, opts);
  if (servers.length === 0) return { accept: false, reason: `no Gateway server on port ${listener.port.port} (Envoy has no listener)` };
  if (!servers.some((s) => isHttpServer(s.server))) {
    return { accept: false, reason: `only non-HTTP Gateway servers on port ${listener.port.port} (TLS is not simulated)` };
  }
  return { accept: true, listener };
}

const notFound = (reason: string): Decision => ({ kind: 'respond', origin: 'local', response: { status: 404, headers: {}, body: '' }, reason });

export function decide(objects: K8sObject[], req: MeshRequest, now: number, opts: MeshOptions): Decision {
  const conn = connectionDecision(objects, req.nodePort, now, opts);
  if (!conn.accept) return { kind: 'reset', reason: conn.reason };
  const { listener } = conn;
  const pathOnly = req.path.split('?')[0];

  if (numericTargetPort(listener.port, []) === STATUS_PORT) {
    return pathOnly === '/healthz/ready'
      ? { kind: 'respond', origin: 'local', response: { status: 200, headers: {}, body: '' }, reason: 'gateway ready' }
      : notFound('status port path');
  }

  const host = normalizeHost(req.headers.host);
  const servers = serversOnPort(objects, listener.podLabels, listener.port.port, now, opts).filter((s) => isHttpServer(s.server));
  const candidates = candidateVirtualServices(objects, servers, host, now, opts);
  if (candidates.length === 0) return notFound(`no VirtualService for host "${host}" on port ${listener.port.port}`);
  const selected = selectRoute(candidates, req, listener.port.port);
  if (!selected) return notFound('no http route matched');
  return act(objects, selected.route, selected.vs, req, now, opts);
}

function act(objects: K8sObject[], route: HTTPRoute, vs: K8sObject, req: MeshRequest, now: number, opts: MeshOptions): Decision {
  const name = `${vs.metadata.namespace ?? 'default'}/${vs.metadata.name}`;
  if (route.directResponse) {
    const body = route.directResponse.body?.string ?? (route.directResponse.body?.bytes ? Buffer.from(route.directResponse.body.bytes, 'base64').toString() : '');
    const headers: Record<string, string> = body ? { 'content-type': 'text/plain' } : {};
    return { kind: 'respond', origin: 'local', response: withResponseHeaders({ status: route.directResponse.status, headers, body }, route.headers), reason: `directResponse from ${name}` };
  }
  if (route.redirect) {
    const r = route.redirect;
    const host = r.authority ?? req.headers.host ?? '';
    const hostPort = r.port !== undefined ? `${normalizeHost(host)}:${r.port}` : host;
    const location = `${r.scheme ?? req.scheme ?? 'http'}://${hostPort}${r.uri ?? req.path}`;
    return { kind: 'respond', origin: 'local', response: { status: r.redirectCode ?? 301, headers: { location }, body: '' }, reason: `redirect from ${name}` };
  }
  const dests = route.route ?? [];
  if (dests.length === 0) return notFound(`route in ${name} has no destination`);
  const chosen = pickWeighted(dests, opts);

  const upstreamReq = { method: req.method, path: rewritePath(route, req.path), headers: { ...req.headers } };
  if (route.rewrite?.authority) upstreamReq.headers.host = route.rewrite.authority;
  applyOps(upstreamReq.headers, route.headers?.request);
  applyOps(upstreamReq.headers, chosen.headers?.request);

  const result = callDestination(objects, chosen.destination, vs.metadata.namespace ?? 'default', upstreamReq, now, opts);
  if (!result.ok) {
    return { kind: 'respond', origin: 'local', response: { status: 503, headers: { 'content-type': 'text/plain' }, body: result.body }, reason: result.reason };
  }
  let response = withResponseHeaders(result.response, route.headers);
  response = withResponseHeaders(response, chosen.headers);
  return { kind: 'respond', origin: 'upstream', response, reason: `${name} → ${result.endpoint.podName}:${result.port}` };
}

type WeightedDest = NonNullable<HTTPRoute['route']>[number];

/** Istio: a single destination takes all traffic; with several, weights (default 0) decide. */
function pickWeighted(dests: WeightedDest[], opts: MeshOptions): WeightedDest {
  if (dests.length === 1) return dests[0]!;
  const total = dests.reduce((s, d) => s + (d.weight ?? 0), 0);
  if (total <= 0) return dests[0]!;
  let x = opts.pickWeight(total);
  for (const d of dests) {
    x -= d.weight ?? 0;
    if (x < 0) return d;
  }
  return dests[dests.length - 1]!;
}

/** rewrite.uri replaces the matched uri prefix, or the whole path for other matches. */
function rewritePath(route: HTTPRoute, path: string): string {
  const to = route.rewrite?.uri;
  if (to === undefined) return path;
  const prefix = (route.match ?? []).map((m) => m.uri?.prefix).find((p) => p !== undefined && path.startsWith(p));
  if (prefix !== undefined) return to + path.slice(prefix.length);
  const q = path.indexOf('?');
  return q === -1 ? to : to + path.slice(q);
}

function applyOps(headers: Record<string, string>, ops: { set?: Record<string, string>; add?: Record<string, string>; remove?: string[] } | undefined): void {
  if (!ops) return;
  for (const [k, v] of Object.entries(ops.set ?? {})) headers[k.toLowerCase()] = v;
  for (const [k, v] of Object.entries(ops.add ?? {})) {
    const key = k.toLowerCase();
    headers[key] = headers[key] === undefined ? v : `${headers[key]},${v}`;
  }
  for (const k of ops.remove ?? []) delete headers[k.toLowerCase()];
}

function withResponseHeaders(res: HttpResponse, ops: HeaderOps | undefined): HttpResponse {
  if (!ops?.response) return res;
  const headers = { ...res.headers };
  applyOps(headers, ops.response);
  return { ...res, headers };
}
