// Which namespaces claim which hosts: Istio Gateways (`spec.servers[].hosts`, whose
// `namespace/host` form names the host after the slash), VirtualServices (`spec.hosts`) and,
// when the Gateway API CRDs exist, HTTPRoutes (`spec.hostnames`), read across all
// namespaces in one kubectl call. An attendee's host claimed from another namespace is how one
// attendee's route captures another's traffic on the shared ingress.
// Only exact hosts count: Istio routes a request to the most specific host that matches, so
// a wildcard (`*`, `*.example.com`; the shared gateway's, or a lab's catch-all route) never
// takes an attendee's exact host from them, while the same exact host in two namespaces does.
import type { Kubectl } from '../kube/kubectl.js';
import type { K8sObject } from '../kube/objects.js';

export interface HostClaims {
  /** namespaces other than `own` whose objects claim `host`, sorted */
  claimedBy(host: string, own: string): string[];
  /** every exact host claimed by more than one namespace */
  conflicts(): { host: string; namespaces: string[] }[];
}

interface Claim {
  namespace: string;
  host: string;
}

const ROUTE_TYPES = ['gateways.networking.istio.io', 'virtualservices.networking.istio.io'];
const HTTPROUTES = 'httproutes.gateway.networking.k8s.io';

function hostsOf(o: K8sObject): string[] {
  const spec = (o.spec ?? {}) as { servers?: { hosts?: string[] }[]; hosts?: string[]; hostnames?: string[] };
  if (o.kind === 'Gateway' && o.apiVersion.startsWith('networking.istio.io/')) {
    return (spec.servers ?? []).flatMap((s) => s.hosts ?? []).map((h) => (h.includes('/') ? h.slice(h.indexOf('/') + 1) : h));
  }
  if (o.kind === 'VirtualService') return spec.hosts ?? [];
  if (o.kind === 'HTTPRoute') return spec.hostnames ?? [];
  return [];
}

export function hostClaims(objects: readonly K8sObject[]): HostClaims {
  const claims: Claim[] = [];
  for (const o of objects) {
    const ns = o.metadata.namespace;
    if (!ns) continue;
    for (const h of hostsOf(o)) if (!h.includes('*')) claims.push({ namespace: ns, host: h.toLowerCase() });
  }
  return {
    claimedBy: (host, own) => [...new Set(claims.filter((c) => c.namespace !== own && c.host === host.toLowerCase()).map((c) => c.namespace))].sort(),
    conflicts: () => {
      const byHost = new Map<string, Set<string>>();
      for (const c of claims) byHost.set(c.host, (byHost.get(c.host) ?? new Set()).add(c.namespace));
      return [...byHost].filter(([, ns]) => ns.size > 1).map(([host, ns]) => ({ host, namespaces: [...ns].sort() })).sort((a, b) => a.host.localeCompare(b.host));
    },
  };
}

/**
 * Routes across all namespaces in one call. kubectl refuses the whole call when one type is
 * not served (`the server doesn't have a resource type`, kubectl's NoResourceMatchError), so
 * without the Gateway API CRDs it is asked once more without HTTPRoutes, and a `memo` (the
 * dashboard's, which reads every 2 s) remembers that for a minute: one call per read again.
 * Without Istio's CRDs there are no routes at all.
 */
export interface RouteMemo {
  /** until when HTTPRoutes are known not to be served (ms since the epoch) */
  noHttpRoutesUntil?: number;
}

const MEMO_MS = 60_000;

export async function readRouteObjects(kubectl: Kubectl, memo: RouteMemo = {}, now = Date.now()): Promise<K8sObject[]> {
  const attempts = (memo.noHttpRoutesUntil ?? 0) > now ? [ROUTE_TYPES] : [[...ROUTE_TYPES, HTTPROUTES], ROUTE_TYPES];
  for (const types of attempts) {
    const r = await kubectl.run(['get', types.join(','), '-A', '-o', 'json'], { purpose: 'read the routes of every namespace', reject: false });
    if (r.exitCode === 0) return r.stdout.trim() ? ((JSON.parse(r.stdout) as { items?: K8sObject[] }).items ?? []) : [];
    if (!r.stderr.includes("the server doesn't have a resource type")) {
      const { ToolFailedError } = await import('../process/runner.js');
      throw new ToolFailedError(r, 'read the routes of every namespace');
    }
    if (types.includes(HTTPROUTES)) memo.noHttpRoutesUntil = now + MEMO_MS;
  }
  return [];
}
