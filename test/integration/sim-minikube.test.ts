// The simulated minikube against the real Docker engine: a profile container on its own
// network, status/ip/stop/restart/delete with minikube's exit codes, the data plane
// answering on <minikube ip>:<nodePort>, and `kubectl port-forward` forwarding to the
// gateway until SIGTERM. Leaves no container, network or process behind.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeDocker, simNodeImage, simRunId } from '../support/docker-available.js';
import { removeLabelled } from '../support/sim-docker-cleanup.js';
import { simHomeLabel, updateObjects } from '../sim/src/lib/store.js';

const BIN = resolve(import.meta.dirname, '../sim/bin');

function run(tool: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((res) => {
    const p = spawn(join(BIN, tool), args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (c) => (stdout += String(c)));
    p.stderr.on('data', (c) => (stderr += String(c)));
    p.on('close', (code) => res({ code: code ?? -1, stdout, stderr }));
  });
}

function get(host: string, port: number): Promise<{ status: number | 'reset'; body: string }> {
  return new Promise((res) => {
    const r = request({ host, port, path: '/hello', agent: false, timeout: 5000 }, (resp) => {
      let body = '';
      resp.on('data', (c) => (body += String(c)));
      resp.on('end', () => res({ status: resp.statusCode ?? 0, body }));
    });
    r.on('error', () => res({ status: 'reset', body: '' }));
    r.on('timeout', () => r.destroy());
    r.end();
  });
}

function freePort(): Promise<number> {
  return new Promise((res) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => res(p));
    });
  });
}

const past = Date.now() - 60_000;
const gatewayObjects = [
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'istio-system' }, __sim: { appliedAt: past } },
  {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'istio-ingressgateway', namespace: 'istio-system', uid: 'u1' },
    spec: { replicas: 1, selector: { matchLabels: { app: 'istio-ingressgateway', istio: 'ingressgateway' } }, template: { metadata: { labels: { app: 'istio-ingressgateway', istio: 'ingressgateway' } }, spec: { containers: [{ name: 'istio-proxy', image: 'proxyv2', ports: [{ containerPort: 8080 }] }] } } },
    __sim: { appliedAt: past },
  },
  {
    apiVersion: 'v1', kind: 'Service', metadata: { name: 'istio-ingressgateway', namespace: 'istio-system' },
    spec: { type: 'LoadBalancer', selector: { app: 'istio-ingressgateway', istio: 'ingressgateway' }, ports: [{ name: 'http2', port: 80, targetPort: 8080, nodePort: 31080, protocol: 'TCP' }] },
    status: { loadBalancer: {} }, __sim: { appliedAt: past },
  },
  { apiVersion: 'networking.istio.io/v1', kind: 'Gateway', metadata: { name: 'gw', namespace: 'default' }, spec: { selector: { istio: 'ingressgateway' }, servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['*'] }] }, __sim: { appliedAt: past } },
  { apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: { name: 'vs', namespace: 'default' }, spec: { hosts: ['*'], gateways: ['gw'], http: [{ directResponse: { status: 200, body: { string: 'hi from the gateway' } } }] }, __sim: { appliedAt: past } },
];

describeDocker('simulated minikube on real Docker', () => {
  const profile = `simmk-${randomBytes(4).toString('hex')}`;
  let home: string;
  let env: NodeJS.ProcessEnv;
  let pf: ChildProcess | undefined;

  beforeAll(() => {
    home = mkdtempSync(join(tmpdir(), 'meshlab-mk-int-'));
    env = {
      ...process.env, MESHLAB_SIM_HOME: home, KUBECONFIG: join(home, 'kubeconfig'), MESHLAB_SIM_NODE_IMAGE: simNodeImage(), MESHLAB_SIM_RUN: simRunId(),
      MESHLAB_SIM_MINIKUBE_NONROOT: '1', TERM: 'dumb',
    };
    delete env.MESHLAB_SIM_FAIL;
  });

  afterAll(() => {
    if (pf?.pid) try { process.kill(pf.pid, 'SIGKILL'); } catch { /* gone */ }
    removeLabelled(`dev.mesh-lab.sim.home=${simHomeLabel(home)}`);
    rmSync(home, { recursive: true, force: true });
  });

  it("refuses a --memory above Docker's total like minikube v1.38.1: MK_USAGE, exit 14, before creating anything", async () => {
    // a Docker Desktop VM of 7.7 GiB on a 16 GB laptop
    const small = { ...env, MESHLAB_SIM_DOCKER_MEM_TOTAL: String(Math.round(7.7 * 2 ** 30)), MESHLAB_SIM_DOCKER_NCPU: '2', MESHLAB_SIM_HOST_MEMORY_MB: '16384' };
    const name = `${profile}-small`;
    const r = await run('minikube', ['start', '-p', name, '--driver=docker', '--cpus=2', '--memory=8192'], small);
    expect(r.code).toBe(14);
    expect(r.stderr).toContain('X Exiting due to MK_USAGE: Docker has only 7884MB memory but you specified 8192MB');
    const cpus = await run('minikube', ['start', '-p', name, '--driver=docker', '--cpus=4', '--memory=4096'], small);
    expect(cpus.code).toBe(29);
    expect(cpus.stderr).toContain('X Exiting due to RSRC_INSUFFICIENT_CORES: Requested cpu count 4 is greater than the available cpus of 2');
    // refused before any profile was saved
    const ps = await run('minikube', ['profile', 'list', '-o', 'json'], small);
    expect(ps.stdout).not.toContain(name);
  });

  it('start → status → ip answers on the nodePort → stop → status 7 → start → delete', async () => {
    // --cpus=2: real minikube refuses more CPUs than Docker has, and CI machines may have only 2
    const s = await run('minikube', ['start', '-p', profile, '--driver=docker', '--cpus=2', '--memory=4096'], env);
    expect(s.stderr).toBe('');
    expect(s.code).toBe(0);
    expect(s.stdout).toContain(`* Done! kubectl is now configured to use "${profile}" cluster and "default" namespace by default`);
    const st = await run('minikube', ['status', '-p', profile, '-o', 'json'], env);
    expect(st).toMatchObject({ code: 0, stdout: `{"Name":"${profile}","Host":"Running","Kubelet":"Running","APIServer":"Running","Kubeconfig":"Configured","Worker":false}` });
    const ip = (await run('minikube', ['ip', '-p', profile], env)).stdout.trim();
    expect(ip).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    const nodes = await run('kubectl', ['--context', profile, 'get', 'nodes', '-o', 'json'], env);
    expect(JSON.parse(nodes.stdout).items[0].status.addresses[0]).toEqual({ address: ip, type: 'InternalIP' });

    const prev = process.env.MESHLAB_SIM_HOME;
    process.env.MESHLAB_SIM_HOME = home;
    updateObjects(profile, (objs) => void objs.push(...(gatewayObjects as never[])));
    process.env.MESHLAB_SIM_HOME = prev;
    let r = await get(ip, 31080);
    for (let i = 0; i < 20 && r.status !== 200; i++) {
      await new Promise((x) => setTimeout(x, 250));
      r = await get(ip, 31080);
    }
    expect(r).toEqual({ status: 200, body: 'hi from the gateway' });

    const url = await run('minikube', ['service', 'istio-ingressgateway', '-n', 'istio-system', '--url', '-p', profile], env);
    expect(url.stdout).toBe(`http://${ip}:31080\n`);

    // port-forward: runs in the background, forwards to the gateway, dies on SIGTERM
    const local = await freePort();
    pf = spawn(join(BIN, 'kubectl'), ['--kubeconfig', join(home, 'kubeconfig'), '--context', profile, 'port-forward', '-n', 'istio-system', 'service/istio-ingressgateway', '--address', '127.0.0.1', `${local}:80`], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let pfOut = '';
    pf.stdout!.on('data', (c) => (pfOut += String(c)));
    for (let i = 0; i < 50 && !pfOut.includes('Forwarding from'); i++) await new Promise((x) => setTimeout(x, 100));
    expect(pfOut).toBe(`Forwarding from 127.0.0.1:${local} -> 8080\n`);
    expect(await get('127.0.0.1', local)).toEqual({ status: 200, body: 'hi from the gateway' });
    expect(pfOut).toContain(`Handling connection for ${local}`);
    const exited = new Promise((x) => pf!.once('exit', (_c, sig) => x(sig)));
    pf.kill('SIGTERM');
    expect(await exited).toBe('SIGTERM');
    pf = undefined;
    expect((await get('127.0.0.1', local)).status).toBe('reset');
    const missing = await run('kubectl', ['--context', profile, 'port-forward', '-n', 'istio-system', 'service/nope', '--address', '127.0.0.1', '1234:80'], env);
    expect(missing).toMatchObject({ code: 1, stderr: 'Error from server (NotFound): services "nope" not found\n' });

    const stop = await run('minikube', ['stop', '-p', profile], env);
    expect(stop.stdout).toContain('* 1 node stopped.');
    const st2 = await run('minikube', ['status', '-p', profile, '-o', 'json'], env);
    expect(st2).toMatchObject({ code: 7, stdout: `{"Name":"${profile}","Host":"Stopped","Kubelet":"Stopped","APIServer":"Stopped","Kubeconfig":"Stopped","Worker":false}` });
    expect((await run('minikube', ['ip', '-p', profile], env)).code).toBe(83);

    const again = await run('minikube', ['start', '-p', profile], env);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('* Using the docker driver based on existing profile');
    expect((await run('minikube', ['status', '-p', profile, '-o', 'json'], env)).code).toBe(0);
    const list = JSON.parse((await run('minikube', ['profile', 'list', '-o', 'json'], env)).stdout);
    expect(list.valid.map((p: { Name: string; Status: string }) => [p.Name, p.Status])).toEqual([[profile, 'OK']]);

    const del = await run('minikube', ['delete', '-p', profile], env);
    expect(del.code).toBe(0);
    expect(del.stdout).toContain(`* Removed all traces of the "${profile}" cluster.`);
    expect((await run('minikube', ['status', '-p', profile], env)).code).toBe(85);
    const left = await new Promise<string>((x) => {
      const p = spawn('docker', ['ps', '-aq', '--filter', `label=dev.mesh-lab.sim.home=${simHomeLabel(home)}`]);
      let o = '';
      p.stdout.on('data', (c) => (o += String(c)));
      p.on('close', () => x(o.trim()));
    });
    expect(left).toBe('');
  }, 180_000);
});
