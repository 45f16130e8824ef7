// Which of the objects `up` applies mesh-lab creates and which it finds already there, so
// `down` deletes only its own and gives found ones their labels back. The decision is made
// before anything is written: a namespace that exists is used only when the user says so
// (--use-existing-namespace), and any other object that exists with other content than
// mesh-lab's is refused rather than overwritten.
import { ExitCode } from '../errors/exit-codes.js';
import { MeshLabError } from '../errors/mesh-lab-error.js';
import type { EnvironmentState } from '../state/environment-state.js';
import { HASH_ANNOTATION, resourceRef, stampHash } from './apply-if-changed.js';
import type { Kubectl } from './kubectl.js';
import type { K8sObject } from './objects.js';
import { readLiveObjects, sameObject } from './live-objects.js';

export type AppliedRef = NonNullable<EnvironmentState['applied']>[number];

/** The labels mesh-lab sets on a namespace it did not create: sidecar injection, nothing else. */
export const FOUND_NAMESPACE_LABELS: Readonly<Record<string, string>> = { 'istio-injection': 'enabled' };

export interface OwnershipPlan {
  /** every object mesh-lab is responsible for, in deletion order (routing, then app, namespace last) */
  refs: AppliedRef[];
  /** what to `kubectl apply` (a found namespace is labelled instead) */
  app: K8sObject[];
  routing: K8sObject[];
  /** set when the namespace was found: the labels to set on it (empty when already in place) */
  labelNamespace?: { name: string; labels: Record<string, string> };
  /** said to the user: what mesh-lab uses that it did not create */
  notes: string[];
}

export interface OwnershipInput {
  app: K8sObject[];
  routing: K8sObject[];
  namespace: string;
  useExistingNamespace: boolean;
  /** the objects recorded by an earlier `up` of this environment on this cluster */
  previous: readonly AppliedRef[];
}

const sameRef = (a: { kind: string; name: string; namespace?: string | undefined }, b: { kind: string; name: string; namespace?: string | undefined }): boolean =>
  a.kind === b.kind && a.name === b.name && (a.namespace ?? '') === (b.namespace ?? '');

function refOf(obj: K8sObject): AppliedRef {
  return { apiVersion: obj.apiVersion, kind: obj.kind, name: obj.metadata.name, ...(obj.metadata.namespace ? { namespace: obj.metadata.namespace } : {}) };
}

export function describeRef(ref: { kind: string; name: string; namespace?: string | undefined }): string {
  return `${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`;
}

export async function planOwnership(kubectl: Kubectl, input: OwnershipInput): Promise<OwnershipPlan> {
  const ns = input.namespace;
  const nsObject = input.app.find((o) => o.kind === 'Namespace');
  const namespaced = input.app.filter((o) => o.kind !== 'Namespace');
  // one read of everything (the same argv as apply-if-changed's, so a rerun's read-ahead
  // answers all of them at once); Istio's types before Istio is installed count as absent
  const everything = [...input.app, ...input.routing];
  const live = await readLiveObjects(kubectl, everything, ns, `check which of namespace ${ns} and its objects exist`);
  const liveNs = nsObject && live.find((l) => sameObject(l, nsObject));
  const previousOf = (obj: K8sObject) => input.previous.find((p) => sameRef(p, refOf(obj)));
  // "created" sticks across reruns: an object an earlier `up` created is still mesh-lab's
  const createdBefore = (obj: K8sObject) => (previousOf(obj)?.ownership ?? 'created') === 'created' && previousOf(obj) !== undefined;

  const notes: string[] = [];
  const plan: OwnershipPlan = { refs: [], app: [], routing: [], notes };
  let nsRef: AppliedRef | undefined;
  if (nsObject) {
    if (!liveNs || createdBefore(nsObject)) {
      nsRef = { ...refOf(nsObject), ownership: 'created' };
      plan.app.push(nsObject);
    } else {
      const prev = previousOf(nsObject);
      if (!input.useExistingNamespace && prev?.ownership !== 'found') {
        throw new MeshLabError(ExitCode.Conflict, `namespace ${ns} already exists and mesh-lab did not create it`, {
          hint: `pass --use-existing-namespace to deploy into it (mesh-lab turns on sidecar injection there and never deletes it), or choose another --namespace`,
        });
      }
      const have = liveNs.metadata.labels ?? {};
      const toSet = Object.fromEntries(Object.entries(FOUND_NAMESPACE_LABELS).filter(([k, v]) => have[k] !== v));
      // the values from before mesh-lab first touched it; a rerun keeps the first record
      const previousLabels = prev?.previous?.labels ?? Object.fromEntries(Object.keys(toSet).map((k) => [k, have[k] ?? null]));
      nsRef = { ...refOf(nsObject), ownership: 'found', ...(Object.keys(previousLabels).length ? { previous: { labels: previousLabels } } : {}) };
      plan.labelNamespace = { name: ns, labels: toSet };
      notes.push(
        `namespace ${ns} existed before mesh-lab: it is used, labelled istio-injection=enabled, and never deleted; pods created from now on get an Istio sidecar, pods already running there get one only when restarted (kubectl rollout restart)`,
      );
    }
  }

  const classify = (obj: K8sObject, into: K8sObject[]): AppliedRef => {
    const have = live.find((l) => sameObject(l, obj));
    if (!have || createdBefore(obj)) {
      into.push(obj);
      return { ...refOf(obj), ownership: 'created' };
    }
    if (have.metadata.annotations?.[HASH_ANNOTATION] !== stampHash(obj).metadata.annotations?.[HASH_ANNOTATION]) {
      throw new MeshLabError(ExitCode.Conflict, `${describeRef(refOf(obj))} already exists and mesh-lab did not create it`, {
        hint: `choose another --namespace, or remove it yourself if it is not needed (kubectl delete ${resourceRef(obj)} -n ${ns})`,
      });
    }
    // exactly what mesh-lab would apply (left by another environment): used as is, kept on down
    into.push(obj);
    notes.push(`${describeRef(refOf(obj))} existed before with the same content: used, and kept on down`);
    return { ...refOf(obj), ownership: 'found' };
  };
  const appRefs = namespaced.map((o) => classify(o, plan.app));
  const routingRefs = input.routing.map((o) => classify(o, plan.routing));
  // routing first: deleting in this order never leaves a route pointing at nothing
  plan.refs = [...routingRefs, ...[...appRefs].reverse(), ...(nsRef ? [nsRef] : [])];
  // what an earlier run applied and this one does not (routing when a lab turns it off, an
  // earlier --namespace) stays recorded, so `down` still removes it
  const leftovers = input.previous.filter((p) => !plan.refs.some((r) => sameRef(r, p)));
  plan.refs = [...leftovers, ...plan.refs];
  return plan;
}

/** `kubectl label` arguments that put a found object's labels back as they were. */
export function restoreLabelArgs(previous: Record<string, string | null>): string[] {
  return Object.entries(previous).map(([k, v]) => (v === null ? `${k}-` : `${k}=${v}`));
}
