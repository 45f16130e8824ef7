// Read-only helpers over the cluster's object list: lookups, label selectors, and the
// two clocks of the simulator (Deployment availability and Istio config propagation).
import type { K8sObject, MeshOptions } from './types.js';
import { isDeploymentReady } from '../k8s/readiness.js';

export function nsOf(o: K8sObject): string {
  return o.metadata.namespace ?? 'default';
}

export function ofKind(objects: K8sObject[], kind: string, group?: string): K8sObject[] {
  return objects.filter((o) => o.kind === kind && (group === undefined || o.apiVersion.split('/')[0] === group));
}

export function find(objects: K8sObject[], kind: string, ns: string, name: string): K8sObject | undefined {
  return objects.find((o) => o.kind === kind && nsOf(o) === ns && o.metadata.name === name);
}

/** Equality-based selector (Service.spec.selector, Gateway.spec.selector): all pairs must match. */
export function selectorMatches(selector: Record<string, string> | undefined, labels: Record<string, string> | undefined): boolean {
  if (!selector || Object.keys(selector).length === 0) return false;
  const l = labels ?? {};
  return Object.entries(selector).every(([k, v]) => l[k] === v);
}

function appliedAt(o: K8sObject): number {
  if (typeof o.__sim?.appliedAt === 'number') return o.__sim.appliedAt;
  const ts = Date.parse(o.metadata.creationTimestamp ?? '');
  return Number.isFinite(ts) ? ts : 0;
}

/**
 * Istio config (Gateway, VirtualService, DestinationRule, ...) reaches Envoy some time
 * after the apply. `__sim.effectiveAt` (ms epoch), when a writer sets it, overrides
 * appliedAt + propagationMs. The `route-never-propagates` fault freezes everything.
 */
export function isPropagated(o: K8sObject, now: number, opts: MeshOptions): boolean {
  if (opts.faults.has('route-never-propagates')) return false;
  const explicit = o.__sim?.effectiveAt;
  const at = typeof explicit === 'number' ? explicit : appliedAt(o) + opts.propagationMs;
  return now >= at;
}

/**
 * The version of an Istio config object Envoy is serving now: the object itself once
 * propagated; before that, the spec it replaced (`__sim.previousSpec`, when the writer
 * kept it), since Envoy keeps the old route until the new one arrives; else nothing.
 */
export function effectiveVersion(o: K8sObject, now: number, opts: MeshOptions): K8sObject | undefined {
  if (isPropagated(o, now, opts)) return o;
  const prev = o.__sim?.previousSpec;
  return prev !== undefined && prev !== null ? { ...o, spec: prev } : undefined;
}

/** All objects of a kind, each in the version currently in effect at the gateway. */
export function effectiveOfKind(objects: K8sObject[], kind: string, now: number, opts: MeshOptions): K8sObject[] {
  return ofKind(objects, kind, 'networking.istio.io')
    .map((o) => effectiveVersion(o, now, opts))
    .filter((o): o is K8sObject => o !== undefined);
}

function replicasOf(d: K8sObject): number {
  const r = d.spec?.replicas;
  return typeof r === 'number' ? r : 1;
}

/**
 * Whether a Deployment is Available. The kubectl simulator computes Deployment status
 * on read from `__sim.appliedAt` (k8s/readiness.ts); using the same function keeps
 * the data plane and `kubectl rollout status` in agreement.
 */
export function deploymentAvailable(d: K8sObject, now: number): boolean {
  return replicasOf(d) > 0 && isDeploymentReady(d, now);
}

export function podTemplateLabels(d: K8sObject): Record<string, string> {
  return (d.spec?.template?.metadata?.labels as Record<string, string> | undefined) ?? {};
}

export function replicas(d: K8sObject): number {
  return replicasOf(d);
}

/** Stable creation order, as Istio uses when merging config for the same host. */
export function byCreation(a: K8sObject, b: K8sObject): number {
  const d = appliedAtForOrder(a) - appliedAtForOrder(b);
  if (d !== 0) return d;
  return `${nsOf(a)}/${a.metadata.name}`.localeCompare(`${nsOf(b)}/${b.metadata.name}`);
}

function appliedAtForOrder(o: K8sObject): number {
  const ts = Date.parse(o.metadata.creationTimestamp ?? '');
  return Number.isFinite(ts) ? ts : appliedAt(o);
}
