// One read of istio-system answering the Istio step's checks and discovery
// (src/kube/namespace-snapshot.ts, src/istio/istio-system-read.ts).
import { describe, expect, it } from 'vitest';
import { discoverIngress } from '../../../src/discovery/discover-ingress.js';
import { installedIstio } from '../../../src/istio/installed-istio.js';
import { istioSystemSnapshot } from '../../../src/istio/istio-system-read.js';
import { runningMeshShape } from '../../../src/istio/mesh-config.js';
import { Kubectl } from '../../../src/kube/kubectl.js';
import { equalitySelector } from '../../../src/kube/namespace-snapshot.js';
import type { K8sObject } from '../../../src/kube/objects.js';
import type { ClusterProvider } from '../../../src/providers/provider.js';
import { FakeRunner, kubectlSub } from '../fakes/fake-runner.js';

const access = { kubeconfig: '/k', context: 'kind-lab' };
const list = (items: K8sObject[]) => JSON.stringify({ apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } });
const obj = (apiVersion: string, kind: string, name: string, labels: Record<string, string>, extra: Record<string, unknown> = {}): K8sObject =>
  ({ apiVersion, kind, metadata: { name, namespace: 'istio-system', labels }, ...extra }) as K8sObject;

const istiod = obj('apps/v1', 'Deployment', 'istiod', { app: 'istiod', istio: 'pilot', 'operator.istio.io/version': '1.30.3' }, { status: { availableReplicas: 1 } });
const egress = obj('apps/v1', 'Deployment', 'istio-egressgateway', { app: 'istio-egressgateway', istio: 'egressgateway' });
const gatewaySvc = obj('v1', 'Service', 'istio-ingressgateway', { app: 'istio-ingressgateway', istio: 'ingressgateway' }, {
  spec: { type: 'NodePort', selector: { app: 'istio-ingressgateway', istio: 'ingressgateway' }, ports: [{ name: 'http2', port: 80, nodePort: 31380 }] },
});
const gatewayPod = obj('v1', 'Pod', 'istio-ingressgateway-5d9c-abcde', { app: 'istio-ingressgateway', istio: 'ingressgateway' }, { status: { hostIP: '172.18.0.2' } });
const otherPod = obj('v1', 'Pod', 'istiod-7f8b-xyz12', { app: 'istiod', istio: 'pilot' }, { status: { hostIP: '172.18.0.9' } });
const meshCm = obj('v1', 'ConfigMap', 'istio', { 'istio.io/rev': 'default' }, { data: { mesh: 'outboundTrafficPolicy:\n  mode: REGISTRY_ONLY\n' } });
const SNAPSHOT_ARGS = 'get deployments.apps,services,pods,configmaps -n istio-system -o json';

function istioSystem(objects: K8sObject[]): FakeRunner {
  return new FakeRunner().on((f, a) => kubectlSub('get')(f, a) && a.slice(4).join(' ') === SNAPSHOT_ARGS, { stdout: list(objects) });
}

describe('equalitySelector', () => {
  it('reads k=v and k==v terms; anything else is left to the API server', () => {
    expect(equalitySelector('app=istiod')).toEqual([['app', 'istiod']]);
    expect(equalitySelector('app==istio-ingressgateway,istio=ingressgateway')).toEqual([['app', 'istio-ingressgateway'], ['istio', 'ingressgateway']]);
    expect(equalitySelector(undefined)).toEqual([]);
    for (const other of ['app!=x', 'app in (a,b)', '!app', 'app']) expect(equalitySelector(other)).toBeUndefined();
  });
});

describe('istio-system snapshot', () => {
  it("answers the Istio step's checks from one kubectl get", async () => {
    const r = istioSystem([istiod, egress, gatewaySvc, gatewayPod, otherPod, meshCm]);
    const reads = istioSystemSnapshot(new Kubectl(r, access));
    expect(await installedIstio(reads)).toEqual({ version: '1.30.3', ready: true });
    expect(await runningMeshShape(reads)).toEqual({ outboundTrafficPolicy: 'REGISTRY_ONLY', egressGateway: true });
    expect(await reads.list('services', { namespace: 'istio-system', selector: 'istio=ingressgateway' })).toEqual([gatewaySvc]);
    expect(r.calls).toHaveLength(1);
  });

  it('an empty namespace is an empty List: no Istio, no egress gateway, the default policy', async () => {
    const reads = istioSystemSnapshot(new Kubectl(istioSystem([]), access));
    expect(await installedIstio(reads)).toBeUndefined();
    expect(await runningMeshShape(reads)).toEqual({ outboundTrafficPolicy: 'ALLOW_ANY', egressGateway: false });
  });

  it('discovery takes the gateway Service and pods from it and reads only the nodes besides', async () => {
    const r = istioSystem([istiod, gatewaySvc, gatewayPod, otherPod]).on(kubectlSub('get', 'nodes'), { stdout: list([]) });
    const provider = { nodePortEndpoint: async () => undefined } as unknown as ClusterProvider;
    const probed: string[] = [];
    const d = await discoverIngress(istioSystemSnapshot(new Kubectl(r, access)), provider, { probe: async (h, p) => (probed.push(`${h}:${p}`), { ok: true, detail: 'connected' }) });
    // only the gateway's pod (selected by the Service's selector), not istiod's
    expect(probed).toEqual(['172.18.0.2:31380']);
    expect(d.endpoint).toMatchObject({ host: '172.18.0.2', port: 31380, source: 'pod-host-ip' });
    expect(r.calls.map((c) => c.args.slice(4).join(' '))).toEqual([SNAPSHOT_ARGS, 'get nodes -o json']);
  });

  it('what it does not hold goes to kubectl as before (another namespace, a set-based selector)', async () => {
    const r = new FakeRunner().on(kubectlSub('get', 'services'), { stdout: list([]) });
    const reads = istioSystemSnapshot(new Kubectl(r, access));
    await reads.list('services', { namespace: 'istio-ingress', selector: 'istio=ingress' });
    await reads.list('services', { namespace: 'istio-system', selector: 'istio in (ingressgateway)' });
    expect(r.calls.map((c) => c.args.slice(4).join(' '))).toEqual(['get services -n istio-ingress -l istio=ingress -o json', 'get services -n istio-system -l istio in (ingressgateway) -o json']);
  });
});
