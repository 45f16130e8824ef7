// Issue 8 part 8: a check's `request.timeoutSeconds` (default 10) is the client-side
// limit of both request paths: curl's --max-time in the mesh, node:http's timeout through
// the ingress.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { HttpRequest } from '../../../src/http/http-request.js';
import type { Istioctl } from '../../../src/istio/istioctl.js';
import { Kubectl } from '../../../src/kube/kubectl.js';
import type { ExecContext } from '../../../src/labs/executor/context.js';
import { runCheck } from '../../../src/labs/executor/run-check.js';
import { loadLab } from '../../../src/labs/load.js';
import type { LoadedLab } from '../../../src/labs/types.js';
import { FakeRunner, kubectlSub } from '../fakes/fake-runner.js';

const sent: HttpRequest[] = [];
vi.mock('../../../src/http/http-request.js', async (original) => ({
  ...(await original<typeof import('../../../src/http/http-request.js')>()),
  httpRequest: async (req: HttpRequest) => {
    sent.push(req);
    return { status: 200, headers: {}, body: 'Hello World', elapsedMs: 1 };
  },
}));

const root = mkdtempSync(join(tmpdir(), 'mesh-lab-timeout-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function lab(timeout: string): LoadedLab {
  const dir = join(root, `timeouts-${timeout || 'default'}`.replace('.', '-'));
  const t = timeout === '' ? '' : `, timeoutSeconds: ${timeout}`;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'lab.yaml'),
    `apiVersion: mesh-lab/v1
id: ${dir.split('/').pop()}
title: Timeouts
summary: A check with its own request timeout.
client: { selector: { app: curl }, container: curl }
steps:
  - id: one
    title: One
    text: t
    checks:
      - http: { request: { via: mesh, url: "http://httpbin.org/headers"${t} }, expect: { status: 200 }, retry: { timeoutSeconds: 1 } }
      - http: { request: { via: ingress, path: /helloworld${t} }, expect: { status: 200 }, retry: { timeoutSeconds: 1 } }
`,
  );
  const r = loadLab(dir);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

function context(loaded: LoadedLab, runner: FakeRunner): ExecContext {
  return {
    loaded,
    kubectl: new Kubectl(runner, { kubeconfig: '/k', context: 'c' }),
    istioctl: {} as Istioctl,
    ingress: { host: '127.0.0.1', port: 31380, source: 'kind-port-mapping', reason: 'test' },
    namespace: 'mesh-lab',
    runtime: {},
    report: { shown: () => undefined, info: () => undefined },
  };
}

function runner(): FakeRunner {
  return new FakeRunner()
    .on(kubectlSub('get', 'pods'), { stdout: JSON.stringify({ items: [{ metadata: { name: 'curl-1' }, status: { phase: 'Running' } }] }) })
    .on(kubectlSub('exec'), { stdout: 'HTTP/1.1 200 OK\r\nserver: envoy\r\n\r\n{}\n__mesh_lab_curl__200 0.010' });
}

async function run(timeout: string): Promise<{ maxTime: string | undefined; ingressTimeoutMs: number | undefined }> {
  const loaded = lab(timeout);
  const fake = runner();
  const ctx = context(loaded, fake);
  sent.length = 0;
  for (const check of loaded.lab.steps[0]!.checks!) expect((await runCheck(ctx, check)).pass).toBe(true);
  const exec = fake.calls.find((c) => c.args[4] === 'exec')!;
  return { maxTime: exec.args[exec.args.indexOf('--max-time') + 1], ingressTimeoutMs: sent[0]?.timeoutMs };
}

describe("a check's request.timeoutSeconds", () => {
  it('is curl --max-time for in-mesh requests and the node:http timeout through the ingress', async () => {
    expect(await run('3')).toEqual({ maxTime: '3', ingressTimeoutMs: 3000 });
    expect(await run('2.5')).toEqual({ maxTime: '2.5', ingressTimeoutMs: 2500 });
  });

  it('defaults to 10 s in both paths', async () => {
    expect(await run('')).toEqual({ maxTime: '10', ingressTimeoutMs: 10_000 });
  });
});
