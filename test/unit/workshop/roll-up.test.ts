// The roll-up (attendees × labs × steps), the host claims, and the one-call route read.
import { describe, expect, it } from 'vitest';
import { Kubectl } from '../../../src/kube/kubectl.js';
import type { K8sObject } from '../../../src/kube/objects.js';
import { hostClaims, readRouteObjects } from '../../../src/workshop/host-claims.js';
import type { RecordedProgress } from '../../../src/workshop/progress-configmap.js';
import { labsToShow, rollUp, type LabColumn, type VerifiedStep } from '../../../src/workshop/roll-up.js';
import { FakeRunner, kubectlSub } from '../fakes/fake-runner.js';

const labA: LabColumn = { id: 'a', title: 'A', steps: [{ id: 's1', title: 'one' }, { id: 's2', title: 'two' }] };
const labB: LabColumn = { id: 'b', title: 'B', steps: [{ id: 't1', title: 'one' }] };
const attendee = (id: string) => ({ id, namespace: `attendee-${id}`, host: `attendee-${id}.w.test`, serviceAccount: 'attendee', joinFile: '/j' });
const vs = (ns: string, hosts: string[]): K8sObject => ({ apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: { name: 'r', namespace: ns }, spec: { hosts } });

const progress = new Map<string, RecordedProgress>([
  ['attendee-01', { a: { schema: 1, labId: 'a', updatedAt: 'x', steps: { s1: { status: 'passed', at: '2026-01-01T00:00:01Z' }, s2: { status: 'failed', message: 'no route', at: '2026-01-01T00:00:02Z' } } } }],
  ['attendee-02', {}],
]);

describe('rollUp', () => {
  it('gives every attendee every step: passed, failed with its reason, or not tried', () => {
    const s = rollUp({ workshop: 'w', attendees: [attendee('01'), attendee('02'), attendee('03')], labs: [labA], progress, claims: hostClaims([]), now: new Date(0) });
    const [a1, a2, a3] = s.attendees;
    expect(a1!.labs.a).toEqual({ s1: { status: 'passed', at: '2026-01-01T00:00:01Z' }, s2: { status: 'failed', message: 'no route', at: '2026-01-01T00:00:02Z' } });
    expect(a1!.lastFailure).toEqual({ lab: 'a', step: 's2', message: 'no route', at: '2026-01-01T00:00:02Z' });
    expect(a2!.labs.a).toEqual({ s1: { status: 'not-tried' }, s2: { status: 'not-tried' } });
    expect([a2!.neverRecorded, a3!.neverRecorded]).toEqual([false, true]);
    expect(s.totals).toEqual({ attendees: 3, steps: 2, passed: 1, failed: 1, disagreements: 0 });
    expect(s.verified).toBe(false);
  });

  it('marks where a recorded result and the verified one differ; "not tried" is no claim', () => {
    const verified = new Map<string, Record<string, Record<string, VerifiedStep>>>([['attendee-01', { a: { s1: { status: 'failed' as const, message: 'gone' }, s2: { status: 'failed' as const, message: 'no route' } } }], ['attendee-02', { a: { s1: { status: 'passed' as const } } }]]);
    const s = rollUp({ workshop: 'w', attendees: [attendee('01'), attendee('02')], labs: [labA], progress, claims: hostClaims([]), verified });
    expect(s.attendees[0]!.labs.a!.s1).toMatchObject({ status: 'passed', verified: { status: 'failed', message: 'gone' }, disagrees: true });
    expect(s.attendees[0]!.labs.a!.s2!.disagrees).toBeUndefined();
    expect(s.attendees[1]!.labs.a!.s1).toEqual({ status: 'not-tried', verified: { status: 'passed' } });
    expect(s.totals.disagreements).toBe(1);
  });

  it('shows the labs asked for, else the ones anyone recorded, else all', () => {
    expect(labsToShow([labA, labB], progress).map((l) => l.id)).toEqual(['a']);
    expect(labsToShow([labA, labB], progress, ['b']).map((l) => l.id)).toEqual(['b']);
    expect(labsToShow([labA, labB], new Map()).map((l) => l.id)).toEqual(['a', 'b']);
  });
});

describe('hostClaims', () => {
  it("flags another namespace's exact host (Gateway namespace/host form, VirtualService, HTTPRoute), never a wildcard", () => {
    const gw: K8sObject = { apiVersion: 'networking.istio.io/v1', kind: 'Gateway', metadata: { name: 'g', namespace: 'attendee-03' }, spec: { servers: [{ hosts: ['./attendee-01.w.test', '*.w.test'] }] } };
    const route: K8sObject = { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'h', namespace: 'attendee-04' }, spec: { hostnames: ['Attendee-01.w.test'] } };
    const c = hostClaims([gw, route, vs('attendee-01', ['attendee-01.w.test']), vs('shared', ['*']), vs('attendee-05', ['*.w.test'])]);
    expect(c.claimedBy('attendee-01.w.test', 'attendee-01')).toEqual(['attendee-03', 'attendee-04']);
    expect(c.claimedBy('attendee-02.w.test', 'attendee-02')).toEqual([]);
    expect(c.conflicts()).toEqual([{ host: 'attendee-01.w.test', namespaces: ['attendee-01', 'attendee-03', 'attendee-04'] }]);
  });

  it('reads routes in one call, and once more without HTTPRoutes when the Gateway API is not installed', async () => {
    const list = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [vs('attendee-01', ['x'])] });
    const runner = new FakeRunner()
      .on(kubectlSub('get', 'gateways.networking.istio.io,virtualservices.networking.istio.io,httproutes.gateway.networking.k8s.io', '-A', '-o', 'json'), { exitCode: 1, stderr: 'error: the server doesn\'t have a resource type "httproutes"\n' })
      .on(kubectlSub('get', 'gateways.networking.istio.io,virtualservices.networking.istio.io', '-A', '-o', 'json'), { stdout: list });
    const kubectl = new Kubectl(runner, { kubeconfig: '/k', context: 'c' });
    const memo = {};
    expect(await readRouteObjects(kubectl, memo, 1000)).toHaveLength(1);
    expect(runner.calls).toHaveLength(2);
    // a long-running reader remembers it for a minute: one call per read again
    await readRouteObjects(kubectl, memo, 2000);
    expect(runner.calls).toHaveLength(3);
    await readRouteObjects(kubectl, memo, 62_000);
    expect(runner.calls).toHaveLength(5);
  });

  it('fails on any other error (no silent empty view)', async () => {
    const runner = new FakeRunner().on(kubectlSub('get'), { exitCode: 1, stderr: 'Error from server (Forbidden): virtualservices.networking.istio.io is forbidden\n' });
    await expect(readRouteObjects(new Kubectl(runner, { kubeconfig: '/k', context: 'c' }))).rejects.toThrow(/could not read the routes of every namespace: .*Forbidden/);
  });
});

describe('verifyWindowSeconds', () => {
  it('gives a check time for the passes in a row it wants, never its whole retry window', async () => {
    const { verifyWindowSeconds } = await import('../../../src/workshop/workshop-status.js');
    expect(verifyWindowSeconds({ http: { request: { path: '/x' }, expect: { status: 200 }, retry: { timeoutSeconds: 60, intervalMs: 1000, consecutiveSuccesses: 3 } } } as never)).toBe(3);
    expect(verifyWindowSeconds({ resource: { kind: 'Service', name: 'x' } } as never)).toBe(1);
  });
});
