// INGRESS_HOST / INGRESS_PORT / SECURE_INGRESS_PORT / TCP_INGRESS_PORT / GATEWAY_URL,
// named and composed as Istio's docs define them (GATEWAY_URL=$INGRESS_HOST:$INGRESS_PORT).
import type { IngressEndpoint } from '../state/environment-state.js';

export function gatewayEnv(e: IngressEndpoint): Record<string, string> {
  const host = e.host.includes(':') ? `[${e.host}]` : e.host;
  const env: Record<string, string> = { INGRESS_HOST: e.host, INGRESS_PORT: String(e.port) };
  if (e.securePort !== undefined) env.SECURE_INGRESS_PORT = String(e.securePort);
  if (e.tcpPort !== undefined) env.TCP_INGRESS_PORT = String(e.tcpPort);
  env.GATEWAY_URL = `${host}:${e.port}`;
  return env;
}

export function shellExports(env: Record<string, string>): string {
  return Object.entries(env)
    .map(([k, v]) => `export ${k}=${/^[A-Za-z0-9_.:/\[\]-]+$/.test(v) ? v : `'${v.replace(/'/g, `'\\''`)}'`}`)
    .join('\n');
}

/**
 * What istio.io's Gateway API tab derives (istio/istio.io content/en/docs/tasks/
 * traffic-management/ingress/ingress-control, "Determining the ingress IP and ports":
 * INGRESS_HOST from `kubectl get gtw NAME -o jsonpath='{.status.addresses[*].value}'`,
 * INGRESS_PORT from `'{.spec.listeners[?(@.name=="http")].port}'`), for mesh-lab's Gateways: a manual deployment
 * onto istio-ingressgateway (templates/helloworld-gateway-api.yaml, the labs'
 * gateway-api-gateway.yaml), whose status address is that Service's cluster-local name and
 * whose http listener is its port 80. Known without asking the cluster, so `env` stays fast.
 */
export const GATEWAY_API_DERIVED = { INGRESS_HOST: 'istio-ingressgateway.istio-system.svc.cluster.local', INGRESS_PORT: '80' } as const;

export function gatewayApiEnvNote(e: IngressEndpoint): { derived: Record<string, string>; reachable: false; reason: string } {
  return {
    derived: { ...GATEWAY_API_DERIVED },
    reachable: false,
    reason:
      `istio.io's Gateway API tab sets INGRESS_HOST from the Gateway's status.addresses and INGRESS_PORT from its listener "http": ` +
      `${GATEWAY_API_DERIVED.INGRESS_HOST}:${GATEWAY_API_DERIVED.INGRESS_PORT}, the istio-ingressgateway Service's cluster-local name, which answers only inside the cluster; ` +
      `the values below are the same gateway as reached from this machine (${e.source})`,
  };
}
