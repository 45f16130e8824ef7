// The status istiod writes on Gateways and HTTPRoutes (istio/istio 1.30
// pilot/pkg/config/kube/gateway/conditions.go and gateway_collection.go):
// - Gateway: Accepted=True; Programmed=True ("Resource programmed, assigned to service(s)
//   HOST:PORT") with an address, or, for a LoadBalancer Service still pending,
//   Programmed=False reason AddressNotAssigned ("... but failed to assign to all requested
//   addresses: address pending for hostname \"HOST\"") and no address. A ClusterIP or
//   NodePort Service reports its cluster-local hostname, which the host cannot reach.
// - listeners: Accepted, Conflicted=False (NoConflicts), Programmed, ResolvedRefs, attachedRoutes.
// - HTTPRoute, per parentRef: Accepted=True; ResolvedRefs=True, or False with reason
//   BackendNotFound ("backend(HOST) not found") when a backend Service is missing, or
//   RefNotPermitted for a Gateway route's backend in another namespace without a
//   ReferenceGrant (reference-grant.ts).
import type { K8sObject } from '../lib/store.js';
import { nowTimestamp } from '../k8s/objects.js';
import { deploymentName, isManual } from './deployment.js';
import { GW_GROUP, ofKind, serviceHost } from './facts.js';
import { listenerAdmits } from '../mesh/gateway-api/match.js';
import { backendAllowed, refNotPermittedMessage } from './reference-grant.js';

const CONTROLLER = 'istio.io/gateway-controller';

interface Condition { type: string; status: 'True' | 'False'; reason: string; message: string }

function conditions(list: Condition[], generation: number | undefined, previous: Array<Record<string, unknown>> | undefined) {
  return list.map((c) => {
    const prev = previous?.find((p) => p.type === c.type);
    const since = prev && prev.status === c.status ? prev.lastTransitionTime : nowTimestamp();
    return { lastTransitionTime: since, message: c.message, observedGeneration: generation ?? 1, reason: c.reason, status: c.status, type: c.type };
  });
}

function findService(objects: K8sObject[], ns: string, name: string): K8sObject | undefined {
  return objects.find((o) => o.kind === 'Service' && o.metadata.namespace === ns && o.metadata.name === name);
}

/** The Service behind a Gateway: its own NAME-istio, or the one its Hostname address names. */
function gatewayService(gw: K8sObject, objects: K8sObject[]): { host: string; svc?: K8sObject } {
  if (isManual(gw)) {
    const host = String((gw.spec.addresses as Array<{ type?: string; value: string }>).find((a) => a.type === 'Hostname')!.value);
    const [name, ns] = host.split('.');
    return { host, svc: findService(objects, ns ?? gw.metadata.namespace!, name!) };
  }
  const name = deploymentName(gw);
  return { host: serviceHost(name, gw.metadata.namespace!), svc: findService(objects, gw.metadata.namespace!, name) };
}

function routeParents(route: K8sObject): Array<Record<string, any>> {
  return (route.spec?.parentRefs ?? []) as Array<Record<string, any>>;
}

function attaches(objects: K8sObject[], route: K8sObject, gw: K8sObject, listener: string): boolean {
  const l = ((gw.spec?.listeners ?? []) as Array<{ name: string; allowedRoutes?: any }>).find((x) => x.name === listener);
  return !!l && listenerAdmits(objects, gw, l, route) && routeParents(route).some((p) => (p.kind ?? 'Gateway') === 'Gateway' && (p.group ?? GW_GROUP) === GW_GROUP && p.name === gw.metadata.name &&
    (p.namespace ?? route.metadata.namespace) === gw.metadata.namespace && (p.sectionName === undefined || p.sectionName === listener));
}

function gatewayStatus(gw: K8sObject, objects: K8sObject[]): Record<string, unknown> {
  const { host, svc } = gatewayService(gw, objects);
  const listeners = (gw.spec.listeners ?? []) as Array<{ name: string; port: number; protocol: string }>;
  const assigned = listeners.map((l) => `${host}:${l.port}`).join(' and ');
  const ingress = (svc?.status?.loadBalancer?.ingress ?? []) as Array<{ ip?: string; hostname?: string }>;
  let programmed: Condition;
  let addresses: Array<{ type: string; value: string }> = [];
  if (!svc) {
    programmed = { type: 'Programmed', status: 'False', reason: 'AddressNotAssigned', message: `Failed to assign to any requested addresses: hostname "${host}" not found` };
  } else if (svc.spec?.type === 'LoadBalancer' && ingress.length === 0) {
    programmed = { type: 'Programmed', status: 'False', reason: 'AddressNotAssigned', message: `Assigned to service(s) ${assigned}, but failed to assign to all requested addresses: address pending for hostname "${host}"` };
  } else {
    addresses = ingress.length > 0
      ? ingress.map((i) => (i.ip ? { type: 'IPAddress', value: i.ip } : { type: 'Hostname', value: i.hostname! }))
      : [{ type: 'Hostname', value: host }];
    programmed = { type: 'Programmed', status: 'True', reason: 'Programmed', message: `Resource programmed, assigned to service(s) ${assigned}` };
  }
  const gen = gw.metadata.generation;
  const prev = gw.status as { conditions?: Array<Record<string, unknown>>; listeners?: Array<Record<string, any>> } | undefined;
  const routes = ofKind(objects, 'HTTPRoute');
  return {
    ...(addresses.length ? { addresses } : {}),
    conditions: conditions([{ type: 'Accepted', status: 'True', reason: 'Accepted', message: 'Resource accepted' }, programmed], gen, prev?.conditions),
    listeners: listeners.map((l) => ({
      attachedRoutes: routes.filter((r) => attaches(objects, r, gw, l.name)).length,
      conditions: conditions(['Accepted', 'Conflicted', 'Programmed', 'ResolvedRefs'].map((t) => ({
        type: t, status: t === 'Conflicted' ? 'False' : 'True', reason: t === 'Conflicted' ? 'NoConflicts' : t, message: 'No errors found',
      }) as Condition), gen, prev?.listeners?.find((x) => x.name === l.name)?.conditions),
      name: l.name,
      supportedKinds: l.protocol === 'HTTP' || l.protocol === 'HTTPS' ? [{ group: GW_GROUP, kind: 'HTTPRoute' }, { group: GW_GROUP, kind: 'GRPCRoute' }] : [],
    })),
  };
}

/** The first backendRef that does not resolve: not permitted (gateway routes only, reference-grant.ts) or not found. */
function backendProblem(route: K8sObject, objects: K8sObject[], enforceRefGrant: boolean): { reason: 'RefNotPermitted' | 'BackendNotFound'; host: string; message: string } | undefined {
  for (const rule of (route.spec?.rules ?? []) as Array<{ backendRefs?: Array<Record<string, any>> }>) {
    for (const b of rule.backendRefs ?? []) {
      const isService = (b.kind ?? 'Service') === 'Service' && (b.group ?? '') === '';
      if (enforceRefGrant && isService && b.namespace !== undefined && !backendAllowed(objects, b.name, b.namespace, route.metadata.namespace!)) {
        return { reason: 'RefNotPermitted', host: serviceHost(b.name, b.namespace), message: refNotPermittedMessage(b.name, b.namespace, route.metadata.namespace!) };
      }
      const missing = backendMissing(b, route, objects);
      if (missing) return { reason: 'BackendNotFound', host: missing, message: `backend(${missing}) not found` };
    }
  }
  return undefined;
}

function backendMissing(b: Record<string, any>, route: K8sObject, objects: K8sObject[]): string | undefined {
  // Istio's kind Hostname (group networking.istio.io): a ServiceEntry host (conversion.go buildDestination)
  if (b.kind === 'Hostname' && b.group === 'networking.istio.io') {
    return objects.some((o) => o.kind === 'ServiceEntry' && ((o.spec?.hosts ?? []) as string[]).includes(b.name)) ? undefined : b.name;
  }
  if ((b.kind ?? 'Service') !== 'Service' || (b.group ?? '') !== '') return undefined;
  const ns = b.namespace ?? route.metadata.namespace;
  return findService(objects, ns, b.name) ? undefined : serviceHost(b.name, ns);
}

function routeStatus(route: K8sObject, objects: K8sObject[]): Record<string, unknown> {
  // ReferenceGrants bind routes attached to Gateways only; mesh routes are exempt
  const resolvedFor = (mesh: boolean): Condition => {
    const p = backendProblem(route, objects, !mesh);
    return p ? { type: 'ResolvedRefs', status: 'False', reason: p.reason, message: p.message } : { type: 'ResolvedRefs', status: 'True', reason: 'ResolvedRefs', message: 'All references resolved' };
  };
  const prev = (route.status?.parents ?? []) as Array<Record<string, any>>;
  const parents = routeParents(route).filter((p) => {
    if (p.kind === 'Service' || p.kind === 'ServiceEntry') return true; // a mesh route (GAMMA)
    const gw = ofKind(objects, 'Gateway').find((g) => g.metadata.name === p.name && g.metadata.namespace === (p.namespace ?? route.metadata.namespace));
    return !gw || gw.spec?.gatewayClassName === 'istio';
  });
  return {
    parents: parents.map((p) => {
      const gwKnown = p.kind === 'Service' || p.kind === 'ServiceEntry'
        ? objects.some((o) => o.kind === p.kind && o.metadata.name === p.name && o.metadata.namespace === (p.namespace ?? route.metadata.namespace))
        : ofKind(objects, 'Gateway').some((g) => g.metadata.name === p.name && g.metadata.namespace === (p.namespace ?? route.metadata.namespace));
      const gw = (p.kind ?? 'Gateway') === 'Gateway' ? ofKind(objects, 'Gateway').find((g) => g.metadata.name === p.name && g.metadata.namespace === (p.namespace ?? route.metadata.namespace)) : undefined;
      const admitted = !gw || ((gw.spec?.listeners ?? []) as Array<{ name: string }>).some((l) => (p.sectionName === undefined || p.sectionName === l.name) && attaches(objects, route, gw, l.name));
      // conditions.go: a listener whose allowedRoutes excludes the route's namespace
      const accepted: Condition = !gwKnown
        ? { type: 'Accepted', status: 'False', reason: 'NoMatchingParent', message: 'parent not found' }
        : admitted
          ? { type: 'Accepted', status: 'True', reason: 'Accepted', message: 'Route was valid' }
          : { type: 'Accepted', status: 'False', reason: 'NotAllowedByListeners', message: 'no listeners included by this parent ref allowed this attachment' };
      const before = prev.find((x) => JSON.stringify(x.parentRef) === JSON.stringify(p));
      const resolved = resolvedFor(p.kind === 'Service' || p.kind === 'ServiceEntry');
      return { conditions: conditions([accepted, resolved], route.metadata.generation, before?.conditions), controllerName: CONTROLLER, parentRef: p };
    }),
  };
}

export function writeStatuses(objects: K8sObject[]): void {
  for (const gw of ofKind(objects, 'Gateway')) {
    if (gw.spec?.gatewayClassName === 'istio') gw.status = gatewayStatus(gw, objects);
  }
  for (const route of ofKind(objects, 'HTTPRoute')) route.status = routeStatus(route, objects);
}
