// Gateway API traffic through the simulated Istio gateway, decided purely: the automated
// NAME-istio deployment behind a NodePort, HTTPRoute matching (PathPrefix by segment,
// Exact, RegularExpression, headers, query params, method, precedence), weights,
// timeouts.request, filters, the 500 of a missing backend and the 404s.
import { describe, expect, it } from 'vitest';
import type { K8sObject } from '../../sim/src/lib/store.js';
import { decide } from '../../sim/src/mesh/route.js';
import type { Decision, MeshRequest } from '../../sim/src/mesh/types.js';
import { pathMatches } from '../../sim/src/mesh/gateway-api/match.js';
import { toIstioRoute } from '../../sim/src/mesh/gateway-api/hop.js';
import { cluster, deployment, LONG_AGO, NOW, opts, service } from './mesh-fixtures.js';

const GW_POD = { 'gateway.networking.k8s.io/gateway-name': 'mesh-lab' };
const gwApi = (kind: string, name: string, spec: Record<string, unknown>, created = LONG_AGO): K8sObject => ({
  apiVersion: 'gateway.networking.k8s.io/v1', kind, metadata: { name, namespace: 'mesh-lab', creationTimestamp: new Date(created).toISOString() }, spec, __sim: { appliedAt: LONG_AGO },
});
const gatewayObjects = (): K8sObject[] => [
  gwApi('Gateway', 'mesh-lab', { gatewayClassName: 'istio', listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }] }),
  deployment('mesh-lab', 'mesh-lab-istio', GW_POD, { name: 'istio-proxy', image: 'auto' }),
  service('mesh-lab', 'mesh-lab-istio', GW_POD, [{ name: 'status-port', port: 15021, nodePort: 31021 }, { name: 'http', port: 80, nodePort: 31080 }], 'NodePort'),
  service('mesh-lab', 'helloworld-v1', { app: 'helloworld', version: 'v1' }, [{ name: 'http', port: 5000 }]),
  service('mesh-lab', 'helloworld-v2', { app: 'helloworld', version: 'v2' }, [{ name: 'http', port: 5000 }]),
];
const backend = (name: string, weight?: number) => ({ name, port: 5000, ...(weight !== undefined ? { weight } : {}) });
const route = (name: string, rules: unknown[], created = LONG_AGO) => gwApi('HTTPRoute', name, { parentRefs: [{ name: 'mesh-lab' }], rules }, created);
const objs = (...routes: K8sObject[]) => [...cluster(), ...gatewayObjects(), ...routes];

const req = (path: string, headers: Record<string, string> = {}, method = 'GET'): MeshRequest => ({ method, path, headers: { host: '172.18.0.2:31080', ...headers }, nodePort: 31080 });
const status = (d: Decision) => (d.kind === 'respond' ? d.response.status : 'reset');
const version = (d: Decision) => (d.kind === 'respond' ? /Hello version: (v\d)/.exec(d.response.body)?.[1] ?? String(d.response.status) : 'reset');

describe('simulated Gateway API routing', () => {
  it('matches PathPrefix by path element, Exact exactly, RegularExpression fully', () => {
    expect(pathMatches({ type: 'PathPrefix', value: '/hello' }, '/hello')).toBe(true);
    expect(pathMatches({ type: 'PathPrefix', value: '/hello' }, '/hello/x')).toBe(true);
    expect(pathMatches({ type: 'PathPrefix', value: '/hello/' }, '/hello')).toBe(true);
    expect(pathMatches({ type: 'PathPrefix', value: '/hello' }, '/helloworld')).toBe(false);
    expect(pathMatches({ type: 'Exact', value: '/hello' }, '/hello/')).toBe(false);
    expect(pathMatches({ type: 'RegularExpression', value: '/hel+o' }, '/hello')).toBe(true);
    expect(pathMatches({ type: 'RegularExpression', value: '/hel' }, '/hello')).toBe(false);
    expect(pathMatches(undefined, '/anything')).toBe(true);
  });

  it('routes Exact /hello to its backend; an unmatched path is 404; the status port answers', () => {
    const o = objs(route('hello', [{ matches: [{ path: { type: 'Exact', value: '/hello' } }], backendRefs: [backend('helloworld-v1')] }]));
    expect(version(decide(o, req('/hello'), NOW, opts()))).toBe('v1');
    expect(status(decide(o, req('/other'), NOW, opts()))).toBe(404);
    expect(status(decide(o, { ...req('/healthz/ready'), nodePort: 31021 }, NOW, opts()))).toBe(200);
  });

  it('resets the connection when no Gateway API listener is on the port', () => {
    const o = objs().map((x) => (x.kind === 'Gateway' && x.apiVersion.startsWith('gateway.') ? { ...x, spec: { ...x.spec, listeners: [{ name: 'http', port: 8080, protocol: 'HTTP' }] } } : x));
    expect(status(decide(o, req('/hello'), NOW, opts()))).toBe('reset');
  });

  it('matches headers, query params and method; the more specific match wins', () => {
    const o = objs(route('hello', [
      { matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs: [backend('helloworld-v1')] },
      { matches: [{ path: { type: 'PathPrefix', value: '/' }, headers: [{ name: 'End-User', value: 'jason' }] }], backendRefs: [backend('helloworld-v2')] },
      { matches: [{ path: { type: 'PathPrefix', value: '/' }, queryParams: [{ name: 'v', type: 'RegularExpression', value: '2|two' }] }], backendRefs: [backend('helloworld-v2')] },
      { matches: [{ path: { type: 'PathPrefix', value: '/' }, method: 'POST' }], rules: undefined },
    ]));
    expect(version(decide(o, req('/hello'), NOW, opts()))).toBe('v1');
    expect(version(decide(o, req('/hello', { 'end-user': 'jason' }), NOW, opts()))).toBe('v2');
    expect(version(decide(o, req('/hello?v=two'), NOW, opts()))).toBe('v2');
    expect(version(decide(o, req('/hello?v=three'), NOW, opts()))).toBe('v1');
    expect(status(decide(o, req('/hello', {}, 'POST'), NOW, opts()))).toBe(404); // a rule with no backendRefs
  });

  it('splits by weight (a seeded random draw per request, as Envoy draws) and never picks weight 0', () => {
    const split = (w1: number, w2: number, n: number) => {
      const o = objs(route('hello', [{ backendRefs: [backend('helloworld-v1', w1), backend('helloworld-v2', w2)] }]));
      const counts: Record<string, number> = {};
      const op = opts();
      for (let i = 0; i < n; i++) {
        const v = version(decide(o, req('/hello'), NOW, op));
        counts[v] = (counts[v] ?? 0) + 1;
      }
      return counts;
    };
    // 1000 draws of p = 0.9: a 99.9 % interval is about ±31 around 900
    const c = split(90, 10, 1000);
    expect(c.v1! + c.v2!).toBe(1000);
    expect(c.v1).toBeGreaterThan(869);
    expect(c.v1).toBeLessThan(931);
    expect(split(0, 1, 100)).toEqual({ v2: 100 });
    expect(split(0, 0, 100)).toEqual({ 500: 100 });
  });

  it('answers 500 for a missing backend Service (BackendNotFound)', () => {
    const o = objs(route('hello', [{ matches: [{ path: { type: 'Exact', value: '/hello' } }], backendRefs: [backend('helloworldx')] }]));
    expect(status(decide(o, req('/hello'), NOW, opts()))).toBe(500);
  });

  it('answers 500 for a backend in another namespace without a ReferenceGrant there, and routes it with one', () => {
    const other = { ...service('other', 'helloworld-v1', { app: 'helloworld', version: 'v1' }, [{ name: 'http', port: 5000 }]) };
    const rule = { matches: [{ path: { type: 'Exact', value: '/hello' } }], backendRefs: [{ ...backend('helloworld-v1'), namespace: 'other' }] };
    expect(status(decide([...objs(route('hello', [rule])), other], req('/hello'), NOW, opts()))).toBe(500);
    const grant: K8sObject = {
      apiVersion: 'gateway.networking.k8s.io/v1beta1', kind: 'ReferenceGrant', metadata: { name: 'from-mesh-lab', namespace: 'other' },
      spec: { from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'mesh-lab' }], to: [{ group: '', kind: 'Service', name: 'helloworld-v1' }] },
    };
    expect(status(decide([...objs(route('hello', [rule])), other, grant], req('/hello'), NOW, opts()))).not.toBe(500);
  });

  it('applies timeouts.request as the route timeout, and header filters', () => {
    const rule = {
      filters: [{ type: 'ResponseHeaderModifier', responseHeaderModifier: { set: [{ name: 'x-lab', value: 'gwapi' }] } }],
      timeouts: { request: '500ms' },
      backendRefs: [backend('helloworld-v1')],
    };
    expect(toIstioRoute(rule, rule.backendRefs[0]!, 'mesh-lab', undefined)).toMatchObject({
      timeout: '500ms', route: [{ destination: { host: 'helloworld-v1.mesh-lab.svc.cluster.local', port: { number: 5000 } } }],
    });
    const d = decide(objs(route('hello', [rule])), req('/hello'), NOW, opts());
    expect(d.kind === 'respond' && d.response.headers['x-lab']).toBe('gwapi');
  });
});
