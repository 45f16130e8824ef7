// The parts of the running mesh's configuration a lab can require: the outbound traffic
// policy (from the `istio` ConfigMap that istiod reads) and whether the egress gateway
// of the demo profile is deployed.
import { parse } from 'yaml';
import type { KubeReader } from '../kube/namespace-snapshot.js';

export interface MeshShape {
  outboundTrafficPolicy: 'ALLOW_ANY' | 'REGISTRY_ONLY';
  egressGateway: boolean;
}

export async function runningMeshShape(kubectl: KubeReader): Promise<MeshShape> {
  const [cm] = await kubectl.getNamed(['configmap/istio'], 'istio-system', 'read the mesh configuration');
  const meshText = (cm as { data?: { mesh?: string } } | undefined)?.data?.mesh ?? '';
  const mesh = (parse(meshText) ?? {}) as { outboundTrafficPolicy?: { mode?: string } };
  const egress = await kubectl.list('deployments', { namespace: 'istio-system', selector: 'istio=egressgateway', purpose: 'look for the egress gateway' });
  return {
    // Istio's default when the mesh config does not say
    outboundTrafficPolicy: mesh.outboundTrafficPolicy?.mode === 'REGISTRY_ONLY' ? 'REGISTRY_ONLY' : 'ALLOW_ANY',
    egressGateway: egress.length > 0,
  };
}

/** What differs between the running mesh and what is wanted, in words; empty when it fits. */
export function meshDifferences(have: MeshShape, want: { outboundTrafficPolicy: string; profile: string }): string[] {
  const out: string[] = [];
  if (have.outboundTrafficPolicy !== want.outboundTrafficPolicy) out.push(`outboundTrafficPolicy is ${have.outboundTrafficPolicy}, wanted ${want.outboundTrafficPolicy}`);
  if (want.profile === 'demo' && !have.egressGateway) out.push('no egress gateway (profile demo wanted)');
  return out;
}
