// Discovery: find the gateway Service, list the ways to reach it, probe them in order,
// and return the first that answers, with the reason it was chosen.
import { ExitCode } from '../errors/exit-codes.js';
import { MeshLabError } from '../errors/mesh-lab-error.js';
import type { KubeReader } from '../kube/namespace-snapshot.js';
import type { NodeObject, ServiceObject } from '../kube/objects.js';
import type { ClusterProvider } from '../providers/provider.js';
import type { IngressEndpoint } from '../state/environment-state.js';
import { ingressCandidates } from './candidates.js';
import { GATEWAY_LOCATIONS } from './gateway-service.js';
import { tcpProbe, type Probe } from './probe.js';

export interface Discovery {
  endpoint: IngressEndpoint;
  service: ServiceObject;
  tried: Array<{ candidate: IngressEndpoint; result: string }>;
}

export async function findGatewayService(kubectl: KubeReader): Promise<ServiceObject | undefined> {
  for (const loc of GATEWAY_LOCATIONS) {
    const found = (await kubectl.list('services', {
      namespace: loc.namespace,
      selector: loc.selector,
      purpose: 'find the ingress gateway Service',
    })) as ServiceObject[];
    if (found[0]) return found[0];
  }
  return undefined;
}

export interface DiscoverOptions {
  probe?: Probe;
  /** last resort when nothing is reachable directly; absent means "fail instead" */
  portForward?: (service: ServiceObject, why: string) => Promise<IngressEndpoint>;
}

/**
 * `kubectl` may be a snapshot of istio-system (src/istio/istio-system-read.ts): the gateway
 * Service and pods then come from it, and only what it lacks (nodes) is read on its own.
 */
export async function discoverIngress(kubectl: KubeReader, provider: ClusterProvider, opts: DiscoverOptions = {}): Promise<Discovery> {
  const probe = opts.probe ?? tcpProbe;
  const service = await findGatewayService(kubectl);
  if (!service) {
    throw new MeshLabError(ExitCode.NotFound, 'no Istio ingress gateway Service found (looked for istio=ingressgateway in istio-system and istio=ingress in istio-ingress)', {
      hint: 'install Istio with its ingress gateway (`mesh-lab up` does) and retry',
    });
  }
  const selector = Object.entries(service.spec.selector ?? {}).map(([k, v]) => `${k}=${v}`).join(',');
  const tried: Discovery['tried'] = [];
  const probeInOrder = async (candidates: IngressEndpoint[]): Promise<IngressEndpoint | undefined> => {
    for (const candidate of candidates.slice(tried.length)) {
      const r = await probe(candidate.host, candidate.port);
      tried.push({ candidate, result: r.detail });
      if (r.ok) return candidate;
    }
    return undefined;
  };
  // the load balancer's and the provider's ways come first and need neither nodes nor pods:
  // those are read only when neither answers (the candidates after them are node addresses)
  const nodePortEndpoint = (p: number) => provider.nodePortEndpoint(p);
  const first = await probeInOrder(await ingressCandidates({ service, nodes: [], podHostIPs: [], nodePortEndpoint }));
  if (first) return { endpoint: first, service, tried };
  const [nodes, pods] = await Promise.all([
    kubectl.list('nodes', { purpose: 'read the cluster nodes' }) as Promise<NodeObject[]>,
    selector ? kubectl.list('pods', { namespace: service.metadata.namespace!, selector, purpose: 'read the gateway pods' }) : Promise.resolve([]),
  ]);
  const podHostIPs = [...new Set(pods.map((p) => (p.status as { hostIP?: string } | undefined)?.hostIP).filter((ip): ip is string => Boolean(ip)))];
  const candidates = await ingressCandidates({ service, nodes, podHostIPs, nodePortEndpoint });
  const found = await probeInOrder(candidates);
  if (found) return { endpoint: found, service, tried };
  const summary = tried.map((t) => `${t.candidate.host}:${t.candidate.port} (${t.candidate.source}): ${t.result}`).join('; ') || 'no candidates';
  if (opts.portForward) {
    const why = candidates.length === 0 ? `${describeUnreachable(service)}` : `nothing reachable directly (${summary})`;
    const endpoint = await opts.portForward(service, why);
    return { endpoint, service, tried };
  }
  throw new MeshLabError(ExitCode.VerificationFailed, `the ingress gateway ${service.metadata.namespace}/${service.metadata.name} is not reachable from this machine`, {
    hint: 'check `mesh-lab status`; the gateway pod may still be starting, or the port mapping is missing',
    detail: `tried: ${summary}`,
  });
}

function describeUnreachable(service: ServiceObject): string {
  const type = service.spec.type ?? 'ClusterIP';
  if (type === 'LoadBalancer') return 'the load balancer is pending and no node address is known';
  return `the gateway Service is ${type}`;
}
