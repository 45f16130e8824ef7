import { describe, expect, it } from 'vitest';
import { parseUpOptions } from '../../../src/state/up-options.js';
import { ExitCode } from '../../../src/errors/exit-codes.js';
import type { MeshLabError } from '../../../src/errors/mesh-lab-error.js';
import { resourceType, stampHash } from '../../../src/kube/apply-if-changed.js';
import { Kubectl } from '../../../src/kube/kubectl.js';
import type { K8sObject } from '../../../src/kube/objects.js';
import { planOwnership, restoreLabelArgs, type AppliedRef } from '../../../src/kube/ownership.js';
import { renderUpManifests } from '../../../src/commands/up/render-manifests.js';
import { FakeRunner, kubectlSub } from '../fakes/fake-runner.js';

const access = { kubeconfig: '/lab/kubeconfig', context: 'ext' };
const m = renderUpManifests(parseUpOptions({ clusterName: 'x', namespace: 'team-a' }));
const list = (items: K8sObject[]) => ({ stdout: JSON.stringify({ apiVersion: 'v1', kind: 'List', items }) });
const liveNs = (labels: Record<string, string> = {}): K8sObject => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a', labels } });

/**
 * A cluster holding `namespace` (or not) and `inside` objects in it; Istio's CRDs absent
 * unless `istio`. It answers the one `get <type>/<name>... -n NS --ignore-not-found -o json`
 * as kubectl does (kubernetes/kubectl pkg/cmd/get/get.go): a List of what exists, nothing
 * when nothing does, and a whole-command failure for a type the server does not serve.
 */
function cluster(namespace: K8sObject | undefined, inside: K8sObject[] = [], istio = false): FakeRunner {
  const objects = [...(namespace ? [namespace] : []), ...inside];
  return new FakeRunner().on(kubectlSub('get', 'namespace/team-a'), (_f, args) => getNamed(args, objects, istio));
}

function getNamed(args: readonly string[], objects: K8sObject[], istio: boolean) {
  const refs = args.slice(5, args.indexOf('-n'));
  expect(args.slice(args.indexOf('-n'))).toEqual(['-n', 'team-a', '--ignore-not-found', '-o', 'json']);
  const unknown = refs.find((r) => r.includes('istio.io') && !istio);
  if (unknown) return { exitCode: 1, stderr: `error: the server doesn't have a resource type "${unknown.split('.')[0]}"\n` };
  const found = refs.flatMap((ref) => objects.filter((o) => `${resourceType(o.kind, o.apiVersion)}/${o.metadata.name}` === ref));
  return found.length > 0 ? list(found) : {};
}

const input = (previous: AppliedRef[] = [], useExistingNamespace = false) => ({ app: m.app, routing: m.routing, namespace: 'team-a', useExistingNamespace, previous });

describe('planOwnership', () => {
  it('a fresh namespace: everything created, deleted in reverse (routing, app, namespace last)', async () => {
    const plan = await planOwnership(new Kubectl(cluster(undefined), access), input());
    expect(plan.refs.map((r) => `${r.kind}:${r.ownership}`)).toEqual(['Gateway:created', 'VirtualService:created', 'Deployment:created', 'Service:created', 'Namespace:created']);
    expect(plan.app.map((o) => o.kind)).toContain('Namespace');
    expect(plan.labelNamespace).toBeUndefined();
  });

  it('an existing namespace without --use-existing-namespace: exit 7 (Conflict) saying what to do', async () => {
    const err = (await planOwnership(new Kubectl(cluster(liveNs()), access), input()).catch((e: unknown) => e)) as MeshLabError;
    expect(err.exitCode).toBe(ExitCode.Conflict);
    expect(err.message).toBe('namespace team-a already exists and mesh-lab did not create it');
    expect(err.hint).toMatch(/--use-existing-namespace/);
  });

  it('with it: found, labelled (not applied), previous label values recorded; a rerun keeps the first record', async () => {
    const plan = await planOwnership(new Kubectl(cluster(liveNs({ 'istio-injection': 'disabled', team: 'a' })), access), input([], true));
    const ns = plan.refs.find((r) => r.kind === 'Namespace')!;
    expect(ns).toMatchObject({ ownership: 'found', previous: { labels: { 'istio-injection': 'disabled' } } });
    expect(plan.labelNamespace).toEqual({ name: 'team-a', labels: { 'istio-injection': 'enabled' } });
    expect(plan.app.map((o) => o.kind)).not.toContain('Namespace');
    expect(plan.notes[0]).toMatch(/pods created from now on get an Istio sidecar, pods already running there get one only when restarted/);

    // the rerun sees its own label; the record from before stays, and no flag is needed again
    const rerun = await planOwnership(new Kubectl(cluster(liveNs({ 'istio-injection': 'enabled', team: 'a' })), access), input(plan.refs, false));
    expect(rerun.refs.find((r) => r.kind === 'Namespace')).toMatchObject({ ownership: 'found', previous: { labels: { 'istio-injection': 'disabled' } } });
    expect(rerun.labelNamespace).toEqual({ name: 'team-a', labels: {} });
  });

  it('"created" sticks: a rerun does not turn its own namespace or objects into found', async () => {
    const first = await planOwnership(new Kubectl(cluster(undefined), access), input());
    const live = [...m.app.slice(1), ...m.routing].map(stampHash);
    const rerun = await planOwnership(new Kubectl(cluster(liveNs({ 'istio-injection': 'enabled' }), live, true), access), input(first.refs));
    expect(rerun.refs.every((r) => r.ownership === 'created')).toBe(true);
    expect(rerun.notes).toEqual([]);
  });

  it("refuses to overwrite someone else's object of the same name in the namespace", async () => {
    const theirs: K8sObject = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'helloworldservice', namespace: 'team-a' } };
    const err = (await planOwnership(new Kubectl(cluster(liveNs(), [theirs]), access), input([], true)).catch((e: unknown) => e)) as MeshLabError;
    expect(err.exitCode).toBe(ExitCode.Conflict);
    expect(err.message).toBe('Deployment team-a/helloworldservice already exists and mesh-lab did not create it');
  });

  it('labels come back as they were: removed when absent before, reset when changed', () => {
    expect(restoreLabelArgs({ 'istio-injection': null, team: 'a' })).toEqual(['istio-injection-', 'team=a']);
  });
});

describe('reserved namespaces', () => {
  it('up refuses them as a usage error', () => {
    for (const ns of ['default', 'kube-system', 'kube-public', 'kube-node-lease', 'istio-system']) {
      const err = (() => {
        try {
          parseUpOptions({ clusterName: 'x', namespace: ns });
        } catch (e) {
          return e as MeshLabError;
        }
        throw new Error(`${ns} was accepted`);
      })();
      expect(err.exitCode).toBe(ExitCode.Usage);
      expect(err.message).toMatch(new RegExp(`^namespace ${ns} belongs to`));
    }
  });
});
