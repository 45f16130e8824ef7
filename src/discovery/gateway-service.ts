// Finding the ingress gateway Service and its ports, the way Istio's docs do
// ("Determining the ingress IP and ports"): by label, in the istioctl layout
// (istio=ingressgateway in istio-system) or the Helm layout (istio=ingress in istio-ingress).
import type { ServiceObject, ServicePort } from '../kube/objects.js';

export const GATEWAY_LOCATIONS = [
  { namespace: 'istio-system', selector: 'istio=ingressgateway' },
  { namespace: 'istio-ingress', selector: 'istio=ingress' },
] as const;

export interface GatewayPorts {
  http?: ServicePort;
  https?: ServicePort;
  tcp?: ServicePort;
}

/** Istio's docs read ports by name: http2, https, tcp (with the conventional numbers as fallback). */
export function gatewayPorts(svc: ServiceObject): GatewayPorts {
  const ports = svc.spec.ports ?? [];
  const byName = (...names: string[]) => ports.find((p) => p.name !== undefined && names.includes(p.name));
  const byNumber = (n: number) => ports.find((p) => p.port === n);
  const out: GatewayPorts = {};
  const http = byName('http2', 'http') ?? byNumber(80);
  const https = byName('https') ?? byNumber(443);
  const tcp = byName('tcp') ?? byNumber(31400);
  if (http) out.http = http;
  if (https) out.https = https;
  if (tcp) out.tcp = tcp;
  return out;
}

export function loadBalancerAddress(svc: ServiceObject): string | undefined {
  const first = svc.status?.loadBalancer?.ingress?.[0];
  return first?.ip || first?.hostname || undefined;
}
