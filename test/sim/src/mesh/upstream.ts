// A route destination as a proxy reaches it: an ordinary Service (endpoints → app), a
// Service fronting an Istio gateway (the request continues into that gateway's Envoy),
// or a host registered by a ServiceEntry (the simulated internet). Anything else has no
// Envoy cluster: 503 with an empty body ("NC").
import type { HttpResponse, K8sObject } from './types.js';
import type { HopEnv } from './action.js';
import { resolveService } from './services.js';
import { callDestination, NO_HEALTHY_UPSTREAM, type Destination } from './destination.js';
import { deploymentAvailable, podTemplateLabels } from './objects.js';
import { gatewayDeploymentsBehind, type ServicePort } from './ingress.js';
import { subsetLabels } from './subsets.js';
import { gatewayHop } from './gateway-hop.js';
import { serviceEntryFor } from './service-entry.js';
import { siteFor } from './internet/sites.js';

export interface HopRequest {
  method: string;
  /** path plus optional query */
  path: string;
  /** lower-case names; `host` is the :authority */
  headers: Record<string, string>;
  scheme?: 'http' | 'https';
}

export type UpstreamOutcome =
  /** this proxy answers itself (no cluster, no healthy upstream) */
  | { kind: 'local'; status: number; body: string; reason: string }
  /** the connection to the upstream failed */
  | { kind: 'reset'; reason: string; latencyMs?: number }
  /** the upstream (app, next proxy, external site) answered */
  | { kind: 'response'; response: HttpResponse; reason: string; latencyMs?: number };

const local = (status: number, body: string, reason: string): UpstreamOutcome => ({ kind: 'local', status, body, reason });

export function callUpstream(env: HopEnv, dest: Destination, vsNs: string, req: HopRequest, reqPort: number): UpstreamOutcome {
  const svc = resolveService(env.objects, dest.host, vsNs);
  if (svc) {
    const gateways = gatewayDeploymentsBehind(env.objects, svc);
    if (gateways.length > 0) return callGateway(env, svc, gateways, dest, req, reqPort);
    const r = callDestination(env.objects, { ...dest, port: { number: dest.port?.number ?? servicePortFor(svc, reqPort)?.port } }, vsNs, req, env.now, env.opts);
    if (!r.ok) return local(r.status, r.body, r.reason);
    return { kind: 'response', response: r.response, reason: `${r.endpoint.podName}:${r.port}` };
  }
  const port = dest.port?.number ?? reqPort;
  const registered = serviceEntryFor(env.objects, dest.host, port, env.now, env.opts);
  if (registered) return callExternal(dest.host, port, req);
  return local(503, '', `no cluster for ${dest.host}:${port} (not a Service, no ServiceEntry)`);
}

/** With no port in the destination: the Service's only port, else the port the request used. */
function servicePortFor(svc: K8sObject, reqPort: number): ServicePort | undefined {
  const ports = (svc.spec?.ports ?? []) as ServicePort[];
  return ports.length === 1 ? ports[0] : ports.find((p) => p.port === reqPort);
}

function callGateway(env: HopEnv, svc: K8sObject, gateways: K8sObject[], dest: Destination, req: HopRequest, reqPort: number): UpstreamOutcome {
  const name = `${svc.metadata.namespace}/${svc.metadata.name}`;
  const ports = (svc.spec?.ports ?? []) as ServicePort[];
  const svcPort = dest.port?.number !== undefined ? ports.find((p) => p.port === dest.port!.number) : servicePortFor(svc, reqPort);
  if (!svcPort) return local(503, NO_HEALTHY_UPSTREAM, `Service ${name} has no port ${dest.port?.number ?? reqPort}`);
  let pods = gateways.filter((d) => deploymentAvailable(d, env.now));
  if (dest.subset !== undefined) {
    const labels = subsetLabels(env.objects, svc, dest.subset, env.now, env.opts);
    if (!labels) return local(503, '', `no DestinationRule subset ${dest.subset} for ${name} (no cluster)`);
    pods = pods.filter((d) => Object.entries(labels).every(([k, v]) => podTemplateLabels(d)[k] === v));
  }
  if (pods.length === 0) return local(503, NO_HEALTHY_UPSTREAM, `no ready gateway pods behind ${name}`);
  const d = gatewayHop(env, podTemplateLabels(pods[0]!), svcPort.port, req);
  if (d.kind === 'reset') return { kind: 'reset', reason: `${name}: ${d.reason}`, latencyMs: d.latencyMs ?? 0 };
  const response = { ...d.response, headers: { ...d.response.headers, server: 'istio-envoy' } };
  return { kind: 'response', response, reason: `gateway ${name}:${svcPort.port} → ${d.reason}`, latencyMs: d.latencyMs ?? 0 };
}

/** Envoy resolves a DNS ServiceEntry host itself; an unknown name leaves the cluster empty. */
export function callExternal(host: string, port: number, req: HopRequest): UpstreamOutcome {
  const site = siteFor(host);
  if (!site) return local(503, NO_HEALTHY_UPSTREAM, `${host} does not resolve (no endpoints for the ServiceEntry)`);
  if (site.ports[port] !== 'http') return { kind: 'reset', reason: `${host}:${port} does not speak plain HTTP` };
  const headers = { 'x-envoy-attempt-count': '1', ...req.headers };
  const a = site.handle({ method: req.method, path: req.path, headers, scheme: 'http', host, port });
  return { kind: 'response', response: a.response, reason: `external ${host}:${port}`, latencyMs: a.latencyMs ?? 0 };
}
