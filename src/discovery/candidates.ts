// The ordered list of ways this machine might reach the ingress gateway, following
// Istio's documented order: a load-balancer address, else a NodePort on a host the
// provider says is reachable, else a node's InternalIP. Each is probed before use.
import type { NodeObject, ServiceObject } from '../kube/objects.js';
import { nodeInternalIP } from '../kube/objects.js';
import type { HostEndpoint } from '../providers/provider.js';
import type { IngressEndpoint } from '../state/environment-state.js';
import { gatewayPorts, loadBalancerAddress } from './gateway-service.js';

export interface DiscoveryInput {
  service: ServiceObject;
  nodes: NodeObject[];
  /** status.hostIP of the gateway pods: Istio's docs use it for INGRESS_HOST with NodePorts */
  podHostIPs?: string[];
  /** provider's answer to "how do I reach nodePort N from here" */
  nodePortEndpoint: (nodePort: number) => Promise<HostEndpoint | undefined>;
}

export async function ingressCandidates(input: DiscoveryInput): Promise<IngressEndpoint[]> {
  const { service } = input;
  const ports = gatewayPorts(service);
  const out: IngressEndpoint[] = [];
  if (!ports.http) return out;
  const type = service.spec.type ?? 'ClusterIP';
  const svcName = `${service.metadata.namespace}/${service.metadata.name}`;

  const lb = type === 'LoadBalancer' ? loadBalancerAddress(service) : undefined;
  if (lb) {
    out.push(
      withOptional({
        host: lb,
        port: ports.http.port,
        securePort: ports.https?.port,
        tcpPort: ports.tcp?.port,
        source: 'load-balancer',
        reason: `${svcName} has load-balancer address ${lb}`,
      }),
    );
  }

  if ((type === 'NodePort' || type === 'LoadBalancer') && ports.http.nodePort) {
    const viaProvider = await input.nodePortEndpoint(ports.http.nodePort);
    if (viaProvider) {
      const secure = ports.https?.nodePort ? await input.nodePortEndpoint(ports.https.nodePort) : undefined;
      const tcp = ports.tcp?.nodePort ? await input.nodePortEndpoint(ports.tcp.nodePort) : undefined;
      out.push(
        withOptional({
          host: viaProvider.host,
          port: viaProvider.port,
          securePort: secure?.host === viaProvider.host ? secure.port : undefined,
          tcpPort: tcp?.host === viaProvider.host ? tcp.port : undefined,
          source: viaProvider.source,
          reason: `${lb ? 'load-balancer unreachable; ' : type === 'LoadBalancer' ? 'load balancer pending; ' : ''}${viaProvider.reason}`,
          nodeIP: viaProvider.nodeIP,
          nodePort: ports.http.nodePort,
        }),
      );
    }
    // an address of the node itself, reached on the gateway's own nodePorts
    const direct = (ip: string, source: string, reason: string) => {
      if (out.some((c) => c.host === ip)) return;
      out.push(
        withOptional({
          host: ip,
          port: ports.http!.nodePort!,
          securePort: ports.https?.nodePort,
          tcpPort: ports.tcp?.nodePort,
          source,
          reason: `${reason} with ${svcName}'s http2 nodePort`,
          nodeIP: ip,
          nodePort: ports.http!.nodePort,
        }),
      );
    };
    for (const ip of input.podHostIPs ?? []) direct(ip, 'pod-host-ip', 'hostIP of the gateway pod');
    for (const node of input.nodes) {
      const ip = nodeInternalIP(node);
      if (ip) direct(ip, 'node-ip', `InternalIP of node ${node.metadata.name}`);
    }
  }
  return out;
}

function withOptional(e: Omit<IngressEndpoint, 'securePort' | 'tcpPort' | 'nodeIP' | 'nodePort'> & Partial<Record<'securePort' | 'tcpPort' | 'nodeIP' | 'nodePort', number | string | undefined>>): IngressEndpoint {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(e)) if (v !== undefined) out[k] = v;
  return out as IngressEndpoint;
}
