// The one read of istio-system that `up` makes per stretch without writes: istiod's and the
// egress gateway's Deployments, the ingress gateway's Service and pods, the mesh ConfigMap.
// The Istio step's checks and discovery ask it with the same argv, so a rerun's read-ahead
// answers both with one kubectl process (src/kube/namespace-snapshot.ts).
import type { Kubectl } from '../kube/kubectl.js';
import { NamespaceSnapshot, SNAPSHOT_TYPES } from '../kube/namespace-snapshot.js';

export const ISTIO_NAMESPACE = 'istio-system';

export function istioSystemSnapshot(kubectl: Kubectl): NamespaceSnapshot {
  const { deployments, services, pods, configmaps } = SNAPSHOT_TYPES;
  return new NamespaceSnapshot(kubectl, ISTIO_NAMESPACE, [deployments, services, pods, configmaps], `read namespace ${ISTIO_NAMESPACE}`);
}
