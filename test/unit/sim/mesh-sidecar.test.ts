// Requests leaving a pod through its sidecar: outbound traffic policy, ServiceEntry,
// egress gateway, and a caller-side timeout on the way to the ingress gateway.
import { describe, expect, it } from 'vitest';
import { sidecarOutbound, type OutboundResult } from '../../sim/src/mesh/sidecar.js';
import { outboundMode } from '../../sim/src/mesh/mesh-config.js';
import type { K8sObject } from '../../sim/src/lib/store.js';
import { cluster, deployment, helloRoute, helloVs, istio, LONG_AGO, NOW, opts, service } from './mesh-fixtures.js';

const client = { name: 'curl-abc', namespace: 'mesh-lab', injected: true };
function get(objs: K8sObject[], url: string, headers: Record<string, string> = {}, c = client): OutboundResult {
  const u = new URL(url);
  return sidecarOutbound(objs, c, { method: 'GET', url: u, headers: { host: u.host, 'user-agent': 'curl/8.11.1', accept: '*/*', ...headers } }, NOW, opts());
}
const httpbinSE = istio('ServiceEntry', 'mesh-lab', 'httpbin-ext', { hosts: ['httpbin.org'], ports: [{ number: 80, name: 'http', protocol: 'HTTP' }], resolution: 'DNS', location: 'MESH_EXTERNAL' });

describe('outbound traffic policy', () => {
  it('reads meshConfig.outboundTrafficPolicy.mode from the istio ConfigMap (default ALLOW_ANY)', () => {
    expect(outboundMode(cluster('REGISTRY_ONLY'))).toBe('REGISTRY_ONLY');
    expect(outboundMode(cluster('ALLOW_ANY'))).toBe('ALLOW_ANY');
    expect(outboundMode([])).toBe('ALLOW_ANY');
  });

  it('ALLOW_ANY passes unknown hosts through to the (simulated) internet', () => {
    const r = get(cluster(), 'http://httpbin.org/headers');
    expect(r).toMatchObject({ kind: 'http', response: { status: 200 } });
    expect(r.kind === 'http' && r.response.body).toMatch(/"Host": "httpbin\.org"/);
    expect(get(cluster(), 'https://www.google.com')).toMatchObject({ kind: 'http', httpVersion: '2', response: { status: 200 } });
  });

  it('REGISTRY_ONLY: HTTP gets 502 with an empty body from the sidecar; HTTPS fails the handshake (35)', () => {
    const objs = cluster('REGISTRY_ONLY');
    expect(get(objs, 'http://httpbin.org/headers')).toMatchObject({ kind: 'http', response: { status: 502, body: '', headers: { server: 'envoy' } } });
    expect(get(objs, 'https://www.google.com')).toMatchObject({ kind: 'error', code: 35, message: 'OpenSSL SSL_connect: SSL_ERROR_SYSCALL in connection to www.google.com:443 ' });
  });

  it('a ServiceEntry registers the host; other hosts stay blocked', () => {
    const objs = [...cluster('REGISTRY_ONLY'), httpbinSE];
    const r = get(objs, 'http://httpbin.org/headers');
    expect(r).toMatchObject({ kind: 'http', response: { status: 200 } });
    expect(r.kind === 'http' && r.response.body).toMatch(/"Host": "httpbin\.org"/);
    expect(get(objs, 'http://httpbin.org/status/418')).toMatchObject({ response: { status: 418 } });
    expect(get(objs, 'https://www.google.com')).toMatchObject({ kind: 'error', code: 35 });
  });

  it('a ServiceEntry only counts once propagated', () => {
    const fresh = istio('ServiceEntry', 'mesh-lab', 'httpbin-ext', httpbinSE.spec, NOW - 100);
    expect(get([...cluster('REGISTRY_ONLY'), fresh], 'http://httpbin.org/headers')).toMatchObject({ response: { status: 502 } });
  });

  it("a namespace's Sidecar (no workloadSelector) sets the policy for that namespace only, once propagated", () => {
    const sc = istio('Sidecar', 'mesh-lab', 'default', { outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' } });
    const objs = [...cluster('ALLOW_ANY'), sc];
    expect(outboundMode(objs, 'mesh-lab')).toBe('REGISTRY_ONLY');
    expect(outboundMode(objs, 'other')).toBe('ALLOW_ANY');
    expect(get(objs, 'http://httpbin.org/headers')).toMatchObject({ response: { status: 502 } });
    expect(get(objs, 'http://httpbin.org/headers', {}, { ...client, namespace: 'other' })).toMatchObject({ response: { status: 200 } });
    // it overrides the mesh config both ways, and a workloadSelector Sidecar is not namespace-wide
    expect(outboundMode([...cluster('REGISTRY_ONLY'), istio('Sidecar', 'mesh-lab', 'default', { outboundTrafficPolicy: { mode: 'ALLOW_ANY' } })], 'mesh-lab')).toBe('ALLOW_ANY');
    expect(outboundMode([...cluster('ALLOW_ANY'), istio('Sidecar', 'mesh-lab', 'one', { workloadSelector: { labels: { app: 'x' } }, outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' } })], 'mesh-lab')).toBe('ALLOW_ANY');
    const fresh = istio('Sidecar', 'mesh-lab', 'default', sc.spec, NOW - 100);
    expect(get([...cluster('ALLOW_ANY'), fresh], 'http://httpbin.org/headers')).toMatchObject({ response: { status: 200 } });
  });

  it('unknown names do not resolve (curl 6); nothing real is contacted', () => {
    expect(get(cluster(), 'http://no-such-host.invalid/')).toMatchObject({ kind: 'error', code: 6, message: 'Could not resolve host: no-such-host.invalid' });
  });

  it('in-cluster Services resolve by short and qualified names and route by their mesh VirtualService', () => {
    expect(get(cluster(), 'http://helloworld:5000/hello')).toMatchObject({ kind: 'http', response: { status: 200 } });
    const objs = [...cluster(), istio('VirtualService', 'mesh-lab', 'hw', { hosts: ['helloworld'], http: [{ route: [{ destination: { host: 'helloworld', subset: 'v2' } }] }] })];
    for (let i = 0; i < 5; i++) {
      const r = get(objs, 'http://helloworld.mesh-lab.svc.cluster.local:5000/hello');
      expect(r.kind === 'http' && r.response.body).toMatch(/^Hello version: v2,/);
    }
  });
});

describe('egress gateway (demo profile)', () => {
  const egress = (): K8sObject[] => [
    ...cluster('REGISTRY_ONLY'),
    httpbinSE,
    istio('Gateway', 'mesh-lab', 'istio-egressgateway', { selector: { istio: 'egressgateway' }, servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['httpbin.org'] }] }),
    istio('DestinationRule', 'mesh-lab', 'egressgateway-for-httpbin', { host: 'istio-egressgateway.istio-system.svc.cluster.local', subsets: [{ name: 'httpbin' }] }),
    istio('VirtualService', 'mesh-lab', 'direct-httpbin-through-egress-gateway', {
      hosts: ['httpbin.org'], gateways: ['istio-egressgateway', 'mesh'],
      http: [
        { match: [{ gateways: ['mesh'], port: 80 }], route: [{ destination: { host: 'istio-egressgateway.istio-system.svc.cluster.local', subset: 'httpbin', port: { number: 80 } }, weight: 100 }] },
        { match: [{ gateways: ['istio-egressgateway'], port: 80 }], route: [{ destination: { host: 'httpbin.org', port: { number: 80 } }, weight: 100 }], headers: { response: { set: { 'x-mesh-lab-egress': 'istio-egressgateway' } } } },
      ],
    }),
  ];

  it('two hops: sidecar → egress gateway → httpbin.org, with the egress hop’s response header', () => {
    const r = get(egress(), 'http://httpbin.org/headers');
    expect(r).toMatchObject({ kind: 'http', response: { status: 200, headers: { 'x-mesh-lab-egress': 'istio-egressgateway' } } });
  });

  it('without the egress gateway Deployment (default profile) the route has no healthy upstream', () => {
    const objs = egress().filter((o) => o.metadata.name !== 'istio-egressgateway' || o.kind !== 'Deployment');
    expect(get(objs, 'http://httpbin.org/headers')).toMatchObject({ response: { status: 503, body: 'no healthy upstream' } });
  });
});

describe('caller-side timeout towards the ingress gateway (request-timeouts lab)', () => {
  const slow = () => [...cluster(), helloVs([helloRoute({ fault: { delay: { percentage: { value: 100 }, fixedDelay: '2s' } } })])];
  const timeoutVs = istio('VirtualService', 'mesh-lab', 'ingressgateway-timeout', {
    hosts: ['istio-ingressgateway.istio-system.svc.cluster.local'],
    http: [{ timeout: '0.5s', route: [{ destination: { host: 'istio-ingressgateway.istio-system.svc.cluster.local', port: { number: 80 } } }] }],
  });

  it('without a timeout the client waits for the gateway’s delay', () => {
    const r = get(slow(), 'http://istio-ingressgateway.istio-system/hello');
    expect(r).toMatchObject({ kind: 'http', latencyMs: 2000, response: { status: 200 } });
    expect(r.kind === 'http' && r.response.body).toMatch(/^Hello version: v1,/);
  });

  it('with a 0.5 s timeout the sidecar answers 504 after 0.5 s', () => {
    expect(get([...slow(), timeoutVs], 'http://istio-ingressgateway.istio-system/hello')).toMatchObject({
      kind: 'http', latencyMs: 500, response: { status: 504, body: 'upstream request timeout' },
    });
  });

  it('a fast backend is answered within the timeout', () => {
    const objs = [...cluster(), helloVs([helloRoute()]), timeoutVs];
    expect(get(objs, 'http://istio-ingressgateway.istio-system/hello')).toMatchObject({ kind: 'http', latencyMs: 0, response: { status: 200 } });
  });
});

describe('Gateway API mesh routes (GAMMA): an HTTPRoute whose parentRef is a Service', () => {
  const slow = () => [...cluster(), helloVs([helloRoute({ fault: { delay: { percentage: { value: 100 }, fixedDelay: '2s' } } })])];
  const meshRoute = (ns: string, timeout: string, created = NOW - 30_000): K8sObject => ({
    apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute',
    metadata: { name: 'ingressgateway-timeout', namespace: ns, creationTimestamp: new Date(created).toISOString() },
    spec: {
      parentRefs: [{ group: '', kind: 'Service', name: 'istio-ingressgateway', namespace: 'istio-system', port: 80 }],
      rules: [{ timeouts: { request: timeout }, backendRefs: [{ name: 'istio-ingressgateway', namespace: 'istio-system', port: 80 }] }],
    },
    __sim: { appliedAt: NOW - 30_000 },
  });

  it('a consumer route in the client\'s namespace gives its clients timeouts.request: 504 after 0.5 s', () => {
    expect(get([...slow(), meshRoute('mesh-lab', '500ms')], 'http://istio-ingressgateway.istio-system/hello')).toMatchObject({
      kind: 'http', latencyMs: 500, response: { status: 504, body: 'upstream request timeout' },
    });
  });

  it('a consumer route does not apply to clients of other namespaces', () => {
    const other = { ...client, namespace: 'elsewhere' };
    expect(get([...slow(), meshRoute('mesh-lab', '500ms')], 'http://istio-ingressgateway.istio-system/hello', {}, other)).toMatchObject({ kind: 'http', latencyMs: 2000, response: { status: 200 } });
  });

  it('with a mesh VirtualService for the same host too, the older one is used (no merging)', () => {
    const vs = istio('VirtualService', 'mesh-lab', 'ingressgateway-timeout-vs', {
      hosts: ['istio-ingressgateway.istio-system.svc.cluster.local'],
      http: [{ timeout: '1s', route: [{ destination: { host: 'istio-ingressgateway.istio-system.svc.cluster.local', port: { number: 80 } } }] }],
    });
    const olderVs = { ...vs, metadata: { ...vs.metadata, creationTimestamp: new Date(NOW - 50_000).toISOString() } };
    expect(get([...slow(), olderVs, meshRoute('mesh-lab', '500ms')], 'http://istio-ingressgateway.istio-system/hello')).toMatchObject({ latencyMs: 1000, response: { status: 504 } });
    const newerVs = { ...vs, metadata: { ...vs.metadata, creationTimestamp: new Date(NOW - 10_000).toISOString() } };
    expect(get([...slow(), newerVs, meshRoute('mesh-lab', '500ms')], 'http://istio-ingressgateway.istio-system/hello')).toMatchObject({ latencyMs: 500, response: { status: 504 } });
  });
});

describe('egress through a Gateway API egress gateway (istio.io\'s Gateway API tab)', () => {
  const GW = { 'gateway.networking.k8s.io/gateway-name': 'httpbin-egress-gateway' };
  const gwApi = (kind: string, name: string, spec: Record<string, unknown>): K8sObject => ({
    apiVersion: 'gateway.networking.k8s.io/v1', kind, metadata: { name, namespace: 'mesh-lab', creationTimestamp: new Date(LONG_AGO).toISOString() }, spec, __sim: { appliedAt: LONG_AGO },
  });
  const egress = (backend = 'httpbin-egress-gateway-istio'): K8sObject[] => [
    ...cluster('REGISTRY_ONLY'),
    httpbinSE,
    gwApi('Gateway', 'httpbin-egress-gateway', { gatewayClassName: 'istio', listeners: [{ name: 'http', hostname: 'httpbin.org', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'Same' } } }] }),
    deployment('mesh-lab', 'httpbin-egress-gateway-istio', GW, { name: 'istio-proxy', image: 'auto' }),
    service('mesh-lab', 'httpbin-egress-gateway-istio', GW, [{ name: 'status-port', port: 15021 }, { name: 'http', port: 80 }], 'ClusterIP'),
    gwApi('HTTPRoute', 'direct-httpbin-to-egress-gateway', { parentRefs: [{ kind: 'ServiceEntry', group: 'networking.istio.io', name: 'httpbin-ext' }], rules: [{ backendRefs: [{ name: backend, port: 80 }] }] }),
    gwApi('HTTPRoute', 'forward-httpbin-from-egress-gateway', {
      parentRefs: [{ name: 'httpbin-egress-gateway' }], hostnames: ['httpbin.org'],
      rules: [{ filters: [{ type: 'ResponseHeaderModifier', responseHeaderModifier: { set: [{ name: 'x-mesh-lab-egress', value: 'httpbin-egress-gateway' }] } }], backendRefs: [{ kind: 'Hostname', group: 'networking.istio.io', name: 'httpbin.org', port: 80 }] }],
    }),
  ];

  it('a mesh route whose parent is the ServiceEntry sends the host to the egress gateway, which forwards it to the Hostname backend', () => {
    const r = get(egress(), 'http://httpbin.org/headers');
    expect(r).toMatchObject({ kind: 'http', response: { status: 200, headers: { 'x-mesh-lab-egress': 'httpbin-egress-gateway' } } });
    expect(r.kind === 'http' && r.response.body).toMatch(/"Host": "httpbin\.org"/);
  });

  it('a typo\'d backend of the mesh route gets 500 from the sidecar', () => {
    expect(get(egress('httpbin-egress-gatway-istio'), 'http://httpbin.org/headers')).toMatchObject({ kind: 'http', response: { status: 500 } });
  });

  it('a Hostname backend without a ServiceEntry for it gets 500 at the gateway', () => {
    const objs = egress().map((o) => (o.metadata.name === 'forward-httpbin-from-egress-gateway'
      ? { ...o, spec: { ...o.spec, rules: [{ backendRefs: [{ kind: 'Hostname', group: 'networking.istio.io', name: 'example.org', port: 80 }] }] } }
      : o));
    expect(get(objs, 'http://httpbin.org/headers')).toMatchObject({ kind: 'http', response: { status: 500 } });
  });
});

describe('pods without a sidecar', () => {
  it('bypass mesh routing and the outbound policy', () => {
    const plain = { ...client, injected: false };
    expect(get(cluster('REGISTRY_ONLY'), 'http://httpbin.org/headers', {}, plain)).toMatchObject({ response: { status: 200 } });
    const objs = cluster().filter((o) => !o.metadata.name.startsWith('helloworld-'));
    expect(get(objs, 'http://helloworld:5000/hello', {}, plain)).toMatchObject({ kind: 'error', code: 7 });
  });
});
