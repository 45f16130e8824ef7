// ServiceEntry lookups: which registered external host (and port) a name refers to.
// Only propagated ServiceEntries count (effectiveOfKind), as for every Istio config.
import type { K8sObject, MeshOptions } from './types.js';
import { effectiveOfKind } from './objects.js';
import { hostMatchScore } from './match.js';

export interface ServiceEntryPort {
  number: number;
  name?: string;
  protocol?: string;
  targetPort?: number;
}

export interface RegisteredHost {
  entry: K8sObject;
  port: ServiceEntryPort;
}

/** The ServiceEntry port registering `host:port`, the most specific host pattern first. */
export function serviceEntryFor(objects: K8sObject[], host: string, port: number, now: number, opts: MeshOptions): RegisteredHost | undefined {
  const h = host.toLowerCase();
  let best: { found: RegisteredHost; score: number } | undefined;
  for (const se of effectiveOfKind(objects, 'ServiceEntry', now, opts)) {
    const hosts = (se.spec?.hosts ?? []) as string[];
    const score = Math.max(-1, ...hosts.map((p) => hostMatchScore(p, h)));
    if (score < 0) continue;
    const p = ((se.spec?.ports ?? []) as ServiceEntryPort[]).find((x) => x.number === port);
    if (!p) continue;
    if (!best || score > best.score) best = { found: { entry: se, port: p }, score };
  }
  return best?.found;
}

/** Whether the port carries HTTP the sidecar can route (vs. opaque TLS/TCP). */
export function isHttpProtocol(protocol: string | undefined): boolean {
  return ['HTTP', 'HTTP2', 'GRPC'].includes((protocol ?? '').toUpperCase());
}
