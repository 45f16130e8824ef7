// Pods as the API serves them: in a namespace labelled istio-injection=enabled, with what
// Istio's webhook adds (istio-init, istio-proxy: two containers); elsewhere with one. Lab
// checks read this to say "no sidecar" (src/verify/explain.ts), and kubectl exec lists the
// same containers without doubling the proxy.
import { describe, expect, it } from 'vitest';
import type { ClusterRecord, K8sObject } from '../../sim/src/lib/store.js';
import { servedObjects } from '../../sim/src/k8s/view.js';
import { podContainers, sidecarInjected } from '../../sim/src/mesh/client/pod-network.js';
import { cluster, NOW } from './mesh-fixtures.js';

const rec = { key: 'k', provider: 'kind', name: 'mesh-lab', context: 'kind-mesh-lab', server: 'https://127.0.0.1:6443', nodeContainer: 'mesh-lab-control-plane', network: 'kind' } as ClusterRecord;
const names = (cs: unknown) => ((cs ?? []) as Array<{ name: string }>).map((c) => c.name);
const podOf = (objects: K8sObject[], app: string) => servedObjects(rec, objects, NOW).find((o) => o.kind === 'Pod' && o.metadata.labels?.app === app)!;

describe('served pods and sidecar injection', () => {
  it('an injected namespace: the app container and istio-proxy, istio-init first among init containers', () => {
    const pod = podOf(cluster(), 'curl');
    expect(names(pod.spec?.containers)).toEqual(['curl', 'istio-proxy']);
    expect(names(pod.spec?.initContainers)).toEqual(['istio-init']);
    expect(names(pod.status?.containerStatuses)).toEqual(['curl', 'istio-proxy']);
    // kubectl exec's view of the same pod does not add a second proxy
    expect(podContainers(pod, sidecarInjected(cluster(), pod)).containers.map((c) => c.name)).toEqual(['curl', 'istio-proxy']);
  });

  it('a namespace without the label: one container', () => {
    const objects = cluster().map((o) => (o.kind === 'Namespace' ? { ...o, metadata: { ...o.metadata, labels: {} } } : o));
    expect(names(podOf(objects, 'curl').spec?.containers)).toEqual(['curl']);
    expect(podOf(objects, 'curl').spec?.initContainers).toBeUndefined();
  });
});
