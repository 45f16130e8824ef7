// HTTPRoute matching as the Gateway API specifies it (gateway-api v1.5.1
// apis/v1/httproute_types.go) and Istio/Envoy implement it:
// - path: Exact; PathPrefix by path element ("/abc" matches /abc and /abc/x, not /abcd;
//   a trailing "/" is ignored); RegularExpression (Envoy's RE2, full match). Default
//   PathPrefix "/".
// - headers (names case-insensitive) and queryParams: Exact (default) or RegularExpression;
//   method: exact. All criteria of one match must hold; any match of a rule suffices.
// - precedence across every rule of every route attached to a listener: Exact path first,
//   then the longest prefix/path, then a method, then the most headers, then the most query
//   params, then the oldest route, then namespace/name alphabetically, then rule order.
import type { K8sObject } from '../types.js';

export interface GwPathMatch { type?: 'Exact' | 'PathPrefix' | 'RegularExpression'; value?: string }
export interface GwValueMatch { type?: 'Exact' | 'RegularExpression'; name: string; value: string }
export interface GwMatch { path?: GwPathMatch; headers?: GwValueMatch[]; queryParams?: GwValueMatch[]; method?: string }
export interface GwBackendRef { group?: string; kind?: string; name: string; namespace?: string; port?: number; weight?: number; filters?: GwFilter[] }
export interface GwFilter { type: string; [key: string]: any }
export interface GwRule { name?: string; matches?: GwMatch[]; filters?: GwFilter[]; backendRefs?: GwBackendRef[]; timeouts?: { request?: string; backendRequest?: string } }

export interface MatchRequest { method: string; path: string; headers: Record<string, string> }

export interface Candidate { route: K8sObject; rule: GwRule; ruleIndex: number; match: GwMatch }

function fullMatch(re: string, v: string): boolean {
  try {
    return new RegExp(`^(?:${re})$`).test(v);
  } catch {
    return false;
  }
}

export function pathMatches(m: GwPathMatch | undefined, path: string): boolean {
  const type = m?.type ?? 'PathPrefix';
  const value = m?.value ?? '/';
  if (type === 'Exact') return path === value;
  if (type === 'RegularExpression') return fullMatch(value, path);
  const prefix = value.replace(/\/+$/, '');
  return prefix === '' || path === prefix || path.startsWith(`${prefix}/`);
}

function query(path: string): URLSearchParams {
  const q = path.indexOf('?');
  return new URLSearchParams(q === -1 ? '' : path.slice(q + 1));
}

function valueMatches(m: GwValueMatch, v: string | undefined): boolean {
  if (v === undefined) return false;
  return (m.type ?? 'Exact') === 'RegularExpression' ? fullMatch(m.value, v) : v === m.value;
}

export function matchAccepts(m: GwMatch, req: MatchRequest): boolean {
  const pathOnly = req.path.split('?')[0]!;
  if (!pathMatches(m.path, pathOnly)) return false;
  if (m.method !== undefined && m.method !== req.method.toUpperCase()) return false;
  if (!(m.headers ?? []).every((h) => valueMatches(h, req.headers[h.name.toLowerCase()]))) return false;
  const q = query(req.path);
  return (m.queryParams ?? []).every((p) => valueMatches(p, q.get(p.name) ?? undefined));
}

/** Gateway API precedence: negative when `a` wins over `b`. */
function precedence(a: Candidate, b: Candidate): number {
  const exact = (c: Candidate) => ((c.match.path?.type ?? 'PathPrefix') === 'Exact' ? 1 : 0);
  const len = (c: Candidate) => (c.match.path?.value ?? '/').length;
  const method = (c: Candidate) => (c.match.method ? 1 : 0);
  const created = (c: Candidate) => Date.parse(c.route.metadata.creationTimestamp ?? '') || 0;
  const id = (c: Candidate) => `${c.route.metadata.namespace}/${c.route.metadata.name}`;
  return exact(b) - exact(a) || len(b) - len(a) || method(b) - method(a) ||
    (b.match.headers?.length ?? 0) - (a.match.headers?.length ?? 0) ||
    (b.match.queryParams?.length ?? 0) - (a.match.queryParams?.length ?? 0) ||
    created(a) - created(b) || id(a).localeCompare(id(b)) || a.ruleIndex - b.ruleIndex;
}

/** The winning rule among the routes attached to one listener, or undefined (404). */
export function selectRule(routes: K8sObject[], req: MatchRequest): Candidate | undefined {
  const all: Candidate[] = [];
  for (const route of routes) {
    ((route.spec?.rules ?? []) as GwRule[]).forEach((rule, ruleIndex) => {
      for (const match of rule.matches?.length ? rule.matches : [{ path: { type: 'PathPrefix' as const, value: '/' } }]) all.push({ route, rule, ruleIndex, match });
    });
  }
  return all.sort(precedence).find((c) => matchAccepts(c.match, req));
}

/**
 * A listener's allowedRoutes.namespaces (gateway-api v1 FromNamespaces): Same (the default)
 * admits routes of the Gateway's namespace, All any, Selector those whose Namespace labels
 * match (every namespace carries kubernetes.io/metadata.name).
 */
export function listenerAdmits(objects: K8sObject[], gw: K8sObject, listener: { allowedRoutes?: { namespaces?: { from?: string; selector?: { matchLabels?: Record<string, string> } } } }, route: K8sObject): boolean {
  const ns = route.metadata.namespace ?? 'default';
  const from = listener.allowedRoutes?.namespaces?.from ?? 'Same';
  if (from === 'All') return true;
  if (from === 'Same') return ns === (gw.metadata.namespace ?? 'default');
  if (from !== 'Selector') return false;
  const nsObj = objects.find((o) => o.kind === 'Namespace' && o.metadata.name === ns);
  const labels: Record<string, string> = { ...(nsObj?.metadata.labels ?? {}), 'kubernetes.io/metadata.name': ns };
  const want = listener.allowedRoutes?.namespaces?.selector?.matchLabels ?? {};
  return Object.entries(want).every(([k, v]) => labels[k] === v);
}
