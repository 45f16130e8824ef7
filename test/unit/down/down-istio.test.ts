import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runDown } from '../../../src/commands/down/down.js';
import { createSession } from '../../../src/session/session.js';
import type { Printer } from '../../../src/ui/output.js';
import { FakeDocker } from '../fakes/fake-docker.js';
import { argvStarts, FakeRunner, kubectlSub } from '../fakes/fake-runner.js';

const printer: Printer = { flags: { verbose: false, json: false }, out: () => undefined, err: () => undefined, verbose: () => undefined };

const pod = (namespace: string, name: string, opts: { sidecar?: 'container' | 'annotation'; terminating?: boolean } = {}) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name,
    namespace,
    ...(opts.sidecar === 'annotation' ? { annotations: { 'sidecar.istio.io/status': '{"containers":["istio-proxy"]}' } } : {}),
    ...(opts.terminating ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}),
  },
  spec: { containers: [{ name: 'app' }, ...(opts.sidecar === 'container' ? [{ name: 'istio-proxy' }] : [])] },
});

/** A lab on an existing cluster where mesh-lab created namespace mesh-lab and installed Istio. */
function labOnExistingCluster(pods: unknown[]) {
  const home = mkdtempSync(join(tmpdir(), 'down-istio-'));
  const kubeconfig = join(home, 'users-kubeconfig');
  writeFileSync(kubeconfig, 'apiVersion: v1\nkind: Config\ncontexts:\n- name: ext\n  context: {cluster: ext, user: ext}\n');
  const runner = new FakeRunner()
    .on(kubectlSub('delete'), { stdout: '' })
    .on(kubectlSub('get', 'pods', '--all-namespaces'), { stdout: JSON.stringify({ apiVersion: 'v1', kind: 'List', items: pods }) });
  const session = createSession('ext', printer, {}, { runner, docker: new FakeDocker(), env: { MESH_LAB_HOME: home } });
  mkdirSync(session.paths.dir, { recursive: true });
  writeFileSync(session.paths.istioOperator, 'apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\n');
  session.store.write({
    schema: 2,
    environment: 'ext',
    provider: 'existing',
    cluster: { name: 'ext', context: 'ext', kubeconfig, createdByMeshLab: false },
    istio: { version: '1.30.3', profile: 'default', installedByMeshLab: true },
    applied: [
      { apiVersion: 'apps/v1', kind: 'Deployment', name: 'helloworldservice', namespace: 'mesh-lab', ownership: 'created' },
      { apiVersion: 'v1', kind: 'Namespace', name: 'mesh-lab', ownership: 'created' },
    ],
  });
  return { session, runner };
}

const uninstalled = (runner: FakeRunner) => runner.calls.some((c) => c.file === 'istioctl' && c.args[0] === 'uninstall');

describe('down and the Istio mesh-lab installed on a cluster it did not create', () => {
  it('keeps Istio, saying why, while a pod outside its namespaces runs the sidecar', async () => {
    const { session, runner } = labOnExistingCluster([
      pod('mesh-lab', 'helloworldservice-abc', { sidecar: 'container' }),
      pod('istio-system', 'istio-ingressgateway-xyz', { sidecar: 'container' }),
      pod('team-b', 'orders-1', { sidecar: 'annotation' }),
      pod('team-c', 'billing-1', { sidecar: 'container' }),
    ]);
    const r = await runDown(session);
    expect(uninstalled(runner)).toBe(false);
    expect(r.kept).toContainEqual(expect.stringMatching(/^Istio 1\.30\.3 \(mesh-lab installed it, but pods outside its namespaces still run its sidecar: team-b\/orders-1, team-c\/billing-1; /));
    expect(r.removed).toEqual(expect.arrayContaining(['Deployment mesh-lab/helloworldservice', 'Namespace mesh-lab']));
    // the check runs after mesh-lab's own objects are gone
    const order = runner.calls.map((c) => c.args.slice(4, 6).join(' '));
    expect(order.indexOf('get pods')).toBeGreaterThan(order.indexOf('delete namespace/mesh-lab'));
  });

  it('uninstalls it when only its own, Istio-system and terminating pods have sidecars', async () => {
    const { session, runner } = labOnExistingCluster([
      pod('istio-system', 'istio-ingressgateway-xyz', { sidecar: 'container' }),
      pod('team-b', 'leaving-1', { sidecar: 'container', terminating: true }),
      pod('team-c', 'plain-1'),
    ]);
    runner.on(argvStarts('istioctl', 'uninstall'), { stdout: '' });
    const r = await runDown(session);
    expect(uninstalled(runner)).toBe(true);
    expect(r.removed).toContain('Istio 1.30.3 (mesh-lab installed it)');
  });
});
