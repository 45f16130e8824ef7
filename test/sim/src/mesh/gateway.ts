// Istio Gateway resources as Envoy sees them: which servers are bound to the gateway
// pods on a given Service port, and which VirtualService namespaces a server admits.
import type { K8sObject, MeshOptions } from './types.js';
import { hostMatchScore } from './match.js';
import { effectiveOfKind, nsOf, selectorMatches } from './objects.js';

export interface GatewayServer {
  port: { number: number; name?: string; protocol?: string };
  hosts?: string[];
  tls?: unknown;
}

export interface BoundServer {
  gateway: K8sObject;
  server: GatewayServer;
}

const HTTP_PROTOCOLS = new Set(['HTTP', 'HTTP2', 'GRPC']);

export function isHttpServer(s: GatewayServer): boolean {
  return HTTP_PROTOCOLS.has((s.port?.protocol ?? '').toUpperCase());
}

/** Servers of propagated Gateways selecting these pods, listening on Service port `port`. */
export function serversOnPort(objects: K8sObject[], podLabels: Record<string, string>, port: number, now: number, opts: MeshOptions): BoundServer[] {
  const out: BoundServer[] = [];
  for (const gw of effectiveOfKind(objects, 'Gateway', now, opts)) {
    if (!selectorMatches(gw.spec?.selector, podLabels)) continue;
    for (const server of (gw.spec?.servers ?? []) as GatewayServer[]) {
      if (server.port?.number === port) out.push({ gateway: gw, server });
    }
  }
  return out;
}

/** Splits a Gateway server host "ns/host" ("*" alone means "*\/*"). */
export function splitServerHost(raw: string): { ns: string; host: string } {
  const slash = raw.indexOf('/');
  if (slash === -1) return { ns: '*', host: raw };
  return { ns: raw.slice(0, slash), host: raw.slice(slash + 1) };
}

/** Whether `server` admits a VirtualService from namespace `vsNs` for request host `host`. */
export function serverAdmits(b: BoundServer, vsNs: string, host: string): boolean {
  return (b.server.hosts ?? []).some((raw) => {
    const { ns, host: h } = splitServerHost(raw);
    const nsOk = ns === '*' || (ns === '.' ? vsNs === nsOf(b.gateway) : ns === vsNs);
    return nsOk && hostMatchScore(h, host) >= 0;
  });
}

/** How a VirtualService names a gateway: "name" (its own namespace) or "ns/name". */
export function gatewayRefMatches(ref: string, vsNs: string, gw: K8sObject): boolean {
  const slash = ref.indexOf('/');
  const ns = slash === -1 ? vsNs : ref.slice(0, slash);
  const name = slash === -1 ? ref : ref.slice(slash + 1);
  return ns === nsOf(gw) && name === gw.metadata.name;
}
