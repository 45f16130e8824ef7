// Issue 8 end to end: on a Docker Desktop-like host (node addresses time out) mesh-lab
// falls back to a port-forward that a supervisor keeps alive on stable ports. Real kubectl
// exits after the first connection the gateway refuses (here: the Gateway is deleted); the
// GATEWAY_URL exported before answers again once the Gateway is back; `status` shows the
// restarts; `down` leaves no process behind.
import { readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterEach, expect, it } from 'vitest';
import { isAlive } from '../../src/discovery/port-forward.js';
import { describeDocker } from '../support/docker-available.js';
import { createLabEnv, DESKTOP_HOST_NETWORK, processesMentioning, type LabEnv } from './support/harness.js';

const GATEWAY = `apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: helloworld-gateway
  namespace: mesh-lab
spec:
  selector:
    istio: ingressgateway
  servers:
    - port:
        number: 80
        name: http
        protocol: HTTP
      hosts:
        - "*"
`;

/** One GET; resolves with the status, or the network error's code. */
function get(url: string): Promise<number | string> {
  return new Promise((resolve) => {
    const req = request(url, { timeout: 3000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
    req.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
    req.end();
  });
}

async function poll<T>(what: string, boundMs: number, fn: () => Promise<T | undefined> | T | undefined): Promise<T> {
  const deadline = Date.now() + boundMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${boundMs / 1000}s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

interface ForwardFile {
  supervisorPid: number;
  kubectlPid?: number;
  restarts: number;
  config: { localPort: number };
}

describeDocker('supervised port-forward on a Docker Desktop-like host (simulated)', () => {
  let lab: LabEnv;
  afterEach(async () => {
    await lab?.cleanup();
  });

  async function survivesRefusals(name: string, upArgs: string[], context: string): Promise<void> {
    const r = await lab.run(['--environment', name, 'up', ...upArgs]);
    expect(r.exitCode, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Verified GET \/helloworld: HTTP 200 "Hello World"/);
    const envJson = JSON.parse((await lab.run(['--environment', name, '--json', 'env'])).stdout) as { source: string; reason: string; kubeconfig: string };
    expect(envJson.source).toBe('port-forward');
    expect(envJson.reason).toMatch(/timed out\); forwarding 127\.0\.0\.1:\d+ to istio-system\/istio-ingressgateway:80 \(started a port-forward supervisor, pid \d+/);
    const exported = (await lab.run(['--environment', name, 'env'])).stdout;
    const gatewayUrl = /^export GATEWAY_URL=(127\.0\.0\.1:\d+)$/m.exec(exported)![1]!;
    const labDir = join(lab.meshLabHome, 'state', 'environments', name);
    const forwardFile = () => JSON.parse(readFileSync(join(labDir, 'port-forward.json'), 'utf8')) as ForwardFile;
    const before = forwardFile();
    expect(gatewayUrl).toBe(`127.0.0.1:${before.config.localPort}`);
    const kubectl = (args: string[], input?: string) =>
      execa('kubectl', ['--kubeconfig', envJson.kubeconfig, '--context', context, ...args], { env: lab.env, extendEnv: false, reject: false, ...(input ? { input } : {}) });

    // the learner deletes the Gateway: Envoy closes port 8080, the pod refuses the forward
    const del = await kubectl(['delete', 'gateways.networking.istio.io/helloworld-gateway', '-n', 'mesh-lab']);
    expect(del.exitCode, del.stderr).toBe(0);
    const failed = await poll('a request to GATEWAY_URL fails', 15_000, async () => {
      const s = await get(`http://${gatewayUrl}/helloworld`);
      return s === 200 ? undefined : s;
    });
    expect(failed).not.toBe(200);
    const curl = await lab.run(['--environment', name, 'curl', '/helloworld']);
    expect(curl.exitCode).toBe(5);
    expect(curl.stderr).toMatch(new RegExp(`^mesh-lab: no answer from the ingress at ${gatewayUrl.replace(/\./g, '\\.')} \\(.+\\); \\(supervisor pid ${before.supervisorPid} alive, `));
    // ...and kubectl exits as the real one does, the supervisor logs it and restarts kubectl
    const log = await poll('kubectl exit in the supervisor log', 15_000, () => {
      const text = readFileSync(join(labDir, 'port-forward.log'), 'utf8');
      return /supervisor: kubectl \(pid \d+\) exited with code 1/.test(text) ? text : undefined;
    });
    expect(log).toMatch(
      /^E\d{4} [\d:.]+ +\d+ portforward\.go:424\] "Unhandled Error" err="an error occurred forwarding \d+ -> 8080: error forwarding port 8080 to pod [0-9a-f]{64}, uid : failed to execute portforward in network namespace .*connect: connection refused "$/m,
    );
    expect(log).toMatch(/^error: lost connection to pod$/m);

    // the Gateway comes back: the GATEWAY_URL exported before answers again
    const apply = await kubectl(['apply', '-f', '-'], GATEWAY);
    expect(apply.exitCode, apply.stderr).toBe(0);
    await poll('GATEWAY_URL answers 200 again', 15_000, async () => ((await get(`http://${gatewayUrl}/helloworld`)) === 200 ? true : undefined));

    const status = await lab.run(['--environment', name, 'status']);
    expect(status.exitCode, status.stdout + status.stderr).toBe(0);
    const restarts = Number(/restarts (\d+)/.exec(status.stdout)?.[1]);
    expect(restarts).toBeGreaterThanOrEqual(1);
    expect(status.stdout).toMatch(new RegExp(`endpoint: +ok +${gatewayUrl.replace(/\./g, '\\.')} via port-forward \\(supervisor pid ${before.supervisorPid} alive, kubectl pid \\d+ forwarding, restarts \\d+, last error: error: lost connection to pod \\(exit 1\\)\\)`));

    // a rerun reuses the live supervisor and its ports
    const again = await lab.run(['--environment', name, 'up', ...upArgs]);
    expect(again.exitCode, again.stdout + again.stderr).toBe(0);
    const rerunEnv = JSON.parse((await lab.run(['--environment', name, '--json', 'env'])).stdout) as { reason: string; env: Record<string, string> };
    expect(rerunEnv.env.GATEWAY_URL).toBe(gatewayUrl);
    expect(rerunEnv.reason).toContain(`reused the running port-forward supervisor, pid ${before.supervisorPid}`);
    expect(processesMentioning('port-forward-supervisor.js', lab.root)).toEqual([before.supervisorPid]);

    const last = forwardFile();
    expect(isAlive(last.supervisorPid)).toBe(true);
    expect(last.kubectlPid && isAlive(last.kubectlPid)).toBe(true);
    const down = await lab.run(['--environment', name, 'down']);
    expect(down.exitCode, down.stderr).toBe(0);
    expect(down.stdout).toContain(`removed: port-forward supervisor (pid ${last.supervisorPid}) and kubectl port-forward (pid ${last.kubectlPid})`);
    expect(isAlive(last.supervisorPid)).toBe(false);
    expect(isAlive(last.kubectlPid!)).toBe(false);
    expect(processesMentioning('port-forward', lab.root)).toEqual([]);
  }

  it('minikube: up takes the port-forward path; kubectl exits on a refused connection, the supervisor restarts it on the same port; down leaves nothing', async () => {
    lab = await createLabEnv({ ...DESKTOP_HOST_NETWORK, MESHLAB_SIM_MINIKUBE_NONROOT: '1' });
    // the profile names the container and network: one of its own on this shared engine
    const profile = `mk-${lab.network.slice(-8)}`;
    await survivesRefusals(profile, ['--provider', 'minikube', '--cpus', '2', '--memory', '4096'], profile);
  });

  it('existing kind cluster with a pending load balancer: the same, through the supervisor', async () => {
    lab = await createLabEnv(DESKTOP_HOST_NETWORK);
    const cfg = join(lab.root, 'users-cluster.yaml');
    writeFileSync(cfg, 'kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\n');
    // a name of its own: other suites on this Docker engine create `users-cluster`
    const name = `users-${lab.network.slice(-8)}`;
    const c = await execa('kind', ['create', 'cluster', '--name', name, '--config', cfg], { env: lab.env, extendEnv: false, reject: false });
    expect(c.exitCode, c.stderr).toBe(0);
    await survivesRefusals('pf', ['--provider', 'existing', '--context', `kind-${name}`, '--install-istio'], `kind-${name}`);
  });
});
