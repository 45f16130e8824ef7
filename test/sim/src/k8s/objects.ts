// Small helpers over the stored object list: identity, lookup, resourceVersion and uid
// allocation, deep equality.
import { randomUUID } from 'node:crypto';
import type { K8sObject } from '../lib/store.js';
import type { ResourceType } from './registry.js';

export function sameIdentity(o: K8sObject, t: ResourceType, ns: string | undefined, name: string): boolean {
  const group = o.apiVersion.includes('/') ? o.apiVersion.split('/')[0] : '';
  return o.kind === t.kind && group === t.group && o.metadata.name === name && (t.namespaced ? o.metadata.namespace === ns : true);
}

export function findObject(objects: K8sObject[], t: ResourceType, ns: string | undefined, name: string): K8sObject | undefined {
  return objects.find((o) => sameIdentity(o, t, ns, name));
}

/** The cluster-wide resourceVersion counter continues from the highest stored value. */
export function nextResourceVersion(objects: K8sObject[]): string {
  let max = 1000;
  for (const o of objects) max = Math.max(max, Number(o.metadata.resourceVersion ?? 0) || 0);
  return String(max + 1 + Math.floor(Math.random() * 3));
}

export function newUid(): string {
  return randomUUID();
}

export function nowTimestamp(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => deepEqual(x, bb[i]));
  }
  const ka = Object.keys(a as object).filter((k) => (a as any)[k] !== undefined);
  const kb = Object.keys(b as object).filter((k) => (b as any)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => deepEqual((a as any)[k], (b as any)[k]));
}

/** Kinds whose metadata.generation the API server maintains. */
export function hasGeneration(kind: string, group: string): boolean {
  return kind === 'Deployment' || group === 'apiextensions.k8s.io' || group.endsWith('istio.io') || group === 'gateway.networking.k8s.io';
}
