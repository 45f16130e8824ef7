// One request inside a gateway Envoy (ingress or egress): the Gateway servers bound to
// its pods on the Service port, the VirtualServices bound to those servers (merged for
// the best-matching host), the first matching http route, then the route action.
import type { Decision } from './types.js';
import type { HopEnv } from './action.js';
import { runRoute } from './action.js';
import { isHttpServer, serversOnPort } from './gateway.js';
import { normalizeHost } from './match.js';
import { candidateVirtualServices, selectRoute } from './virtualservice.js';
import type { HopRequest } from './upstream.js';
import { gatewayApiHop, isGatewayApiPod, listenersOn } from './gateway-api/hop.js';

const notFound = (reason: string): Decision => ({ kind: 'respond', origin: 'local', response: { status: 404, headers: {}, body: '' }, reason });

export function gatewayHop(env: HopEnv, podLabels: Record<string, string>, servicePort: number, req: HopRequest): Decision {
  if (isGatewayApiPod(podLabels)) return gatewayApiHop(env, podLabels, servicePort, req);
  const servers = serversOnPort(env.objects, podLabels, servicePort, env.now, env.opts).filter((s) => isHttpServer(s.server));
  // A manually deployed Gateway API Gateway on this (istio-ingressgateway) Envoy
  if (servers.length === 0 && listenersOn(env.objects, podLabels, servicePort).length > 0) return gatewayApiHop(env, podLabels, servicePort, req);
  // No HTTP server on the port: Envoy has no listener there, the connection is refused.
  if (servers.length === 0) return { kind: 'reset', reason: `no HTTP Gateway server on port ${servicePort}` };
  const host = normalizeHost(req.headers.host);
  const candidates = candidateVirtualServices(env.objects, servers, host, env.now, env.opts);
  if (candidates.length === 0) return notFound(`no VirtualService for host "${host}" on port ${servicePort}`);
  const selected = selectRoute(candidates, req, servicePort);
  if (!selected) return notFound('no http route matched');
  return runRoute(env, `gw:${podLabels.istio ?? podLabels.app ?? '?'}`, selected.route, selected.vs, req, servicePort);
}
