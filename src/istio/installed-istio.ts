// What Istio, if any, runs in the cluster: read from istiod's Deployment, so the check is
// a plain read that needs no istioctl and no port-forward to the control plane.
import type { KubeReader } from '../kube/namespace-snapshot.js';
import type { DeploymentObject } from '../kube/objects.js';

export interface InstalledIstio {
  version: string;
  ready: boolean;
}

export function istioVersionOf(deploy: DeploymentObject): string | undefined {
  const labels = deploy.metadata.labels ?? {};
  const fromLabel = labels['operator.istio.io/version'] ?? labels['app.kubernetes.io/version'];
  if (fromLabel) return fromLabel;
  const image = deploy.spec?.template?.spec?.containers?.find((c) => c.name === 'discovery')?.image;
  const tag = image?.split('@')[0]?.split(':').pop();
  return tag && tag !== image ? tag.replace(/-distroless$/, '') : undefined;
}

export async function installedIstio(kubectl: KubeReader): Promise<InstalledIstio | undefined> {
  const deployments = (await kubectl.list('deployments', {
    namespace: 'istio-system',
    selector: 'app=istiod',
    purpose: 'check whether Istio is installed',
  })) as DeploymentObject[];
  const istiod = deployments[0];
  if (!istiod) return undefined;
  return {
    version: istioVersionOf(istiod) ?? 'unknown',
    ready: (istiod.status?.availableReplicas ?? 0) > 0,
  };
}
