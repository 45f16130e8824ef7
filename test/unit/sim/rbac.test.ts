// The simulated API server's RBAC: ServiceAccount tokens from `kubectl create token`
// authenticate as system:serviceaccount:<ns>:<sa>, and what they may do is decided by
// Role/RoleBinding/ClusterRole/ClusterRoleBinding (with the bootstrap roles and ClusterRole
// aggregation), answered in kubectl's and the API server's words.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Rbac, ruleAllows } from '../../sim/src/rbac/authorizer.js';
import { startLab, type Lab } from './tools-harness.js';

let lab: Lab;
const k = (args: string[], input?: string, env?: Record<string, string>) =>
  lab.run('kubectl', ['--kubeconfig', lab.kubeconfig, '--context', lab.context, ...args], { input, env });

const SA_USER = 'system:serviceaccount:attendee-02:attendee';
const attendee = (ns: string) => `
apiVersion: v1
kind: Namespace
metadata: {name: ${ns}}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: attendee, namespace: ${ns}}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: attendee, namespace: ${ns}}
rules:
- apiGroups: [""]
  resources: [pods, services, configmaps]
  verbs: [get, list, watch, create, update, patch, delete]
- apiGroups: [""]
  resources: [pods/portforward]
  verbs: [create]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: attendee, namespace: ${ns}}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: attendee}
subjects:
- {kind: ServiceAccount, name: attendee, namespace: ${ns}}
`;

/** A kubeconfig that authenticates with `token` against the lab's cluster. */
function tokenKubeconfig(token: string, file: string): string {
  const path = join(lab.home, file);
  writeFileSync(
    path,
    `apiVersion: v1\nkind: Config\nclusters:\n- name: ${lab.context}\n  cluster: {server: "https://127.0.0.1:${lab.port}"}\n` +
      `contexts:\n- name: attendee\n  context: {cluster: ${lab.context}, user: attendee, namespace: attendee-02}\n` +
      `current-context: attendee\nusers:\n- name: attendee\n  user: {token: "${token}"}\n`,
  );
  return path;
}

let asAttendee: (args: string[], input?: string, env?: Record<string, string>) => ReturnType<Lab['run']>;

beforeAll(async () => {
  lab = await startLab('rbac');
  expect(k(['apply', '-f', '-'], attendee('attendee-02') + '---' + attendee('attendee-03')).code).toBe(0);
  const t = k(['create', 'token', 'attendee', '-n', 'attendee-02', '--duration', '12h']);
  expect(t.code).toBe(0);
  const kc = tokenKubeconfig(t.stdout, 'attendee-02.kubeconfig');
  asAttendee = (args, input, env) => lab.run('kubectl', ['--kubeconfig', kc, '--context', 'attendee', ...args], { input, env });
});
afterAll(async () => {
  await lab.close();
});

describe('kubectl create token', () => {
  it('prints a bare JWT naming the ServiceAccount (no newline off a terminal)', () => {
    const r = k(['create', 'token', 'attendee', '-n', 'attendee-03', '--duration=1h']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    const claims = JSON.parse(Buffer.from(r.stdout.split('.')[1]!, 'base64url').toString());
    expect(claims.sub).toBe('system:serviceaccount:attendee-03:attendee');
    expect(claims.exp - claims.iat).toBe(3600);
  });

  it('fails like the real command', () => {
    expect(k(['create', 'token', 'nobody', '-n', 'attendee-02']).stderr).toBe('error: failed to create token: serviceaccounts "nobody" not found\n');
    expect(k(['create', 'token', 'attendee', '-n', 'attendee-02', '--duration', '5m']).stderr).toBe(
      'error: failed to create token: TokenRequest.authentication.k8s.io "" is invalid: spec.expirationSeconds: Invalid value: 300: may not specify a duration less than 10 minutes\n',
    );
    expect(k(['create', 'token', 'attendee', '--duration', 'soon']).stderr).toContain('invalid argument "soon" for "--duration" flag: time: invalid duration "soon"');
  });
});

describe('RBAC for a ServiceAccount token', () => {
  it('allows what its Role grants in its namespace', () => {
    const r = asAttendee(['apply', '-f', '-'], 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: progress}\ndata: {a: b}\n');
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('configmap/progress created\n');
    expect(asAttendee(['get', 'configmap', 'progress', '-o', 'jsonpath={.data.a}']).stdout).toBe('b');
  });

  it('refuses another namespace with the API server text (list and get)', () => {
    const list = asAttendee(['get', 'pods', '-n', 'attendee-03']);
    expect(list.code).toBe(1);
    expect(list.stderr).toBe(`Error from server (Forbidden): pods is forbidden: User "${SA_USER}" cannot list resource "pods" in API group "" in the namespace "attendee-03"\n`);
    const get = asAttendee(['get', 'configmap', 'x', '-n', 'attendee-03']);
    expect(get.stderr).toBe(`Error from server (Forbidden): configmaps "x" is forbidden: User "${SA_USER}" cannot get resource "configmaps" in API group "" in the namespace "attendee-03"\n`);
  });

  it('refuses kinds its Role leaves out, and cluster-scope requests', () => {
    expect(asAttendee(['get', 'deployments']).stderr).toBe(
      `Error from server (Forbidden): deployments.apps is forbidden: User "${SA_USER}" cannot list resource "deployments" in API group "apps" in the namespace "attendee-02"\n`,
    );
    expect(asAttendee(['get', 'namespaces']).stderr).toBe(
      `Error from server (Forbidden): namespaces is forbidden: User "${SA_USER}" cannot list resource "namespaces" in API group "" at the cluster scope\n`,
    );
    expect(asAttendee(['create', 'namespace', 'mine']).stderr).toBe(
      `Error from server (Forbidden): namespaces is forbidden: User "${SA_USER}" cannot create resource "namespaces" in API group "" at the cluster scope\n`,
    );
  });

  it('refuses a patch in another namespace with the API server text', () => {
    const r = asAttendee(['patch', 'configmap', 'mesh-lab-progress', '-n', 'attendee-03', '--type', 'merge', '-p', '{"data":{"a":"b"}}']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`Error from server (Forbidden): configmaps "mesh-lab-progress" is forbidden: User "${SA_USER}" cannot patch resource "configmaps" in API group "" in the namespace "attendee-03"\n`);
  });

  it('refuses apply into istio-system at the GET kubectl apply makes first', () => {
    const r = asAttendee(['apply', '-f', '-'], 'apiVersion: v1\nkind: Service\nmetadata: {name: s, namespace: istio-system}\nspec:\n  ports: [{port: 80}]\n');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'Error from server (Forbidden): error when retrieving current configuration of:\nResource: "/v1, Resource=services", GroupVersionKind: "/v1, Kind=Service"\n' +
        `Name: "s", Namespace: "istio-system"\nfrom server for: "STDIN": services "s" is forbidden: User "${SA_USER}" cannot get resource "services" in API group "" in the namespace "istio-system"\n`,
    );
  });

  it('answers an expired, unknown or revoked token with 401', () => {
    const expired = asAttendee(['get', 'pods'], undefined, { MESHLAB_SIM_CLOCK_OFFSET: '13h' });
    expect(expired.code).toBe(1);
    const lines = expired.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(6);
    expect(lines[0]).toMatch(/memcache\.go:265\] "Unhandled Error" err="couldn't get current server API group list: the server has asked for the client to provide credentials"$/);
    expect(lines[5]).toBe('error: You must be logged in to the server (the server has asked for the client to provide credentials)');
    const unknown = lab.run('kubectl', ['--kubeconfig', tokenKubeconfig('eyJ.bogus.token', 'bogus.kubeconfig'), 'get', 'pods']);
    expect(unknown.stderr).toContain('error: You must be logged in to the server');
    // The admin kubeconfig stays cluster-admin.
    expect(k(['get', 'pods', '-n', 'attendee-03']).code).toBe(0);
  });
});

describe('the authorizer', () => {
  const objects = (extra: object[]) => new Rbac(extra as never);
  const sa = { name: 'system:serviceaccount:a:s', groups: ['system:serviceaccounts', 'system:serviceaccounts:a', 'system:authenticated'] };
  const bindEdit = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'b', namespace: 'a' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'edit' }, subjects: [{ kind: 'ServiceAccount', name: 's', namespace: 'a' }] };
  const vs = { verb: 'create', group: 'networking.istio.io', resource: 'virtualservices', namespace: 'a' };

  it('aggregates edit from the bootstrap system:aggregate-to-edit, and from labelled ClusterRoles', () => {
    const rbac = objects([bindEdit]);
    expect(rbac.allows(sa, { verb: 'create', group: 'apps', resource: 'deployments', namespace: 'a' })).toBe(true);
    expect(rbac.allows(sa, { verb: 'create', group: 'apps', resource: 'deployments', namespace: 'b' })).toBe(false);
    // Upstream Istio aggregates nothing into edit: its kinds need a rule of their own.
    expect(rbac.allows(sa, vs)).toBe(false);
    const istioEdit = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'istio-edit', labels: { 'rbac.authorization.k8s.io/aggregate-to-edit': 'true' } }, rules: [{ apiGroups: ['networking.istio.io'], resources: ['*'], verbs: ['*'] }] };
    expect(objects([bindEdit, istioEdit]).allows(sa, vs)).toBe(true);
    // admin aggregates edit (labelled aggregate-to-admin) and therefore istio-edit too.
    const bindAdmin = { ...bindEdit, roleRef: { ...bindEdit.roleRef, name: 'admin' } };
    expect(objects([bindAdmin, istioEdit]).allows(sa, vs)).toBe(true);
  });

  it('matches subresources, */subresource and resourceNames', () => {
    const req = { verb: 'create', group: '', resource: 'pods', subresource: 'portforward', namespace: 'a', name: 'p' };
    expect(ruleAllows({ verbs: ['create'], apiGroups: [''], resources: ['pods'] }, req)).toBe(false);
    expect(ruleAllows({ verbs: ['create'], apiGroups: [''], resources: ['pods/portforward'] }, req)).toBe(true);
    expect(ruleAllows({ verbs: ['create'], apiGroups: [''], resources: ['*/portforward'] }, req)).toBe(true);
    expect(ruleAllows({ verbs: ['*'], apiGroups: [''], resources: ['pods/portforward'], resourceNames: ['q'] }, req)).toBe(false);
    expect(ruleAllows({ verbs: ['get'], apiGroups: ['*'], resources: ['pods/portforward'] }, req)).toBe(false);
  });

  it('binds cluster-admin to system:masters only (bootstrap bindings)', () => {
    expect(objects([]).allows(sa, { verb: 'get', group: '', resource: 'pods', namespace: 'a' })).toBe(false);
    expect(objects([]).allows({ name: 'x', groups: ['system:masters'] }, { verb: 'delete', group: '', resource: 'namespaces' })).toBe(true);
  });
});
