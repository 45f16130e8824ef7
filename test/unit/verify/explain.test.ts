// Each failure class read from a recorded answer. The answers are Envoy's local replies as
// its router sends them (envoyproxy/envoy source/common/router/router.cc: NR 404 and NC 503
// with an empty body) and as istio.io's tasks print them (request-timeouts: 504 "upstream
// request timeout"; locality failover: 503 "upstream connect error or disconnect/reset
// before headers. reset reason: connection failure"), and curl's/node's transport errors.
import { describe, expect, it } from 'vitest';
import { Kubectl } from '../../../src/kube/kubectl.js';
import type { K8sObject } from '../../../src/kube/objects.js';
import { classifyAnswer, formatExplanations, gatherEvidence, type AnswerSeen } from '../../../src/verify/explain.js';
import { FakeRunner, kubectlSub } from '../fakes/fake-runner.js';

const envoy = (status: number, body: string, server = 'istio-envoy'): AnswerSeen => ({
  status,
  headers: { date: 'Sun, 06 Dec 2026 13:00:00 GMT', server, 'content-length': String(body.length), ...(body ? { 'content-type': 'text/plain' } : {}) },
  body,
});

const RECORDED: Array<[string, AnswerSeen, string]> = [
  ['404, empty body, server: istio-envoy (NR)', envoy(404, ''), 'no-route'],
  ['a sidecar’s 404 (server: envoy)', envoy(404, '', 'envoy'), 'no-route'],
  ['503 upstream connect error (UF)', envoy(503, 'upstream connect error or disconnect/reset before headers. reset reason: connection failure'), 'backend-unreachable'],
  ['503 upstream connect error, newer Envoy (URX)', envoy(503, 'upstream connect error or disconnect/reset before headers. retried and the latest reset reason: remote connection failure, transport failure reason: delayed connect error: 111'), 'backend-unreachable'],
  ['503 no healthy upstream (UH)', envoy(503, 'no healthy upstream'), 'backend-unreachable'],
  ['503 with an empty body (NC)', envoy(503, ''), 'no-cluster'],
  ['a reset connection through the ingress', { error: 'connection reset' }, 'no-listener'],
  ['a refused connection through the ingress', { error: 'connection refused' }, 'no-listener'],
  ['curl in a pod: (56) reset', { error: 'curl: (56) Recv failure: Connection reset by peer' }, 'no-listener'],
  ['504 upstream request timeout (UT)', envoy(504, 'upstream request timeout'), 'timeout'],
  ['no answer in time (node)', { error: 'timed out' }, 'timeout'],
  ['curl in a pod: (28) timeout', { error: 'curl: (28) Operation timed out after 10002 milliseconds with 0 bytes received' }, 'timeout'],
];

describe('classifyAnswer', () => {
  it.each(RECORDED)('%s', (_label, answer, kind) => {
    expect(classifyAnswer(answer)?.kind).toBe(kind);
  });

  it('leaves the app’s own answers alone: a 404 with a body, a 404 not from Envoy, a 200', () => {
    expect(classifyAnswer(envoy(404, 'no such page'))).toBeUndefined();
    expect(classifyAnswer({ status: 404, headers: { server: 'nginx' }, body: '' })).toBeUndefined();
    expect(classifyAnswer(envoy(200, 'Hello version: v1'))).toBeUndefined();
  });
});

const list = (items: unknown[]) => ({ stdout: JSON.stringify({ apiVersion: 'v1', kind: 'List', items }) });
const gateway: K8sObject = {
  apiVersion: 'networking.istio.io/v1', kind: 'Gateway', metadata: { name: 'helloworld-gateway', namespace: 'mesh-lab' },
  spec: { selector: { istio: 'ingressgateway' }, servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['*'] }] },
};
const vs: K8sObject = {
  apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: { name: 'helloworld', namespace: 'mesh-lab' },
  spec: { hosts: ['*'], gateways: ['helloworld-gateway'], http: [{ match: [{ uri: { exact: '/hello' } }], route: [{ destination: { host: 'helloworld', port: { number: 5000 }, subset: 'v3' } }] }] },
};
const pod = (name: string, containers: string[]): K8sObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'mesh-lab' }, spec: { containers: containers.map((n) => ({ name: n })) } });

describe('gatherEvidence', () => {
  it('shows the Gateway hosts and the VirtualService match for a 404 (kubectl with --kubeconfig/--context)', async () => {
    const runner = new FakeRunner()
      .on(kubectlSub('get', 'gateways.networking.istio.io', '-n', 'mesh-lab'), list([gateway]))
      .on(kubectlSub('get', 'virtualservices.networking.istio.io', '-n', 'mesh-lab'), list([vs]))
      .on(kubectlSub('get', 'pods', '-n', 'mesh-lab'), list([pod('helloworld-v1-1', ['helloworld', 'istio-proxy'])]));
    const out = formatExplanations(await gatherEvidence(new Kubectl(runner, { kubeconfig: '/k', context: 'c' }), 'mesh-lab', classifyAnswer(envoy(404, ''))));
    expect(out).toContain('why: Envoy answered 404 with an empty body: no virtual host or route matched the request (NR)');
    expect(out).toContain('  Gateway mesh-lab/helloworld-gateway: port 80 HTTP hosts *');
    expect(out).toContain('  VirtualService mesh-lab/helloworld hosts * gateways helloworld-gateway: uri {"exact":"/hello"} → helloworld:5000 subset v3');
  });

  it('names the DestinationRule subsets for a 503 with an empty body', async () => {
    const dr = { apiVersion: 'networking.istio.io/v1', kind: 'DestinationRule', metadata: { name: 'helloworld', namespace: 'mesh-lab' }, spec: { host: 'helloworld', subsets: [{ name: 'v1' }, { name: 'v2' }] } };
    const runner = new FakeRunner()
      .on(kubectlSub('get', 'virtualservices.networking.istio.io'), list([vs]))
      .on(kubectlSub('get', 'destinationrules.networking.istio.io'), list([dr]))
      .on(kubectlSub('get', 'pods'), list([]));
    const out = formatExplanations(await gatherEvidence(new Kubectl(runner, { kubeconfig: '/k', context: 'c' }), 'mesh-lab', classifyAnswer(envoy(503, ''))));
    expect(out).toContain('an unknown host, a port the Service does not have, or a subset no DestinationRule defines');
    expect(out).toContain('  DestinationRule mesh-lab/helloworld host helloworld subsets v1, v2');
  });

  it('says no Gateway when a reset connection finds none', async () => {
    const runner = new FakeRunner().on(kubectlSub('get', 'gateways.networking.istio.io'), list([])).on(kubectlSub('get', 'pods'), list([]));
    const out = formatExplanations(await gatherEvidence(new Kubectl(runner, { kubeconfig: '/k', context: 'c' }), 'mesh-lab', classifyAnswer({ error: 'connection reset' })));
    expect(out).toContain('why: the connection was reset: no Envoy listener for that port');
    expect(out).toContain('  no Gateway in namespace mesh-lab');
  });

  it.each([
    [{ 'istio-injection': 'enabled' }, 'the pods started before the namespace got its injection label'],
    [{}, 'the namespace has no istio-injection=enabled label'],
  ])('finds a pod with one container where two are expected (namespace labels %j)', async (labels, advice) => {
    const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'mesh-lab', labels } };
    const runner = new FakeRunner()
      .on(kubectlSub('get', 'pods', '-n', 'mesh-lab'), list([pod('sleep-1', ['sleep']), pod('helloworld-v1-1', ['helloworld', 'istio-proxy'])]))
      .on(kubectlSub('get', 'namespace/mesh-lab'), { stdout: JSON.stringify(ns) });
    const [e] = await gatherEvidence(new Kubectl(runner, { kubeconfig: '/k', context: 'c' }), 'mesh-lab', undefined);
    expect(e?.kind).toBe('no-sidecar');
    expect(e?.lookAt).toContain(advice);
    expect(e?.evidence).toEqual(['mesh-lab/sleep-1: 1 container(s), no istio-proxy']);
  });

  it('never hides the failure when kubectl cannot read', async () => {
    const runner = new FakeRunner().on(kubectlSub('get'), { exitCode: 1, stderr: 'error: the server is unreachable' });
    const [e] = await gatherEvidence(new Kubectl(runner, { kubeconfig: '/k', context: 'c' }), 'mesh-lab', classifyAnswer(envoy(504, 'upstream request timeout')));
    expect(e).toMatchObject({ kind: 'timeout', evidence: [] });
  });
});
