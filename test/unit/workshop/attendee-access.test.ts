// The attendee's objects and what their Role lets them do, evaluated by the simulator's
// RBAC authorizer (the same rules the API server applies): everything the shared labs and
// the progress ConfigMap need in their namespace, nothing in another namespace, in
// istio-system or cluster-wide.
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Rbac } from '../../sim/src/rbac/authorizer.js';
import { attendeeObjects, attendeeGreeting } from '../../../src/workshop/attendee-objects.js';
import { readJoinFile, writeJoinFile, joinFilePath } from '../../../src/workshop/join-file.js';
import { parseTokenTtl } from '../../../src/workshop/token-ttl.js';
import { attendeeKubeconfig } from '../../../src/workshop/attendee-kubeconfig.js';
import { MeshLabError } from '../../../src/errors/mesh-lab-error.js';

const objects = attendeeObjects({ workshop: 'w', id: '02', domain: 'w.test', istioVersion: '1.30.3' });
const user = { name: 'system:serviceaccount:attendee-02:attendee', groups: ['system:serviceaccounts', 'system:serviceaccounts:attendee-02', 'system:authenticated'] };
const rbac = new Rbac(objects as never);
const can = (verb: string, group: string, resource: string, namespace?: string, subresource?: string) =>
  rbac.allows(user, { verb, group, resource, ...(namespace ? { namespace } : {}), ...(subresource ? { subresource } : {}) });

describe("an attendee's objects", () => {
  it('a labelled, injected namespace first; app, Gateway and VirtualService on their own host', () => {
    const ns = objects[0]!;
    expect(ns.kind).toBe('Namespace');
    expect(ns.metadata.labels).toMatchObject({ 'istio-injection': 'enabled', 'mesh-lab.io/workshop': 'w', 'mesh-lab.io/attendee': '02' });
    const gw = objects.find((o) => o.kind === 'Gateway') as unknown as { spec: { servers: Array<{ hosts: string[] }> } };
    const vs = objects.find((o) => o.kind === 'VirtualService') as unknown as { spec: { hosts: string[] } };
    expect(gw.spec.servers[0]!.hosts).toEqual(['attendee-02.w.test']);
    expect(vs.spec.hosts).toEqual(['attendee-02.w.test']);
    const deploy = objects.find((o) => o.kind === 'Deployment') as unknown as { spec: { template: { spec: { containers: Array<{ args: string[] }> } } } };
    expect(deploy.spec.template.spec.containers[0]!.args).toContain(`-text=${attendeeGreeting('w', '02')}`);
    expect(objects.every((o) => o.kind === 'Namespace' || o.metadata.namespace === 'attendee-02')).toBe(true);
    expect(objects.some((o) => o.kind.startsWith('Cluster'))).toBe(false);
  });

  it('the Role covers the labs, Istio networking kinds and the progress ConfigMap in their namespace', () => {
    for (const r of ['gateways', 'virtualservices', 'destinationrules', 'serviceentries', 'sidecars']) {
      for (const verb of ['get', 'list', 'create', 'patch', 'delete']) expect(can(verb, 'networking.istio.io', r, 'attendee-02'), `${verb} ${r}`).toBe(true);
    }
    for (const verb of ['get', 'create', 'update', 'patch']) expect(can(verb, '', 'configmaps', 'attendee-02')).toBe(true);
    expect(can('create', 'apps', 'deployments', 'attendee-02')).toBe(true);
    expect(can('create', '', 'pods', 'attendee-02', 'portforward')).toBe(true);
    expect(can('get', '', 'pods', 'attendee-02', 'log')).toBe(true);
  });

  it('nothing in another namespace, in istio-system or cluster-wide', () => {
    expect(can('list', '', 'pods', 'attendee-03')).toBe(false);
    expect(can('get', 'networking.istio.io', 'virtualservices', 'istio-system')).toBe(false);
    expect(can('get', '', 'services', 'istio-system')).toBe(false);
    expect(can('list', '', 'namespaces')).toBe(false);
    expect(can('create', 'rbac.authorization.k8s.io', 'rolebindings', 'attendee-02')).toBe(false);
    expect(can('get', '', 'secrets', 'attendee-02')).toBe(false);
  });
});

describe('join files', () => {
  it('are written 0600 and read back; a broken one is a usage error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'join-'));
    const path = joinFilePath(dir, '02');
    const kubeconfig = attendeeKubeconfig({ workshop: 'w', namespace: 'attendee-02', cluster: { name: 'kind-w', cluster: { server: 'https://127.0.0.1:6443', 'certificate-authority-data': 'Q0E=' } }, server: 'https://203.0.113.5:6443', token: 't0k' });
    writeJoinFile(path, { apiVersion: 'mesh-lab.io/v1', kind: 'MeshLabJoin', workshop: 'w', attendee: '02', namespace: 'attendee-02', host: 'attendee-02.w.test', ingress: { host: '203.0.113.5', port: 80 }, tokenExpiresAt: '2030-01-01T00:00:00.000Z', kubeconfig: kubeconfig as never });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const back = readJoinFile(path);
    expect(back.kubeconfig.clusters[0]!.cluster.server).toBe('https://203.0.113.5:6443');
    expect(back.kubeconfig.users[0]!.user.token).toBe('t0k');
    expect(back.kubeconfig.contexts[0]!.context).toMatchObject({ cluster: 'kind-w', namespace: 'attendee-02' });
    expect(readFileSync(path, 'utf8')).toMatch(/^# mesh-lab join file/);
    const broken = join(dir, 'broken.yaml');
    writeJoinFile(broken, { ...back, attendee: '2' } as never);
    expect(() => readJoinFile(broken)).toThrow(expect.objectContaining({ exitCode: 2 }));
    expect(() => readJoinFile(join(dir, 'none.yaml'))).toThrow(MeshLabError);
  });
});

describe('--token-ttl', () => {
  it('reads Go durations of at least 10 minutes', () => {
    expect(parseTokenTtl('12h').seconds).toBe(43200);
    expect(parseTokenTtl('1h30m').seconds).toBe(5400);
    expect(() => parseTokenTtl('5m')).toThrow(/shorter than 10 minutes/);
    expect(() => parseTokenTtl('tomorrow')).toThrow(/not a duration/);
  });
});
