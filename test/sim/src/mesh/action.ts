// What a proxy (gateway or sidecar) does with a request once an http route matched:
// directResponse / redirect, else the fault filter (delay, abort), then the router
// (weighted destination, header manipulation, the route timeout) and the upstream.
// Time is modelled, not spent: a Decision carries `latencyMs`, the moment its
// response exists, and the adapter (data plane, kubectl exec) waits that long.
import { createHash } from 'node:crypto';
import type { Decision, K8sObject, MeshOptions } from './types.js';
import type { HTTPRoute } from './virtualservice.js';
import { normalizeHost } from './match.js';
import { durationMs } from './duration.js';
import { evaluateFault, FAULT_ABORT_BODY } from './faults.js';
import { applyOps, withResponseHeaders } from './headers.js';
import { callUpstream, type HopRequest } from './upstream.js';
import { nsOf } from './objects.js';

export interface HopEnv {
  objects: K8sObject[];
  now: number;
  opts: MeshOptions;
}

/** Envoy's router answers this when the route timeout fires first (status 504). */
export const UPSTREAM_TIMEOUT_BODY = 'upstream request timeout';

const text = { 'content-type': 'text/plain' };

/** A per-route key for the seeded random spread: the proxy plus the route's content. */
function routeKey(hopId: string, vs: K8sObject, route: HTTPRoute): string {
  const digest = createHash('sha1').update(JSON.stringify(route)).digest('hex').slice(0, 12);
  return `${hopId}|${nsOf(vs)}/${vs.metadata.name}|${digest}`;
}

type WeightedDest = NonNullable<HTTPRoute['route']>[number];

/** Istio: a single destination takes all traffic; with several, weights (default 0) decide. */
function pickWeighted(dests: WeightedDest[], key: string, opts: MeshOptions): WeightedDest {
  if (dests.length === 1) return dests[0]!;
  const weights = dests.map((d) => Number(d.weight ?? 0));
  const total = weights.reduce((s, w) => s + w, 0);
  if (total <= 0) return dests[0]!;
  if (opts.spread) return dests[opts.spread.weighted(key, weights)]!;
  let x = opts.pickWeight(total);
  for (let i = 0; i < dests.length; i++) {
    x -= weights[i]!;
    if (x < 0) return dests[i]!;
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

export function runRoute(env: HopEnv, hopId: string, route: HTTPRoute, vs: K8sObject, req: HopRequest, reqPort: number): Decision {
  const name = `${nsOf(vs)}/${vs.metadata.name}`;
  if (route.directResponse) {
    const body = route.directResponse.body?.string ?? (route.directResponse.body?.bytes ? Buffer.from(route.directResponse.body.bytes, 'base64').toString() : '');
    const headers: Record<string, string> = body ? { ...text } : {};
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
  if (dests.length === 0) return { kind: 'respond', origin: 'local', response: { status: 404, headers: {}, body: '' }, reason: `route in ${name} has no destination` };

  const key = routeKey(hopId, vs, route);
  const fault = evaluateFault(route.fault, key, env.opts);
  if (fault.abortStatus !== undefined) {
    return {
      kind: 'respond', origin: 'local', latencyMs: fault.delayMs,
      response: { status: fault.abortStatus, headers: { ...text }, body: FAULT_ABORT_BODY },
      reason: `fault abort ${fault.abortStatus} from ${name}${fault.delayMs ? ` after a ${fault.delayMs} ms fault delay` : ''}`,
    };
  }

  const chosen = pickWeighted(dests, key, env.opts);
  const upstreamReq: HopRequest = { method: req.method, path: rewritePath(route, req.path), headers: { ...req.headers }, scheme: req.scheme };
  if (route.rewrite?.authority) upstreamReq.headers.host = route.rewrite.authority;
  applyOps(upstreamReq.headers, route.headers?.request);
  applyOps(upstreamReq.headers, chosen.headers?.request);

  const up = callUpstream(env, chosen.destination, nsOf(vs), upstreamReq, reqPort);
  const upLatency = up.kind === 'local' ? 0 : (up.latencyMs ?? 0);
  // "timeouts or retries will not be enabled when faults are enabled on the client side"
  // (VirtualService reference, HTTPRoute.fault).
  const timeoutMs = route.fault ? undefined : durationMs(route.timeout);
  if (timeoutMs !== undefined && timeoutMs > 0 && upLatency > timeoutMs) {
    return {
      kind: 'respond', origin: 'local', latencyMs: fault.delayMs + timeoutMs,
      response: { status: 504, headers: { ...text }, body: UPSTREAM_TIMEOUT_BODY },
      reason: `route timeout ${timeoutMs} ms in ${name} (upstream needs ${upLatency} ms)`,
    };
  }
  const latencyMs = fault.delayMs + upLatency;
  const delayNote = fault.delayMs ? ` after a ${fault.delayMs} ms fault delay` : '';
  if (up.kind === 'local') {
    return { kind: 'respond', origin: 'local', latencyMs, response: { status: up.status, headers: up.body ? { ...text } : {}, body: up.body }, reason: `${up.reason}${delayNote}` };
  }
  if (up.kind === 'reset') {
    return { kind: 'respond', origin: 'local', latencyMs, response: { status: 503, headers: { ...text }, body: CONNECT_FAILURE_BODY }, reason: `${up.reason}${delayNote}` };
  }
  let response = withResponseHeaders(up.response, route.headers);
  response = withResponseHeaders(response, chosen.headers);
  return { kind: 'respond', origin: 'upstream', latencyMs, response, reason: `${name} → ${up.reason}${delayNote}` };
}

export const CONNECT_FAILURE_BODY = 'upstream connect error or disconnect/reset before headers. reset reason: connection failure';
