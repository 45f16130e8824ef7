// What the simulated API server serves: the stored objects, plus what a fresh kind
// cluster already has (system namespaces, the `kubernetes` Service, the node), plus what
// controllers would have produced by now (Deployment status, Pods). Nothing here writes.
import type { ClusterRecord, K8sObject } from '../lib/store.js';
import { deploymentStatus, podsFor } from './readiness.js';
import { nodeObject } from './node-object.js';
import { sidecarInjected } from '../mesh/client/pod-network.js';

const SYSTEM_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system', 'local-path-storage'];

export function nodeName(rec: ClusterRecord): string {
  return rec.provider === 'minikube' ? rec.name : `${rec.name}-control-plane`;
}

function iso(s: string | undefined): string {
  const t = s ? Date.parse(s) : NaN;
  return new Date(Number.isFinite(t) ? Math.floor(t / 1000) * 1000 : 0).toISOString().replace('.000Z', 'Z');
}

function builtins(rec: ClusterRecord): K8sObject[] {
  const created = iso(rec.createdAt);
  const out: K8sObject[] = SYSTEM_NAMESPACES.map((ns, i) => ({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { creationTimestamp: created, labels: { 'kubernetes.io/metadata.name': ns }, name: ns, resourceVersion: String(20 + i), uid: fakeUid(`${rec.key}/ns/${ns}`) },
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  }));
  out.push({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      creationTimestamp: created, labels: { component: 'apiserver', provider: 'kubernetes' }, name: 'kubernetes', namespace: 'default',
      resourceVersion: '233', uid: fakeUid(`${rec.key}/svc/kubernetes`),
    },
    spec: {
      clusterIP: '10.96.0.1', clusterIPs: ['10.96.0.1'], internalTrafficPolicy: 'Cluster', ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack',
      ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }], sessionAffinity: 'None', type: 'ClusterIP',
    },
    status: { loadBalancer: {} },
  });
  out.push(node(rec));
  return out;
}

function fakeUid(seed: string): string {
  let h = 0x811c9dc5;
  const parts: string[] = [];
  for (let round = 0; round < 4; round++) {
    for (const ch of `${round}:${seed}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
    parts.push(h.toString(16).padStart(8, '0'));
  }
  const x = parts.join('');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-4${x.slice(13, 16)}-a${x.slice(17, 20)}-${x.slice(20, 32)}`;
}

/** The node of a cluster that has none stored (see node-object.ts), with stable ids. */
export function node(rec: ClusterRecord): K8sObject {
  const name = nodeName(rec);
  const created = iso(rec.createdAt);
  const labels = Array.isArray(rec.nodeLabels) || typeof rec.nodeLabels !== 'object' || rec.nodeLabels === null ? {} : (rec.nodeLabels as Record<string, string>);
  return nodeObject({
    name,
    ip: typeof rec.nodeIP === 'string' && rec.nodeIP ? rec.nodeIP : '172.18.0.2',
    labels,
    criSocket: 'unix:///run/containerd/containerd.sock',
    containerRuntimeVersion: 'containerd://2.1.1',
    kubeletVersion: 'v1.36.1',
    ...(rec.provider === 'kind' ? { providerID: `kind://docker/${rec.name}/${name}` } : {}),
    creationTimestamp: created,
    heartbeat: iso(new Date().toISOString()),
    transition: created,
    resourceVersion: '1186',
    uid: fakeUid(`${rec.key}/node`),
    bootID: fakeUid(`${rec.key}/boot`),
    machineID: fakeUid(`${rec.key}/m`).replace(/-/g, ''),
    systemUUID: fakeUid(`${rec.key}/sys`),
  });
}

/** Strip simulator bookkeeping and fill in controller-owned fields. */
export function present(o: K8sObject, rec: ClusterRecord, now = Date.now()): K8sObject {
  const { __sim: _sim, ...rest } = o;
  const out = structuredClone(rest) as K8sObject;
  if (o.kind === 'Deployment') out.status = deploymentStatus(o, now);
  if (o.kind === 'CustomResourceDefinition') out.status = crdStatus(o);
  return out;
}

/**
 * apiextensions-apiserver's CRD status (establishing_controller.go, naming_controller.go):
 * the names are accepted and the CRD Established as soon as it is stored, here instantly.
 */
function crdStatus(o: K8sObject): Record<string, unknown> {
  const at = o.metadata.creationTimestamp;
  const versions = (o.spec?.versions ?? []) as Array<{ name: string; storage?: boolean }>;
  return {
    acceptedNames: o.spec?.names ?? {},
    conditions: [
      { lastTransitionTime: at, message: 'no conflicts found', reason: 'NoConflicts', status: 'True', type: 'NamesAccepted' },
      { lastTransitionTime: at, message: 'the initial names have been accepted', reason: 'InitialNamesAccepted', status: 'True', type: 'Established' },
    ],
    storedVersions: versions.filter((v) => v.storage).map((v) => v.name),
  };
}

/** Every object the API server would list, in storage order (kubectl sorts per request). */
export function servedObjects(rec: ClusterRecord, stored: K8sObject[], now = Date.now()): K8sObject[] {
  const out = builtins(rec).filter((b) => !stored.some((s) => s.kind === b.kind && s.metadata.name === b.metadata.name && s.metadata.namespace === b.metadata.namespace));
  for (const o of stored) {
    out.push(present(o, rec, now));
    if (o.kind === 'Deployment') {
      for (const p of podsFor(o, now)) {
        p.spec.nodeName = nodeName(rec);
        p.status.hostIP = typeof rec.reportedNodeIP === 'string' ? rec.reportedNodeIP : typeof rec.nodeIP === 'string' ? rec.nodeIP : '172.18.0.2';
        if (sidecarInjected(stored, p)) inject(p);
        out.push(p);
      }
    }
  }
  return out;
}

export function namespaceExists(stored: K8sObject[], ns: string): boolean {
  return SYSTEM_NAMESPACES.includes(ns) || stored.some((o) => o.kind === 'Namespace' && o.metadata.name === ns);
}

/**
 * What Istio's injection webhook adds to a pod (the same containers `kubectl exec` sees,
 * mesh/client/pod-network.ts): the istio-init init container and the istio-proxy container,
 * as with istiod's default ENABLE_NATIVE_SIDECARS=false (istio/istio pkg/features/experimental.go).
 * So a pod in an injected namespace lists two containers (READY 2/2), one elsewhere 1/1.
 */
function inject(p: K8sObject): void {
  const spec = p.spec as { containers?: Array<Record<string, unknown>>; initContainers?: Array<Record<string, unknown>> };
  spec.initContainers = [{ name: 'istio-init', image: 'docker.io/istio/proxyv2' }, ...(spec.initContainers ?? [])];
  spec.containers = [...(spec.containers ?? []), { name: 'istio-proxy', image: 'docker.io/istio/proxyv2' }];
  const status = p.status as { containerStatuses?: Array<Record<string, unknown>> };
  const first = status.containerStatuses?.[0];
  if (first) status.containerStatuses!.push({ ...first, name: 'istio-proxy', image: 'docker.io/istio/proxyv2' });
}
