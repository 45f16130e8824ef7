/**
 * The ingress gateway's Service ports for the IstioOperator mesh-lab installs.
 *
 * `components.ingressGateways[].k8s.service.ports` replaces the chart's whole list (Helm
 * replaces lists; istio/istio manifests/profiles/demo.yaml says so next to its own list), so
 * the IOP must repeat every port of the chosen profile, or the others are lost. Lists as
 * in istio/istio 1.30.3:
 *  - default/minimal: manifests/charts/gateways/istio-ingress/values.yaml
 *    (status-port 15021, http2 80→8080, https 443→8443);
 *  - demo: manifests/profiles/demo.yaml adds tcp 31400→31400 and tls 15443→15443 (SNI
 *    routing); shared/upstream/kubectl/svc-istio-ingressgateway.demo-profile.json shows
 *    the resulting Service.
 * Only http2 and https get pinned nodePorts: they are the ones kind maps to 127.0.0.1.
 * The others keep an allocated nodePort, which is what Istio's docs read into
 * TCP_INGRESS_PORT on a NodePort gateway.
 */
export interface GatewayPort {
  name: string;
  port: number;
  targetPort: number;
  nodePort?: number;
  protocol: 'TCP';
}

const CHART_PORTS: readonly GatewayPort[] = [
  { name: 'status-port', port: 15021, targetPort: 15021, protocol: 'TCP' },
  { name: 'http2', port: 80, targetPort: 8080, protocol: 'TCP' },
  { name: 'https', port: 443, targetPort: 8443, protocol: 'TCP' },
];

const DEMO_EXTRA_PORTS: readonly GatewayPort[] = [
  { name: 'tcp', port: 31400, targetPort: 31400, protocol: 'TCP' },
  { name: 'tls', port: 15443, targetPort: 15443, protocol: 'TCP' },
];

/** Each Istio profile mesh-lab offers, with the ingress gateway ports that profile has. */
export const PROFILE_GATEWAY_PORTS: Readonly<Record<'default' | 'demo' | 'minimal', readonly GatewayPort[]>> = {
  default: CHART_PORTS,
  // minimal has no gateway of its own; the IOP enables one with the chart's ports
  minimal: CHART_PORTS,
  demo: [...CHART_PORTS, ...DEMO_EXTRA_PORTS],
};

export function ingressGatewayPorts(profile: keyof typeof PROFILE_GATEWAY_PORTS, pinned: { http2: number; https: number }): GatewayPort[] {
  return PROFILE_GATEWAY_PORTS[profile].map((p) =>
    p.name === 'http2' ? { ...p, nodePort: pinned.http2 } : p.name === 'https' ? { ...p, nodePort: pinned.https } : { ...p },
  );
}
