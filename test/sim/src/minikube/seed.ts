// The objects a fresh minikube (docker driver) cluster has that mesh-lab reads: namespaces,
// the Node (labels from pkg/minikube/bootstrapper/kubeadm/kubeadm.go, shape of
// shared/upstream/kubectl/nodes-minikube.json) and the `standard` StorageClass of the
// default-storageclass addon. Upserted, so a restart only refreshes the node address.
import { randomUUID } from 'node:crypto';
import { updateObjects, type K8sObject } from '../lib/store.js';
import { seedNamespaces } from '../kind/seed.js';
import { MINIKUBE_COMMIT, MINIKUBE_VERSION } from './profile.js';
import { nodeObject } from '../k8s/node-object.js';

function ts(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

function upsert(objects: K8sObject[], obj: K8sObject): void {
  const i = objects.findIndex((o) => o.kind === obj.kind && o.metadata.name === obj.metadata.name && o.metadata.namespace === obj.metadata.namespace);
  if (i === -1) objects.push(obj);
  else objects[i] = obj;
}

function nextRV(objects: K8sObject[]): string {
  return String(objects.reduce((m, o) => Math.max(m, Number(o.metadata.resourceVersion ?? 0) || 0), 100) + 1);
}

export function seedMinikube(key: string, profile: string, ip: string, k8sVersion: string, now = Date.now()): void {
  seedNamespaces(key, now);
  const stamp = new Date(now).toISOString().replace(/[-:]/g, '_').replace(/\.\d+Z$/, '_0700').replace('T', 'T');
  updateObjects(key, (objects) => {
    const prev = objects.find((o) => o.kind === 'Node' && o.metadata.name === profile);
    upsert(objects, {
      ...nodeObject({
        name: profile,
        ip,
        labels: {
          'minikube.k8s.io/commit': MINIKUBE_COMMIT,
          'minikube.k8s.io/name': profile,
          'minikube.k8s.io/primary': 'true',
          'minikube.k8s.io/updated_at': (prev?.metadata.labels?.['minikube.k8s.io/updated_at'] as string | undefined) ?? stamp,
          'minikube.k8s.io/version': MINIKUBE_VERSION,
        },
        criSocket: 'unix:///var/run/cri-dockerd.sock',
        containerRuntimeVersion: 'docker://29.1.3',
        kubeletVersion: k8sVersion,
        creationTimestamp: prev?.metadata.creationTimestamp ?? ts(now),
        heartbeat: ts(now),
        transition: ts(now),
        resourceVersion: nextRV(objects),
        uid: prev?.metadata.uid ?? randomUUID(),
        bootID: randomUUID(),
        machineID: randomUUID().replace(/-/g, ''),
        systemUUID: randomUUID(),
      }),
      __sim: { appliedAt: now },
    });
    if (!objects.some((o) => o.kind === 'StorageClass' && o.metadata.name === 'standard')) {
      objects.push({
        apiVersion: 'storage.k8s.io/v1',
        kind: 'StorageClass',
        metadata: {
          annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' },
          creationTimestamp: ts(now),
          labels: { 'addonmanager.kubernetes.io/mode': 'EnsureExists' },
          name: 'standard',
          resourceVersion: nextRV(objects),
          uid: randomUUID(),
        },
        provisioner: 'k8s.io/minikube-hostpath',
        reclaimPolicy: 'Delete',
        volumeBindingMode: 'Immediate',
        __sim: { appliedAt: now },
      });
    }
  });
}
