// The golden path against the simulator: up -> curl -> env -> status -> rerun up -> down,
// with the built CLI, real Docker containers and real HTTP through 127.0.0.1.
import { existsSync } from 'node:fs';
import { execa } from 'execa';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cliPath, createLabEnv, freePort, simContainers, type LabEnv } from './support/harness.js';
import { describeDocker } from '../support/docker-available.js';

describeDocker('mesh-lab on kind (simulated), end to end', () => {
  let lab: LabEnv;
  let hostPort: number;
  let httpsHostPort: number;
  const timings: Record<string, number> = {};

  beforeAll(async () => {
    lab = await createLabEnv();
    hostPort = await freePort();
    httpsHostPort = await freePort();
  });
  afterAll(async () => {
    await lab?.cleanup();
    if (Object.keys(timings).length) console.log(`e2e timings (ms): ${JSON.stringify(timings)}`);
  });

  it('up creates the cluster, installs Istio, deploys, routes and verifies a 200 through 127.0.0.1', async () => {
    const r = await lab.run(['up', '--host-port', String(hostPort), '--https-host-port', String(httpsHostPort)]);
    timings.up = r.ms;
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/created kind cluster mesh-lab/);
    expect(r.stdout).toMatch(/Istio 1\.30\.3 installed/);
    expect(r.stdout).toMatch(new RegExp(`Verified GET /helloworld: HTTP 200 "Hello World"`));
    expect(r.stdout).toMatch(new RegExp(`Ingress at 127\\.0\\.0\\.1:${hostPort}`));
    const nodes = await simContainers(lab.simHome);
    expect(nodes.map((c) => c.Names[0])).toEqual(['/mesh-lab-control-plane']);
    expect(nodes[0]!.Labels).toMatchObject({ 'io.x-k8s.kind.cluster': 'mesh-lab', 'io.x-k8s.kind.role': 'control-plane' });
    expect(nodes[0]!.Ports.every((p) => !p.PublicPort || p.IP === '127.0.0.1')).toBe(true);
  });

  it('curl prints the 200 and its body', async () => {
    const r = await lab.run(['curl', '/helloworld']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(`HTTP 200 http://127.0.0.1:${hostPort}/helloworld\n\nHello World\n`);
  });

  it('curl shows the 404 for an unmatched path, and --fail turns it into exit 22', async () => {
    const r = await lab.run(['curl', '/other']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^HTTP 404 /);
    const f = await lab.run(['curl', '--fail', '/other']);
    expect(f.exitCode).toBe(22);
  });

  it('curl sends method, headers and Host', async () => {
    const r = await lab.run(['--json', 'curl', '-X', 'GET', '-H', 'x-user: jason', '--host', 'anything.example.com', '/helloworld']);
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 200, body: 'Hello World\n' });
  });

  it('env prints Istio-style exports, and eval + curl "$GATEWAY_URL/helloworld" works', async () => {
    const r = await lab.run(['env']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain(`export INGRESS_HOST=127.0.0.1\nexport INGRESS_PORT=${hostPort}\nexport SECURE_INGRESS_PORT=${httpsHostPort}\nexport GATEWAY_URL=127.0.0.1:${hostPort}\n`);
    const sh = await execa('bash', ['-c', `eval "$(node ${cliPath} env)"; curl -s "$GATEWAY_URL/helloworld"`], { env: lab.env, extendEnv: false, reject: false });
    expect(sh.stdout).toBe('Hello World');
    const j = await lab.run(['--json', 'env']);
    expect(JSON.parse(j.stdout).env).toEqual({ INGRESS_HOST: '127.0.0.1', INGRESS_PORT: String(hostPort), SECURE_INGRESS_PORT: String(httpsHostPort), GATEWAY_URL: `127.0.0.1:${hostPort}` });
  });

  it('status reports every part healthy', async () => {
    const r = await lab.run(['status']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/cluster: +ok +kind mesh-lab, context kind-mesh-lab \(created by mesh-lab\)/);
    expect(r.stdout).toMatch(/istio: +ok +1\.30\.3, istiod ready/);
    expect(r.stdout).toMatch(/app: +ok +mesh-lab\/helloworldservice 1\/1 available, port 9095/);
    expect(r.stdout).toMatch(/route: +ok +GET \/helloworld → HTTP 200 "Hello World"/);
  });

  it('a second up changes nothing: it only reads and verifies', async () => {
    const before = lab.invocations().length;
    const r = await lab.run(['up', '--host-port', String(hostPort), '--https-host-port', String(httpsHostPort)]);
    timings.rerun = r.ms;
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/reusing kind cluster mesh-lab/);
    expect(r.stdout).toMatch(/Istio 1\.30\.3 already installed/);
    expect(r.stdout).toMatch(/helloworldservice unchanged and available/);
    expect(r.stdout).toMatch(/Gateway and VirtualService unchanged/);
    const rerunCalls = lab.invocations().slice(before);
    const writes = rerunCalls.filter((argv) => ['create', 'apply', 'install', 'delete', 'label'].some((w) => argv.includes(w)));
    expect(writes).toEqual([]);
  });

  it('every kubectl/istioctl call named the environment kubeconfig and context; the user kubeconfig is untouched', () => {
    const calls = lab.invocations();
    expect(calls.length).toBeGreaterThan(10);
    for (const argv of calls) {
      const [tool, ...args] = argv;
      const clusterless = (tool === 'kubectl' && args.includes('--client')) || (tool === 'istioctl' && args.includes('--remote=false')) || tool === 'kind';
      if (clusterless) continue;
      expect(args, argv.join(' ')).toContain('--context');
      expect(args[args.indexOf('--context') + 1], argv.join(' ')).toBe('kind-mesh-lab');
      expect(args, argv.join(' ')).toContain('--kubeconfig');
    }
    expect(lab.userKubeconfigText()).toContain('current-context: users-own-context');
    expect(lab.userKubeconfigText()).not.toContain('kind-mesh-lab');
  });

  it('down deletes the cluster and the state; a second down is a no-op', async () => {
    const r = await lab.run(['down']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/removed: kind cluster mesh-lab/);
    expect(await simContainers(lab.simHome)).toEqual([]);
    expect(existsSync(`${lab.meshLabHome}/state/environments/mesh-lab`)).toBe(false);
    const again = await lab.run(['down']);
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toMatch(/nothing to remove/);
    const env = await lab.run(['env']);
    expect(env.exitCode).toBe(6);
    expect(env.stderr).toBe('mesh-lab: no environment named mesh-lab on this machine; run `mesh-lab up` first\n');
  });
});
