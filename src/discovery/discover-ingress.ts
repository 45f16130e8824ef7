// Discovery: find the gateway Service, list the ways to reach it, probe them in order,
// and return the first that answers, with the reason it was chosen.
import { ExitCode } from '../errors/exit-codes.js';
import { MeshLabError } from '../errors/mesh-lab-error.js';
import type { Kubectl } from '../kube/kubectl.js';
import type { NodeObject, ServiceObject } from '../kube/objects.js';
import type { ClusterProvider } from '../providers/provider.js';
import type { IngressEndpoint } from '../state/lab-state.js';
import { ingressCandidates } from './candidates.js';
import { GATEWAY_LOCATIONS } from './gateway-service.js';
import { tcpProbe, type Probe } from './probe.js';

export interface Discovery {
  endpoint: IngressEndpoint;
  service: ServiceObject;
  tried: Array<{ candidate: IngressEndpoint; result: string }>;
}

export async function findGatewayService(kubectl: Kubectl): Promise<ServiceObject | undefined> {
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

export async function discoverIngress(kubectl: Kubectl, provider: ClusterProvider, probe: Probe = tcpProbe): Promise<Discovery> {
  const service = await findGatewayService(kubectl);
  if (!service) {
    throw new MeshLabError(ExitCode.NotFound, 'no Istio ingress gateway Service found (looked for istio=ingressgateway in istio-system and istio=ingress in istio-ingress)', {
      hint: 'install Istio with its ingress gateway (`mesh-lab up` does) and retry',
    });
  }
  const nodes = (await kubectl.list('nodes', { purpose: 'read the cluster nodes' })) as NodeObject[];
  const candidates = await ingressCandidates({ service, nodes, nodePortEndpoint: (p) => provider.nodePortEndpoint(p) });
  const tried: Discovery['tried'] = [];
  for (const candidate of candidates) {
    const r = await probe(candidate.host, candidate.port);
    tried.push({ candidate, result: r.detail });
    if (r.ok) return { endpoint: candidate, service, tried };
  }
  const summary = tried.map((t) => `${t.candidate.host}:${t.candidate.port} (${t.candidate.source}): ${t.result}`).join('; ') || 'no candidates';
  throw new MeshLabError(ExitCode.VerificationFailed, `the ingress gateway ${service.metadata.namespace}/${service.metadata.name} is not reachable from this machine`, {
    hint: 'check `mesh-lab status`; the gateway pod may still be starting, or the port mapping is missing',
    detail: `tried: ${summary}`,
  });
}
