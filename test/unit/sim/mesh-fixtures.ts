// Object builders for the mesh unit tests: a cluster with Istio (demo profile shape:
// ingress + egress gateways, the istio mesh ConfigMap), helloworld v1/v2, a curl client.
import type { K8sObject } from '../../sim/src/lib/store.js';
import type { MeshOptions } from '../../sim/src/mesh/types.js';
import { createSpread } from '../../sim/src/mesh/spread.js';

export const NOW = 1_800_000_000_000;
export const LONG_AGO = NOW - 60_000;

export const opts = (over: Partial<MeshOptions> = {}): MeshOptions => ({
  propagationMs: 1500, readyMs: 800, faults: new Set(), pick: () => 0, pickWeight: () => 0, spread: createSpread(undefined, 'unit'), ...over,
});

const at = <T extends K8sObject>(o: T, appliedAt = LONG_AGO): T => ({ ...o, metadata: { creationTimestamp: new Date(appliedAt).toISOString(), ...o.metadata }, __sim: { appliedAt } });

export function deployment(ns: string, name: string, labels: Record<string, string>, container: Record<string, unknown>): K8sObject {
  return at({
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: ns, uid: `uid-${ns}-${name}`, labels },
    spec: { replicas: 1, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: container.name ?? name, ...container }] } } },
  });
}

export function service(ns: string, name: string, selector: Record<string, string>, ports: unknown[], type?: string): K8sObject {
  return at({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: ns }, spec: { ...(type ? { type } : {}), selector, ports } });
}

export function istio(kind: string, ns: string, name: string, spec: Record<string, unknown>, appliedAt = LONG_AGO): K8sObject {
  return at({ apiVersion: 'networking.istio.io/v1', kind, metadata: { name, namespace: ns }, spec }, appliedAt);
}

const INGRESS = { app: 'istio-ingressgateway', istio: 'ingressgateway' };
const EGRESS = { app: 'istio-egressgateway', istio: 'egressgateway' };

export function cluster(mode: 'ALLOW_ANY' | 'REGISTRY_ONLY' = 'ALLOW_ANY'): K8sObject[] {
  return [
    at({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'mesh-lab', labels: { 'istio-injection': 'enabled' } } }),
    deployment('istio-system', 'istiod', { app: 'istiod', istio: 'pilot' }, { image: 'docker.io/istio/pilot:1.30.3' }),
    at({
      apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'istio', namespace: 'istio-system' },
      data: { mesh: `defaultConfig:\n  discoveryAddress: istiod.istio-system.svc:15012\noutboundTrafficPolicy:\n  mode: ${mode}\nrootNamespace: istio-system` },
    }),
    deployment('istio-system', 'istio-ingressgateway', INGRESS, { image: 'docker.io/istio/proxyv2:1.30.3' }),
    service('istio-system', 'istio-ingressgateway', INGRESS, [
      { name: 'status-port', port: 15021, targetPort: 15021, nodePort: 30021 },
      { name: 'http2', port: 80, targetPort: 8080, nodePort: 30080 },
    ], 'NodePort'),
    deployment('istio-system', 'istio-egressgateway', EGRESS, { image: 'docker.io/istio/proxyv2:1.30.3' }),
    service('istio-system', 'istio-egressgateway', EGRESS, [{ name: 'http2', port: 80, targetPort: 8080 }, { name: 'https', port: 443, targetPort: 8443 }]),
    deployment('mesh-lab', 'helloworld-v1', { app: 'helloworld', version: 'v1' }, { name: 'helloworld', image: 'docker.io/istio/examples-helloworld-v1:1.0', ports: [{ containerPort: 5000 }] }),
    deployment('mesh-lab', 'helloworld-v2', { app: 'helloworld', version: 'v2' }, { name: 'helloworld', image: 'docker.io/istio/examples-helloworld-v2:1.0', ports: [{ containerPort: 5000 }] }),
    service('mesh-lab', 'helloworld', { app: 'helloworld' }, [{ name: 'http', port: 5000 }]),
    deployment('mesh-lab', 'curl', { app: 'curl' }, { name: 'curl', image: 'curlimages/curl:8.11.1' }),
    istio('Gateway', 'mesh-lab', 'helloworld-gateway', { selector: { istio: 'ingressgateway' }, servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['*'] }] }),
    istio('DestinationRule', 'mesh-lab', 'helloworld', { host: 'helloworld', subsets: [{ name: 'v1', labels: { version: 'v1' } }, { name: 'v2', labels: { version: 'v2' } }] }),
  ];
}

export const helloRoute = (extra: Record<string, unknown> = {}, subset?: string) => ({
  match: [{ uri: { exact: '/hello' } }],
  route: [{ destination: { host: 'helloworld', ...(subset ? { subset } : {}), port: { number: 5000 } } }],
  ...extra,
});

export function helloVs(http: unknown[], appliedAt = LONG_AGO): K8sObject {
  return istio('VirtualService', 'mesh-lab', 'helloworld', { hosts: ['*'], gateways: ['helloworld-gateway'], http }, appliedAt);
}
