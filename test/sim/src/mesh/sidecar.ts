// A request leaving a pod, as its Envoy sidecar handles it (or, without a sidecar, as
// kube-proxy and the network do). Order of events, as in a real pod:
// 1. DNS (in the pod, no Istio DNS proxying): a Service name or a public name the
//    simulated internet knows; anything else → curl exit 6.
// 2. HTTPS: the sidecar only sees TLS bytes. ALLOW_ANY passes them through; with
//    REGISTRY_ONLY only a ServiceEntry for host:port does, otherwise the connection goes
//    to the BlackHoleCluster and the TLS handshake fails (curl exit 35, as the Istio
//    egress-control task shows: "command terminated with exit code 35").
// 3. HTTP: virtual host by Host header → a Service or ServiceEntry host. Its mesh
//    VirtualService (gateways empty or "mesh") or Gateway API mesh route (an HTTPRoute
//    whose parentRef is the Service, gateway-api/mesh-route.ts) routes it; without one the default route
//    goes to the host itself. An unregistered host goes to PassthroughCluster (ALLOW_ANY)
//    or gets 502 with an empty body from the sidecar (REGISTRY_ONLY, "block_all").
import type { HttpResponse, K8sObject, MeshOptions } from './types.js';
import type { HopEnv } from './action.js';
import { runRoute } from './action.js';
import { effectiveOfKind, nsOf } from './objects.js';
import { hostMatchScore, normalizeHost } from './match.js';
import { resolveDnsService, serviceFqdn } from './services.js';
import { siteFor } from './internet/sites.js';
import type { Site } from './internet/types.js';
import { serviceEntryFor, isHttpProtocol } from './service-entry.js';
import { outboundMode } from './mesh-config.js';
import { firstRoute, meshGatewayTest } from './virtualservice.js';
import { callExternal, callUpstream, type HopRequest, type UpstreamOutcome } from './upstream.js';
import { callDestination, CONNECT_FAILURE, type Destination } from './destination.js';
import type { ServicePort } from './ingress.js';
import { runHttpRoutes } from './gateway-api/hop.js';
import { meshHttpRoutes, oldestCreation } from './gateway-api/mesh-route.js';

export interface ClientPod {
  name: string;
  namespace: string;
  /** whether the pod has an istio-proxy sidecar */
  injected: boolean;
}

export interface OutboundRequest {
  method: string;
  url: URL;
  /** lower-case names, including `host` */
  headers: Record<string, string>;
}

export type OutboundResult =
  | { kind: 'http'; response: HttpResponse; httpVersion: '1.1' | '2'; latencyMs: number; reason: string }
  /** a transport failure: curl's exit code, and its message without the "curl: (N) " prefix */
  | { kind: 'error'; code: number; message: string; latencyMs: number; reason: string };

const err = (code: number, message: string, reason: string, latencyMs = 0): OutboundResult => ({ kind: 'error', code, message, latencyMs, reason });

function defaultPort(url: URL): number {
  return url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
}

export function sidecarOutbound(objects: K8sObject[], client: ClientPod, req: OutboundRequest, now: number, opts: MeshOptions): OutboundResult {
  const env: HopEnv = { objects, now, opts };
  const name = req.url.hostname.replace(/^\[|\]$/g, '');
  const port = defaultPort(req.url);
  const svc = resolveDnsService(objects, name, client.namespace);
  const site = svc ? undefined : siteFor(name);
  if (!svc && !site) return err(6, `Could not resolve host: ${name}`, `${name} does not resolve`);
  const https = req.url.protocol === 'https:';
  const hopReq: HopRequest = { method: req.method, path: `${req.url.pathname}${req.url.search}`, headers: { ...req.headers }, scheme: https ? 'https' : 'http' };

  if (https) {
    if (svc) return err(35, `OpenSSL SSL_connect: SSL_ERROR_SYSCALL in connection to ${name}:${port} `, 'TLS to in-cluster Services is not simulated');
    if (client.injected && outboundMode(objects, client.namespace, { now, opts }) === 'REGISTRY_ONLY' && !serviceEntryFor(objects, name, port, now, opts)) {
      return err(35, `OpenSSL SSL_connect: SSL_ERROR_SYSCALL in connection to ${name}:${port} `, `REGISTRY_ONLY: ${name}:${port} is not registered (BlackHoleCluster)`);
    }
    return tlsToSite(site!, name, port, hopReq);
  }

  if (!client.injected) return direct(env, svc, site, name, port, hopReq);

  const vhost = normalizeHost(req.headers.host ?? req.url.host);
  const target = routeTarget(objects, vhost, client.namespace, port, now, opts);
  if (!target) {
    if (outboundMode(objects, client.namespace, { now, opts }) === 'REGISTRY_ONLY') {
      return fromSidecar({ kind: 'respond', origin: 'local', response: { status: 502, headers: {}, body: '' }, reason: `REGISTRY_ONLY: no route for ${vhost}:${port} (BlackHoleCluster)` });
    }
    // PassthroughCluster: on to the address the client connected to.
    const through = direct(env, svc, site, name, port, hopReq);
    if (through.kind === 'http') return { ...through, response: { ...through.response, headers: { ...through.response.headers, server: 'envoy' } } };
    if (through.code === 7) return fromSidecar({ kind: 'respond', origin: 'local', response: { status: 503, headers: { 'content-type': 'text/plain' }, body: CONNECT_FAILURE }, reason: through.reason });
    return through;
  }

  const vs = meshVirtualService(objects, target.fqdn, now, opts);
  // Gateway API mesh routes for the Service (GAMMA); with a VirtualService for the same host too, the oldest wins
  const parentObj = target.external ? serviceEntryFor(objects, vhost, port, now, opts)?.entry : resolveDnsService(objects, vhost, client.namespace);
  const parent = parentObj && { kind: target.external ? ('ServiceEntry' as const) : ('Service' as const), name: parentObj.metadata.name, namespace: nsOf(parentObj) };
  const gamma = parent ? meshHttpRoutes(objects, parent, client.namespace, port, now, opts) : [];
  if (gamma.length > 0 && (!vs || oldestCreation(gamma) <= oldestCreation([vs]))) {
    return fromSidecar(runHttpRoutes(env, `sidecar:${client.namespace}`, gamma, hopReq, port, port, true));
  }
  if (vs) {
    const route = firstRoute(vs, hopReq, port, meshGatewayTest);
    if (!route) return fromSidecar({ kind: 'respond', origin: 'local', response: { status: 404, headers: {}, body: '' }, reason: `no route of ${nsOf(vs)}/${vs.metadata.name} matched` });
    return fromSidecar(runRoute(env, `sidecar:${client.namespace}`, route, vs, hopReq, port));
  }
  // The default route: straight to the host's own cluster.
  const dest: Destination = { host: target.fqdn, port: { number: port } };
  const up = target.external ? callExternal(target.fqdn, port, hopReq) : callUpstream(env, dest, client.namespace, hopReq, port);
  return fromSidecar(outcomeToDecision(up));
}

interface RouteTarget {
  fqdn: string;
  external: boolean;
}

/** The registry entry the Host header names on this port (Envoy's virtual host). */
function routeTarget(objects: K8sObject[], vhost: string, clientNs: string, port: number, now: number, opts: MeshOptions): RouteTarget | undefined {
  const svc = resolveDnsService(objects, vhost, clientNs);
  if (svc && ((svc.spec?.ports ?? []) as ServicePort[]).some((p) => p.port === port)) return { fqdn: serviceFqdn(svc), external: false };
  const se = serviceEntryFor(objects, vhost, port, now, opts);
  if (se && isHttpProtocol(se.port.protocol)) return { fqdn: vhost, external: true };
  return undefined;
}

/** VirtualService hosts: a short name means <name>.<vs namespace>.svc.cluster.local. */
function vsHostScore(pattern: string, vsNs: string, fqdn: string): number {
  const p = pattern.includes('.') || pattern.startsWith('*') ? pattern : `${pattern}.${vsNs}.svc.cluster.local`;
  return hostMatchScore(p, fqdn);
}

/** The sidecar's VirtualService for a host: the most specific host wins, then the oldest (no merging for sidecars). */
function meshVirtualService(objects: K8sObject[], fqdn: string, now: number, opts: MeshOptions): K8sObject | undefined {
  let best: { vs: K8sObject; score: number; at: number } | undefined;
  for (const vs of effectiveOfKind(objects, 'VirtualService', now, opts)) {
    const gws = (vs.spec?.gateways ?? []) as string[];
    if (gws.length > 0 && !gws.includes('mesh')) continue;
    const score = Math.max(-1, ...((vs.spec?.hosts ?? []) as string[]).map((h) => vsHostScore(h, nsOf(vs), fqdn)));
    if (score < 0) continue;
    const at = Date.parse(vs.metadata.creationTimestamp ?? '') || 0;
    if (!best || score > best.score || (score === best.score && at < best.at)) best = { vs, score, at };
  }
  return best?.vs;
}

type SidecarDecision = import('./types.js').Decision;

function outcomeToDecision(up: UpstreamOutcome): SidecarDecision {
  if (up.kind === 'local') return { kind: 'respond', origin: 'local', response: { status: up.status, headers: up.body ? { 'content-type': 'text/plain' } : {}, body: up.body }, reason: up.reason };
  if (up.kind === 'reset') return { kind: 'respond', origin: 'local', latencyMs: up.latencyMs ?? 0, response: { status: 503, headers: { 'content-type': 'text/plain' }, body: CONNECT_FAILURE }, reason: up.reason };
  return { kind: 'respond', origin: 'upstream', latencyMs: up.latencyMs ?? 0, response: up.response, reason: up.reason };
}

/** The sidecar's own headers on what it returns to the app (HTTP/1.1 to curl). */
function fromSidecar(d: SidecarDecision): OutboundResult {
  if (d.kind === 'reset') return err(56, 'Recv failure: Connection reset by peer', d.reason, d.latencyMs ?? 0);
  const headers: Record<string, string> = { ...d.response.headers, server: 'envoy' };
  if (d.origin === 'upstream') headers['x-envoy-upstream-service-time'] = String(Math.max(1, Math.round(d.latencyMs ?? 0)));
  return { kind: 'http', response: { ...d.response, headers }, httpVersion: '1.1', latencyMs: d.latencyMs ?? 0, reason: d.reason };
}

/** Without a sidecar (or through PassthroughCluster): kube-proxy to an endpoint, or the internet. */
function direct(env: HopEnv, svc: K8sObject | undefined, site: Site | undefined, name: string, port: number, req: HopRequest): OutboundResult {
  if (svc) {
    const ports = (svc.spec?.ports ?? []) as ServicePort[];
    if (!ports.some((p) => p.port === port)) return err(7, `Failed to connect to ${name} port ${port} after 1 ms: Could not connect to server`, `Service has no port ${port}`);
    const r = callDestination(env.objects, { host: serviceFqdn(svc), port: { number: port } }, nsOf(svc), req, env.now, env.opts);
    // kube-proxy rejects connections to a Service without ready endpoints.
    if (!r.ok) return err(7, `Failed to connect to ${name} port ${port} after 1 ms: Could not connect to server`, r.reason);
    return { kind: 'http', response: r.response, httpVersion: '1.1', latencyMs: 0, reason: `direct → ${r.endpoint.podName}:${r.port}` };
  }
  const s = site!;
  if (s.ports[port] === undefined) return err(28, `Failed to connect to ${name} port ${port} after 75000 ms: Could not connect to server`, `${name} does not listen on ${port}`, 75_000);
  if (s.ports[port] === 'https') return err(52, 'Empty reply from server', `${name}:${port} speaks TLS`);
  const a = s.handle({ method: req.method, path: req.path, headers: req.headers, scheme: 'http', host: name, port });
  return { kind: 'http', response: a.response, httpVersion: '1.1', latencyMs: a.latencyMs ?? 0, reason: `internet ${name}:${port}` };
}

function tlsToSite(site: Site, name: string, port: number, req: HopRequest): OutboundResult {
  if (site.ports[port] !== 'https') return err(35, `OpenSSL/3.3.2: error:0A00010B:SSL routines::wrong version number`, `${name}:${port} does not speak TLS`);
  const a = site.handle({ method: req.method, path: req.path, headers: req.headers, scheme: 'https', host: name, port });
  return { kind: 'http', response: a.response, httpVersion: site.tlsHttpVersion, latencyMs: a.latencyMs ?? 0, reason: `TLS to ${name}:${port}` };
}
