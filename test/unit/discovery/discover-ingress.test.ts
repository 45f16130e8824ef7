import { describe, expect, it } from 'vitest';
import { discoverIngress } from '../../../src/discovery/discover-ingress.js';
import { Kubectl } from '../../../src/kube/kubectl.js';
import type { ClusterProvider } from '../../../src/providers/provider.js';
import { FakeRunner, kubectlSub } from '../fakes/fake-runner.js';

const list = (items: unknown[]) => JSON.stringify({ apiVersion: 'v1', kind: 'List', items });
const service = (type: string, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'istio-ingressgateway', namespace: 'istio-system' },
  spec: { type, selector: { app: 'istio-ingressgateway', istio: 'ingressgateway' }, ports: [{ name: 'http2', port: 80, targetPort: 8080, nodePort: 31380 }, { name: 'https', port: 443, targetPort: 8443, nodePort: 31390 }] },
  status: { loadBalancer: {} },
  ...extra,
});
const provider = { nodePortEndpoint: async () => undefined } as unknown as ClusterProvider;
const access = { kubeconfig: '/k', context: 'c' };

// Scripts exactly the reads discovery makes: the Helm location only when istio-system has no
// gateway, nodes and gateway pods only once a gateway Service was found and neither its load
// balancer nor the provider's way answered.
function runner(svcItems: unknown[], helm: unknown[] = [], readsNodes = true) {
  const r = new FakeRunner().on((f, a) => kubectlSub('get', 'services')(f, a) && a.includes('istio-system'), { stdout: list(svcItems) });
  if (svcItems.length === 0) r.on((f, a) => kubectlSub('get', 'services')(f, a) && a.includes('istio-ingress'), { stdout: list(helm) });
  if ((svcItems.length === 0 && helm.length === 0) || !readsNodes) return r;
  return r
    .on(kubectlSub('get', 'nodes'), { stdout: list([{ metadata: { name: 'n1' }, status: { addresses: [{ type: 'InternalIP', address: '10.0.0.5' }] } }]) })
    .on(kubectlSub('get', 'pods'), { stdout: list([{ metadata: { name: 'gw' }, status: { hostIP: '10.0.0.7' } }]) });
}

describe('discoverIngress', () => {
  it("probes in Istio's order and picks the first reachable: pod hostIP before node InternalIP", async () => {
    const probed: string[] = [];
    const d = await discoverIngress(new Kubectl(runner([service('NodePort')]), access), provider, {
      probe: async (h, p) => (probed.push(`${h}:${p}`), { ok: h === '10.0.0.5', detail: h === '10.0.0.5' ? 'connected' : 'ECONNREFUSED' }),
    });
    expect(probed).toEqual(['10.0.0.7:31380', '10.0.0.5:31380']);
    expect(d.endpoint).toMatchObject({ host: '10.0.0.5', port: 31380, securePort: 31390, source: 'node-ip' });
  });

  it('finds the Helm layout (istio=ingress in istio-ingress)', async () => {
    const helm = service('LoadBalancer', { metadata: { name: 'istio-ingress', namespace: 'istio-ingress' }, status: { loadBalancer: { ingress: [{ ip: '203.0.113.10' }] } } });
    const r = runner([], [helm], false);
    const d = await discoverIngress(new Kubectl(r, access), provider, { probe: async () => ({ ok: true, detail: 'connected' }) });
    expect(d.endpoint).toMatchObject({ host: '203.0.113.10', port: 80, securePort: 443, source: 'load-balancer' });
    expect(r.calls.some((c) => c.args.join(' ').includes('-n istio-ingress -l istio=ingress'))).toBe(true);
  });

  it('falls back to port-forward when nothing answers, saying why', async () => {
    let why = '';
    const d = await discoverIngress(new Kubectl(runner([service('LoadBalancer')]), access), provider, {
      probe: async () => ({ ok: false, detail: 'timed out' }),
      portForward: async (_svc, w) => ((why = w), { host: '127.0.0.1', port: 40000, source: 'port-forward', reason: w, portForwardPid: 1 }),
    });
    expect(d.endpoint.source).toBe('port-forward');
    expect(why).toMatch(/^nothing reachable directly \(10\.0\.0\.7:31380 \(pod-host-ip\): timed out; 10\.0\.0\.5:31380 \(node-ip\): timed out\)/);
  });

  it('without a port-forward fallback, says what was tried', async () => {
    const err = (await discoverIngress(new Kubectl(runner([service('NodePort')]), access), provider, { probe: async () => ({ ok: false, detail: 'timed out' }) }).catch((e: unknown) => e)) as Error & { detail?: string };
    expect(err.message).toBe('the ingress gateway istio-system/istio-ingressgateway is not reachable from this machine');
    expect((err as { detail?: string }).detail).toMatch(/10\.0\.0\.5:31380 \(node-ip\): timed out/);
  });

  it('no gateway Service at all is a clear not-found', async () => {
    const err = (await discoverIngress(new Kubectl(runner([]), access), provider).catch((e: unknown) => e)) as Error;
    expect(err.message).toMatch(/no Istio ingress gateway Service found/);
  });
});

describe('tcpProbe', () => {
  it('a refused connection means the host answered (the gateway just has no listener yet)', async () => {
    const { tcpProbe } = await import('../../../src/discovery/probe.js');
    const { freeLoopbackPort } = await import('../../../src/discovery/free-port.js');
    const port = await freeLoopbackPort();
    const r = await tcpProbe('127.0.0.1', port);
    expect(r).toEqual({ ok: true, detail: 'ECONNREFUSED (host answered; no listener yet)' });
  });
});
