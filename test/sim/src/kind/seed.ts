// The objects a fresh kind cluster has that mesh-lab looks at: its namespaces, the
// node (shape of `kubectl get nodes -o json` on kind), and the `standard`
// StorageClass kind installs. Written straight into the store, under its lock.
import { randomUUID } from 'node:crypto';
import { updateObjects, type K8sObject } from '../lib/store.js';
import type { NodeConfig } from './config.js';
import { nodeObject } from '../k8s/node-object.js';

function ts(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

function nextRV(objects: K8sObject[]): () => string {
  let rv = objects.reduce((m, o) => Math.max(m, Number(o.metadata.resourceVersion ?? 0) || 0), 100);
  return () => String(++rv);
}

function upsert(objects: K8sObject[], obj: K8sObject): void {
  const i = objects.findIndex((o) => o.kind === obj.kind && o.metadata.name === obj.metadata.name && o.metadata.namespace === obj.metadata.namespace);
  if (i === -1) objects.push(obj);
  else objects[i] = obj;
}

/** "v1.36.1" from "kindest/node:v1.36.1@sha256:..." (kubelet version shown on the node). */
export function kubeVersionOf(image: string): string {
  return /:(v\d+\.\d+\.\d+)/.exec(image)?.[1] ?? 'v1.36.1';
}

/** node-labels from kubeadm InitConfiguration patches (e.g. ingress-ready=true). */
function patchNodeLabels(patches: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of patches) {
    const m = /node-labels:\s*["']?([^"'\n]+)["']?/.exec(p);
    for (const kv of m?.[1]?.split(',') ?? []) {
      const [k, v] = kv.split('=');
      if (k?.trim()) out[k.trim()] = (v ?? '').trim();
    }
  }
  return out;
}

export function seedNamespaces(key: string, now = Date.now()): void {
  updateObjects(key, (objects) => {
    const rv = nextRV(objects);
    for (const name of ['default', 'kube-node-lease', 'kube-public', 'kube-system']) {
      upsert(objects, {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { creationTimestamp: ts(now), labels: { 'kubernetes.io/metadata.name': name }, name, resourceVersion: rv(), uid: randomUUID() },
        spec: { finalizers: ['kubernetes'] },
        status: { phase: 'Active' },
        __sim: { appliedAt: now },
      });
    }
  });
}

export function seedNode(key: string, cluster: string, nodeName: string, node: NodeConfig, ip: string, now = Date.now()): void {
  updateObjects(key, (objects) => {
    upsert(objects, {
      ...nodeObject({
        name: nodeName,
        ip,
        labels: { ...patchNodeLabels(node.kubeadmConfigPatches), ...node.labels },
        criSocket: 'unix:///run/containerd/containerd.sock',
        containerRuntimeVersion: 'containerd://2.1.1',
        kubeletVersion: kubeVersionOf(node.image),
        providerID: `kind://docker/${cluster}/${nodeName}`,
        creationTimestamp: ts(now),
        heartbeat: ts(now),
        transition: ts(now),
        resourceVersion: nextRV(objects)(),
        uid: randomUUID(),
        bootID: randomUUID(),
        machineID: randomUUID().replace(/-/g, ''),
        systemUUID: randomUUID(),
      }),
      __sim: { appliedAt: now },
    });
  });
}

/** What kind's installstorage step creates: local-path-storage and the default class. */
export function seedStorage(key: string, now = Date.now()): void {
  updateObjects(key, (objects) => {
    const rv = nextRV(objects);
    upsert(objects, {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { creationTimestamp: ts(now), labels: { 'kubernetes.io/metadata.name': 'local-path-storage' }, name: 'local-path-storage', resourceVersion: rv(), uid: randomUUID() },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
      __sim: { appliedAt: now },
    });
    upsert(objects, {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: {
        annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' },
        creationTimestamp: ts(now),
        name: 'standard',
        resourceVersion: rv(),
        uid: randomUUID(),
      },
      provisioner: 'rancher.io/local-path',
      reclaimPolicy: 'Delete',
      volumeBindingMode: 'WaitForFirstConsumer',
      __sim: { appliedAt: now },
    });
  });
}
