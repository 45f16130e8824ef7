// Service endpoints: the ready pods a Service selects. Pods come from Pod objects in
// the store when a writer created them, otherwise they are derived from Deployments
// exactly as the kubectl simulator derives them (k8s/readiness.ts podsFor).
import type { K8sObject, MeshOptions } from './types.js';
import { nsOf, ofKind, podTemplateLabels, selectorMatches } from './objects.js';
import { podsFor } from '../k8s/readiness.js';

export interface Container {
  name?: string;
  image?: string;
  args?: string[];
  command?: string[];
  env?: Array<{ name: string; value?: string }>;
  ports?: Array<{ name?: string; containerPort: number; protocol?: string }>;
}

export interface Endpoint {
  podName: string;
  namespace: string;
  labels: Record<string, string>;
  containers: Container[];
}

function podReady(p: K8sObject, now: number, opts: MeshOptions): boolean {
  const conds = (p.status?.conditions ?? []) as Array<{ type: string; status: string }>;
  const ready = conds.find((c) => c.type === 'Ready');
  if (ready) return ready.status === 'True';
  if (p.status?.phase) return p.status.phase === 'Running';
  return now >= (p.__sim?.appliedAt ?? 0) + opts.readyMs;
}

export function readyEndpoints(objects: K8sObject[], service: K8sObject, now: number, opts: MeshOptions): Endpoint[] {
  const ns = nsOf(service);
  const selector = service.spec?.selector as Record<string, string> | undefined;
  const pods = ofKind(objects, 'Pod').filter((p) => nsOf(p) === ns && selectorMatches(selector, p.metadata.labels));
  const out: Endpoint[] = pods
    .filter((p) => podReady(p, now, opts))
    .map((p) => ({ podName: p.metadata.name, namespace: ns, labels: p.metadata.labels ?? {}, containers: (p.spec?.containers ?? []) as Container[] }));
  for (const d of ofKind(objects, 'Deployment')) {
    if (nsOf(d) !== ns || !selectorMatches(selector, podTemplateLabels(d))) continue;
    // A Deployment whose pods exist as objects is already covered above.
    if (pods.some((p) => p.metadata.name.startsWith(`${d.metadata.name}-`))) continue;
    // Same pod names and readiness as `kubectl get pods` shows (k8s/readiness.ts).
    for (const p of podsFor(d, now)) {
      if (!podReady(p, now, opts)) continue;
      out.push({ podName: p.metadata.name, namespace: ns, labels: p.metadata.labels ?? {}, containers: (p.spec?.containers ?? []) as Container[] });
    }
  }
  return out;
}
