// Every gateway layout issue 3 names, from fixtures, through discovery to the variables
// Istio's docs define ("Determining the ingress IP and ports").
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverIngress } from '../../../src/discovery/discover-ingress.js';
import { gatewayEnv } from '../../../src/discovery/gateway-env.js';
import { Kubectl } from '../../../src/kube/kubectl.js';
import type { ClusterProvider, HostEndpoint } from '../../../src/providers/provider.js';
import { FakeRunner, kubectlSub } from '../fakes/fake-runner.js';

const fixture = (name: string) => JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8')) as Record<string, any>;
const list = (items: unknown[]) => JSON.stringify({ apiVersion: 'v1', kind: 'List', items });

function cluster(serviceFile: string, nodeFile: string, readsNodes = true) {
  const svc = fixture(serviceFile);
  const helm = svc.metadata.namespace === 'istio-ingress';
  const r = new FakeRunner().on((f, a) => kubectlSub('get', 'services')(f, a) && a.includes('istio-system'), { stdout: list(helm ? [] : [svc]) });
  // the Helm location is read only when istio-system has no gateway
  if (helm) r.on((f, a) => kubectlSub('get', 'services')(f, a) && a.includes('istio-ingress'), { stdout: list([svc]) });
  // nodes and gateway pods only when neither the load balancer nor the provider's way answered
  if (!readsNodes) return r;
  return r
    .on(kubectlSub('get', 'nodes'), { stdout: list([fixture(nodeFile)]) })
    .on(kubectlSub('get', 'pods'), { stdout: list([]) });
}

const provider = (map: Record<number, HostEndpoint> = {}) => ({ nodePortEndpoint: async (p: number) => map[p] }) as unknown as ClusterProvider;
const minikube = (ip: string) => ({ nodePortEndpoint: async (p: number) => ({ host: ip, port: p, nodeIP: ip, source: 'minikube-ip', reason: 'minikube ip' }) }) as unknown as ClusterProvider;
const kindMapping = provider({
  31380: { host: '127.0.0.1', port: 31380, source: 'kind-port-mapping', reason: 'mapped' },
  31390: { host: '127.0.0.1', port: 31390, source: 'kind-port-mapping', reason: 'mapped' },
});

const cases: Array<{ name: string; svc: string; node: string; provider: ClusterProvider; env: Record<string, string>; source: string }> = [
  {
    name: 'default profile, load balancer pending, kind without a mapping: node IP + nodePorts',
    svc: 'default-profile.json', node: 'node-kind.json', provider: provider(),
    env: { INGRESS_HOST: '172.18.0.2', INGRESS_PORT: '30613', SECURE_INGRESS_PORT: '32168', GATEWAY_URL: '172.18.0.2:30613' }, source: 'node-ip',
  },
  {
    name: 'demo profile on minikube: `minikube ip` + nodePorts, TCP_INGRESS_PORT from the tcp port',
    svc: 'demo-profile.json', node: 'node-minikube.json', provider: minikube('192.168.49.2'),
    env: { INGRESS_HOST: '192.168.49.2', INGRESS_PORT: '30613', SECURE_INGRESS_PORT: '32168', TCP_INGRESS_PORT: '30952', GATEWAY_URL: '192.168.49.2:30613' }, source: 'minikube-ip',
  },
  {
    name: 'NodePort pinned on kind: the 127.0.0.1 mapping',
    svc: 'nodeport-pinned.json', node: 'node-kind.json', provider: kindMapping,
    env: { INGRESS_HOST: '127.0.0.1', INGRESS_PORT: '31380', SECURE_INGRESS_PORT: '31390', GATEWAY_URL: '127.0.0.1:31380' }, source: 'kind-port-mapping',
  },
  {
    name: 'load balancer with an IP: the IP and the Service ports',
    svc: 'lb-ip.json', node: 'node-kind.json', provider: provider(),
    env: { INGRESS_HOST: '172.18.255.200', INGRESS_PORT: '80', SECURE_INGRESS_PORT: '443', GATEWAY_URL: '172.18.255.200:80' }, source: 'load-balancer',
  },
  {
    name: 'load balancer with a hostname: the hostname and the Service ports',
    svc: 'lb-hostname.json', node: 'node-kind.json', provider: provider(),
    env: { INGRESS_HOST: 'a1b2c3.elb.us-east-1.amazonaws.com', INGRESS_PORT: '80', SECURE_INGRESS_PORT: '443', GATEWAY_URL: 'a1b2c3.elb.us-east-1.amazonaws.com:80' }, source: 'load-balancer',
  },
  {
    name: 'Helm-installed gateway (istio=ingress in istio-ingress) behind a load balancer',
    svc: 'helm-gateway.json', node: 'node-kind.json', provider: provider(),
    env: { INGRESS_HOST: '203.0.113.7', INGRESS_PORT: '80', SECURE_INGRESS_PORT: '443', GATEWAY_URL: '203.0.113.7:80' }, source: 'load-balancer',
  },
];

describe('discovery over every gateway variant', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const d = await discoverIngress(new Kubectl(cluster(c.svc, c.node, c.source === 'node-ip'), { kubeconfig: '/k', context: 'c' }), c.provider, { probe: async () => ({ ok: true, detail: 'connected' }) });
      expect(d.endpoint.source).toBe(c.source);
      expect(gatewayEnv(d.endpoint)).toEqual(c.env);
    });
  }

  it('an unreachable load-balancer hostname falls through to the next candidate', async () => {
    const d = await discoverIngress(new Kubectl(cluster('lb-hostname.json', 'node-kind.json'), { kubeconfig: '/k', context: 'c' }), provider(), {
      probe: async (host) => ({ ok: host === '172.18.0.2', detail: host === '172.18.0.2' ? 'connected' : 'ENOTFOUND' }),
    });
    expect(gatewayEnv(d.endpoint)).toEqual({ INGRESS_HOST: '172.18.0.2', INGRESS_PORT: '30613', SECURE_INGRESS_PORT: '32168', GATEWAY_URL: '172.18.0.2:30613' });
    expect(d.tried.map((t) => t.result)).toEqual(['ENOTFOUND', 'connected']);
  });
});
