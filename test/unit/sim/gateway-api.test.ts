// Unit tests of the simulated Gateway API: the standard-channel CRDs of gateway-api v1.5.1
// (strict schemas), istiod's GatewayClasses, the automated deployment, Gateway and HTTPRoute
// status, the short names and the `kubectl get gateway` ambiguity.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab } from './tools-harness.js';

const INSTALL = readFileSync(resolve(import.meta.dirname, '../../fixtures/gateway-api-v1.5.1/standard-install.yaml'), 'utf8');
let lab: Lab;
const cluster = () => ['--kubeconfig', lab.kubeconfig, '--context', lab.context];
const k = (args: string[], input?: string, env?: Record<string, string>) => lab.run('kubectl', [...cluster(), ...args], { input, env });
const json = (args: string[]) => JSON.parse(k([...args, '-o', 'json']).stdout);

const GATEWAY = `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: mesh-lab
  namespace: default
spec:
  gatewayClassName: istio
  listeners:
  - name: http
    port: 80
    protocol: HTTP
`;
const route = (backend: string) => `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: helloworld
  namespace: default
spec:
  parentRefs:
  - name: mesh-lab
  rules:
  - matches:
    - path:
        type: Exact
        value: /helloworld
    backendRefs:
    - name: ${backend}
      port: 9095
`;
const SERVICE = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: helloworldservice\nspec:\n  ports:\n  - port: 9095\n    name: http\n  selector:\n    app: helloworld\n';

beforeAll(async () => {
  lab = await startLab('gwapi');
});
afterAll(async () => {
  await lab.close();
});

describe('simulated Gateway API', () => {
  it('limits annotations to 256 KiB, so a client-side apply of an object over it fails (the last-applied copy)', () => {
    const big = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n  x: "${'a'.repeat(270_000)}"\n`;
    const r = k(['apply', '-f', '-'], big);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('The ConfigMap "big" is invalid: metadata.annotations: Too long: must have at most 262144 bytes\n');
    expect(k(['apply', '--server-side=true', '-f', '-'], big).code).toBe(0);
  });

  it('installs standard-install.yaml server-side; istiod arriving afterwards creates the GatewayClasses', () => {
    const r = k(['apply', '--server-side=true', '-f', '-'], INSTALL);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('customresourcedefinition.apiextensions.k8s.io/gateways.gateway.networking.k8s.io serverside-applied');
    expect(r.stdout).toContain('validatingadmissionpolicybinding.admissionregistration.k8s.io/safe-upgrades.gateway.networking.k8s.io serverside-applied');
    expect(k(['get', 'gatewayclass', '-o', 'name']).stdout).toBe('');
    const install = lab.run('istioctl', ['install', '-y', '--set', 'profile=minimal', ...cluster()]);
    expect(install.code).toBe(0);
    const classes = json(['get', 'gc']).items.map((c: any) => [c.metadata.name, c.spec.controllerName]);
    expect(classes).toEqual([['istio', 'istio.io/gateway-controller'], ['istio-remote', 'istio.io/unmanaged-gateway']]);
  });

  it('validates Gateway API objects strictly against the real schemas', () => {
    const bad = k(['apply', '-f', '-'], GATEWAY.replace('protocol: HTTP', 'protocol: HTTP\n    hostnme: x'));
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('strict decoding error: unknown field "spec.listeners[0].hostnme"');
    const missing = k(['apply', '-f', '-'], GATEWAY.replace('  gatewayClassName: istio\n', ''));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('spec.gatewayClassName: Required value');
  });

  it('deploys NAME-istio for a Gateway: labels, status-port first, LoadBalancer pending => AddressNotAssigned', () => {
    expect(k(['apply', '-f', '-'], GATEWAY).stdout).toBe('gateway.gateway.networking.k8s.io/mesh-lab created\n');
    const svc = json(['get', 'svc', 'mesh-lab-istio']);
    expect(svc.spec.type).toBe('LoadBalancer');
    expect(svc.metadata.labels['gateway.networking.k8s.io/gateway-name']).toBe('mesh-lab');
    expect(svc.spec.ports.map((p: any) => [p.name, p.port, p.appProtocol])).toEqual([['status-port', 15021, 'tcp'], ['http', 80, 'http']]);
    expect(json(['get', 'sa', 'mesh-lab-istio']).metadata.name).toBe('mesh-lab-istio');
    expect(json(['get', 'deploy', 'mesh-lab-istio']).spec.selector.matchLabels).toEqual({ 'gateway.networking.k8s.io/gateway-name': 'mesh-lab' });
    const gw = json(['get', 'gtw', 'mesh-lab']);
    const programmed = gw.status.conditions.find((c: any) => c.type === 'Programmed');
    expect(programmed).toMatchObject({ status: 'False', reason: 'AddressNotAssigned' });
    expect(programmed.message).toContain('address pending for hostname "mesh-lab-istio.default.svc.cluster.local"');
    expect(gw.status.addresses).toBeUndefined();
    const wait = k(['wait', '--for=condition=programmed', 'gtw/mesh-lab', '--timeout=1s']);
    expect(wait.code).toBe(1);
    expect(wait.stderr).toContain('timed out waiting for the condition');
  });

  it('changes the Service type by annotation and patches it through parametersRef; then Programmed=True', () => {
    const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: gw-options\ndata:\n  service: |\n    spec:\n      ports:\n      - port: 80\n        nodePort: 30080\n';
    expect(k(['apply', '-f', '-'], cm).code).toBe(0);
    const annotated = GATEWAY.replace('  namespace: default\n', '  namespace: default\n  annotations:\n    networking.istio.io/service-type: NodePort\n')
      .replace('spec:\n', 'spec:\n  infrastructure:\n    parametersRef:\n      group: ""\n      kind: ConfigMap\n      name: gw-options\n');
    const r = k(['apply', '-f', '-'], annotated);
    expect(r.stderr).toBe('');
    const svc = json(['get', 'svc', 'mesh-lab-istio']);
    expect(svc.spec.type).toBe('NodePort');
    expect(svc.spec.ports.find((p: any) => p.port === 80).nodePort).toBe(30080);
    const gw = json(['get', 'gateway', 'mesh-lab']);
    expect(gw.status.conditions.find((c: any) => c.type === 'Programmed')).toMatchObject({ status: 'True', reason: 'Programmed' });
    expect(gw.status.addresses).toEqual([{ type: 'Hostname', value: 'mesh-lab-istio.default.svc.cluster.local' }]);
    const wait = k(['wait', '--for=condition=programmed', 'gtw/mesh-lab', '--timeout=5s']);
    expect(wait.stdout).toBe('gateway.gateway.networking.k8s.io/mesh-lab condition met\n');
  });

  it('reports BackendNotFound for a missing backend, then ResolvedRefs once the Service exists', () => {
    expect(k(['apply', '-f', '-'], route('helloworldservice')).code).toBe(0);
    const cond = () => json(['get', 'httproute', 'helloworld']).status.parents[0].conditions.map((c: any) => [c.type, c.status, c.reason]);
    expect(cond()).toEqual([['Accepted', 'True', 'Accepted'], ['ResolvedRefs', 'False', 'BackendNotFound']]);
    expect(k(['get', 'httproute', 'helloworld', '-o', 'jsonpath={.status.parents[0].conditions[1].message}']).stdout).toBe('backend(helloworldservice.default.svc.cluster.local) not found');
    expect(k(['apply', '-f', '-'], SERVICE).code).toBe(0);
    expect(cond()).toEqual([['Accepted', 'True', 'Accepted'], ['ResolvedRefs', 'True', 'ResolvedRefs']]);
    expect(json(['get', 'gtw', 'mesh-lab']).status.listeners[0].attachedRoutes).toBe(1);
  });

  it('refuses a route from another namespace unless the listener allows it (allowedRoutes)', () => {
    expect(k(['create', 'namespace', 'other']).code).toBe(0);
    const foreign = route('helloworldservice').replace('namespace: default', 'namespace: other').replace('  - name: mesh-lab\n', '  - name: mesh-lab\n    namespace: default\n');
    expect(k(['apply', '-f', '-'], foreign).stderr).toBe('');
    const accepted = () => json(['get', 'httproute', 'helloworld', '-n', 'other']).status.parents[0].conditions[0];
    expect(accepted()).toMatchObject({ type: 'Accepted', status: 'False', reason: 'NotAllowedByListeners' });
    const selector = GATEWAY.replace('    protocol: HTTP\n', '    protocol: HTTP\n    allowedRoutes:\n      namespaces:\n        from: Selector\n        selector:\n          matchLabels:\n            kubernetes.io/metadata.name: other\n');
    expect(k(['apply', '-f', '-'], selector).stderr).toBe('');
    expect(accepted()).toMatchObject({ type: 'Accepted', status: 'True', reason: 'Accepted' });
    expect(k(['delete', 'namespace', 'other']).code).toBe(0);
  });

  it('a backend in another namespace needs a ReferenceGrant there (RefNotPermitted), a mesh route does not', () => {
    expect(k(['create', 'namespace', 'backends']).code).toBe(0);
    expect(k(['apply', '-n', 'backends', '-f', '-'], SERVICE).code).toBe(0);
    const cross = route('helloworldservice').replace('      port: 9095\n', '      namespace: backends\n      port: 9095\n');
    expect(k(['apply', '-f', '-'], cross).stderr).toBe('');
    const resolved = () => json(['get', 'httproute', 'helloworld']).status.parents[0].conditions[1];
    expect(resolved()).toMatchObject({ type: 'ResolvedRefs', status: 'False', reason: 'RefNotPermitted', message: 'backendRef helloworldservice/backends not accessible to a HTTPRoute in namespace "default" (missing a ReferenceGrant?)' });
    const grant = 'apiVersion: gateway.networking.k8s.io/v1beta1\nkind: ReferenceGrant\nmetadata:\n  name: from-default\n  namespace: backends\nspec:\n  from:\n  - group: gateway.networking.k8s.io\n    kind: HTTPRoute\n    namespace: default\n  to:\n  - group: ""\n    kind: Service\n';
    expect(k(['apply', '-f', '-'], grant).stderr).toBe('');
    expect(resolved()).toMatchObject({ type: 'ResolvedRefs', status: 'True' });
    expect(k(['delete', 'referencegrant', 'from-default', '-n', 'backends']).code).toBe(0);
    const mesh = cross.replace('  - name: mesh-lab\n', '  - group: ""\n    kind: Service\n    name: helloworldservice\n    namespace: backends\n');
    expect(k(['apply', '-f', '-'], mesh).stderr).toBe('');
    expect(resolved()).toMatchObject({ type: 'ResolvedRefs', status: 'True' });
    expect(k(['apply', '-f', '-'], route('helloworldservice')).code).toBe(0);
    expect(k(['delete', 'namespace', 'backends']).code).toBe(0);
  });

  it('resolves `gateway` to the Gateway API kind once both CRD sets exist; `gw` stays Istio', () => {
    expect(k(['get', 'gateway', '-o', 'name']).stdout).toBe('gateway.gateway.networking.k8s.io/mesh-lab\n');
    expect(k(['get', 'gw', '-o', 'name']).stdout).toBe('');
  });

  it('garbage-collects NAME-istio when the Gateway is deleted', () => {
    expect(k(['delete', 'gtw', 'mesh-lab']).code).toBe(0);
    expect(k(['get', 'svc,deploy,sa', '-o', 'name']).stdout).not.toContain('mesh-lab-istio');
  });
});
