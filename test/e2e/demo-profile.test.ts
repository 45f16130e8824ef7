// Istio's demo profile keeps its whole gateway port list (tcp 31400, tls 15443 besides
// http2/https), so `mesh-lab env` exports TCP_INGRESS_PORT as Istio's docs do on a NodePort
// gateway: the tcp port's nodePort at `minikube ip`. Also: minikube's size is checked
// against Docker before minikube runs.
import { execa } from 'execa';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createLabEnv, simLabel, type LabEnv } from './support/harness.js';
import { describeDocker } from '../support/docker-available.js';

describeDocker('up --profile demo (minikube, simulated)', () => {
  let lab: LabEnv;
  let name: string;
  const nonroot = { MESHLAB_SIM_MINIKUBE_NONROOT: '1' };
  beforeEach(async () => {
    lab = await createLabEnv();
    // a profile name of its own: the Docker engine is shared with other test runs
    name = `demo-${simLabel(lab.simHome)}`;
  });
  afterEach(async () => {
    await lab.run(['--environment', name, 'down'], nonroot);
    await lab.cleanup();
  });

  it('env prints TCP_INGRESS_PORT: the tcp port’s nodePort, read as Istio’s docs read it', async () => {
    const up = await lab.run(['--environment', name, 'up', '--provider', 'minikube', '--profile', 'demo'], nonroot);
    expect(up.exitCode, up.stdout + up.stderr).toBe(0);
    expect(up.stdout).toMatch(/Verified GET \/helloworld: HTTP 200/);

    const kubeconfig = (JSON.parse((await lab.run(['--environment', name, '--json', 'env'])).stdout) as { kubeconfig: string }).kubeconfig;
    // https://istio.io/latest/docs/tasks/traffic-management/ingress/ingress-control/ (NodePort)
    const docs = await execa('kubectl', ['--kubeconfig', kubeconfig, '--context', name, '-n', 'istio-system', 'get', 'service', 'istio-ingressgateway', '-o', 'jsonpath={.spec.ports[?(@.name=="tcp")].nodePort}'], { env: lab.env, extendEnv: false, reject: false });
    expect(docs.exitCode, docs.stderr).toBe(0);
    expect(docs.stdout).toMatch(/^3\d{4}$/);
    const tls = await execa('kubectl', ['--kubeconfig', kubeconfig, '--context', name, '-n', 'istio-system', 'get', 'service', 'istio-ingressgateway', '-o', 'jsonpath={.spec.ports[?(@.name=="tls")].port}'], { env: lab.env, extendEnv: false, reject: false });
    expect(tls.stdout).toBe('15443');

    const env = await lab.run(['--environment', name, 'env']);
    expect(env.exitCode).toBe(0);
    expect(env.stdout).toContain(`export TCP_INGRESS_PORT=${docs.stdout}\n`);
    expect(env.stdout).toMatch(/export INGRESS_PORT=31380\nexport SECURE_INGRESS_PORT=31390\n/);
  });

  it('an explicit --memory Docker cannot give exits 3 with the reason, before minikube runs', async () => {
    const r = await lab.run(['--environment', name, 'up', '--provider', 'minikube', '--memory', '100000000'], nonroot);
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toMatch(/^mesh-lab: --memory 100000000 is more than the \d+ MiB Docker has; minikube would refuse it \("Docker has only \d+MB memory but you specified 100000000MB"\)/);
    expect(lab.invocations().filter((a) => a[0] === 'minikube' && a[1] === 'start')).toEqual([]);
  });
});
