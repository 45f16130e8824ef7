// Applies manifests only when the cluster does not already hold exactly them, so a rerun
// of `up` with everything in place only reads. Each object carries a hash of what
// mesh-lab rendered; equal hashes on every live object mean nothing to do.
import { createHash } from 'node:crypto';
import { toYaml } from '../manifests/yaml.js';
import type { Kubectl } from './kubectl.js';
import { readLiveObjects, sameObject } from './live-objects.js';
import type { K8sObject } from './objects.js';

export const HASH_ANNOTATION = 'mesh-lab.dev/manifest-sha256';

export function stampHash<T extends K8sObject>(obj: T): T {
  const clean = structuredClone(obj);
  delete clean.metadata.annotations?.[HASH_ANNOTATION];
  const hash = createHash('sha256').update(JSON.stringify(clean)).digest('hex').slice(0, 16);
  return { ...clean, metadata: { ...clean.metadata, annotations: { ...(clean.metadata.annotations ?? {}), [HASH_ANNOTATION]: hash } } };
}

/**
 * kubectl's resource type for a kind, group-qualified when the apiVersion has a group
 * (`gateway.networking.istio.io`), so Istio's Gateway is never confused with Gateway API's.
 */
export function resourceType(kind: string, apiVersion: string | undefined): string {
  const group = apiVersion?.includes('/') ? apiVersion.split('/')[0] : undefined;
  return group ? `${kind.toLowerCase()}.${group}` : kind.toLowerCase();
}

/** `kubectl get` reference for an object: `<type>/<name>`. */
export function resourceRef(obj: K8sObject): string {
  return `${resourceType(obj.kind, obj.apiVersion)}/${obj.metadata.name}`;
}

export interface ApplyOutcome {
  changed: boolean;
  /** kubectl's lines, or "unchanged" lines when nothing was sent */
  lines: string[];
  /** the objects as read, when nothing was sent (their status is current as of that read) */
  live?: K8sObject[];
}

/**
 * The one read several steps share (src/kube/live-objects.ts): `objects` must include the
 * ones applied here; each step reads all of them with the same argv.
 */
export interface SharedRead {
  objects: readonly K8sObject[];
  namespace: string;
}

export async function applyIfChanged(kubectl: Kubectl, objects: K8sObject[], purpose: string, shared?: SharedRead): Promise<ApplyOutcome> {
  const stamped = objects.map(stampHash);
  const namespaces = new Set(stamped.map((o) => o.metadata.namespace).filter(Boolean));
  const ns = namespaces.size === 1 ? [...namespaces][0] : undefined;
  const live = shared
    ? (await readLiveObjects(kubectl, shared.objects, shared.namespace, `read ${purpose}`)).filter((have) => stamped.some((want) => sameObject(have, want)))
    : await kubectl.getNamed(stamped.map(resourceRef), ns, `read ${purpose}`);
  const same = stamped.every((want) =>
    live.some(
      (have) =>
        have.kind === want.kind &&
        have.metadata.name === want.metadata.name &&
        have.metadata.annotations?.[HASH_ANNOTATION] === want.metadata.annotations?.[HASH_ANNOTATION],
    ),
  );
  if (same && live.length > 0) {
    return { changed: false, lines: stamped.map((o) => `${resourceRef(o)} unchanged`), live };
  }
  return { changed: true, lines: await kubectl.apply(toYaml(stamped), `apply ${purpose}`) };
}
