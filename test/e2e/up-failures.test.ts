// Failure paths of the built CLI: each ends with one clear line and its documented exit
// code, and leaves nothing running.
import { dirname, join } from 'node:path';
import { execa } from 'execa';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createLabEnv, freePort, partialToolBin, simContainers, type LabEnv } from './support/harness.js';
import { describeDocker } from '../support/docker-available.js';

/** stderr has exactly one line starting "mesh-lab: " (plus an optional "(rerun with --verbose ...)" line) */
function oneLine(stderr: string): string {
  const lines = stderr.split('\n').filter((l) => l && !l.startsWith('  (rerun with --verbose'));
  expect(lines, stderr).toHaveLength(1);
  return lines[0]!;
}

describeDocker('mesh-lab failure paths (simulated tools)', () => {
  let lab: LabEnv;
  let ports: string[];
  beforeEach(async () => {
    lab = await createLabEnv();
    ports = ['--host-port', String(await freePort()), '--https-host-port', String(await freePort())];
  });
  afterEach(async () => {
    await lab.cleanup();
  });

  it('Docker down: exit 3 and how to fix it, before any tool runs a write', async () => {
    const r = await lab.run(['up', ...ports], { DOCKER_HOST: 'unix:///nonexistent/docker.sock' });
    expect(r.exitCode).toBe(3);
    expect(oneLine(r.stderr)).toMatch(/^mesh-lab: Docker is not reachable at unix:\/\/\/nonexistent\/docker\.sock \(ENOENT\); start Docker/);
    expect(lab.invocations().filter((a) => a.includes('create'))).toEqual([]);
  });

  it('a tool missing with --no-download: exit 3 naming the tool and the fix', async () => {
    const bin = partialToolBin(lab, ['kind', 'kubectl']);
    const r = await lab.run(['up', '--no-download', ...ports], { PATH: `${bin}:${dirname(process.execPath)}` });
    expect(r.exitCode).toBe(3);
    expect(oneLine(r.stderr)).toMatch(/^mesh-lab: missing istioctl \(.*\); downloads are disabled by --no-download: run `mesh-lab tools install istioctl` or put istioctl 1\.30\.3 on PATH$/);
    expect(lab.invocations().filter((a) => a.includes('create'))).toEqual([]);
  });

  it('a tool missing, download failing: exit 4, nothing half-installed in the cache', async () => {
    const bin = partialToolBin(lab, ['kind', 'kubectl']);
    // the harness points downloads at a closed port on 127.0.0.1
    const r = await lab.run(['up', ...ports], { PATH: `${bin}:${dirname(process.execPath)}` });
    expect(r.exitCode).toBe(4);
    expect(oneLine(r.stderr)).toMatch(/^mesh-lab: .*istioctl.*127\.0\.0\.1:9/);
    const { readdirSync, existsSync } = await import('node:fs');
    const cache = join(lab.meshLabHome, 'cache', 'tools');
    const { statSync } = await import('node:fs');
    const files = existsSync(cache) ? readdirSync(cache, { recursive: true }).map(String).filter((f) => statSync(join(cache, f)).isFile()) : [];
    const leftovers = files.filter((f) => f.endsWith('.part') || f.endsWith('/istioctl'));
    expect(leftovers).toEqual([]);
  });

  it('kind create failing: exit 4 with kind\'s reason, the command under --verbose, nothing left behind', async () => {
    const r = await lab.run(['up', ...ports], { MESHLAB_SIM_FAIL: 'kind-create' });
    expect(r.exitCode).toBe(4);
    expect(oneLine(r.stderr)).toMatch(/^mesh-lab: could not create kind cluster mesh-lab: ERROR: failed to create cluster: /);
    const v = await lab.run(['--verbose', 'up', ...ports], { MESHLAB_SIM_FAIL: 'kind-create' });
    expect(v.stderr).toMatch(/\$ \S*kind create cluster --name mesh-lab --config \S+kind-config\.yaml --kubeconfig \S+kubeconfig --wait 120s/);
    expect(await simContainers(lab.simHome)).toEqual([]);
  });

  it('a route that never converges: exit 5, what was last seen, diagnostics under --verbose', async () => {
    const r = await lab.run(['--verbose', 'up', ...ports, '--timeout', '6'], { MESHLAB_SIM_FAIL: 'route-never-propagates' });
    expect(r.exitCode).toBe(5);
    expect(r.stderr).toMatch(/mesh-lab: GET http:\/\/127\.0\.0\.1:\d+\/helloworld did not answer 200 "Hello World" within 6s \(last: connection reset \(no gateway listener on this port yet: the Gateway has not reached Envoy\)\)/);
    // what the answer means (src/verify/explain.ts), in the hint and with the Gateway under --verbose
    expect(r.stderr).toMatch(/the connection was reset: no Envoy listener for that port; look at the Gateway/);
    expect(r.stderr).toMatch(/Gateway mesh-lab\/\S+: port 80 HTTP hosts \*/);
    expect(r.stderr).toMatch(/all 1 pod\(s\) in mesh-lab are ready/);
    expect(r.stderr).toMatch(/gateway service: istio-system\/istio-ingressgateway type NodePort: status-port 15021->15021.*http2 80->8080 nodePort 31380, https 443->8443 nodePort 31390/);
    expect(r.stderr).toMatch(/istioctl analyze -n mesh-lab:/);
    // the cluster mesh-lab created is remembered, so down still cleans it up
    const d = await lab.run(['down']);
    expect(d.stdout).toMatch(/removed: kind cluster mesh-lab/);
    expect(await simContainers(lab.simHome)).toEqual([]);
  });

  it('unknown flags and bad values: exit 2 with one line', async () => {
    const unknown = await lab.run(['up', '--bogus']);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toBe("error: unknown option '--bogus'\n");
    const port = await lab.run(['up', '--host-port', 'abc']);
    expect(port.exitCode).toBe(2);
    expect(oneLine(port.stderr)).toBe('mesh-lab: --host-port must be a number; see `mesh-lab up --help`');
    const provider = await lab.run(['up', '--provider', 'docker-desktop']);
    expect(provider.exitCode).toBe(2);
    expect(provider.stderr).toMatch(/argument 'docker-desktop' is invalid\. Allowed choices are kind, minikube, existing/);
    const path = await lab.run(['curl', 'helloworld']);
    expect(path.exitCode).toBe(2);
    expect(oneLine(path.stderr)).toBe('mesh-lab: path "helloworld" must start with /; did you mean /helloworld?');
    expect(lab.invocations()).toEqual([]);
  });

  it('an existing kind cluster without the port mapping is refused, not modified (exit 7)', async () => {
    const cfg = join(lab.root, 'other.yaml');
    await execa('bash', ['-c', `printf 'kind: Cluster\\napiVersion: kind.x-k8s.io/v1alpha4\\n' > ${cfg}`]);
    const created = await execa('kind', ['create', 'cluster', '--name', 'mesh-lab', '--config', cfg, '--kubeconfig', join(lab.root, 'other-kubeconfig')], { env: lab.env, extendEnv: false, reject: false });
    expect(created.exitCode, created.stderr).toBe(0);
    const r = await lab.run(['up', ...ports]);
    expect(r.exitCode).toBe(7);
    expect(oneLine(r.stderr)).toMatch(/^mesh-lab: kind cluster mesh-lab exists but does not map 127\.0\.0\.1:\d+->31380, 127\.0\.0\.1:\d+->31390 \(it maps none\); kind cannot add port mappings/);
    expect((await simContainers(lab.simHome)).length).toBe(1);
  });
});
