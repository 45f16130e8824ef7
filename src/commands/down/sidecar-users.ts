// Before uninstalling the Istio mesh-lab installed on a cluster it did not create: is any
// workload outside mesh-lab's own namespaces still running with Istio's sidecar? Such a
// pod carries the `istio-proxy` container and the sidecar.istio.io/status annotation that
// injection adds (istio/istio pkg/kube/inject); uninstalling would leave it without a mesh.
import type { Kubectl } from '../../kube/kubectl.js';
import type { K8sObject } from '../../kube/objects.js';

interface PodObject extends K8sObject {
  metadata: K8sObject['metadata'] & { deletionTimestamp?: string };
  spec?: { containers?: Array<{ name: string }> };
}

export function hasSidecar(pod: PodObject): boolean {
  return pod.spec?.containers?.some((c) => c.name === 'istio-proxy') === true || pod.metadata.annotations?.['sidecar.istio.io/status'] !== undefined;
}

/** `namespace/pod` of each running pod with a sidecar outside `ownNamespaces` and Istio's own istio-system. */
export async function sidecarPodsOutside(kubectl: Kubectl, ownNamespaces: ReadonlySet<string>): Promise<string[]> {
  const r = await kubectl.run(['get', 'pods', '--all-namespaces', '-o', 'json'], { purpose: 'look for workloads that still use the Istio sidecar' });
  const pods = r.stdout.trim() ? ((JSON.parse(r.stdout) as { items?: PodObject[] }).items ?? []) : [];
  return pods
    .filter((p) => !p.metadata.deletionTimestamp) // terminating: on its way out with the objects just deleted
    .filter((p) => p.metadata.namespace !== 'istio-system' && !ownNamespaces.has(p.metadata.namespace ?? 'default'))
    .filter(hasSidecar)
    .map((p) => `${p.metadata.namespace}/${p.metadata.name}`);
}
