// Gateway API mesh routes (GAMMA): an HTTPRoute whose parentRef is a Service (group "",
// kind Service) routes what sidecars send to that Service; Istio turns it into a mesh route
// for the Service's host (pilot/pkg/config/kube/gateway/conversion.go, parentRef kind
// Service). A producer route lives in the Service's namespace and applies to every client;
// a consumer route lives in another namespace (its parentRef names the Service's) and
// applies only to clients of its own namespace (GEP-1294 "Namespace boundaries"); with
// both, the consumer's is used here (a reading of the GEP, not checked against Istio's code).
// A parentRef can also be a ServiceEntry (group networking.istio.io, kind ServiceEntry),
// as istio.io's egress-gateway Gateway API tab does to send an external host to an egress
// Gateway. Like VirtualServices, routes for one host are not merged: one source is used.
import type { K8sObject, MeshOptions } from '../types.js';
import { isPropagated, nsOf } from '../objects.js';

const GROUP = 'gateway.networking.k8s.io';

interface ParentRef { group?: string; kind?: string; name: string; namespace?: string; port?: number }

/** A mesh parent: a Service (group "") or an Istio ServiceEntry. */
export interface MeshParent { kind: 'Service' | 'ServiceEntry'; name: string; namespace: string }

const PARENT_GROUP: Record<MeshParent['kind'], string> = { Service: '', ServiceEntry: 'networking.istio.io' };

/** The mesh HTTPRoutes of a Service or ServiceEntry on `port`, as a client in `clientNs` sees them (consumer routes first). */
export function meshHttpRoutes(objects: K8sObject[], parent: MeshParent, clientNs: string, port: number, now: number, opts: MeshOptions): K8sObject[] {
  const svcNs = parent.namespace;
  const routes = objects.filter((o) => o.kind === 'HTTPRoute' && o.apiVersion.startsWith(`${GROUP}/`) && isPropagated(o, now, opts));
  const forService = routes.filter((r) => ((r.spec?.parentRefs ?? []) as ParentRef[]).some((p) =>
    p.kind === parent.kind && (p.group ?? '') === PARENT_GROUP[parent.kind] && p.name === parent.name && (p.namespace ?? nsOf(r)) === svcNs && (p.port === undefined || p.port === port)));
  const consumer = forService.filter((r) => nsOf(r) === clientNs && nsOf(r) !== svcNs);
  if (consumer.length > 0) return consumer;
  return forService.filter((r) => nsOf(r) === svcNs);
}

/** The oldest creation time of a set of objects (ms), for "the oldest source wins". */
export function oldestCreation(objs: K8sObject[]): number {
  return Math.min(...objs.map((o) => Date.parse(o.metadata.creationTimestamp ?? '') || 0));
}
