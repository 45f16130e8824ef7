// Issue 14 end to end: `up --gateway-api` installs the Gateway API CRDs from the pinned
// release file (served here from 127.0.0.1 through MESH_LAB_GATEWAY_API_BASE_URL, with the
// repo's fixture of v1.5.1's standard-install.yaml), routes /helloworld with a Gateway and
// an HTTPRoute, and verifies it; `down` removes what it installed and keeps CRDs it found.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { createLabEnv, freePort, simContainers, type LabEnv } from './support/harness.js';
import { describeDocker } from '../support/docker-available.js';
import { GATEWAY_API_FIXTURE, serveGatewayApiRelease, type GatewayApiRelease } from './support/gateway-api-release.js';

const tool = (lab: LabEnv, file: string, args: string[]) => execa(file, args, { env: lab.env, extendEnv: false, reject: false });

describeDocker('up --gateway-api (simulated)', () => {
  let lab: LabEnv;
  let release: GatewayApiRelease;
  let base: string;
  let requests: string[];

  beforeAll(async () => {
    release = await serveGatewayApiRelease();
    ({ base, requests } = release);
  });
  afterAll(async () => {
    await release.close();
  });
  beforeEach(async () => {
    requests.length = 0;
    lab = await createLabEnv();
  });
  afterEach(async () => {
    await lab.cleanup();
  });

  it('kind: installs the CRDs, routes with Gateway + HTTPRoute: 200 on /helloworld, 404 on /other, Programmed=True', async () => {
    const e = ['--environment', 'gwapi-kind'];
    const env = { MESH_LAB_GATEWAY_API_BASE_URL: base };
    const ports = ['--host-port', String(await freePort()), '--https-host-port', String(await freePort())];
    const r = await lab.run([...e, 'up', '--gateway-api', ...ports], env);
    expect(r.exitCode, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Gateway API v1\.5\.1 standard CRDs installed \(fetched from http:\/\/127\.0\.0\.1:\d+\/v1\.5\.1\/standard-install\.yaml, content-checked\)/);
    expect(r.stdout).toMatch(/HTTPRoute mesh-lab\/helloworldservice Accepted and ResolvedRefs/);
    expect(r.stdout).toMatch(/Verified GET \/helloworld: HTTP 200 "Hello World"/);
    expect(requests).toEqual(['/v1.5.1/standard-install.yaml']);

    const ok = await lab.run([...e, 'curl', '/helloworld']);
    expect(ok.stdout).toMatch(/^HTTP 200 /);
    const other = await lab.run([...e, 'curl', '/other']);
    expect(other.stdout).toMatch(/^HTTP 404 /);
    const k = ['--kubeconfig', join(lab.meshLabHome, 'state/environments/gwapi-kind/kubeconfig'), '--context', 'kind-gwapi-kind'];
    const programmed = await tool(lab, 'kubectl', [...k, 'get', 'gtw', 'helloworld-mesh-lab', '-n', 'istio-system', '-o', 'jsonpath={.status.conditions[?(@.type=="Programmed")].status}']);
    expect(programmed.stdout, programmed.stderr).toBe('True');
    const status = await lab.run([...e, 'status']);
    expect(status.exitCode, status.stdout + status.stderr).toBe(0);
    expect(status.stdout).toMatch(/gateway-api: ok   Gateway istio-system\/helloworld-mesh-lab Programmed=True; HTTPRoute mesh-lab\/helloworldservice Accepted=True ResolvedRefs=True \(CRDs v1\.5\.1, installed by mesh-lab\)/);
    // a rerun finds everything in place: nothing fetched, nothing applied
    const again = await lab.run([...e, 'up', '--gateway-api', ...ports], env);
    expect(again.exitCode, again.stdout + again.stderr).toBe(0);
    expect(again.stdout).toMatch(/Gateway API CRDs v1\.5\.1 \(installed by mesh-lab\) in place/);
    expect(again.stdout).toMatch(/Verified GET \/helloworld: HTTP 200/);
    expect(requests).toEqual(['/v1.5.1/standard-install.yaml']);
    // the Istio API route is not there: the Gateway API carries the traffic
    const vs = await tool(lab, 'kubectl', [...k, 'get', 'virtualservices', '-A', '-o', 'name']);
    expect(vs.stdout).toBe('');

    const d = await lab.run([...e, 'down']);
    expect(d.exitCode, d.stderr).toBe(0);
    expect(await simContainers(lab.simHome)).toEqual([]);
  });

  it('existing cluster with the CRDs already installed: uses them, fetches nothing, and down keeps them', async () => {
    const cfg = join(lab.root, 'gwapi-users.yaml');
    writeFileSync(cfg, 'kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\n');
    expect((await tool(lab, 'kind', ['create', 'cluster', '--name', 'gwapi-users', '--config', cfg])).exitCode).toBe(0);
    const crdFile = join(lab.root, 'standard-install.yaml');
    writeFileSync(crdFile, GATEWAY_API_FIXTURE);
    const pre = await tool(lab, 'kubectl', ['--context', 'kind-gwapi-users', 'apply', '--server-side=true', '-f', crdFile]);
    expect(pre.exitCode, pre.stderr).toBe(0);

    const e = ['--environment', 'gwapi-ext'];
    // no load balancer: Istio reports AddressNotAssigned; mesh-lab says so and reaches the gateway by nodePort
    const r = await lab.run([...e, 'up', '--provider', 'existing', '--context', 'kind-gwapi-users', '--install-istio', '--gateway-api'], { MESH_LAB_GATEWAY_API_BASE_URL: base });
    expect(r.exitCode, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Gateway Programmed=False AddressNotAssigned: its load balancer address is pending/);
    expect(r.stdout).toMatch(/Gateway API CRDs v1\.5\.1 \(standard channel\) were already installed: used as they are/);
    expect(r.stdout).toMatch(/Verified GET \/helloworld: HTTP 200 "Hello World"/);
    expect(requests).toEqual([]);

    const d = await lab.run([...e, 'down']);
    expect(d.exitCode, d.stderr).toBe(0);
    expect(d.stdout).toMatch(/kept: Gateway API CRDs v1\.5\.1 \(they existed before mesh-lab\)/);
    expect(d.stdout).toMatch(/removed: Gateway istio-system\/helloworld-mesh-lab/);
    const crd = await tool(lab, 'kubectl', ['--context', 'kind-gwapi-users', 'get', 'crd', 'gateways.gateway.networking.k8s.io', '-o', 'name']);
    expect(crd.stdout).toBe('customresourcedefinition.apiextensions.k8s.io/gateways.gateway.networking.k8s.io'); // execa strips the final newline
    const left = await tool(lab, 'kubectl', ['--context', 'kind-gwapi-users', 'get', 'gtw,httproutes', '-A', '-o', 'name']);
    expect(left.stdout).toBe('');
  });

  it('existing cluster without the CRDs: down removes what it installed, unless a foreign Gateway API object remains', async () => {
    const cfg = join(lab.root, 'gwapi-bare.yaml');
    writeFileSync(cfg, 'kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\n');
    expect((await tool(lab, 'kind', ['create', 'cluster', '--name', 'gwapi-bare', '--config', cfg])).exitCode).toBe(0);
    const up = (env: string) => lab.run(['--environment', env, 'up', '--provider', 'existing', '--context', 'kind-gwapi-bare', '--install-istio', '--gateway-api'], { MESH_LAB_GATEWAY_API_BASE_URL: base });
    const crds = async () => (await tool(lab, 'kubectl', ['--context', 'kind-gwapi-bare', 'get', 'crd', '-o', 'name'])).stdout.split('\n').filter((l) => l.includes('gateway.networking.k8s.io'));

    const first = await up('gwapi-a');
    expect(first.exitCode, first.stdout + first.stderr).toBe(0);
    expect(await crds()).toHaveLength(8);
    // somebody else's route, which must keep the CRDs alive
    const foreign = join(lab.root, 'foreign.yaml');
    writeFileSync(foreign, 'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: theirs\n  namespace: default\nspec:\n  rules:\n  - backendRefs:\n    - name: kubernetes\n      port: 443\n');
    expect((await tool(lab, 'kubectl', ['--context', 'kind-gwapi-bare', 'apply', '-f', foreign])).exitCode).toBe(0);
    const kept = await lab.run(['--environment', 'gwapi-a', 'down']);
    expect(kept.exitCode, kept.stderr).toBe(0);
    expect(kept.stdout).toMatch(/kept: Gateway API CRDs v1\.5\.1 \(mesh-lab installed them, but HTTPRoute default\/theirs still use them/);
    expect(await crds()).toHaveLength(8);

    expect((await tool(lab, 'kubectl', ['--context', 'kind-gwapi-bare', 'delete', '-f', foreign])).exitCode).toBe(0);
    await tool(lab, 'kubectl', ['--context', 'kind-gwapi-bare', 'delete', 'crd', ...(await crds()).map((c) => c.split('/')[1]!)]);
    const second = await up('gwapi-b');
    expect(second.exitCode, second.stdout + second.stderr).toBe(0);
    expect(second.stdout).toMatch(/Gateway API v1\.5\.1 standard CRDs installed \(from mesh-lab's cache, content-checked\)/);
    const removed = await lab.run(['--environment', 'gwapi-b', 'down']);
    expect(removed.exitCode, removed.stderr).toBe(0);
    expect(removed.stdout).toMatch(/removed: Gateway API CRDs v1\.5\.1 \(mesh-lab installed them\)/);
    expect(await crds()).toEqual([]);
    const vap = await tool(lab, 'kubectl', ['--context', 'kind-gwapi-bare', 'get', 'validatingadmissionpolicies,validatingadmissionpolicybindings', '-o', 'name']);
    expect(vap.stdout).toBe('');
  });
});
