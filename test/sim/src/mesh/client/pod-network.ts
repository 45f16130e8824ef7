// Which network path a pod's process uses: through an Envoy sidecar when Istio injected
// one (namespace label istio-injection=enabled or istio.io/rev, unless the pod opts out
// with sidecar.istio.io/inject: "false"), and which containers `kubectl exec` sees.
import type { K8sObject } from '../types.js';
import { find } from '../objects.js';
import { istioInstalled } from '../mesh-config.js';

export function sidecarInjected(objects: K8sObject[], pod: K8sObject): boolean {
  if (!istioInstalled(objects)) return false;
  const ns = find(objects, 'Namespace', pod.metadata.namespace ?? 'default', pod.metadata.namespace ?? 'default')
    ?? objects.find((o) => o.kind === 'Namespace' && o.metadata.name === (pod.metadata.namespace ?? 'default'));
  const podFlag = pod.metadata.labels?.['sidecar.istio.io/inject'] ?? pod.metadata.annotations?.['sidecar.istio.io/inject'];
  if (podFlag === 'false') return false;
  const nsLabels = ns?.metadata.labels ?? {};
  if (nsLabels['istio-injection'] === 'disabled') return false;
  return nsLabels['istio-injection'] === 'enabled' || nsLabels['istio.io/rev'] !== undefined || podFlag === 'true';
}

export interface PodContainers {
  containers: Array<{ name: string; image?: string }>;
  init: string[];
}

/** The app containers plus what injection adds (istio-proxy, and the istio-init init container). */
export function podContainers(pod: K8sObject, injected: boolean): PodContainers {
  const containers = ((pod.spec?.containers ?? []) as Array<{ name: string; image?: string }>).map((c) => ({ name: c.name, image: c.image }));
  const init = ((pod.spec?.initContainers ?? []) as Array<{ name: string }>).map((c) => c.name);
  // a pod served by the API (k8s/view.ts) already carries what injection added
  if (injected && !containers.some((c) => c.name === 'istio-proxy')) {
    containers.push({ name: 'istio-proxy', image: 'docker.io/istio/proxyv2' });
    init.unshift('istio-init');
  }
  return { containers, init };
}

/** Images that ship a curl binary (curlimages/curl, Istio's curl/sleep samples, the proxy). */
export function hasCurl(image: string | undefined): boolean {
  return /curl|sleep|netshoot|proxyv2|busyboxplus/.test(image ?? '');
}
