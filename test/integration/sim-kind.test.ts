// The simulated kind against the real Docker engine: a node container with kind's
// labels on its own network, 6443 and the extraPortMappings published on 127.0.0.1,
// kubeconfig and store written, and the in-container data plane serving an Istio
// route through the published port once the route has propagated.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { parse } from 'yaml';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeDocker } from '../support/docker-available.js';
import { removeLabelled } from '../support/sim-docker-cleanup.js';
import { readCluster, readObjects, simHomeLabel, updateObjects, type K8sObject } from '../sim/src/lib/store.js';

const KIND = resolve(import.meta.dirname, '../sim/bin/kind');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => res(p));
    });
  });
}

function docker(args: string[]): Promise<Run> {
  return run('docker', args, process.env);
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, input?: string): Promise<Run> {
  return new Promise((res) => {
    const p = spawn(cmd, args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (c) => (stdout += String(c)));
    p.stderr.on('data', (c) => (stderr += String(c)));
    p.on('close', (code) => res({ code: code ?? -1, stdout, stderr }));
    p.stdin.end(input ?? '');
  });
}

interface HttpResult {
  status: number | 'reset';
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function get(port: number, path: string, host = 'localhost'): Promise<HttpResult> {
  return new Promise((res) => {
    const r = request({ host: '127.0.0.1', port, path, headers: { host }, agent: false, timeout: 5000 }, (resp) => {
      let body = '';
      resp.on('data', (c) => (body += String(c)));
      resp.on('end', () => res({ status: resp.statusCode ?? 0, headers: resp.headers, body }));
    });
    r.on('error', () => res({ status: 'reset', headers: {}, body: '' }));
    r.on('timeout', () => r.destroy());
    r.end();
  });
}

describeDocker('simulated kind on real Docker', () => {
  const id = randomBytes(4).toString('hex');
  const name = `simkind-${id}`;
  const network = `mesh-lab-test-${id}`;
  let home: string;
  let kubeconfig: string;
  let configFile: string;
  let hostPort: number;
  let env: NodeJS.ProcessEnv;
  const kind = (args: string[], extraEnv: Record<string, string> = {}, input?: string) => run(KIND, args, { ...env, ...extraEnv }, input);

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'meshlab-simkind-'));
    process.env.MESHLAB_SIM_HOME = home; // store.ts in this worker writes objects
    kubeconfig = join(home, 'kubeconfig');
    hostPort = await freePort();
    configFile = join(home, 'kind.yaml');
    writeFileSync(
      configFile,
      [
        'kind: Cluster',
        'apiVersion: kind.x-k8s.io/v1alpha4',
        'nodes:',
        '- role: control-plane',
        '  extraPortMappings:',
        '  - containerPort: 30080',
        `    hostPort: ${hostPort}`,
        '    listenAddress: "127.0.0.1"',
        '    protocol: TCP',
        '',
      ].join('\n'),
    );
    env = { ...process.env, MESHLAB_SIM_HOME: home, KIND_EXPERIMENTAL_DOCKER_NETWORK: network, MESHLAB_SIM_PROPAGATION_MS: '1500', MESHLAB_SIM_READY_MS: '300' };
    delete env.KUBECONFIG;
  });

  afterAll(() => {
    removeLabelled(`dev.mesh-lab.sim.home=${simHomeLabel(home)}`);
    rmSync(home, { recursive: true, force: true });
  });

  it('reports its version and no clusters', async () => {
    expect(await kind(['version'])).toMatchObject({ code: 0, stdout: expect.stringMatching(/^kind v0\.32\.0 go1\.\d+\.\d+ linux\/(amd64|arm64)\n$/) });
    expect(await kind(['get', 'clusters'])).toEqual({ code: 0, stdout: '', stderr: 'No kind clusters found.\n' });
  });

  it('create starts a labelled node container on the requested network, publishing on 127.0.0.1 only', async () => {
    const r = await kind(['create', 'cluster', '--name', name, '--config', configFile, '--kubeconfig', kubeconfig, '--wait', '60s']);
    expect(r.stderr).toContain(`Creating cluster "${name}" ...\n`);
    expect(r.stderr).toContain('WARNING: Overriding docker network due to KIND_EXPERIMENTAL_DOCKER_NETWORK\n');
    expect(r.stderr).toContain(' ✓ Preparing nodes 📦 \n');
    expect(r.stderr).toMatch(/ • Ready after \d+s 💚\n/);
    expect(r.stderr).toContain(`Set kubectl context to "kind-${name}"\nYou can now use your cluster with:\n\nkubectl cluster-info --context kind-${name} --kubeconfig ${kubeconfig}\n\n`);
    expect(r.stdout).toBe('');
    expect(r.code).toBe(0);

    const inspect = JSON.parse((await docker(['inspect', `${name}-control-plane`])).stdout)[0];
    expect(inspect.Config.Labels).toMatchObject({
      'io.x-k8s.kind.cluster': name,
      'io.x-k8s.kind.role': 'control-plane',
      'dev.mesh-lab.sim.home': simHomeLabel(home),
    });
    expect(Object.keys(inspect.NetworkSettings.Networks)).toEqual([network]);
    const ports = inspect.NetworkSettings.Ports as Record<string, Array<{ HostIp: string; HostPort: string }>>;
    expect(ports['30080/tcp']).toEqual([{ HostIp: '127.0.0.1', HostPort: String(hostPort) }]);
    expect(ports['6443/tcp']![0]!.HostIp).toBe('127.0.0.1');
    const apiPort = Number(ports['6443/tcp']![0]!.HostPort);

    const kc = parse(readFileSync(kubeconfig, 'utf8'));
    expect(kc['current-context']).toBe(`kind-${name}`);
    expect(kc.clusters).toContainEqual({ name: `kind-${name}`, cluster: expect.objectContaining({ server: `https://127.0.0.1:${apiPort}` }) });

    const rec = readCluster(`kind-${name}`)!;
    expect(rec).toMatchObject({ provider: 'kind', name, network, nodeContainer: `${name}-control-plane`, server: `https://127.0.0.1:${apiPort}` });
    expect(rec.nodeIP).toBe(inspect.NetworkSettings.Networks[network].IPAddress);
    const objects = readObjects(`kind-${name}`);
    expect(objects.filter((o) => o.kind === 'Namespace').map((o) => o.metadata.name).sort()).toEqual(['default', 'kube-node-lease', 'kube-public', 'kube-system', 'local-path-storage']);
    expect(objects.find((o) => o.kind === 'Node')?.status.addresses[0]).toEqual({ address: rec.nodeIP, type: 'InternalIP' });

    // 6443 answers like an apiserver refusing an anonymous request
    const api = await get(apiPort, '/version');
    expect(api.status).toBe(403);
    expect(JSON.parse(api.body)).toMatchObject({ kind: 'Status', code: 403, reason: 'Forbidden' });

    expect(await kind(['get', 'clusters'])).toMatchObject({ code: 0, stdout: `${name}\n` });
    const gk = await kind(['get', 'kubeconfig', '--name', name]);
    expect(gk.stdout).toMatch(new RegExp(`^apiVersion: v1\\nclusters:\\n- cluster:\\n[\\s\\S]*server: https://127\\.0\\.0\\.1:${apiPort}\\n[\\s\\S]*current-context: kind-${name}\\n[\\s\\S]*\\n\\n$`));
  });

  it('a second create with the same name fails like kind', async () => {
    const r = await kind(['create', 'cluster', '--name', name, '--config', configFile, '--kubeconfig', kubeconfig]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`ERROR: failed to create cluster: node(s) already exist for a cluster with the name "${name}"\n`);
  });

  it('serves an Istio route through the published port: reset → 404 → 200 as config propagates', async () => {
    const key = `kind-${name}`;
    const longAgo = Date.now() - 60_000;
    const gwLabels = { app: 'istio-ingressgateway', istio: 'ingressgateway' };
    const obj = (o: K8sObject, appliedAt = longAgo): K8sObject => ({ ...o, __sim: { appliedAt } });
    updateObjects(key, (objs) => {
      objs.push(
        obj({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'istio-ingressgateway', namespace: 'istio-system', uid: 'gw' }, spec: { replicas: 1, selector: { matchLabels: gwLabels }, template: { metadata: { labels: gwLabels }, spec: { containers: [{ name: 'istio-proxy', image: 'docker.io/istio/proxyv2:1.30.3' }] } } } }),
        obj({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'istio-ingressgateway', namespace: 'istio-system' }, spec: { type: 'NodePort', selector: gwLabels, ports: [{ name: 'http2', port: 80, targetPort: 8080, nodePort: 30080 }] } }),
        obj({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'echo', namespace: 'default', uid: 'echo' }, spec: { replicas: 1, selector: { matchLabels: { app: 'echo' } }, template: { metadata: { labels: { app: 'echo' } }, spec: { containers: [{ name: 'echo', image: 'hashicorp/http-echo:1.0', args: ['-listen=:9095', '-text=hello from the sim'], ports: [{ containerPort: 9095 }] }] } } } }),
        obj({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'echo', namespace: 'default' }, spec: { selector: { app: 'echo' }, ports: [{ port: 80, targetPort: 9095 }] } }),
      );
    });
    // No Gateway yet: Envoy has no listener, the connection is reset.
    await new Promise((r) => setTimeout(r, 600));
    expect((await get(hostPort, '/')).status).toBe('reset');

    updateObjects(key, (objs) => {
      objs.push(obj({ apiVersion: 'networking.istio.io/v1', kind: 'Gateway', metadata: { name: 'gw', namespace: 'default' }, spec: { selector: { istio: 'ingressgateway' }, servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['*'] }] } }));
    });
    await new Promise((r) => setTimeout(r, 600));
    const appliedAt = Date.now();
    updateObjects(key, (objs) => {
      objs.push(obj({ apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: { name: 'echo', namespace: 'default' }, spec: { hosts: ['*'], gateways: ['gw'], http: [{ match: [{ uri: { prefix: '/' } }], route: [{ destination: { host: 'echo', port: { number: 80 } } }] }] } }, appliedAt));
    });
    await new Promise((r) => setTimeout(r, 400));
    const early = await get(hostPort, '/hello');
    expect(early).toMatchObject({ status: 404, body: '' });
    expect(early.headers.server).toBe('istio-envoy');

    let ok: HttpResult | undefined;
    while (Date.now() - appliedAt < 10_000) {
      const r = await get(hostPort, '/hello');
      if (r.status === 200) {
        ok = r;
        break;
      }
      await new Promise((res) => setTimeout(res, 100));
    }
    expect(Date.now() - appliedAt).toBeGreaterThanOrEqual(1400);
    expect(ok).toBeDefined();
    expect(ok!.body).toBe('hello from the sim\n');
    expect(ok!.headers).toMatchObject({ server: 'istio-envoy', 'content-type': 'text/plain; charset=utf-8' });
    expect(ok!.headers['x-envoy-upstream-service-time']).toMatch(/^\d+$/);
    expect(ok!.headers.date).toBeDefined();
  });

  it('delete removes the node container and the kubeconfig entry', async () => {
    const r = await kind(['delete', 'cluster', '--name', name, '--kubeconfig', kubeconfig]);
    expect(r).toEqual({ code: 0, stdout: '', stderr: `Deleting cluster "${name}" ...\nDeleted nodes: ["${name}-control-plane"]\n` });
    expect((await docker(['ps', '-a', '-q', '--filter', `name=^${name}-control-plane$`])).stdout).toBe('');
    const kc = parse(readFileSync(kubeconfig, 'utf8'));
    expect(kc.contexts).toEqual([]);
    expect(kc['current-context']).toBe('');
    expect(readCluster(`kind-${name}`)).toBeUndefined();
    // idempotent, like rm -f
    expect(await kind(['delete', 'cluster', '--name', name, '--kubeconfig', kubeconfig])).toEqual({ code: 0, stdout: '', stderr: `Deleting cluster "${name}" ...\n` });
  });

  it('the kind-create fault fails after "Preparing nodes" and cleans up', async () => {
    const r = await kind(['create', 'cluster', '--name', `${name}-f`, '--kubeconfig', kubeconfig], { MESHLAB_SIM_FAIL: 'kind-create' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(' ✓ Preparing nodes 📦 \n');
    expect(r.stderr).toContain(' ✗ Starting control-plane 🕹️\n');
    expect(r.stderr).toContain(`Deleted nodes: ["${name}-f-control-plane"]\n`);
    expect(r.stderr).toMatch(/ERROR: failed to create cluster: failed to init node with kubeadm: command "docker exec --privileged .* kubeadm init .*" failed with error: exit status 1\n\nCommand Output: /);
    expect((await docker(['ps', '-a', '-q', '--filter', `label=io.x-k8s.kind.cluster=${name}-f`])).stdout).toBe('');
  });

  it('a host port already in use fails with Docker\'s error and leaves nothing behind', async () => {
    const blocker = createServer();
    const port = await new Promise<number>((res) => blocker.listen(0, '127.0.0.1', () => res((blocker.address() as { port: number }).port)));
    try {
      const cfg = `kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n- role: control-plane\n  extraPortMappings:\n  - containerPort: 30080\n    hostPort: ${port}\n    listenAddress: 127.0.0.1\n`;
      const r = await kind(['create', 'cluster', '--name', `${name}-p`, '--config', '-', '--kubeconfig', kubeconfig], {}, cfg);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(' ✗ Preparing nodes 📦 \n');
      expect(r.stderr).toMatch(/ERROR: failed to create cluster: command "docker run --name .*" failed with error: exit status 125\n\nCommand Output: [\s\S]*(address already in use|port is already allocated)/);
      expect((await docker(['ps', '-a', '-q', '--filter', `label=io.x-k8s.kind.cluster=${name}-p`])).stdout).toBe('');
    } finally {
      blocker.close();
    }
  });

  it('rejects configs as strictly as kind, and refuses non-loopback binds', async () => {
    const create = (cfg: string) => kind(['create', 'cluster', '--name', `${name}-c`, '--config', '-', '--kubeconfig', kubeconfig], {}, cfg);
    const head = 'kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n- role: control-plane\n';
    const unknown = await create(`${head}  extraPortMapping:\n  - containerPort: 80\n`);
    expect(unknown.stderr).toBe('ERROR: failed to create cluster: unable to decode config: yaml: unmarshal errors:\n  line 5: field extraPortMapping not found in type v1alpha4.Node\n');
    const dup = await create(`${head}  extraPortMappings:\n  - containerPort: 80\n    hostPort: 18081\n    listenAddress: 127.0.0.1\n  - containerPort: 81\n    hostPort: 18081\n    listenAddress: 127.0.0.1\n`);
    // kind validates before defaulting the protocol, so an omitted protocol prints as "…:18081/"
    expect(dup.stderr).toMatch(/ERROR: failed to create cluster: invalid configuration for node 0: invalid portMapping: port mapping with same listen address, port and protocol already configured: 127\.0\.0\.1:18081\/\n$/);
    const pub = await create(`${head}  extraPortMappings:\n  - containerPort: 80\n    hostPort: 18082\n`);
    expect(pub.code).toBe(1);
    expect(pub.stderr).toMatch(/refusing to publish ports on 0\.0\.0\.0/);
    const badVersion = await create('kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha3\n');
    expect(badVersion.stderr).toBe('ERROR: failed to create cluster: unknown apiVersion: kind.x-k8s.io/v1alpha3\n');
    expect((await docker(['ps', '-a', '-q', '--filter', `label=io.x-k8s.kind.cluster=${name}-c`])).stdout).toBe('');
  });

  it('kind load docker-image checks the image and the cluster like kind', async () => {
    expect(await kind(['load', 'docker-image', 'mesh-lab-no-such-image:dev', '--name', 'nope'])).toMatchObject({ code: 1, stderr: 'ERROR: image: "mesh-lab-no-such-image:dev" not present locally\n' });
    const image = process.env.MESHLAB_SIM_NODE_IMAGE!;
    expect(await kind(['load', 'docker-image', image, '--name', 'nope'])).toMatchObject({ code: 1, stderr: 'ERROR: no nodes found for cluster "nope"\n' });
  });
});
