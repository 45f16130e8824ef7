// Deployment progress in the simulated cluster. A Deployment becomes Available
// MESHLAB_SIM_READY_MS after it was last created or changed (`__sim.appliedAt`), the way
// a real rollout takes a moment for images to start; status and pods are computed on read
// from that time, so every reader (kubectl, istioctl, the data plane) agrees.
import { createHash } from 'node:crypto';
import type { K8sObject } from '../lib/store.js';
import { offlinePullError } from '../lib/node-images.js';

export function readyDelayMs(): number {
  const raw = process.env.MESHLAB_SIM_READY_MS;
  const n = raw === undefined || raw === '' ? 800 : Number(raw);
  return Number.isFinite(n) && n >= 0 ? n : 800;
}

function faults(): string[] {
  return (process.env.MESHLAB_SIM_FAIL ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

/** ms since epoch when the Deployment is (or will be) available; Infinity when it never will be */
export function readyAt(d: K8sObject): number {
  // Fault knob: workloads outside istio-system never become ready (an image that never pulls).
  if (faults().includes('rollout-never-ready') && d.metadata.namespace !== 'istio-system') return Infinity;
  // An image the node could not pull (offline, lib/node-images.ts): never ready until loaded.
  if (missingImages(d).length > 0) return Infinity;
  const applied = d.__sim?.appliedAt ?? 0;
  return applied + readyDelayMs();
}

function missingImages(d: K8sObject): string[] {
  return (d.__sim?.missingImages as string[] | undefined) ?? [];
}

/**
 * The waiting state of a container whose image did not pull: the first attempt reports
 * the runtime's error (ErrImagePull), later ones the back-off (kubelet image_manager.go).
 */
function pullWaiting(d: K8sObject, image: string, now: number): { reason: string; message: string } {
  const first = (d.__sim?.appliedAt ?? 0) + readyDelayMs();
  if (now < first + 10_000) return { reason: 'ErrImagePull', message: offlinePullError(image) };
  return { reason: 'ImagePullBackOff', message: `Back-off pulling image ${JSON.stringify(image)}` };
}

export function isDeploymentReady(d: K8sObject, now = Date.now()): boolean {
  return now >= readyAt(d);
}

function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** The status block the deployment controller would have written by `now`. */
export function deploymentStatus(d: K8sObject, now = Date.now()): Record<string, unknown> {
  const replicas = Number(d.spec?.replicas ?? 1);
  const ready = isDeploymentReady(d, now);
  const applied = d.__sim?.appliedAt ?? now;
  const created = Date.parse(d.metadata.creationTimestamp ?? '') || applied;
  const rs = replicaSetName(d);
  const readyTime = ready ? readyAt(d) : applied;
  const conditions = [
    ready
      ? {
          lastTransitionTime: isoSeconds(readyTime), lastUpdateTime: isoSeconds(readyTime),
          message: 'Deployment has minimum availability.', reason: 'MinimumReplicasAvailable', status: 'True', type: 'Available',
        }
      : {
          lastTransitionTime: isoSeconds(created), lastUpdateTime: isoSeconds(created),
          message: 'Deployment does not have minimum availability.', reason: 'MinimumReplicasUnavailable', status: 'False', type: 'Available',
        },
    ready
      ? {
          lastTransitionTime: isoSeconds(created), lastUpdateTime: isoSeconds(readyTime),
          message: `ReplicaSet "${rs}" has successfully progressed.`, reason: 'NewReplicaSetAvailable', status: 'True', type: 'Progressing',
        }
      : {
          lastTransitionTime: isoSeconds(created), lastUpdateTime: isoSeconds(applied),
          message: `ReplicaSet "${rs}" is progressing.`, reason: 'ReplicaSetUpdated', status: 'True', type: 'Progressing',
        },
  ];
  const status: Record<string, unknown> = {
    conditions,
    observedGeneration: d.metadata.generation ?? 1,
    replicas,
    updatedReplicas: replicas,
  };
  if (ready) {
    status.availableReplicas = replicas;
    status.readyReplicas = replicas;
  } else {
    status.unavailableReplicas = replicas;
  }
  return status;
}

function hash(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

/** pod-template-hash: 10 characters from the template, like the ReplicaSet controller's. */
export function templateHash(d: K8sObject): string {
  const alnum = 'bcdfghjklmnpqrstvwxz2456789';
  const h = hash(JSON.stringify(d.spec?.template ?? {}) + (d.metadata.uid ?? ''));
  let out = '';
  for (let i = 0; i < 10; i++) out += alnum[parseInt(h.slice(i * 2, i * 2 + 2), 16) % alnum.length];
  return out;
}

export function replicaSetName(d: K8sObject): string {
  return `${d.metadata.name}-${templateHash(d)}`;
}

/** The Pods a Deployment's ReplicaSet would be running (names `<deploy>-<hash>-<5 chars>`). */
export function podsFor(d: K8sObject, now = Date.now()): K8sObject[] {
  const alnum = 'bcdfghjklmnpqrstvwxz2456789';
  const replicas = Number(d.spec?.replicas ?? 1);
  const ready = isDeploymentReady(d, now);
  const tHash = templateHash(d);
  const applied = d.__sim?.appliedAt ?? now;
  const pods: K8sObject[] = [];
  for (let n = 0; n < replicas; n++) {
    const h = hash(`${d.metadata.uid}/${tHash}/${n}`);
    let suffix = '';
    for (let i = 0; i < 5; i++) suffix += alnum[parseInt(h.slice(i * 2, i * 2 + 2), 16) % alnum.length];
    const name = `${replicaSetName(d)}-${suffix}`;
    const containers = (d.spec?.template?.spec?.containers ?? []) as Array<{ name: string; image: string }>;
    const readyTime = isoSeconds(ready ? readyAt(d) : applied);
    const cond = (type: string, status: boolean) => ({ lastProbeTime: null, lastTransitionTime: readyTime, status: status ? 'True' : 'False', type });
    pods.push({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        creationTimestamp: isoSeconds(applied),
        generateName: `${replicaSetName(d)}-`,
        labels: { ...(d.spec?.template?.metadata?.labels ?? {}), 'pod-template-hash': tHash },
        ...(d.spec?.template?.metadata?.annotations ? { annotations: d.spec.template.metadata.annotations } : {}),
        name,
        namespace: d.metadata.namespace,
        ownerReferences: [
          { apiVersion: 'apps/v1', blockOwnerDeletion: true, controller: true, kind: 'ReplicaSet', name: replicaSetName(d), uid: h.slice(0, 8) + '-' + h.slice(8, 12) + '-4' + h.slice(13, 16) + '-8' + h.slice(17, 20) + '-' + h.slice(20, 32) },
        ],
        resourceVersion: d.metadata.resourceVersion,
        uid: `${h.slice(32, 40)}-${h.slice(40, 44)}-4${h.slice(45, 48)}-9${h.slice(49, 52)}-${h.slice(52, 64)}`,
      },
      spec: { ...(d.spec?.template?.spec ?? {}), nodeName: '' },
      status: {
        conditions: [cond('PodReadyToStartContainers', true), cond('Initialized', true), cond('Ready', ready), cond('ContainersReady', ready), cond('PodScheduled', true)],
        containerStatuses: containers.map((c) => ({
          image: c.image, imageID: '', name: c.name, ready, restartCount: 0, started: ready,
          state: ready
            ? { running: { startedAt: readyTime } }
            : missingImages(d).includes(c.image) && now >= applied + readyDelayMs()
              ? { waiting: pullWaiting(d, c.image, now) }
              : { waiting: { reason: 'ContainerCreating' } },
        })),
        phase: ready ? 'Running' : 'Pending',
        qosClass: 'BestEffort',
        startTime: isoSeconds(applied),
      },
    });
  }
  return pods;
}
