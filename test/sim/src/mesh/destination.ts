// From a VirtualService route destination to an upstream answer: host → Service,
// port → Service port, (subset) → endpoints, endpoint → pod port → simulated app.
import type { HttpResponse, K8sObject, MeshOptions } from './types.js';
import { nsOf } from './objects.js';
import { resolveService } from './services.js';
import { readyEndpoints, type Endpoint } from './endpoints.js';
import { numericTargetPort, type ServicePort } from './ingress.js';
import { appFor, startupError } from './apps/registry.js';
import type { AppRequest } from './apps/types.js';
import { subsetLabels } from './subsets.js';

export const NO_HEALTHY_UPSTREAM = 'no healthy upstream';
export const CONNECT_FAILURE = 'upstream connect error or disconnect/reset before headers. reset reason: connection failure';

export interface Destination {
  host: string;
  subset?: string;
  port?: { number?: number };
}

export type UpstreamResult =
  | { ok: true; response: HttpResponse; endpoint: Endpoint; port: number }
  | { ok: false; status: 503; body: string; reason: string };

function fail(body: string, reason: string): UpstreamResult {
  return { ok: false, status: 503, body, reason };
}

export function callDestination(objects: K8sObject[], dest: Destination, vsNs: string, req: AppRequest, now: number, opts: MeshOptions): UpstreamResult {
  const svc = resolveService(objects, dest.host, vsNs);
  // Envoy has no cluster for an unknown host ("NC"): a 503 with an empty body.
  if (!svc) return fail('', `no Service for host ${dest.host} (no cluster)`);
  const ports = (svc.spec?.ports ?? []) as ServicePort[];
  const want = dest.port?.number;
  const svcPort = want === undefined ? (ports.length === 1 ? ports[0] : undefined) : ports.find((p) => p.port === want);
  if (!svcPort) return fail(NO_HEALTHY_UPSTREAM, `Service ${nsOf(svc)}/${svc.metadata.name} has no port ${want ?? '(unspecified)'}`);

  let endpoints = readyEndpoints(objects, svc, now, opts).filter((ep) => ep.containers.every((c) => startupError(c) === undefined));
  if (dest.subset !== undefined) {
    const labels = subsetLabels(objects, svc, dest.subset, now, opts);
    // Istio builds a cluster per DestinationRule subset; an undefined subset has none, so
    // Envoy answers 503 "NC" (cluster not found) with an empty body; istioctl analyze: IST0101.
    if (!labels) return fail('', `no DestinationRule subset ${dest.subset} for ${svc.metadata.name} (no cluster)`);
    endpoints = endpoints.filter((ep) => Object.entries(labels).every(([k, v]) => ep.labels[k] === v));
  }
  if (endpoints.length === 0) return fail(NO_HEALTHY_UPSTREAM, `no ready endpoints for ${nsOf(svc)}/${svc.metadata.name}`);

  const endpoint = endpoints[opts.pick(endpoints.length)] ?? endpoints[0]!;
  const port = numericTargetPort(svcPort, endpoint.containers);
  const container = port === undefined ? undefined : endpoint.containers.find((c) => appFor(c).listenPorts(c).includes(port));
  if (port === undefined || !container) {
    return fail(CONNECT_FAILURE, `nothing listens on ${endpoint.podName}:${String(port ?? svcPort.targetPort)}`);
  }
  const response = appFor(container).handle(req, { podName: endpoint.podName, namespace: endpoint.namespace, container, port });
  return { ok: true, response, endpoint, port };
}
