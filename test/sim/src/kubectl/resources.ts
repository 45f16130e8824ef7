// Resource arguments as kubectl's builder reads them: `TYPE`, `TYPE NAME...`,
// `TYPE/NAME...`, `TYPE1,TYPE2`; and the object lookups over what the server serves.
import { readObjects, type K8sObject } from '../lib/store.js';
import { ApiError } from '../k8s/errors.js';
import { resourceArgCandidates, type ResourceType } from '../k8s/registry.js';
import { servedObjects } from '../k8s/view.js';
import type { Conn } from './context.js';

export interface Target {
  type: ResourceType;
  /** empty = all of that type */
  names: string[];
}

function resolveType(arg: string, stored: K8sObject[]): ResourceType {
  // The first candidate the server serves: `gateway` is Istio's Gateway until the
  // Gateway API CRDs exist, then the Gateway API's.
  const t = resourceArgCandidates(arg).find((c) => !c.crd || stored.some((o) => o.kind === 'CustomResourceDefinition' && o.metadata.name === c.crd));
  if (!t) throw new ApiError('', `the server doesn't have a resource type "${arg.split('.')[0]}"`);
  return t;
}

export function parseTargets(args: string[], stored: K8sObject[]): Target[] {
  if (args.length === 0) return [];
  if (args.some((a) => a.includes('/'))) {
    const out: Target[] = [];
    for (const a of args) {
      const slash = a.indexOf('/');
      if (slash === -1) throw new ApiError('', `there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'`);
      out.push({ type: resolveType(a.slice(0, slash), stored), names: [a.slice(slash + 1)] });
    }
    return out;
  }
  const [typesArg, ...names] = args as [string, ...string[]];
  return typesArg.split(',').map((t) => ({ type: resolveType(t, stored), names }));
}

export function served(conn: Conn, now = Date.now()): { stored: K8sObject[]; all: K8sObject[] } {
  const stored = readObjects(conn.rec.key);
  return { stored, all: servedObjects(conn.rec, stored, now) };
}

export function ofType(all: K8sObject[], t: ResourceType): K8sObject[] {
  return all.filter((o) => {
    const group = o.apiVersion.includes('/') ? o.apiVersion.split('/')[0] : '';
    return o.kind === t.kind && group === t.group;
  });
}

export function sortObjects(objs: K8sObject[]): K8sObject[] {
  return [...objs].sort((a, b) => (a.metadata.namespace ?? '').localeCompare(b.metadata.namespace ?? '') || a.metadata.name.localeCompare(b.metadata.name));
}
