// One request inside a Gateway API gateway's Envoy (Istio's automated NAME-istio deployment,
// or istio-ingressgateway for a manually deployed Gateway): the Gateway's listener on the
// Service port, the HTTPRoutes attached to it (parentRefs, sectionName/port, hostnames),
// the winning rule (match.ts), its filters, then one backendRef by weight. Istio's answers:
// no route or rule → 404; a rule without backendRefs → 404; a backend Service that does not
// exist (ResolvedRefs=False, BackendNotFound) or all weights 0 → 500; timeouts.request is
// the route timeout (504 "upstream request timeout"). Envoy work after the pick (headers,
// timeout, upstream) is the Istio routing core's runRoute.
import type { Decision, K8sObject } from '../types.js';
import type { HopEnv } from '../action.js';
import { runRoute } from '../action.js';
import type { HTTPRoute } from '../virtualservice.js';
import { hostMatchScore, normalizeHost } from '../match.js';
import { find, isPropagated, nsOf, selectorMatches } from '../objects.js';
import type { HopRequest } from '../upstream.js';
import { serviceEntryFor } from '../service-entry.js';
import { backendAllowed } from '../../gateway-api/reference-grant.js';
import { listenerAdmits, selectRule, type GwBackendRef, type GwFilter, type GwRule } from './match.js';

const GROUP = 'gateway.networking.k8s.io';
export const GATEWAY_NAME_LABEL = 'gateway.networking.k8s.io/gateway-name';

const respond = (status: number, reason: string, headers: Record<string, string> = {}): Decision => ({ kind: 'respond', origin: 'local', response: { status, headers, body: '' }, reason });

function gwObjects(objects: K8sObject[], kind: string): K8sObject[] {
  return objects.filter((o) => o.kind === kind && o.apiVersion.startsWith(`${GROUP}/`));
}

/** The Gateway API Gateways a gateway pod serves: its own (automated) or manual ones naming its Service. */
export function gatewaysServedBy(objects: K8sObject[], podLabels: Record<string, string>): K8sObject[] {
  return gwObjects(objects, 'Gateway').filter((g) => {
    if (g.spec?.gatewayClassName !== 'istio') return false;
    const manual = ((g.spec?.addresses ?? []) as Array<{ type?: string; value: string }>).find((a) => a.type === 'Hostname');
    if (!manual) return podLabels[GATEWAY_NAME_LABEL] === g.metadata.name;
    const m = /^([^.]+)\.([^.]+)\.svc(\.cluster\.local)?$/.exec(manual.value);
    const svc = m ? find(objects, 'Service', m[2]!, m[1]!) : undefined;
    return !!svc && nsOf(svc) === nsOf(g) && selectorMatches(svc.spec?.selector, podLabels);
  });
}

export function isGatewayApiPod(podLabels: Record<string, string>): boolean {
  return podLabels[GATEWAY_NAME_LABEL] !== undefined;
}

interface Listener { name: string; port: number; protocol: string; hostname?: string; allowedRoutes?: Parameters<typeof listenerAdmits>[2]['allowedRoutes'] }

export function listenersOn(objects: K8sObject[], podLabels: Record<string, string>, port: number): Array<{ gw: K8sObject; l: Listener }> {
  return gatewaysServedBy(objects, podLabels).flatMap((gw) => ((gw.spec.listeners ?? []) as Listener[]).filter((l) => l.port === port).map((l) => ({ gw, l })));
}

function attached(objects: K8sObject[], route: K8sObject, gw: K8sObject, l: Listener): boolean {
  return listenerAdmits(objects, gw, l, route) && ((route.spec?.parentRefs ?? []) as Array<Record<string, any>>).some((p) => (p.kind ?? 'Gateway') === 'Gateway' && (p.group ?? GROUP) === GROUP &&
    p.name === gw.metadata.name && (p.namespace ?? nsOf(route)) === nsOf(gw) &&
    (p.sectionName === undefined || p.sectionName === l.name) && (p.port === undefined || p.port === l.port));
}

function hostAccepted(route: K8sObject, l: Listener, host: string): boolean {
  if (l.hostname && hostMatchScore(l.hostname, host) < 0) return false;
  const names = (route.spec?.hostnames ?? []) as string[];
  return names.length === 0 || names.some((n) => hostMatchScore(n, host) >= 0);
}

function headerOps(f: GwFilter | undefined): { set?: Record<string, string>; add?: Record<string, string>; remove?: string[] } | undefined {
  if (!f) return undefined;
  const map = (xs?: Array<{ name: string; value: string }>) => (xs ? Object.fromEntries(xs.map((x) => [x.name, x.value])) : undefined);
  return { set: map(f.set), add: map(f.add), remove: f.remove };
}

function pickBackend(env: HopEnv, key: string, refs: GwBackendRef[]): GwBackendRef | undefined {
  const weights = refs.map((r) => r.weight ?? 1);
  const total = weights.reduce((s, w) => s + w, 0);
  if (total <= 0) return undefined;
  if (env.opts.spread) return refs[env.opts.spread.weighted(key, weights)];
  let x = env.opts.pickWeight(total);
  for (let i = 0; i < refs.length; i++) {
    x -= weights[i]!;
    if (x < 0) return refs[i];
  }
  return refs[refs.length - 1];
}

function redirect(f: GwFilter, req: HopRequest, listenerPort: number): Decision {
  const r = f.requestRedirect ?? {};
  const host = r.hostname ?? normalizeHost(req.headers.host);
  const scheme = r.scheme ?? req.scheme ?? 'http';
  const port = r.port ?? (r.scheme ? undefined : listenerPort);
  const path = r.path?.type === 'ReplaceFullPath' ? r.path.replaceFullPath : req.path;
  const hostPort = port === undefined || (scheme === 'http' && port === 80) || (scheme === 'https' && port === 443) ? host : `${host}:${port}`;
  return respond(r.statusCode ?? 302, `RequestRedirect filter`, { location: `${scheme}://${hostPort}${path}` });
}

export function gatewayApiHop(env: HopEnv, podLabels: Record<string, string>, servicePort: number, req: HopRequest): Decision {
  const listeners = listenersOn(env.objects, podLabels, servicePort).filter(({ l }) => l.protocol === 'HTTP');
  if (listeners.length === 0) return { kind: 'reset', reason: `no HTTP Gateway API listener on port ${servicePort}` };
  const host = normalizeHost(req.headers.host);
  const routes = gwObjects(env.objects, 'HTTPRoute').filter((r) => isPropagated(r, env.now, env.opts) &&
    listeners.some(({ gw, l }) => attached(env.objects, r, gw, l) && hostAccepted(r, l, host)));
  return runHttpRoutes(env, `gwapi:${podLabels[GATEWAY_NAME_LABEL] ?? podLabels.istio ?? '?'}`, routes, req, servicePort, listeners[0]!.l.port);
}

/**
 * The winning rule of the given routes, its filters, then one backendRef by weight; shared
 * by the gateway and by sidecars for mesh (GAMMA) routes. `redirectPort` is the port a
 * RequestRedirect keeps (the listener's, or the Service's for a mesh route).
 */
export function runHttpRoutes(env: HopEnv, tag: string, routes: K8sObject[], req: HopRequest, servicePort: number, redirectPort: number, mesh = false): Decision {
  const won = selectRule(routes, req);
  if (!won) return respond(404, `no HTTPRoute rule matched ${req.path}`);
  const { route, rule } = won;
  const name = `${nsOf(route)}/${route.metadata.name}`;
  const filters = rule.filters ?? [];
  const redirectFilter = filters.find((f) => f.type === 'RequestRedirect');
  if (redirectFilter) return redirect(redirectFilter, req, redirectPort);
  const refs = rule.backendRefs ?? [];
  if (refs.length === 0) return respond(404, `rule of ${name} has no backendRefs`);
  const chosen = pickBackend(env, `gwapi|${name}|${won.ruleIndex}`, refs);
  if (!chosen) return respond(500, `all backendRefs of ${name} have weight 0`);
  const ns = chosen.namespace ?? nsOf(route);
  if (isHostnameRef(chosen)) {
    // Istio's backendRef kind Hostname (group networking.istio.io): a ServiceEntry host
    if (!serviceEntryFor(env.objects, chosen.name, chosen.port ?? servicePort, env.now, env.opts)) return respond(500, `backend ${chosen.name} of ${name} not found (ResolvedRefs=False)`);
  } else if (!mesh && (chosen.kind ?? 'Service') === 'Service' && !backendAllowed(env.objects, chosen.name, ns, nsOf(route))) {
    return respond(500, `backend ${chosen.name}.${ns} of ${name} not permitted (RefNotPermitted: no ReferenceGrant)`);
  } else if ((chosen.kind ?? 'Service') !== 'Service' || !find(env.objects, 'Service', ns, chosen.name)) {
    return respond(500, `backend ${chosen.name}.${ns} of ${name} not found (ResolvedRefs=False)`);
  }
  return runRoute(env, tag, toIstioRoute(rule, chosen, ns, won.match.path), route, req, servicePort);
}

/** Istio's `kind: Hostname, group: networking.istio.io` backendRef (conversion.go buildDestination): a ServiceEntry host. */
export function isHostnameRef(b: { kind?: string; group?: string }): boolean {
  return b.kind === 'Hostname' && b.group === 'networking.istio.io';
}

/** The Envoy route Istio generates for the picked backend (pilot/pkg/config/kube/gateway/conversion.go). */
export function toIstioRoute(rule: GwRule, b: GwBackendRef, ns: string, path: { type?: string; value?: string } | undefined): HTTPRoute {
  const filters = [...(rule.filters ?? []), ...(b.filters ?? [])];
  const out: HTTPRoute = {
    route: [{ destination: { host: isHostnameRef(b) ? b.name : `${b.name}.${ns}.svc.cluster.local`, ...(b.port !== undefined ? { port: { number: b.port } } : {}) } }],
    headers: { request: headerOps(filters.find((f) => f.type === 'RequestHeaderModifier')?.requestHeaderModifier), response: headerOps(filters.find((f) => f.type === 'ResponseHeaderModifier')?.responseHeaderModifier) },
  };
  if (rule.timeouts?.request) out.timeout = rule.timeouts.request;
  const rw = filters.find((f) => f.type === 'URLRewrite')?.urlRewrite;
  if (rw) {
    out.rewrite = { ...(rw.hostname ? { authority: rw.hostname } : {}) };
    if (rw.path?.type === 'ReplaceFullPath') out.rewrite.uri = rw.path.replaceFullPath;
    if (rw.path?.type === 'ReplacePrefixMatch' && (path?.type ?? 'PathPrefix') === 'PathPrefix') {
      out.rewrite.uri = rw.path.replacePrefixMatch;
      out.match = [{ uri: { prefix: (path?.value ?? '/').replace(/\/+$/, '') } }];
    }
  }
  return out;
}
