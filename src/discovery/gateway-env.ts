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
