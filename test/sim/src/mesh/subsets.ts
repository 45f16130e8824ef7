// DestinationRule subsets: the labels a named subset of a Service's pods carries.
// Minimal on purpose (host + subsets[].labels); traffic policies are not modelled.
import type { K8sObject, MeshOptions } from './types.js';
import { effectiveOfKind, nsOf } from './objects.js';
import { resolveService } from './services.js';

export function subsetLabels(objects: K8sObject[], svc: K8sObject, subset: string, now: number, opts: MeshOptions): Record<string, string> | undefined {
  for (const dr of effectiveOfKind(objects, 'DestinationRule', now, opts)) {
    const target = resolveService(objects, String(dr.spec?.host ?? ''), nsOf(dr));
    if (target !== svc) continue;
    const s = ((dr.spec?.subsets ?? []) as Array<{ name: string; labels?: Record<string, string> }>).find((x) => x.name === subset);
    if (s) return s.labels ?? {};
  }
  return undefined;
}
