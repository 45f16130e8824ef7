// Unit tests of the simulated istioctl 1.30.3: version, install (objects, output, prompt,
// validation, faults) and analyze, against shared/upstream ground truth.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab } from './tools-harness.js';

const UP = join(import.meta.dirname, '../../fixtures/upstream');
const upstream = (p: string) => readFileSync(join(UP, p), 'utf8');
let lab: Lab;
const cluster = () => ['--kubeconfig', lab.kubeconfig, '--context', lab.context];
const istioctl = (args: string[], opts?: { input?: string; env?: Record<string, string> }) => lab.run('istioctl', args, opts);
const kubectl = (args: string[], input?: string) => lab.run('kubectl', ['--kubeconfig', lab.kubeconfig, '--context', lab.context, ...args], { input });

beforeAll(async () => {
  lab = await startLab('mesh');
});
afterAll(async () => {
  await lab.close();
});

describe('simulated istioctl', () => {
  it('prints the client version without a cluster', () => {
    const r = istioctl(['version', '--remote=false', '-o', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ clientVersion: expect.objectContaining({ version: '1.30.3', status: 'Clean', tag: '1.30.3' }) });
    expect(istioctl(['version', '--remote=false', '-o', 'json'], { env: { MESHLAB_SIM_ISTIO_VERSION: '1.29.1' } }).stdout).toContain('"version": "1.29.1"');
  });

  it('reports a missing control plane like istioctl version', () => {
    const r = istioctl(['version', ...cluster()]);
    expect(r.stdout).toBe(upstream('istioctl/version.no-istio.stdout.txt'));
    expect(r.stderr).toBe(upstream('istioctl/version.no-istio.stderr.txt'));
  });

  it('rejects unknown flags with exit code 64', () => {
    const r = istioctl(['install', '--bogus', ...cluster()]);
    expect(r.code).toBe(64);
    expect(r.stderr).toBe('Error: unknown flag: --bogus\n');
  });

  it('cancels without -y when stdin is not a terminal', () => {
    const r = istioctl(['install', '-f', join(UP, 'istioctl/iop-ingress-nodeport.composed.yaml'), ...cluster()]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(upstream('istioctl/install.prompt.stdout.txt'));
    expect(r.stderr.endsWith('Cancelled.\n')).toBe(true);
    expect(kubectl(['get', 'ns', 'istio-system']).code).toBe(1);
  });

  it('rejects unknown IstioOperator fields like istio validation', () => {
    const r = istioctl(['install', '-y', '-f', '-', ...cluster()], { input: 'apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nspec:\n  profil: demo\n' });
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n').pop()).toBe('Error: generate config: could not unmarshal: json: unknown field "profil"');
    const port = istioctl(['install', '-y', '-f', '-', ...cluster()], {
      input: 'spec:\n  components:\n    ingressGateways:\n    - name: istio-ingressgateway\n      k8s:\n        service:\n          ports: [{name: http2, port: 80, targetPort: 80}]\n',
    });
    expect(port.stderr).toContain('port http2/80 in gateway istio-ingressgateway invalid: targetPort is set to 80, which requires root.');
  });

  it('installs the demo profile with pinned nodePorts and the real progress output', () => {
    const t0 = Date.now();
    const r = istioctl(['install', '-y', '-f', join(UP, 'istioctl/iop-ingress-nodeport.composed.yaml'), '--readiness-timeout', '300s', ...cluster()]);
    expect(r.code).toBe(0);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(600);
    expect(r.stderr).toBe(upstream('istioctl/install-demo.non-tty.stderr.txt'));
    const list = JSON.parse(kubectl(['get', 'services', '-n', 'istio-system', '-l', 'istio=ingressgateway', '-o', 'json']).stdout);
    expect(list.items).toHaveLength(1);
    const want = JSON.parse(upstream('kubectl/svc-istio-ingressgateway.nodeport-pinned.json'));
    const got = list.items[0];
    expect(got.spec.type).toBe('NodePort');
    expect(got.spec.ports).toEqual(want.spec.ports);
    expect(got.spec.selector).toEqual(want.spec.selector);
    expect(got.metadata.labels).toEqual(want.metadata.labels);
    const istiod = JSON.parse(kubectl(['get', 'deployments', '-n', 'istio-system', '-l', 'app=istiod', '-o', 'json']).stdout);
    expect(istiod.items[0].spec.template.spec.containers[0].image).toBe('docker.io/istio/pilot:1.30.3');
    expect(istiod.items[0].status.availableReplicas).toBe(1);
    expect(kubectl(['get', 'deploy', 'istio-egressgateway', '-n', 'istio-system', '-o', 'name']).stdout).toBe('deployment.apps/istio-egressgateway\n');
    expect(kubectl(['get', 'crd', 'gateways.networking.istio.io', '-o', 'name']).stdout).toBe('customresourcedefinition.apiextensions.k8s.io/gateways.networking.istio.io\n');
    const v = istioctl(['version', ...cluster()]);
    expect(v.stdout).toBe(upstream('istioctl/version.with-cluster.stdout.txt'));
  });

  it('lets kubectl apply Istio kinds once the CRDs exist, and validates their fields', () => {
    const gw = upstream('samples/helloworld-gateway.yaml');
    expect(kubectl(['apply', '-f', '-'], gw).stdout).toBe(upstream('kubectl/apply-helloworld-gateway.created.stdout.txt'));
    expect(kubectl(['apply', '-f', '-'], gw).stdout).toBe(upstream('kubectl/apply-helloworld-gateway.unchanged.stdout.txt'));
    const bad = kubectl(['apply', '-f', '-'], 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: v}\nspec:\n  hosts: ["*"]\n  http:\n  - route:\n    - destination: {host: x, prot: 1}\n');
    expect(bad.stderr).toBe(
      'Error from server (BadRequest): error when creating "STDIN": VirtualService in version "v1" cannot be handled as a VirtualService: strict decoding error: unknown field "spec.http[0].route[0].destination.prot"\n',
    );
  });

  it('analyzes: IST0101 for a missing gateway, clean output otherwise', () => {
    kubectl(['label', 'namespace', 'default', 'istio-injection=enabled']);
    kubectl(['apply', '-f', '-'], upstream('samples/helloworld.yaml'));
    const ok = istioctl(['analyze', '-n', 'default', ...cluster()]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toBe(upstream('istioctl/analyze.ok.stdout.txt'));
    expect(ok.stderr).toBe(upstream('istioctl/analyze.ok.stderr.txt'));
    kubectl(['delete', 'gateway', 'helloworld-gateway']);
    const bad = istioctl(['analyze', '-n', 'default', ...cluster()]);
    expect(bad.code).toBe(79);
    expect(bad.stdout).toBe(upstream('istioctl/analyze.ist0101.stdout.txt'));
    expect(bad.stderr).toBe(upstream('istioctl/analyze.ist0101.stderr.txt'));
    const json = istioctl(['analyze', '-n', 'default', '-o', 'json', ...cluster()]);
    expect(json.code).toBe(0);
    expect(json.stdout).toBe(upstream('istioctl/analyze.ist0101.json.stdout.txt'));
  });

  it('injects the istio-install fault as a readiness failure', () => {
    const r = istioctl(['install', '-y', '--readiness-timeout', '2s', ...cluster()], { env: { MESHLAB_SIM_FAIL: 'istio-install' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('✘ Istiod encountered an error: failed to wait for resource: resources not ready after 2s: context deadline exceeded');
    expect(r.stderr).toContain('Error: failed to install manifests: failed to wait for resource');
  });
});
