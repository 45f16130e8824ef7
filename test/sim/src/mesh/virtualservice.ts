// VirtualService selection and HTTP route matching at a gateway: the VirtualServices
// bound to the serving Gateway whose hosts best match the request host are merged in
// creation order (as Istio merges gateway VirtualServices), and the first http[] entry
// whose match block accepts the request wins.
import type { K8sObject, MeshOptions, MeshRequest } from './types.js';
import { hostMatchScore, stringMatches, type StringMatch } from './match.js';
import { byCreation, effectiveOfKind, nsOf } from './objects.js';
import { gatewayRefMatches, serverAdmits, type BoundServer } from './gateway.js';

export interface HTTPMatchRequest {
  uri?: StringMatch;
  scheme?: StringMatch;
  method?: StringMatch;
  authority?: StringMatch;
  headers?: Record<string, StringMatch>;
  withoutHeaders?: Record<string, StringMatch>;
  queryParams?: Record<string, StringMatch>;
  ignoreUriCase?: boolean;
  port?: number;
  gateways?: string[];
}

export interface HTTPRoute {
  name?: string;
  match?: HTTPMatchRequest[];
  route?: Array<{ destination: { host: string; subset?: string; port?: { number?: number } }; weight?: number; headers?: HeaderOps }>;
  redirect?: { uri?: string; authority?: string; scheme?: string; port?: number; redirectCode?: number };
  directResponse?: { status: number; body?: { string?: string; bytes?: string } };
  rewrite?: { uri?: string; authority?: string };
  headers?: HeaderOps;
  timeout?: string;
  fault?: HTTPFault;
  [key: string]: unknown;
}

export interface HTTPFault {
  delay?: { fixedDelay?: string; percentage?: { value?: number }; percent?: number };
  abort?: { httpStatus?: number; grpcStatus?: string; http2Error?: string; percentage?: { value?: number } };
}

export interface HeaderOps {
  request?: { set?: Record<string, string>; add?: Record<string, string>; remove?: string[] };
  response?: { set?: Record<string, string>; add?: Record<string, string>; remove?: string[] };
}

export interface SelectedRoute {
  vs: K8sObject;
  route: HTTPRoute;
  /** the gateway that bound it (for match.gateways and namespace resolution) */
  bound: BoundServer;
}

/** VirtualServices (propagated) bound to one of `servers`, restricted to the best-matching host. */
export function candidateVirtualServices(objects: K8sObject[], servers: BoundServer[], host: string, now: number, opts: MeshOptions): Array<{ vs: K8sObject; bound: BoundServer }> {
  let best = -1;
  let picked: Array<{ vs: K8sObject; bound: BoundServer; score: number }> = [];
  for (const vs of effectiveOfKind(objects, 'VirtualService', now, opts).sort(byCreation)) {
    const vsNs = nsOf(vs);
    const refs = (vs.spec?.gateways ?? []) as string[];
    const bound = servers.find((b) => refs.some((r) => gatewayRefMatches(r, vsNs, b.gateway)) && serverAdmits(b, vsNs, host));
    if (!bound) continue;
    const score = Math.max(-1, ...((vs.spec?.hosts ?? []) as string[]).map((h) => hostMatchScore(h, host)));
    if (score < 0) continue;
    if (score > best) {
      best = score;
      picked = [];
    }
    if (score === best) picked.push({ vs, bound, score });
  }
  return picked.map(({ vs, bound }) => ({ vs, bound }));
}

function splitPath(path: string): { pathOnly: string; query: URLSearchParams } {
  const q = path.indexOf('?');
  return q === -1 ? { pathOnly: path, query: new URLSearchParams() } : { pathOnly: path.slice(0, q), query: new URLSearchParams(path.slice(q + 1)) };
}

/** A request as route matching sees it (the node port plays no part). */
export type MatchRequest = Pick<MeshRequest, 'method' | 'path' | 'headers' | 'scheme'>;

/** Whether a `match.gateways` entry names the proxy evaluating the route ("mesh" for sidecars). */
export type GatewayRefTest = (ref: string, vsNs: string) => boolean;

export function boundGatewayTest(bound: BoundServer): GatewayRefTest {
  return (ref, vsNs) => gatewayRefMatches(ref, vsNs, bound.gateway);
}

export const meshGatewayTest: GatewayRefTest = (ref) => ref === 'mesh';

export function matchAccepts(m: HTTPMatchRequest, req: MatchRequest, servicePort: number, vsNs: string, isSelf: GatewayRefTest): boolean {
  const { pathOnly, query } = splitPath(req.path);
  const ic = m.ignoreUriCase === true;
  if (m.uri) {
    // Envoy: exact and regex compare the path without the query; prefix the whole :path.
    const subject = m.uri.prefix !== undefined ? req.path : pathOnly;
    if (!stringMatches(m.uri, subject, ic)) return false;
  }
  if (m.method && !stringMatches(m.method, req.method)) return false;
  if (m.scheme && !stringMatches(m.scheme, req.scheme ?? 'http')) return false;
  if (m.authority && !stringMatches(m.authority, req.headers.host)) return false;
  for (const [name, sm] of Object.entries(m.headers ?? {})) {
    if (!stringMatches(sm, req.headers[name.toLowerCase()])) return false;
  }
  for (const [name, sm] of Object.entries(m.withoutHeaders ?? {})) {
    if (stringMatches(sm, req.headers[name.toLowerCase()])) return false;
  }
  for (const [name, sm] of Object.entries(m.queryParams ?? {})) {
    const v = query.get(name) ?? undefined;
    if (!stringMatches(sm, v)) return false;
  }
  if (m.port !== undefined && m.port !== servicePort) return false;
  if (m.gateways && !m.gateways.some((g) => isSelf(g, vsNs))) return false;
  return true;
}

/** First http route (across merged VirtualServices) accepting the request. */
export function selectRoute(candidates: Array<{ vs: K8sObject; bound: BoundServer }>, req: MatchRequest, servicePort: number): SelectedRoute | undefined {
  for (const { vs, bound } of candidates) {
    const route = firstRoute(vs, req, servicePort, boundGatewayTest(bound));
    if (route) return { vs, route, bound };
  }
  return undefined;
}

/** The first http[] entry of one VirtualService accepting the request. */
export function firstRoute(vs: K8sObject, req: MatchRequest, servicePort: number, isSelf: GatewayRefTest): HTTPRoute | undefined {
  for (const route of (vs.spec?.http ?? []) as HTTPRoute[]) {
    const matches = route.match ?? [];
    if (matches.length === 0 || matches.some((m) => matchAccepts(m, req, servicePort, nsOf(vs), isSelf))) return route;
  }
  return undefined;
}
