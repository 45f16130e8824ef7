// ReferenceGrant for a route's backendRefs in another namespace, as istiod enforces it
// (istio/istio pilot/pkg/config/kube/gateway conversion.go buildDestination: for a route
// attached to a Gateway, a backendRef into another namespace needs a ReferenceGrant there
// from HTTPRoutes of the route's namespace to that Service (or to every Service); otherwise
// ResolvedRefs=False, reason RefNotPermitted, "backendRef NAME/NS not accessible to a
// HTTPRoute in namespace \"ROUTE-NS\" (missing a ReferenceGrant?)", and the backend is
// dropped (its share of traffic gets 500). Mesh routes are exempt: convertHTTPRoute(ctx, r,
// obj, n, !mesh) passes enforceRefGrant=false for them.
import type { K8sObject } from '../lib/store.js';
import { GW_GROUP } from './facts.js';

interface GrantFrom { group: string; kind: string; namespace: string }
interface GrantTo { group: string; kind: string; name?: string }

/** Whether HTTPRoutes of `fromNs` may use Service `name` of `toNs`. */
export function backendAllowed(objects: K8sObject[], name: string, toNs: string, fromNs: string): boolean {
  if (toNs === fromNs) return true;
  return objects.some((g) => g.kind === 'ReferenceGrant' && g.apiVersion.startsWith(`${GW_GROUP}/`) && g.metadata.namespace === toNs &&
    ((g.spec?.from ?? []) as GrantFrom[]).some((f) => f.group === GW_GROUP && f.kind === 'HTTPRoute' && f.namespace === fromNs) &&
    ((g.spec?.to ?? []) as GrantTo[]).some((t) => t.group === '' && t.kind === 'Service' && (t.name === undefined || t.name === '' || t.name === name)));
}

export function refNotPermittedMessage(name: string, toNs: string, fromNs: string): string {
  return `backendRef ${name}/${toNs} not accessible to a HTTPRoute in namespace "${fromNs}" (missing a ReferenceGrant?)`;
}
