// Unit tests of the simulated kubectl: real output formats, real error wording, and
// strictness (unknown flags and unknown manifest fields are rejected like the real tool).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab } from './tools-harness.js';

const UP = join(import.meta.dirname, '../../fixtures/upstream');
const upstream = (p: string) => readFileSync(join(UP, p), 'utf8');
let lab: Lab;
const k = (args: string[], input?: string, env?: Record<string, string>) =>
  lab.run('kubectl', ['--kubeconfig', lab.kubeconfig, '--context', lab.context, ...args], { input, env });

beforeAll(async () => {
  lab = await startLab();
});
afterAll(async () => {
  await lab.close();
});

describe('simulated kubectl', () => {
  it('prints the client version JSON without a cluster', () => {
    const r = lab.run('kubectl', ['version', '--client', '-o', 'json']);
    expect(r.code).toBe(0);
    const v = JSON.parse(r.stdout);
    expect(Object.keys(v.clientVersion)).toEqual(['major', 'minor', 'gitVersion', 'gitCommit', 'gitTreeState', 'buildDate', 'goVersion', 'compiler', 'platform']);
    expect(v.kustomizeVersion).toMatch(/^v5\./);
    expect(lab.run('kubectl', ['version', '--client', '-o', 'xml']).stderr).toBe("error: --output must be 'yaml' or 'json'\n");
  });

  it('rejects unknown flags like cobra, before or after the subcommand', () => {
    const r = k(['get', 'pods', '--foo']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("Error: unknown flag: --foo\nSee 'kubectl get --help' for usage.\n");
    expect(lab.run('kubectl', ['--foo', 'get', 'pods']).stderr).toBe('Error: flags cannot be placed before plugin name: --foo\n');
    expect(k(['rollout', 'status', 'deployment/x', '--timeout=abc']).stderr).toContain('invalid argument "abc" for "--timeout" flag: time: invalid duration "abc"');
  });

  it('fails like kubectl when the context or the API server is missing', () => {
    expect(k(['--context', 'nope', 'get', 'pods']).stderr).toBe('error: Error in configuration: context was not found for specified context: nope\n');
    const other = lab.run('kubectl', ['--kubeconfig', lab.kubeconfig, 'get', 'pods'], { env: { MESHLAB_SIM_HOME: join(lab.home, 'empty') } });
    expect(other.code).toBe(1);
    expect(other.stderr.trim().split('\n').pop()).toBe(`The connection to the server 127.0.0.1:${lab.port} was refused - did you specify the right host or port?`);
  });

  it('applies manifests with created/unchanged/configured lines', () => {
    const hw = upstream('samples/helloworld.yaml');
    const first = k(['apply', '-f', '-'], hw);
    expect(first.code).toBe(0);
    expect(first.stdout).toBe(upstream('kubectl/apply-helloworld.created.stdout.txt'));
    const again = k(['apply', '-f', '-'], hw);
    expect(again.stdout).toBe('service/helloworld unchanged\ndeployment.apps/helloworld-v1 unchanged\ndeployment.apps/helloworld-v2 unchanged\n');
    const changed = k(['apply', '-f', '-'], hw.replace('replicas: 1', 'replicas: 2'));
    expect(changed.stdout).toContain('deployment.apps/helloworld-v1 configured');
    const d = JSON.parse(k(['get', 'deploy', 'helloworld-v1', '-o', 'json']).stdout);
    expect(d.metadata.generation).toBe(2);
    expect(d.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration']).toContain('"helloworld-v1"');
  });

  it('refuses Istio kinds before the CRDs exist, exactly like kubectl', () => {
    const gw = upstream('samples/helloworld-gateway.yaml');
    const r = k(['apply', '-f', '-'], gw.split('---')[0]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(upstream('kubectl/apply-no-crd.stderr.txt'));
  });

  it('rejects unknown fields with a strict decoding error', () => {
    const r = k(['apply', '-f', '-'], 'apiVersion: v1\nkind: Service\nmetadata: {name: typo}\nspec:\n  ports: [{port: 80, targetPrt: 8080}]\n');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'Error from server (BadRequest): error when creating "STDIN": Service in version "v1" cannot be handled as a Service: strict decoding error: unknown field "spec.ports[0].targetPrt"\n',
    );
    const warn = k(['apply', '-f', '-', '--validate=warn'], 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndat: {a: b}\n');
    expect(warn.code).toBe(0);
    expect(warn.stderr).toBe('Warning: unknown field "dat"\n');
    expect(k(['apply', '-f', '-', '--validate=bogus'], 'x: 1').stderr).toBe('error: invalid - validate option "bogus"; must be one of: strict (or true), warn, ignore (or false)\n');
  });

  it('allocates nodePorts and rejects collisions', () => {
    const svc = (name: string, np?: number) =>
      `apiVersion: v1\nkind: Service\nmetadata: {name: ${name}}\nspec:\n  type: NodePort\n  selector: {app: x}\n  ports: [{port: 80${np ? `, nodePort: ${np}` : ''}}]\n`;
    expect(k(['apply', '-f', '-'], svc('a', 31380)).code).toBe(0);
    const clash = k(['apply', '-f', '-'], svc('b', 31380));
    expect(clash.code).toBe(1);
    expect(clash.stderr).toBe('The Service "b" is invalid: spec.ports[0].nodePort: Invalid value: 31380: provided port is already allocated\n');
    expect(k(['apply', '-f', '-'], svc('c')).code).toBe(0);
    const c = JSON.parse(k(['get', 'svc', 'c', '-o', 'json']).stdout);
    expect(c.spec.ports[0]).toMatchObject({ port: 80, protocol: 'TCP', targetPort: 80 });
    expect(c.spec.ports[0].nodePort).toBeGreaterThanOrEqual(30000);
    expect(c.spec.clusterIP).toMatch(/^10\.96\./);
  });

  it('gets lists, names, jsonpath and NotFound errors in kubectl formats', () => {
    const list = k(['get', 'services', '-l', 'app=helloworld', '-o', 'json']);
    expect(list.stdout.startsWith('{\n    "apiVersion": "v1",\n    "items": [\n')).toBe(true);
    expect(JSON.parse(list.stdout)).toMatchObject({ kind: 'List', metadata: { resourceVersion: '' } });
    expect(k(['get', 'svc', 'nope']).stderr).toBe('Error from server (NotFound): services "nope" not found\n');
    expect(k(['get', 'deploy', 'nope', '-n', 'x']).stderr).toBe('Error from server (NotFound): deployments.apps "nope" not found\n');
    expect(k(['get', 'pods', '-n', 'empty']).stderr).toBe('No resources found in empty namespace.\n');
    expect(k(['get', 'svc', 'helloworld', '-o', 'name']).stdout).toBe('service/helloworld\n');
    expect(k(['get', 'svc', 'helloworld', '-o', 'jsonpath={.spec.ports[?(@.name=="http")].port}']).stdout).toBe('5000');
    const nodes = JSON.parse(k(['get', 'nodes', '-o', 'json']).stdout);
    expect(nodes.items[0].metadata.name).toBe('lab-control-plane');
    expect(nodes.items[0].status.addresses[0]).toEqual({ address: '172.18.0.7', type: 'InternalIP' });
    expect(k(['get', 'bogus']).stderr).toBe('error: the server doesn\'t have a resource type "bogus"\n');
  });

  it('reads several kinds in one get as kubectl/pkg/cmd/get/get.go prints them (List, --ignore-not-found, unknown type)', () => {
    const web =
      'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  selector: {app: web}\n  ports: [{port: 80}]\n---\n' +
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, labels: {app: web}}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers: [{name: c, image: "nginx:1.27"}]\n';
    expect(k(['create', 'namespace', 'multi']).code).toBe(0);
    expect(k(['apply', '-n', 'multi', '-f', '-'], web).code).toBe(0);
    const named = k(['get', 'namespace/multi', 'service/web', 'deployment.apps/web', 'configmap/absent', '-n', 'multi', '--ignore-not-found', '-o', 'json']);
    expect(named.code).toBe(0);
    const list = JSON.parse(named.stdout);
    expect(list).toMatchObject({ apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: '' } });
    expect(list.items.map((o: { kind: string; metadata: { name: string } }) => `${o.kind}/${o.metadata.name}`)).toEqual(['Namespace/multi', 'Service/web', 'Deployment/web']);
    // several arguments print a List even when one object was found
    expect(JSON.parse(k(['get', 'service/web', 'configmap/absent', '-n', 'multi', '--ignore-not-found', '-o', 'json']).stdout)).toMatchObject({ kind: 'List', items: [{ kind: 'Service' }] });
    // nothing found with --ignore-not-found: printGeneric returns before printing, exit 0
    expect(k(['get', 'service/absent', 'deployment.apps/absent', '-n', 'multi', '--ignore-not-found', '-o', 'json'])).toMatchObject({ code: 0, stdout: '', stderr: '' });
    expect(k(['get', 'pods', '-n', 'nothing-here', '--ignore-not-found', '-o', 'json'])).toMatchObject({ code: 0, stdout: '', stderr: '' });
    expect(k(['get', 'pods', '-n', 'nothing-here', '--ignore-not-found'])).toMatchObject({ code: 0, stdout: '', stderr: '' });
    // without it an empty listing is an empty List
    expect(JSON.parse(k(['get', 'pods', '-n', 'nothing-here', '-o', 'json']).stdout)).toEqual({ apiVersion: 'v1', items: [], kind: 'List', metadata: { resourceVersion: '' } });
    // one comma list of types, each listed in turn (sorted by name within a type)
    const kinds = JSON.parse(k(['get', 'deployments.apps,services', '-n', 'multi', '-o', 'json']).stdout);
    expect(kinds.items.map((o: { kind: string }) => o.kind)).toEqual(['Deployment', 'Service']);
    // a type the server does not serve fails the whole command before anything is read
    const unknown = k(['get', 'service/web', 'virtualservice.networking.istio.io/web', '-n', 'multi', '--ignore-not-found', '-o', 'json']);
    expect(unknown).toMatchObject({ code: 1, stdout: '', stderr: 'error: the server doesn\'t have a resource type "virtualservice"\n' });
  });

  it('waits for rollouts in real time and synthesizes pods', () => {
    // long enough that `rollout status` starts before the Deployment is ready even on a
    // loaded machine (each k() is a whole process), so the waiting line is always printed
    const slowly = { MESHLAB_SIM_READY_MS: '4000' };
    k(['apply', '-f', '-'], 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: slow}\nspec:\n  selector: {matchLabels: {app: slow}}\n  template:\n    metadata: {labels: {app: slow}}\n    spec:\n      containers: [{name: c, image: "nginx:1.27"}]\n', slowly);
    const r = k(['rollout', 'status', 'deployment/slow', '-n', 'default', '--timeout=20s'], undefined, slowly);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('Waiting for deployment "slow" rollout to finish: 0 of 1 updated replicas are available...\ndeployment "slow" successfully rolled out\n');
    const pods = JSON.parse(k(['get', 'pods', '-l', 'app=slow', '-o', 'json']).stdout);
    expect(pods.items[0].metadata.name).toMatch(/^slow-[a-z0-9]{10}-[a-z0-9]{5}$/);
    expect(pods.items[0].status.phase).toBe('Running');
    expect(k(['rollout', 'status', 'deployment/helloworld-v3']).stderr).toBe(upstream('kubectl/rollout-status.notfound.stderr.txt').replace('helloworld-v3', 'helloworld-v3'));
  });

  it('times out a rollout like kubectl', () => {
    const env = { MESHLAB_SIM_READY_MS: '60000' };
    k(['apply', '-f', '-'], 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: stuck}\nspec:\n  selector: {matchLabels: {app: stuck}}\n  template:\n    metadata: {labels: {app: stuck}}\n    spec:\n      containers: [{name: c, image: "nginx:1.27"}]\n', env);
    const r = k(['rollout', 'status', 'deployment/stuck', '--timeout=1s'], undefined, env);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(upstream('kubectl/rollout-status.timeout.stderr.txt'));
    expect(r.stdout).toBe('Waiting for deployment "stuck" rollout to finish: 0 of 1 updated replicas are available...\n');
    const w = k(['wait', '--for=condition=Available', 'deployment/stuck', '--timeout=1s'], undefined, env);
    expect(w.stderr).toBe('error: timed out waiting for the condition on deployments/stuck\n');
    expect(k(['wait', '--for=condition=Available', 'deployment/slow', '--timeout=5s']).stdout).toBe('deployment.apps/slow condition met\n');
  });

  it('deletes what was applied, labels and creates namespaces', () => {
    const hw = upstream('samples/helloworld.yaml');
    const d = k(['delete', '-f', '-', '--ignore-not-found'], hw);
    expect(d.stdout).toBe('service "helloworld" deleted from default namespace\ndeployment.apps "helloworld-v1" deleted from default namespace\ndeployment.apps "helloworld-v2" deleted from default namespace\n');
    expect(k(['delete', '-f', '-', '--ignore-not-found'], hw).stdout).toBe('');
    expect(k(['delete', '-f', '-'], hw).stderr).toContain('Error from server (NotFound): error when deleting "STDIN": services "helloworld" not found');
    expect(k(['label', 'namespace', 'default', 'istio-injection=enabled']).stdout).toBe('namespace/default labeled\n');
    expect(k(['label', 'ns', 'default', 'istio-injection=disabled']).stderr).toBe("error: 'istio-injection' already has a value (enabled), and --overwrite is false\n");
    expect(k(['create', 'namespace', 'demo']).stdout).toBe('namespace/demo created\n');
    expect(k(['create', 'namespace', 'demo']).stderr).toBe('Error from server (AlreadyExists): namespaces "demo" already exists\n');
  });

  it('injects the kubectl-apply fault', () => {
    const r = k(['apply', '-f', '-'], upstream('samples/helloworld.yaml'), { MESHLAB_SIM_FAIL: 'kubectl-apply' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^Error from server \(ServiceUnavailable\)/);
  });
});
