// The ingress gateway's decision for one connection / one request, composed from the
// pieces in this directory. Pure: (objects, request, now, options) → Decision.
import type { Decision, K8sObject, MeshOptions, MeshRequest } from './types.js';
import { deploymentAvailable } from './objects.js';
import { listenerFor, numericTargetPort, type IngressListener } from './ingress.js';
import { isHttpServer, serversOnPort } from './gateway.js';
import { gatewayHop } from './gateway-hop.js';
import { listenersOn } from './gateway-api/hop.js';

/** Istio's health port on the gateway (status-port 15021 → /healthz/ready). */
const STATUS_PORT = 15021;

export type ConnectionDecision = { accept: true; listener: IngressListener } | { accept: false; reason: string };

/**
 * Whether a TCP connection to `nodePort` reaches a listening Envoy. kube-proxy
 * rejects when the gateway has no ready pod; Envoy has no listener on a port until a
 * Gateway server for it has propagated. Either way the client sees a reset.
 */
export function connectionDecision(objects: K8sObject[], nodePort: number, now: number, opts: MeshOptions): ConnectionDecision {
  const listener = listenerFor(objects, nodePort);
  if (!listener) return { accept: false, reason: `no gateway Service exposes node port ${nodePort}` };
  if (!listener.deployments.some((d) => deploymentAvailable(d, now))) {
    return { accept: false, reason: 'the ingress gateway has no ready pod' };
  }
  if (numericTargetPort(listener.port, []) === STATUS_PORT) return { accept: true, listener };
  // Gateway API listeners (automated or manual deployment) open Envoy's port too
  if (listenersOn(objects, listener.podLabels, listener.port.port).some(({ l }) => l.protocol === 'HTTP')) return { accept: true, listener };
  const servers = serversOnPort(objects, listener.podLabels, listener.port.port, now, opts);
  if (servers.length === 0) return { accept: false, reason: `no Gateway server on port ${listener.port.port} (Envoy has no listener)` };
  if (!servers.some((s) => isHttpServer(s.server))) {
    return { accept: false, reason: `only non-HTTP Gateway servers on port ${listener.port.port} (TLS is not simulated)` };
  }
  return { accept: true, listener };
}

const notFound = (reason: string): Decision => ({ kind: 'respond', origin: 'local', response: { status: 404, headers: {}, body: '' }, reason });

export function decide(objects: K8sObject[], req: MeshRequest, now: number, opts: MeshOptions): Decision {
  const conn = connectionDecision(objects, req.nodePort, now, opts);
  if (!conn.accept) return { kind: 'reset', reason: conn.reason };
  const { listener } = conn;
  const pathOnly = req.path.split('?')[0];

  if (numericTargetPort(listener.port, []) === STATUS_PORT) {
    return pathOnly === '/healthz/ready'
      ? { kind: 'respond', origin: 'local', response: { status: 200, headers: {}, body: '' }, reason: 'gateway ready' }
      : notFound('status port path');
  }

  return gatewayHop({ objects, now, opts }, listener.podLabels, listener.port.port, { method: req.method, path: req.path, headers: req.headers, scheme: req.scheme ?? 'http' });
}
