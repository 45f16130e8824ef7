// curl as emulated inside pods, and `kubectl exec` running it through the pod's sidecar.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCurl, type CurlEnv } from '../../sim/src/mesh/client/curl.js';
import type { OutboundResult } from '../../sim/src/mesh/sidecar.js';
import { startLab, type Lab } from './tools-harness.js';

function env(result: OutboundResult, seen: Array<{ method: string; url: string; headers: Record<string, string> }> = []): CurlEnv & { slept: number } {
  let t = 1000;
  const e = {
    slept: 0,
    fetch: (req: { method: string; url: URL; headers: Record<string, string> }) => {
      seen.push({ method: req.method, url: req.url.toString(), headers: req.headers });
      return result;
    },
    sleep: async (ms: number) => {
      e.slept += ms;
      t += ms;
    },
    clock: () => t,
  };
  return e;
}

const ok: OutboundResult = { kind: 'http', httpVersion: '1.1', latencyMs: 0, reason: '', response: { status: 200, headers: { 'content-type': 'text/plain', server: 'envoy' }, body: 'hello\n' } };

describe('curl emulation', () => {
  it('-sS -o /dev/null -w "%{http_code}\\n" prints only the code', async () => {
    const r = await runCurl(['-sS', '-o', '/dev/null', '-w', '%{http_code}\\n', 'http://x/'], env(ok));
    expect(r).toEqual({ stdout: '200\n', stderr: '', code: 0 });
  });

  it('-D - writes the head before the body; -w time_total has 6 decimals', async () => {
    const e = env({ ...ok, latencyMs: 2000 });
    const r = await runCurl(['-sS', '-D', '-', '-w', '\n%{http_code} %{time_total}s\n', 'http://x/'], e);
    expect(r.stdout).toMatch(/^HTTP\/1\.1 200 OK\r\ncontent-type: text\/plain\r\ncontent-length: 6\r\ndate: .+\r\nserver: envoy\r\n\r\nhello\n\n200 2\.000000s\n$/);
    expect(e.slept).toBe(2000);
  });

  it('-sSI sends HEAD and prints the head only (HTTP/2 status line over TLS)', async () => {
    const seen: Array<{ method: string; url: string; headers: Record<string, string> }> = [];
    const r = await runCurl(['-sSI', 'https://www.google.com'], env({ ...ok, httpVersion: '2' }, seen));
    expect(seen[0]).toMatchObject({ method: 'HEAD', url: 'https://www.google.com/', headers: { host: 'www.google.com', 'user-agent': 'curl/8.11.1', accept: '*/*' } });
    expect(r.stdout.startsWith('HTTP/2 200 \r\n')).toBe(true);
    expect(r.stdout.endsWith('\r\n\r\n')).toBe(true);
  });

  it('failures: -sS prints "curl: (N) …", -s prints nothing, -w still reports 000', async () => {
    const fail: OutboundResult = { kind: 'error', code: 35, message: 'OpenSSL SSL_connect: SSL_ERROR_SYSCALL in connection to www.google.com:443 ', latencyMs: 0, reason: '' };
    expect(await runCurl(['-sSI', 'https://www.google.com'], env(fail))).toEqual({ stdout: '', stderr: 'curl: (35) OpenSSL SSL_connect: SSL_ERROR_SYSCALL in connection to www.google.com:443 \n', code: 35 });
    expect(await runCurl(['-s', '-w', '%{http_code}', 'https://www.google.com'], env(fail))).toEqual({ stdout: '000', stderr: '', code: 35 });
  });

  it('--max-time cuts a slow answer with exit 28', async () => {
    const e = env({ ...ok, latencyMs: 5000 });
    const r = await runCurl(['-sS', '--max-time', '1', 'http://x/'], e);
    expect(r.code).toBe(28);
    expect(r.stderr).toBe('curl: (28) Operation timed out after 1000 milliseconds with 0 bytes received\n');
    expect(e.slept).toBe(1000);
  });

  it('-H replaces or removes headers; -X sets the method; a URL without scheme is http', async () => {
    const seen: Array<{ method: string; url: string; headers: Record<string, string> }> = [];
    await runCurl(['-s', '-X', 'POST', '-H', 'end-user: tester', '-H', 'Accept:', '-H', 'Host: a.example', 'httpbin.org/headers'], env(ok, seen));
    expect(seen[0]).toEqual({ method: 'POST', url: 'http://httpbin.org/headers', headers: { host: 'a.example', 'user-agent': 'curl/8.11.1', 'end-user': 'tester' } });
  });

  it('usage errors are curl’s own (exit 2)', async () => {
    expect(await runCurl(['--max-time=3', 'http://x/'], env(ok))).toEqual({ stdout: '', stderr: "curl: option --max-time=3: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n", code: 2 });
    expect((await runCurl(['-s'], env(ok))).stderr).toBe("curl: no URL specified\ncurl: try 'curl --help' or 'curl --manual' for more information\n");
    expect((await runCurl(['-o'], env(ok))).stderr.split('\n')[0]).toBe('curl: option -o: requires parameter');
  });

  it('the executor’s probe form parses', async () => {
    const r = await runCurl(['-sS', '-D', '-', '-o', '-', '-w', '\n__m__%{http_code} %{time_total}', '-X', 'GET', '--max-time', '10', '-H', 'end-user: tester', 'http://x/'], env(ok));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\r\n\r\nhello\n\n__m__200 0\.000000$/);
  });
});

const IOP = `apiVersion: install.istio.io/v1alpha1
kind: IstioOperator
spec:
  profile: demo
  meshConfig:
    outboundTrafficPolicy:
      mode: REGISTRY_ONLY
  components:
    ingressGateways:
      - name: istio-ingressgateway
        enabled: true
        k8s:
          service:
            type: NodePort
`;

const APP = `apiVersion: v1
kind: Namespace
metadata:
  name: mesh-lab
  labels:
    istio-injection: enabled
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: curl, namespace: mesh-lab }
spec:
  selector: { matchLabels: { app: curl } }
  template:
    metadata: { labels: { app: curl } }
    spec:
      containers:
        - name: curl
          image: curlimages/curl:8.11.1
          command: ["/bin/sleep", "infinity"]
---
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: { name: httpbin-ext, namespace: mesh-lab }
spec:
  hosts: [httpbin.org]
  ports: [{ number: 80, name: http, protocol: HTTP }]
  resolution: DNS
  location: MESH_EXTERNAL
`;

describe('kubectl exec … -- curl', () => {
  let lab: Lab;
  const fast = { MESHLAB_SIM_PROPAGATION_MS: '0', MESHLAB_SIM_READY_MS: '0' };
  const kubectl = (args: string[], input?: string) => lab.run('kubectl', ['--kubeconfig', lab.kubeconfig, '--context', lab.context, ...args], { input, env: fast });

  beforeAll(async () => {
    lab = await startLab('exec');
    const i = lab.run('istioctl', ['install', '-y', '-f', '-', '--kubeconfig', lab.kubeconfig, '--context', lab.context], { input: IOP, env: fast });
    expect(i.code, i.stderr).toBe(0);
    const a = kubectl(['apply', '-f', '-'], APP);
    expect(a.code, a.stderr).toBe(0);
  });
  afterAll(async () => lab?.close());

  it('runs curl through the sidecar: ServiceEntry host 200, unregistered HTTPS exit 35', () => {
    const r = kubectl(['exec', 'deploy/curl', '-n', 'mesh-lab', '-c', 'curl', '--', 'curl', '-sS', 'http://httpbin.org/headers']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/"Host": "httpbin\.org"/);
    const g = kubectl(['exec', 'deploy/curl', '-n', 'mesh-lab', '-c', 'curl', '--', 'curl', '-sSI', 'https://www.google.com']);
    expect(g).toMatchObject({ code: 35, stdout: '' });
    expect(g.stderr).toBe('curl: (35) OpenSSL SSL_connect: SSL_ERROR_SYSCALL in connection to www.google.com:443 \ncommand terminated with exit code 35\n');
  });

  it('finds pods by name and prints the default-container note without -c', () => {
    const pods = JSON.parse(kubectl(['get', 'pods', '-n', 'mesh-lab', '-l', 'app=curl', '-o', 'json']).stdout) as { items: Array<{ metadata: { name: string } }> };
    const name = pods.items[0]!.metadata.name;
    const r = kubectl(['exec', name, '-n', 'mesh-lab', '--', 'curl', '-s', '-o', '/dev/null', '-w', '%{http_code}\\n', 'http://example.invalid/']);
    expect(r.stderr).toBe(`Defaulted container "curl" out of: curl, istio-proxy, istio-init (init)\ncommand terminated with exit code 6\n`);
    expect(r.stdout).toBe('000\n');
  });

  it('get pods --show-labels adds a LABELS column (the labs show it)', () => {
    const r = kubectl(['get', 'pods', '-n', 'mesh-lab', '-l', 'app=curl', '--show-labels']);
    expect(r.stdout.split('\n')[0]).toMatch(/^NAME +READY +STATUS +RESTARTS +AGE +LABELS$/);
    expect(r.stdout.split('\n')[1]).toMatch(/ app=curl,pod-template-hash=[a-z0-9]{10}$/);
  });

  it('fails like kubectl on bad invocations', () => {
    expect(kubectl(['exec', 'deploy/curl', '-n', 'mesh-lab', 'curl', 'x']).stderr).toBe("error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples\n");
    expect(kubectl(['exec', 'deploy/curl', '-n', 'mesh-lab', '--']).stderr).toBe("error: you must specify at least one command for the container\nSee 'kubectl exec -h' for help and examples\n");
    expect(kubectl(['exec', 'nope', '-n', 'mesh-lab', '--', 'curl', 'x']).stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
    expect(kubectl(['exec', 'deploy/nope', '-n', 'mesh-lab', '--', 'curl', 'x']).stderr).toBe('Error from server (NotFound): deployments.apps "nope" not found\n');
    const c = kubectl(['exec', 'deploy/curl', '-n', 'mesh-lab', '-c', 'bogus', '--', 'curl', 'x']);
    expect(c.stderr).toMatch(/^error: container bogus not found in pod curl-/);
  });

  it('keeps serving the previous spec of an updated Istio object until it propagates', async () => {
    const slow = { MESHLAB_SIM_PROPAGATION_MS: '1500' };
    await new Promise((r) => setTimeout(r, 1600)); // the first version has propagated by now
    const se = (host: string) => APP.split('---\n')[2]!.replace('[httpbin.org]', `[${host}]`);
    const r1 = lab.run('kubectl', ['--kubeconfig', lab.kubeconfig, '--context', lab.context, 'apply', '-f', '-'], { input: se('www.httpbin.org'), env: slow });
    expect(r1.code, r1.stderr).toBe(0);
    // The sidecars still have httpbin.org (previousSpec) until the update propagates.
    const probe = () => lab.run('kubectl', ['--kubeconfig', lab.kubeconfig, '--context', lab.context, 'exec', 'deploy/curl', '-n', 'mesh-lab', '-c', 'curl', '--', 'curl', '-s', '-o', '/dev/null', '-w', '%{http_code}', 'http://httpbin.org/get'], { env: slow }).stdout;
    expect(probe()).toBe('200');
    await new Promise((r) => setTimeout(r, 1600));
    expect(probe()).toBe('502');
  });
});
