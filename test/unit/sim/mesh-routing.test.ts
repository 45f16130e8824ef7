// Pure routing decisions of the simulated Istio ingress gateway: (objects, request,
// time) → reset / Envoy-local response / upstream app response. No Docker, no network.
import { describe, expect, it } from 'vitest';
import type { K8sObject } from '../../sim/src/lib/store.js';
import { connectionDecision, decide } from '../../sim/src/mesh/route.js';
import { ingressNodePorts } from '../../sim/src/mesh/ingress.js';
import type { Decision, MeshOptions, MeshRequest } from '../../sim/src/mesh/types.js';

const NOW = 1_800_000_000_000;
const LONG_AGO = NOW - 60_000;
const opts = (over: Partial<MeshOptions> = {}): MeshOptions => ({
  propagationMs: 1500,
  readyMs: 800,
  faults: new Set(),
  pick: () => 0,
  pickWeight: () => 0,
  ...over,
});

const at = <T extends K8sObject>(o: T, appliedAt = LONG_AGO): T => ({ ...o, __sim: { appliedAt } });

function deployment(ns: string, name: string, labels: Record<string, string>, container: Record<string, unknown>, appliedAt = LONG_AGO): K8sObject {
  return at(
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, namespace: ns, uid: `uid-${ns}-${name}` },
      spec: { replicas: 1, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name, ...container }] } } },
    },
    appliedAt,
  );
}

function service(ns: string, name: string, selector: Record<string, string>, ports: unknown[], type?: string): K8sObject {
  return at({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: ns }, spec: { ...(type ? { type } : {}), selector, ports } });
}

function gateway(ns: string, name: string, hosts: string[], port = 80, protocol = 'HTTP', appliedAt = LONG_AGO): K8sObject {
  return at(
    { apiVersion: 'networking.istio.io/v1', kind: 'Gateway', metadata: { name, namespace: ns }, spec: { selector: { istio: 'ingressgateway' }, servers: [{ port: { number: port, name: 'http', protocol }, hosts }] } },
    appliedAt,
  );
}

function vs(ns: string, name: string, spec: Record<string, unknown>, appliedAt = LONG_AGO): K8sObject {
  return at({ apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: { name, namespace: ns }, spec }, appliedAt);
}

const GW_LABELS = { app: 'istio-ingressgateway', istio: 'ingressgateway' };

function base(): K8sObject[] {
  return [
    deployment('istio-system', 'istio-ingressgateway', GW_LABELS, { image: 'docker.io/istio/proxyv2:1.30.3' }),
    service(
      'istio-system',
      'istio-ingressgateway',
      GW_LABELS,
      [
        { name: 'status-port', port: 15021, targetPort: 15021, nodePort: 30021 },
        { name: 'http2', port: 80, targetPort: 8080, nodePort: 30080 },
      ],
      'NodePort',
    ),
    deployment('default', 'echo', { app: 'echo' }, { image: 'hashicorp/http-echo:1.0', args: ['-listen=:9095', '-text=hello mesh'], ports: [{ containerPort: 9095 }] }),
    service('default', 'echo', { app: 'echo' }, [{ name: 'http', port: 80, targetPort: 9095 }]),
  ];
}

const req = (path = '/', headers: Record<string, string> = {}, method = 'GET', nodePort = 30080): MeshRequest => ({
  method,
  path,
  headers: { host: '127.0.0.1:8080', ...headers },
  nodePort,
});

function status(d: Decision): number | 'reset' {
  return d.kind === 'reset' ? 'reset' : d.response.status;
}

const echoRoute = (extra: Record<string, unknown> = {}) => ({ route: [{ destination: { host: 'echo', port: { number: 80 } } }], ...extra });

describe('ingress listeners', () => {
  it('opens every node port of gateway Services, and only those', () => {
    expect(ingressNodePorts(base())).toEqual([30021, 30080]);
    const noGw = base().filter((o) => o.metadata.name !== 'istio-ingressgateway' || o.kind !== 'Deployment');
    expect(ingressNodePorts(noGw)).toEqual([]);
  });

  it('resets connections while the gateway pod is not ready', () => {
    const objs = base();
    objs[0] = deployment('istio-system', 'istio-ingressgateway', GW_LABELS, { image: 'x' }, NOW);
    objs.push(gateway('default', 'gw', ['*']));
    expect(connectionDecision(objs, 30080, NOW, opts())).toMatchObject({ accept: false, reason: expect.stringMatching(/no ready pod/) });
  });

  it('resets connections on a port with no Gateway server (Envoy has no listener yet)', () => {
    expect(status(decide(base(), req(), NOW, opts()))).toBe('reset');
  });

  it('answers the status port /healthz/ready once the gateway is ready', () => {
    expect(status(decide(base(), req('/healthz/ready', {}, 'GET', 30021), NOW, opts()))).toBe(200);
  });
});

describe('propagation', () => {
  it('serves 404 (empty body) until the VirtualService propagates, 200 after', () => {
    const objs = [...base(), gateway('default', 'gw', ['*']), vs('default', 'echo', { hosts: ['*'], gateways: ['gw'], http: [echoRoute()] }, NOW)];
    const before = decide(objs, req('/'), NOW + 1000, opts());
    expect(before).toMatchObject({ kind: 'respond', origin: 'local', response: { status: 404, body: '' } });
    const after = decide(objs, req('/'), NOW + 1500, opts());
    expect(after).toMatchObject({ kind: 'respond', origin: 'upstream', response: { status: 200, body: 'hello mesh\n' } });
    if (after.kind === 'respond') expect(after.response.headers['content-type']).toBe('text/plain; charset=utf-8');
  });

  it('keeps serving the previous spec (__sim.previousSpec) until an update propagates', () => {
    const v = vs('default', 'echo', { hosts: ['*'], gateways: ['gw'], http: [{ directResponse: { status: 410 } }] }, NOW);
    v.__sim = { appliedAt: NOW, previousSpec: { hosts: ['*'], gateways: ['gw'], http: [echoRoute()] } };
    const objs = [...base(), gateway('default', 'gw', ['*']), v];
    expect(status(decide(objs, req(), NOW + 100, opts()))).toBe(200);
    expect(status(decide(objs, req(), NOW + 1500, opts()))).toBe(410);
  });

  it('honours __sim.effectiveAt and the route-never-propagates fault', () => {
    const v = vs('default', 'echo', { hosts: ['*'], gateways: ['gw'], http: [echoRoute()] });
    v.__sim = { appliedAt: LONG_AGO, effectiveAt: NOW + 5000 };
    const objs = [...base(), gateway('default', 'gw', ['*']), v];
    expect(status(decide(objs, req(), NOW, opts()))).toBe(404);
    expect(status(decide(objs, req(), NOW + 5000, opts()))).toBe(200);
    expect(status(decide(objs, req(), NOW + 5000, opts({ faults: new Set(['route-never-propagates']) })))).toBe('reset');
  });
});

describe('hosts and gateway binding', () => {
  const objsFor = (gwHosts: string[], vsHosts: string[], gateways = ['gw'], vsNs = 'default') => [
    ...base(),
    gateway('default', 'gw', gwHosts),
    vs(vsNs, 'r', { hosts: vsHosts, gateways, http: [{ route: [{ destination: { host: 'echo.default.svc.cluster.local', port: { number: 80 } } }] }] }),
  ];

  it('matches wildcard and exact hosts, ignoring the port in Host', () => {
    const objs = objsFor(['*.example.com'], ['a.example.com']);
    expect(status(decide(objs, req('/', { host: 'a.example.com:8080' }), NOW, opts()))).toBe(200);
    expect(status(decide(objs, req('/', { host: 'b.example.com' }), NOW, opts()))).toBe(404);
    expect(status(decide(objs, req('/', { host: 'example.com' }), NOW, opts()))).toBe(404);
  });

  it('prefers the most specific VirtualService host', () => {
    const objs = [
      ...base(),
      gateway('default', 'gw', ['*']),
      vs('default', 'catchall', { hosts: ['*'], gateways: ['gw'], http: [{ directResponse: { status: 418, body: { string: 'catch-all' } } }] }),
      vs('default', 'exact', { hosts: ['api.local'], gateways: ['gw'], http: [echoRoute()] }),
    ];
    expect(status(decide(objs, req('/', { host: 'api.local' }), NOW, opts()))).toBe(200);
    expect(status(decide(objs, req('/', { host: 'other.local' }), NOW, opts()))).toBe(418);
  });

  it('binds by "ns/name" across namespaces and respects "ns/host" in Gateway hosts', () => {
    const objs = [
      ...base(),
      gateway('istio-system', 'shared', ['default/*']),
      vs('default', 'r', { hosts: ['*'], gateways: ['istio-system/shared'], http: [echoRoute()] }),
    ];
    expect(status(decide(objs, req(), NOW, opts()))).toBe(200);
    const restricted = [...objs.slice(0, 4), gateway('istio-system', 'shared', ['other/*']), objs[5]!];
    expect(status(decide(restricted, req(), NOW, opts()))).toBe(404);
    // a short gateway name resolves in the VirtualService's own namespace
    const wrongNs = [...objs.slice(0, 5), vs('default', 'r', { hosts: ['*'], gateways: ['shared'], http: [echoRoute()] })];
    expect(status(decide(wrongNs, req(), NOW, opts()))).toBe(404);
  });

  it('ignores VirtualServices without gateways (mesh only) and Gateways selecting other pods', () => {
    expect(status(decide(objsFor(['*'], ['*'], []), req(), NOW, opts()))).toBe(404);
    const other = [...base(), { ...gateway('default', 'gw', ['*']), spec: { selector: { istio: 'egressgateway' }, servers: [{ port: { number: 80, protocol: 'HTTP' }, hosts: ['*'] }] } }];
    expect(status(decide(other, req(), NOW, opts()))).toBe('reset');
  });
});

describe('http match rules', () => {
  const routes = [
    { match: [{ uri: { exact: '/exact' } }], directResponse: { status: 201 } },
    { match: [{ uri: { regex: '/items/[0-9]+' } }], directResponse: { status: 202 } },
    { match: [{ uri: { prefix: '/api' }, method: { exact: 'POST' } }], directResponse: { status: 203 } },
    { match: [{ headers: { 'x-user': { exact: 'jason' } } }], directResponse: { status: 204 } },
    { match: [{ headers: { 'x-tier': { prefix: 'gold' } } }, { headers: { 'x-tier': { regex: 'plat.*' } } }], directResponse: { status: 205 } },
    { match: [{ queryParams: { v: { exact: '2' } } }], directResponse: { status: 206 } },
    { match: [{ uri: { prefix: '/hello' } }], route: [{ destination: { host: 'echo', port: { number: 80 } } }] },
  ];
  const objs = () => [...base(), gateway('default', 'gw', ['*']), vs('default', 'r', { hosts: ['*'], gateways: ['gw'], http: routes })];
  const s = (r: MeshRequest) => status(decide(objs(), r, NOW, opts()));

  it('applies uri exact/regex/prefix, method, headers and queryParams; first match wins', () => {
    expect(s(req('/exact'))).toBe(201);
    expect(s(req('/exact?x=1'))).toBe(201); // exact ignores the query string
    expect(s(req('/exact/more'))).toBe(404);
    expect(s(req('/items/42'))).toBe(202);
    expect(s(req('/items/abc'))).toBe(404); // regex is a full match
    expect(s(req('/api/x', {}, 'POST'))).toBe(203);
    expect(s(req('/api/x', {}, 'GET'))).toBe(404);
    expect(s(req('/x', { 'x-user': 'jason' }))).toBe(204);
    expect(s(req('/x', { 'x-tier': 'golden' }))).toBe(205);
    expect(s(req('/x', { 'x-tier': 'platinum' }))).toBe(205);
    expect(s(req('/x?v=2'))).toBe(206);
    expect(s(req('/hello/world'))).toBe(200);
    expect(s(req('/nothing'))).toBe(404);
  });

  it('a route without match accepts everything', () => {
    const o = [...base(), gateway('default', 'gw', ['*']), vs('default', 'r', { hosts: ['*'], gateways: ['gw'], http: [echoRoute()] })];
    expect(status(decide(o, req('/anything?x'), NOW, opts()))).toBe(200);
  });
});

describe('destinations and upstream failures', () => {
  const withRoute = (route: unknown, extra: K8sObject[] = []) => [...base(), ...extra, gateway('default', 'gw', ['*']), vs('default', 'r', { hosts: ['*'], gateways: ['gw'], http: [route] })];

  it('a missing Service has no Envoy cluster: 503 with an empty body ("NC")', () => {
    const d = decide(withRoute({ route: [{ destination: { host: 'nope', port: { number: 80 } } }] }), req(), NOW, opts());
    expect(d).toMatchObject({ kind: 'respond', response: { status: 503, body: '' } });
  });

  it('a Service without ready endpoints is 503 "no healthy upstream"', () => {
    const objs = withRoute(echoRoute());
    objs[2] = deployment('default', 'echo', { app: 'echo' }, { image: 'hashicorp/http-echo:1.0', args: ['-listen=:9095', '-text=x'] }, NOW);
    expect(decide(objs, req(), NOW, opts())).toMatchObject({ response: { status: 503, body: 'no healthy upstream' } });
  });

  it('a targetPort nothing listens on is 503 connection failure', () => {
    const objs = withRoute(echoRoute());
    objs[3] = service('default', 'echo', { app: 'echo' }, [{ port: 80, targetPort: 8080 }]);
    expect(decide(objs, req(), NOW, opts())).toMatchObject({
      response: { status: 503, body: 'upstream connect error or disconnect/reset before headers. reset reason: connection failure' },
    });
  });

  it('http-echo without -text never becomes an endpoint', () => {
    const objs = withRoute(echoRoute());
    objs[2] = deployment('default', 'echo', { app: 'echo' }, { image: 'hashicorp/http-echo:1.0', args: ['-listen=:9095'] });
    expect(decide(objs, req(), NOW, opts())).toMatchObject({ response: { status: 503, body: 'no healthy upstream' } });
  });

  it('helloworld answers /hello with its version and pod name; other paths 404 from the app', () => {
    const hw = [
      deployment('default', 'helloworld-v1', { app: 'helloworld', version: 'v1' }, { image: 'registry.istio.io/release/examples-helloworld-v1:1.0', ports: [{ containerPort: 5000 }] }),
      service('default', 'helloworld', { app: 'helloworld' }, [{ port: 5000, name: 'http' }]),
    ];
    const objs = withRoute({ route: [{ destination: { host: 'helloworld', port: { number: 5000 } } }] }, hw);
    const d = decide(objs, req('/hello'), NOW, opts());
    expect(d).toMatchObject({ kind: 'respond', origin: 'upstream', response: { status: 200 } });
    if (d.kind === 'respond') expect(d.response.body).toMatch(/^Hello version: v1, instance: helloworld-v1-[a-z0-9]{10}-[a-z0-9]{5}\n$/);
    expect(decide(objs, req('/nope'), NOW, opts())).toMatchObject({ origin: 'upstream', response: { status: 404 } });
  });

  it('splits by weight and filters by DestinationRule subset', () => {
    const hw = [
      deployment('default', 'helloworld-v1', { app: 'helloworld', version: 'v1' }, { image: 'registry.istio.io/release/examples-helloworld-v1:1.0' }),
      deployment('default', 'helloworld-v2', { app: 'helloworld', version: 'v2' }, { image: 'registry.istio.io/release/examples-helloworld-v2:1.0' }),
      service('default', 'helloworld', { app: 'helloworld' }, [{ port: 5000 }]),
      at({
        apiVersion: 'networking.istio.io/v1',
        kind: 'DestinationRule',
        metadata: { name: 'hw', namespace: 'default' },
        spec: { host: 'helloworld', subsets: [{ name: 'v1', labels: { version: 'v1' } }, { name: 'v2', labels: { version: 'v2' } }] },
      }),
    ];
    const route = {
      route: [
        { destination: { host: 'helloworld', subset: 'v1' }, weight: 90 },
        { destination: { host: 'helloworld', subset: 'v2' }, weight: 10 },
      ],
    };
    const body = (w: number) => {
      const d = decide(withRoute(route, hw), req('/hello'), NOW, opts({ pickWeight: () => w }));
      return d.kind === 'respond' ? d.response.body : '';
    };
    expect(body(0)).toMatch(/version: v1/);
    expect(body(89.9)).toMatch(/version: v1/);
    expect(body(95)).toMatch(/version: v2/);
  });

  it('rewrites the uri prefix before calling the app', () => {
    const hw = [
      deployment('default', 'helloworld-v1', { app: 'helloworld', version: 'v1' }, { image: 'registry.istio.io/release/examples-helloworld-v1:1.0' }),
      service('default', 'helloworld', { app: 'helloworld' }, [{ port: 5000 }]),
    ];
    const objs = withRoute({ match: [{ uri: { prefix: '/hw/' } }], rewrite: { uri: '/' }, route: [{ destination: { host: 'helloworld' } }] }, hw);
    expect(status(decide(objs, req('/hw/hello'), NOW, opts()))).toBe(200);
  });
});
