// The one read of the objects `up` applies in its namespace, shared by the ownership check
// and both apply-if-changed steps (src/kube/live-objects.ts).
import { describe, expect, it } from 'vitest';
import { parseUpOptions } from '../../../src/state/up-options.js';
import { renderUpManifests } from '../../../src/commands/up/render-manifests.js';
import { applyIfChanged, stampHash } from '../../../src/kube/apply-if-changed.js';
import { Kubectl } from '../../../src/kube/kubectl.js';
import { liveObjectsArgs, parseGetOutput, readLiveObjects } from '../../../src/kube/live-objects.js';
import type { K8sObject } from '../../../src/kube/objects.js';
import { planOwnership } from '../../../src/kube/ownership.js';
import { ToolFailedError } from '../../../src/process/runner.js';
import { FakeRunner, kubectlSub } from '../fakes/fake-runner.js';

const access = { kubeconfig: '/lab/kubeconfig', context: 'kind-lab' };
const m = renderUpManifests(parseUpOptions({ clusterName: 'lab', namespace: 'team-a' }));
const everything = [...m.app, ...m.routing];
const list = (items: K8sObject[]) => JSON.stringify({ apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } });
const argsOf = (r: FakeRunner) => r.calls.map((c) => c.args.slice(4).join(' '));

describe('parseGetOutput', () => {
  it("reads kubectl's three answers: a List, one object, nothing (--ignore-not-found with nothing found)", () => {
    const svc: K8sObject = { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' } };
    expect(parseGetOutput(list([svc, svc]))).toEqual([svc, svc]);
    expect(parseGetOutput(JSON.stringify(svc))).toEqual([svc]);
    expect(parseGetOutput('')).toEqual([]);
    expect(parseGetOutput('\n')).toEqual([]);
  });
});

describe('readLiveObjects', () => {
  it('asks for every object in one get, in manifest order', async () => {
    const live = everything.map(stampHash);
    const r = new FakeRunner().on(kubectlSub('get'), { stdout: list(live) });
    expect(await readLiveObjects(new Kubectl(r, access), everything, 'team-a', 'read')).toEqual(live);
    expect(argsOf(r)).toEqual([
      'get namespace/team-a service/helloworldservice deployment.apps/helloworldservice gateway.networking.istio.io/helloworld-gateway virtualservice.networking.istio.io/helloworldservice -n team-a --ignore-not-found -o json',
    ]);
  });

  it("drops a type the server does not serve (Istio's before Istio is installed) and reads the rest again", async () => {
    const r = new FakeRunner().on(kubectlSub('get'), (_f, args) => {
      const t = args.find((a) => a.includes('.networking.istio.io/'));
      return t ? { exitCode: 1, stderr: `error: the server doesn't have a resource type "${t.split('.')[0]}"\n` } : { stdout: '' };
    });
    expect(await readLiveObjects(new Kubectl(r, access), everything, 'team-a', 'read')).toEqual([]);
    expect(argsOf(r).map((a) => a.split(' ').filter((w) => w.includes('/')).length)).toEqual([5, 4, 3]);
  });

  it('any other failure is a tool failure with kubectl stderr', async () => {
    const r = new FakeRunner().on(kubectlSub('get'), { exitCode: 1, stderr: 'The connection to the server 127.0.0.1:6443 was refused - did you specify the right host or port?\n' });
    const err = await readLiveObjects(new Kubectl(r, access), everything, 'team-a', 'read the objects').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ToolFailedError);
    expect((err as Error).message).toBe('could not read the objects: The connection to the server 127.0.0.1:6443 was refused - did you specify the right host or port?');
  });

  it('the ownership check and both applies of a rerun ask exactly the same argv (one read-ahead process answers all three)', async () => {
    const live = everything.map(stampHash);
    const r = new FakeRunner().on(kubectlSub('get'), { stdout: list(live) });
    const kubectl = new Kubectl(r, access);
    const shared = { objects: everything, namespace: 'team-a' };
    // what the first `up` recorded: everything created by mesh-lab
    const previous = everything.map((o) => ({ apiVersion: o.apiVersion, kind: o.kind, name: o.metadata.name, ...(o.metadata.namespace ? { namespace: o.metadata.namespace } : {}), ownership: 'created' as const }));
    const plan = await planOwnership(kubectl, { app: m.app, routing: m.routing, namespace: 'team-a', useExistingNamespace: false, previous });
    const app = await applyIfChanged(kubectl, plan.app, 'the app', shared);
    const routing = await applyIfChanged(kubectl, plan.routing, 'the routing', shared);
    expect(app).toMatchObject({ changed: false });
    expect(app.live?.map((o) => o.kind)).toEqual(['Namespace', 'Service', 'Deployment']);
    expect(routing).toMatchObject({ changed: false, lines: ['gateway.networking.istio.io/helloworld-gateway unchanged', 'virtualservice.networking.istio.io/helloworldservice unchanged'] });
    expect(new Set(argsOf(r))).toEqual(new Set([liveObjectsArgs(everything, 'team-a').join(' ')]));
    expect(r.calls).toHaveLength(3);
  });
});
