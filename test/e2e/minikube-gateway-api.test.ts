// Issue 14 end to end: `up --gateway-api` on minikube. The Gateway is a manual deployment
// onto istio-ingressgateway, so it is reached the way minikube allows: `minikube ip` + the
// nodePort where the node answers (Linux), a `kubectl port-forward` on 127.0.0.1 where it
// does not (Docker Desktop). `env` says what istio.io's Gateway API tab derives and why the
// discovered endpoint is used; `down` leaves nothing it created.
import { execa } from 'execa';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { createLabEnv, DESKTOP_HOST_NETWORK, processesMentioning, simContainers, type LabEnv } from './support/harness.js';
import { describeDocker } from '../support/docker-available.js';
import { serveGatewayApiRelease, type GatewayApiRelease } from './support/gateway-api-release.js';

const NONROOT = { MESHLAB_SIM_MINIKUBE_NONROOT: '1' };

describeDocker('up --gateway-api on minikube (simulated)', () => {
  let lab: LabEnv | undefined;
  let release: GatewayApiRelease;
  let base: string;

  beforeAll(async () => {
    release = await serveGatewayApiRelease();
    base = release.base;
  });
  afterAll(async () => {
    await release.close();
  });
  afterEach(async () => {
    await lab?.cleanup();
    lab = undefined;
  });

  async function upAndDown(l: LabEnv, source: RegExp): Promise<string> {
    // the profile names the container and network: one of its own on this shared engine
    const profile = `mkgw-${l.network.slice(-8)}`;
    const e = ['--environment', profile];
    const r = await l.run([...e, 'up', '--provider', 'minikube', '--cpus', '2', '--memory', '4096', '--gateway-api'], { MESH_LAB_GATEWAY_API_BASE_URL: base });
    expect(r.exitCode, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/HTTPRoute mesh-lab\/helloworldservice Accepted and ResolvedRefs/);
    expect(r.stdout).toMatch(/Verified GET \/helloworld: HTTP 200 "Hello World"/);
    expect((await l.run([...e, 'curl', '/helloworld'])).stdout).toMatch(/^HTTP 200 /);
    expect((await l.run([...e, 'curl', '/other'])).stdout).toMatch(/^HTTP 404 /);
    const env = await l.run([...e, 'env']);
    expect(env.stdout).toMatch(source);
    expect(env.stdout).toMatch(/^# Gateway API: .*istio-ingressgateway\.istio-system\.svc\.cluster\.local:80, .*answers only inside the cluster/m);
    const d = await l.run([...e, 'down']);
    expect(d.exitCode, d.stderr).toBe(0);
    expect(d.stdout).toMatch(new RegExp(`removed: minikube cluster ${profile}`));
    expect(await simContainers(l.simHome)).toEqual([]);
    return profile;
  }

  it('minikube ip + nodePort where the node answers from the host', async () => {
    lab = await createLabEnv(NONROOT);
    const profile = await upAndDown(lab, /^# minikube-ip: /m);
    expect(profile).toMatch(/^mkgw-/);
  });

  it('Docker Desktop: the port-forward on 127.0.0.1, stopped by down', async () => {
    lab = await createLabEnv({ ...DESKTOP_HOST_NETWORK, ...NONROOT });
    await upAndDown(lab, /^# port-forward: [\s\S]*^export INGRESS_HOST=127\.0\.0\.1$/m);
    expect(processesMentioning('port-forward', lab.root)).toEqual([]);
  });
});
