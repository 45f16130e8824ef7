// The live copies of the objects `up` applies in one namespace (the namespace itself, the
// app, the routing), read with ONE `kubectl get <type>/<name>... -n NS --ignore-not-found
// -o json`. The ownership check and both apply-if-changed steps ask exactly this argv, so
// on a rerun with nothing to write the read-ahead (src/process/read-ahead-runner.ts)
// answers all three with one kubectl process instead of four.
//
// kubectl's semantics (kubernetes/kubectl pkg/cmd/get/get.go, Run and printGeneric):
//  - several arguments print one `List` (apiVersion v1) with the objects found, in argument
//    order; absent ones are skipped under --ignore-not-found;
//  - nothing found under --ignore-not-found prints nothing at all (empty stdout, exit 0);
//  - a type the server does not serve (Istio's CRDs before Istio is installed) fails the
//    whole command before anything is read: exit 1, stdout empty, stderr
//    `error: the server doesn't have a resource type "<resource>"` for the first such type in
//    argument order (kubernetes/kubernetes staging/src/k8s.io/cli-runtime/pkg/resource/
//    builder.go, resourceTupleMappings and mappingFor). No such type means no such object:
//    that type is dropped and the rest read again.
import { ToolFailedError } from '../process/runner.js';
import { resourceRef, resourceType } from './apply-if-changed.js';
import type { Kubectl } from './kubectl.js';
import type { K8sList, K8sObject } from './objects.js';

const UNKNOWN_TYPE = /the server doesn't have a resource type "([^"]+)"/;

/** The objects of a `kubectl get -o json` answer: a List's items, a single object, or none (empty stdout). */
export function parseGetOutput(stdout: string): K8sObject[] {
  if (!stdout.trim()) return [];
  const parsed = JSON.parse(stdout) as K8sList | K8sObject;
  if ('items' in parsed && Array.isArray(parsed.items)) return parsed.items;
  return [parsed as K8sObject];
}

const groupOf = (apiVersion: string | undefined): string => (apiVersion?.includes('/') ? apiVersion.split('/')[0]! : '');

/** The same object (kind, API group, name): Istio's Gateway is not Gateway API's. */
export function sameObject(a: K8sObject, b: K8sObject): boolean {
  return a.kind === b.kind && groupOf(a.apiVersion) === groupOf(b.apiVersion) && a.metadata.name === b.metadata.name;
}

/** The argv of the one read (after kubectl's global flags): callers that share it must ask exactly this. */
export function liveObjectsArgs(objects: readonly K8sObject[], namespace: string): string[] {
  return ['get', ...objects.map(resourceRef), '-n', namespace, '--ignore-not-found', '-o', 'json'];
}

/** The live copies of `objects` that exist (absent ones, and ones of a type the server does not serve, are left out). */
export async function readLiveObjects(kubectl: Kubectl, objects: readonly K8sObject[], namespace: string, purpose: string): Promise<K8sObject[]> {
  let asked = [...objects];
  while (asked.length > 0) {
    const r = await kubectl.run(liveObjectsArgs(asked, namespace), { purpose, reject: false });
    if (r.exitCode === 0) return parseGetOutput(r.stdout);
    const unknown = UNKNOWN_TYPE.exec(r.stderr)?.[1];
    // the resource kubectl names is the first word of the argument we passed (`virtualservice` of `virtualservice.networking.istio.io/x`)
    const rest = unknown === undefined ? asked : asked.filter((o) => resourceType(o.kind, o.apiVersion).split('.')[0] !== unknown);
    if (rest.length === asked.length) throw new ToolFailedError(r, purpose);
    asked = rest;
  }
  return [];
}
