// A lab step broken the ways learners break it, and `lab check` saying what the answer
// means and what to look at (src/verify/explain.ts) against the simulator, which answers
// as Envoy does (docs/tool-contract.md). One environment of its own: ingress-routing for
// the route, cluster, backend, listener and timeout cases; egress-routing for a client
// pod without its sidecar.
import { request } from 'node:http';
import { execa } from 'execa';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeDocker } from '../support/docker-available.js';
import { createLabEnv, freePort, simLabel, type LabEnv, type RunResult } from './support/harness.js';

const NS = 'mesh-lab';

/** The ingress-routing VirtualService with one part changed. */
const virtualService = (o: { path?: string; host?: string; port?: number; fault?: string }) => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: helloworldservice
  namespace: ${NS}
spec:
  hosts: ["*"]
  gateways: [helloworld-gateway]
  http:
    - match:
        - uri:
            exact: ${o.path ?? '/helloworld'}
${o.fault ?? ''}      route:
        - destination:
            host: ${o.host ?? 'helloworldservice'}
            port:
              number: ${o.port ?? 9095}
`;

describeDocker('failed checks explain themselves (simulated)', () => {
  let lab: LabEnv;
  let name: string;
  let access: string[];
  let ingress: { host: string; port: number };
  const cli = (args: string[]): Promise<RunResult> => lab.run(['--environment', name, ...args]);
  /** kubectl of the simulator with the environment's kubeconfig and context; must succeed */
  async function kubectl(args: string[], input?: string): Promise<string> {
    const r = await execa('kubectl', [...access, ...args], { env: lab.env, extendEnv: false, reject: false, ...(input !== undefined ? { input } : {}) });
    expect(r.exitCode, `kubectl ${args.join(' ')}: ${r.stderr}`).toBe(0);
    return r.stdout;
  }

  /** The app's Service forwarding to another container port (a backend not listening there). */
  async function setTargetPort(port: number): Promise<void> {
    const svc = JSON.parse(await kubectl(['get', 'service', 'helloworldservice', '-n', NS, '-o', 'json'])) as { spec: { ports: Array<{ targetPort: number }> } };
    svc.spec.ports[0]!.targetPort = port;
    await kubectl(['apply', '-f', '-'], JSON.stringify(svc));
  }

  /** One GET /helloworld through the ingress: the status, or the transport error's code. */
  function probe(): Promise<number | string> {
    return new Promise((resolve) => {
      const r = request({ host: ingress.host, port: ingress.port, path: '/helloworld', timeout: 2000, agent: false }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      r.on('timeout', () => r.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
      r.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
      r.end();
    });
  }

  /** The simulated Envoy follows the cluster's objects by polling: wait until it no longer answers 200. */
  async function untilBroken(): Promise<void> {
    for (let i = 0; i < 50 && (await probe()) === 200; i++) await new Promise((r) => setTimeout(r, 100));
  }

  /** `lab check <step>` fails (exit 5) and prints the explanation */
  async function failsSaying(step: string, ...says: RegExp[]): Promise<RunResult> {
    if (step === 'invoke') await untilBroken();
    const r = await cli(['lab', 'check', step, '--wait', '3']);
    expect(r.exitCode, r.stdout + r.stderr).toBe(5);
    for (const s of says) expect(r.stdout + r.stderr).toMatch(s);
    return r;
  }

  beforeAll(async () => {
    // Envoy's config propagation (default 1.5 s in the simulator) would let a check pass on
    // the route an apply just replaced: these cases are about the answers, not the delay
    lab = await createLabEnv({ MESHLAB_SIM_PROPAGATION_MS: '0' });
    name = `explain-${simLabel(lab.simHome).slice(0, 8)}`;
    const ports = ['--host-port', String(await freePort()), '--https-host-port', String(await freePort())];
    const start = await cli(['lab', 'start', 'ingress-routing', ...ports]);
    expect(start.exitCode, start.stdout + start.stderr).toBe(0);
    const env = JSON.parse((await cli(['--json', 'env'])).stdout) as { kubeconfig: string; context: string; env: Record<string, string> };
    access = ['--kubeconfig', env.kubeconfig, '--context', env.context];
    ingress = { host: env.env.INGRESS_HOST!, port: Number(env.env.INGRESS_PORT) };
    const run = await cli(['lab', 'run', 'ingress-routing', '--to', 'invoke']);
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
  });
  afterAll(async () => {
    if (lab) {
      await cli(['down']);
      await lab.cleanup();
    }
  });

  it('lab step text is plain when piped: no Markdown marks', async () => {
    const r = await cli(['lab', 'step', 'gateway']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^Step 2\/\d+: /);
    expect(r.stdout).not.toMatch(/\*\*|\x1b\[/);
  });

  it('404 from Envoy: no route matched; shows the Gateway hosts and the VirtualService match', async () => {
    await kubectl(['apply', '-f', '-'], virtualService({ path: '/nothere' }));
    const r = await failsSaying('invoke', /no virtual host or route matched/, /Gateway mesh-lab\/helloworld-gateway: port 80 HTTP hosts \*/, /VirtualService mesh-lab\/helloworldservice hosts \* gateways helloworld-gateway: uri \{"exact":"\/nothere"\}/);
    // the app's pods have their sidecar: nothing to say about injection
    expect(r.stdout).not.toMatch(/without the Envoy sidecar/);
  });

  it('503 with an empty body: no cluster for an unknown host', async () => {
    await kubectl(['apply', '-f', '-'], virtualService({ host: 'no-such-service' }));
    await failsSaying('invoke', /no cluster for the destination \(NC\)/, /→ no-such-service:9095/);
  });

  it('503 upstream connect error: the backend is not listening on the port', async () => {
    await kubectl(['apply', '-f', '-'], virtualService({}));
    await setTargetPort(9999);
    await failsSaying('invoke', /Envoy could not reach the backend/, /Ready\? listening on the port/);
  });

  it('a reset connection: no Gateway, so no listener on the port', async () => {
    await setTargetPort(9095);
    await kubectl(['delete', 'gateway.networking.istio.io', 'helloworld-gateway', '-n', NS]);
    await failsSaying('invoke', /connection was reset: no Envoy listener for that port/, /no Gateway in namespace mesh-lab/);
  });

  it('a timeout: a delay fault longer than the check waits', async () => {
    expect((await cli(['lab', 'run', 'ingress-routing', '--from', 'gateway', '--to', 'gateway'])).exitCode).toBe(0);
    const fault = '      fault:\n        delay:\n          fixedDelay: 15s\n          percentage:\n            value: 100\n';
    await kubectl(['apply', '-f', '-'], virtualService({ fault }));
    await failsSaying('invoke', /no answer within the request’s time limit/, /delay fault/, /fault \{"delay"/);
  });

  it('a pod with one container where two are expected: the namespace lost its injection label', async () => {
    expect((await cli(['lab', 'reset', 'ingress-routing'])).exitCode).toBe(0);
    const start = await cli(['lab', 'start', 'egress-routing']);
    expect(start.exitCode, start.stdout + start.stderr).toBe(0);
    expect((await cli(['lab', 'run', 'egress-routing', '--to', 'registry-only'])).exitCode).toBe(0);
    await kubectl(['label', 'namespace', NS, 'istio-injection-']);
    // the client pod created again, now without a sidecar
    await kubectl(['delete', 'deployment', 'curl', '-n', NS]);
    expect((await cli(['lab', 'run', 'egress-routing', '--from', 'client', '--to', 'client'])).exitCode).toBe(0);
    await failsSaying('blocked', /run without the Envoy sidecar/, /no istio-injection=enabled label/, /mesh-lab\/curl-[a-z0-9-]+: 1 container\(s\), no istio-proxy/);
  });
});
