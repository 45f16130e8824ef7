import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { applyIfChanged, HASH_ANNOTATION, resourceRef, stampHash } from '../../../src/kube/apply-if-changed.js';
import { Kubectl } from '../../../src/kube/kubectl.js';
import { Istioctl } from '../../../src/istio/istioctl.js';
import type { K8sObject } from '../../../src/kube/objects.js';
import { argvStarts, FakeRunner, kubectlSub } from '../fakes/fake-runner.js';

const access = { kubeconfig: '/lab/kubeconfig', context: 'kind-mesh-lab' };
const gw: K8sObject = { apiVersion: 'networking.istio.io/v1', kind: 'Gateway', metadata: { name: 'helloworld-gateway', namespace: 'mesh-lab' }, spec: {} };
const ns: K8sObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'mesh-lab' } };

describe('kubectl and istioctl always name kubeconfig and context', () => {
  it('kubectl puts --kubeconfig and --context first', async () => {
    const runner = new FakeRunner()
      .on(kubectlSub('get', 'services'), { stdout: JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [] }) })
      .on(kubectlSub('rollout', 'status'), { stdout: 'deployment "helloworldservice" successfully rolled out\n' });
    const k = new Kubectl(runner, access);
    await k.list('services', { namespace: 'istio-system', selector: 'istio=ingressgateway' });
    await k.rolloutStatus('helloworldservice', 'mesh-lab', 120);
    expect(runner.calls.map((c) => c.args)).toEqual([
      ['--kubeconfig', '/lab/kubeconfig', '--context', 'kind-mesh-lab', 'get', 'services', '-n', 'istio-system', '-l', 'istio=ingressgateway', '-o', 'json'],
      ['--kubeconfig', '/lab/kubeconfig', '--context', 'kind-mesh-lab', 'rollout', 'status', 'deployment/helloworldservice', '-n', 'mesh-lab', '--timeout=120s'],
    ]);
  });
  it('istioctl install uses -y -f, the readiness timeout and the cluster flags', async () => {
    const runner = new FakeRunner().on(argvStarts('istioctl', 'install'), { stdout: '' });
    await new Istioctl(runner, access).install('/lab/iop.yaml');
    expect(runner.calls[0]!.args).toEqual(['install', '-y', '-f', '/lab/iop.yaml', '--readiness-timeout', '300s', '--kubeconfig', '/lab/kubeconfig', '--context', 'kind-mesh-lab']);
  });
});

describe('applyIfChanged', () => {
  it('group-qualifies references so Istio Gateway is never Gateway API Gateway', () => {
    expect(resourceRef(gw)).toBe('gateway.networking.istio.io/helloworld-gateway');
    expect(resourceRef(ns)).toBe('namespace/mesh-lab');
  });

  it('applies when objects are missing, sending stamped YAML on stdin', async () => {
    const runner = new FakeRunner()
      .on(kubectlSub('get'), { stdout: JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [] }) })
      .on(kubectlSub('apply'), { stdout: 'namespace/mesh-lab created\ngateway.networking.istio.io/helloworld-gateway created\n' });
    const r = await applyIfChanged(new Kubectl(runner, access), [ns, gw], 'routing');
    expect(r.changed).toBe(true);
    const apply = runner.calls.find((c) => c.args.includes('apply'))!;
    expect(apply.args.slice(4)).toEqual(['apply', '-f', '-']);
    const docs = parseAllDocuments(apply.input!).map((d) => d.toJS());
    expect(docs[1].metadata.annotations[HASH_ANNOTATION]).toMatch(/^[0-9a-f]{16}$/);
  });

  it('only reads when every live object carries the same hash', async () => {
    const live = [stampHash(ns), stampHash(gw)];
    const runner = new FakeRunner().on(kubectlSub('get'), { stdout: JSON.stringify({ apiVersion: 'v1', kind: 'List', items: live }) });
    const r = await applyIfChanged(new Kubectl(runner, access), [ns, gw], 'routing');
    expect(r.changed).toBe(false);
    expect(runner.calls.map((c) => c.args[4])).toEqual(['get']);
  });

  it('re-applies when a live object drifted', async () => {
    const drifted = stampHash({ ...gw, spec: { selector: { istio: 'other' } } });
    const runner = new FakeRunner()
      .on(kubectlSub('get'), { stdout: JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [stampHash(ns), drifted] }) })
      .on(kubectlSub('apply'), { stdout: 'gateway.networking.istio.io/helloworld-gateway configured\n' });
    expect((await applyIfChanged(new Kubectl(runner, access), [ns, gw], 'routing')).changed).toBe(true);
  });
});
