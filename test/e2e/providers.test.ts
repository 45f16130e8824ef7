// Issue 3 end to end: minikube and an existing cluster reach a verified 200 with the same
// discovery logic; `down` touches nothing mesh-lab did not create; a pending load
// balancer with unreachable node addresses falls back to a port-forward that `down` stops.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { isAlive } from '../../src/discovery/port-forward.js';
import { createLabEnv, simContainers, type LabEnv } from './support/harness.js';
import { describeDocker } from '../support/docker-available.js';

const tool = (lab: LabEnv, file: string, args: string[], env: Record<string, string> = {}) =>
  execa(file, args, { env: { ...lab.env, ...env }, extendEnv: false, reject: false });

describeDocker('providers: minikube and existing clusters (simulated)', () => {
  let lab: LabEnv;
  beforeEach(async () => {
    lab = await createLabEnv();
  });
  afterEach(async () => {
    await lab.cleanup();
  });

  it('minikube: up verifies through `minikube ip` + nodePort; down deletes only its own profile', async () => {
    const nonroot = { MESHLAB_SIM_MINIKUBE_NONROOT: '1' };
    // somebody else's profile, which must survive
    const other = await tool(lab, 'minikube', ['start', '-p', 'someone-else', '--driver=docker', '--cpus=2', '--memory=2048'], nonroot);
    expect(other.exitCode, other.stdout + other.stderr).toBe(0);

    const r = await lab.run(['--environment', 'mk', 'up', '--provider', 'minikube', '--cpus', '2', '--memory', '4096'], nonroot);
    expect(r.exitCode, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/created minikube profile mk \(context mk\)/);
    expect(r.stdout).toMatch(/Verified GET \/helloworld: HTTP 200 "Hello World"/);

    const ip = (await tool(lab, 'minikube', ['ip', '-p', 'mk'])).stdout.trim();
    const env = await lab.run(['--environment', 'mk', 'env']);
    expect(env.stdout).toContain(`export INGRESS_HOST=${ip}\nexport INGRESS_PORT=31380\nexport SECURE_INGRESS_PORT=31390\nexport GATEWAY_URL=${ip}:31380\n`);
    expect(env.stdout).toMatch(/^# minikube-ip: /);
    const curl = await lab.run(['--environment', 'mk', 'curl', '/helloworld']);
    expect(curl.stdout).toBe(`HTTP 200 http://${ip}:31380/helloworld\n\nHello World\n`);

    const d = await lab.run(['--environment', 'mk', 'down']);
    expect(d.exitCode).toBe(0);
    expect(d.stdout).toMatch(/removed: minikube cluster mk/);
    const profiles = JSON.parse((await tool(lab, 'minikube', ['profile', 'list', '-o', 'json'])).stdout) as { valid: Array<{ Name: string }> };
    expect(profiles.valid.map((p) => p.Name)).toEqual(['someone-else']);
    const names = (await simContainers(lab.simHome)).map((c) => c.Names[0]);
    expect(names).toEqual(['/someone-else']);
  });

  it('minikube as root: exit 3 with what to do instead', async () => {
    const r = await lab.run(['--environment', 'mk', 'up', '--provider', 'minikube', '--cpus', '2', '--memory', '4096']);
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toMatch(/^mesh-lab: minikube refuses to run the docker driver as root; run mesh-lab as a regular user in the docker group/);
  });

  async function usersCluster(extraEnv: Record<string, string> = {}): Promise<string> {
    const cfg = join(lab.root, 'users-cluster.yaml');
    writeFileSync(cfg, 'kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\n');
    const c = await tool(lab, 'kind', ['create', 'cluster', '--name', 'users-cluster', '--config', cfg], extraEnv);
    expect(c.exitCode, c.stderr).toBe(0);
    return lab.userKubeconfigText();
  }

  it('existing: needs --install-istio to install Istio, then verifies; down removes only what it applied', async () => {
    const kubeconfigBefore = await usersCluster();
    const refused = await lab.run(['--environment', 'ext', 'up', '--provider', 'existing', '--context', 'kind-users-cluster']);
    expect(refused.exitCode).toBe(3);
    expect(refused.stderr).toMatch(/^mesh-lab: Istio is not installed in context kind-users-cluster; pass --install-istio/);

    const r = await lab.run(['--environment', 'ext', 'up', '--provider', 'existing', '--context', 'kind-users-cluster', '--install-istio']);
    expect(r.exitCode, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/using existing cluster \(context kind-users-cluster\)/);
    expect(r.stdout).toMatch(/Verified GET \/helloworld: HTTP 200 "Hello World"/);
    const env = JSON.parse((await lab.run(['--environment', 'ext', '--json', 'env'])).stdout) as { source: string; reason: string };
    expect(env.source).toMatch(/^(pod-host-ip|node-ip)$/);
    expect(env.reason).toMatch(/nodePort/);

    const d = await lab.run(['--environment', 'ext', 'down']);
    expect(d.exitCode, d.stderr).toBe(0);
    expect(d.stdout).toMatch(/kept: existing cluster kind-users-cluster \(mesh-lab did not create it\)/);
    expect(d.stdout).toMatch(/removed: Namespace mesh-lab/);
    expect(d.stdout).toMatch(/removed: Istio 1\.30\.3 \(mesh-lab installed it\)/);
    // the cluster is still there and the user's kubeconfig is as kind left it
    expect((await simContainers(lab.simHome)).map((c) => c.Names[0])).toEqual(['/users-cluster-control-plane']);
    expect(lab.userKubeconfigText()).toBe(kubeconfigBefore);
    const ns = await tool(lab, 'kubectl', ['--context', 'kind-users-cluster', 'get', 'namespace', 'mesh-lab', '--ignore-not-found', '-o', 'name']);
    expect(ns.stdout).toBe('');
    const istiod = await tool(lab, 'kubectl', ['--context', 'kind-users-cluster', 'get', 'deployments', '-n', 'istio-system', '-o', 'name']);
    expect(istiod.stdout).toBe('');
  });

  it('pending load balancer + unreachable node addresses: port-forward, verified; down stops it', async () => {
    await usersCluster({ MESHLAB_SIM_NODE_ADDRESS: 'unassigned' });
    const r = await lab.run(['--environment', 'pf', 'up', '--provider', 'existing', '--context', 'kind-users-cluster', '--install-istio']);
    expect(r.exitCode, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Verified GET \/helloworld: HTTP 200 "Hello World"/);
    const env = JSON.parse((await lab.run(['--environment', 'pf', '--json', 'env'])).stdout) as { source: string; reason: string; env: Record<string, string> };
    expect(env.source).toBe('port-forward');
    expect(env.reason).toMatch(/^nothing reachable directly \(\d+\.\d+\.\d+\.250:\d+ \(pod-host-ip\): timed out\); forwarding 127\.0\.0\.1:\d+ to istio-system\/istio-ingressgateway:80 \(started a port-forward supervisor, pid \d+, which restarts kubectl port-forward on these ports\)$/);
    const pid = Number(/pid (\d+)/.exec(env.reason)![1]);
    expect(isAlive(pid)).toBe(true);
    const curl = await lab.run(['--environment', 'pf', 'curl', '/helloworld']);
    expect(curl.stdout).toMatch(/^HTTP 200 http:\/\/127\.0\.0\.1:\d+\/helloworld\n\nHello World\n$/);
    const status = await lab.run(['--environment', 'pf', 'status']);
    expect(status.stdout).toMatch(/endpoint: +ok +127\.0\.0\.1:\d+ via port-forward \(supervisor pid \d+ alive, kubectl pid \d+ forwarding, restarts \d+/);

    const d = await lab.run(['--environment', 'pf', 'down']);
    expect(d.stdout).toMatch(new RegExp(`removed: port-forward supervisor \\(pid ${pid}\\) and kubectl port-forward \\(pid \\d+\\)`));
    for (let i = 0; i < 20 && isAlive(pid); i++) await new Promise((res) => setTimeout(res, 100));
    expect(isAlive(pid)).toBe(false);
  });
});
