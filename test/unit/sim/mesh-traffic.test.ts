// Traffic management the labs rely on, decided purely: deterministic weights and fault
// percentages, DestinationRule subsets, fault abort/delay with header matches, route
// timeouts (ignored next to a fault), several VirtualServices merged on one gateway.
import { describe, expect, it } from 'vitest';
import { decide } from '../../sim/src/mesh/route.js';
import type { Decision, MeshRequest } from '../../sim/src/mesh/types.js';
import { createSpread } from '../../sim/src/mesh/spread.js';
import { durationMs } from '../../sim/src/mesh/duration.js';
import { cluster, helloRoute, helloVs, istio, NOW, opts } from './mesh-fixtures.js';

const req = (path = '/hello', headers: Record<string, string> = {}): MeshRequest => ({ method: 'GET', path, headers: { host: '172.18.0.2:30080', ...headers }, nodePort: 30080 });
const body = (d: Decision) => (d.kind === 'respond' ? d.response.body : 'reset');
const status = (d: Decision) => (d.kind === 'respond' ? d.response.status : 'reset');

function versions(n: number, objs = cluster(), o = opts()): Record<string, number> {
  const counts: Record<string, number> = {};
  for (let i = 0; i < n; i++) {
    const d = decide(objs, req(), NOW, o);
    const v = /Hello version: (v\d)/.exec(body(d))?.[1] ?? `${status(d)}`;
    counts[v] = (counts[v] ?? 0) + 1;
  }
  return counts;
}

const weighted = (w1: number, w2: number) => helloVs([{
  match: [{ uri: { exact: '/hello' } }],
  route: [
    { destination: { host: 'helloworld', subset: 'v1', port: { number: 5000 } }, weight: w1 },
    { destination: { host: 'helloworld', subset: 'v2', port: { number: 5000 } }, weight: w2 },
  ],
}]);

// A share drawn n times at random lies within 4.5 binomial standard deviations of p
// (probability of a miss below 1e-5; the seeds make each run reproducible anyway).
function nearShare(hits: number, n: number, p: number): void {
  const sd = Math.sqrt(n * p * (1 - p));
  expect(Math.abs(hits - n * p)).toBeLessThanOrEqual(4.5 * sd);
}

describe('seeded random spread (Envoy draws per request)', () => {
  it.each(['1', '2', 'seven', '42', 'e2e'])('seed %s: a 90/10 weighting gives about 10 %% v2, at random, never weight 0', (seed) => {
    const s = createSpread(undefined, seed);
    const picks = Array.from({ length: 2000 }, () => s.weighted('k', [90, 10]));
    nearShare(picks.filter((p) => p === 1).length, 2000, 0.1);
    expect(Array.from({ length: 200 }, () => s.weighted('z', [0, 100])).every((p) => p === 1)).toBe(true);
    expect(Array.from({ length: 200 }, () => s.weighted('y', [100, 0])).every((p) => p === 0)).toBe(true);
  });

  it('the same seed gives the same sequence; another seed another one', () => {
    const seq = (seed: string) => Array.from({ length: 100 }, ((s) => () => s.weighted('k', [50, 50]))(createSpread(undefined, seed))).join('');
    expect(seq('a')).toBe(seq('a'));
    expect(seq('a')).not.toBe(seq('b'));
  });

  it('percentages select about p % of requests at random; 0 never, 100 always', () => {
    const s = createSpread(undefined, 'p');
    nearShare(Array.from({ length: 2000 }, () => s.percent('a', 50)).filter(Boolean).length, 2000, 0.5);
    expect(Array.from({ length: 100 }, () => s.percent('c', 0)).some(Boolean)).toBe(false);
    expect(Array.from({ length: 100 }, () => s.percent('d', 100)).every(Boolean)).toBe(true);
  });

  it('persists as plain JSON and continues the stream; a different seed starts afresh', () => {
    const whole = createSpread(undefined, 's');
    const all = Array.from({ length: 20 }, () => whole.weighted('k', [50, 50]));
    const first = createSpread(undefined, 's');
    const head = Array.from({ length: 10 }, () => first.weighted('k', [50, 50]));
    const cont = createSpread(JSON.parse(JSON.stringify(first.state())), 's');
    expect([...head, ...Array.from({ length: 10 }, () => cont.weighted('k', [50, 50]))]).toEqual(all);
    expect(createSpread(first.state()).seed).toBe('s');
    expect(createSpread(first.state(), 'other').state().counters).toEqual({});
  });

  it('parses Istio durations', () => {
    expect(durationMs('2s')).toBe(2000);
    expect(durationMs('0.5s')).toBe(500);
    expect(durationMs('1m30s')).toBe(90_000);
    expect(durationMs('500ms')).toBe(500);
    expect(durationMs('2')).toBeUndefined();
  });
});

describe('weighted routes to DestinationRule subsets (traffic-shifting lab)', () => {
  it.each([[100, 0], [90, 10], [50, 50], [0, 100]])('%i/%i over 1000 requests: v1 and v2 near their weights, drawn at random', (w1, w2) => {
    const c = versions(1000, [...cluster(), weighted(w1, w2)]);
    expect((c.v1 ?? 0) + (c.v2 ?? 0)).toBe(1000);
    nearShare(c.v2 ?? 0, 1000, w2 / 100);
    if (w1 === 0 || w2 === 0) expect(c[w1 === 0 ? 'v1' : 'v2']).toBeUndefined();
  });

  it('without a DestinationRule subsets have no cluster: 503, empty body', () => {
    const objs = [...cluster().filter((o) => o.kind !== 'DestinationRule'), weighted(90, 10)];
    const d = decide(objs, req(), NOW, opts());
    expect(d).toMatchObject({ kind: 'respond', response: { status: 503, body: '' } });
  });

  it('a subset with no ready pods is 503 no healthy upstream', () => {
    const objs = [...cluster().filter((o) => o.metadata.name !== 'helloworld-v2'), helloVs([helloRoute({}, 'v2')])];
    expect(decide(objs, req(), NOW, opts())).toMatchObject({ response: { status: 503, body: 'no healthy upstream' } });
  });

  it('without weights or subsets the Service load-balances over both versions', () => {
    const c = versions(10, [...cluster(), helloVs([helloRoute()])], opts({ pick: (n) => (n > 1 ? 1 : 0) }));
    expect(Object.keys(c)).toEqual(['v2']);
  });
});

describe('VirtualServices bound to one gateway with hosts "*" merge', () => {
  it('routes /hello from one and /helloworld from another', () => {
    const objs = [
      ...cluster(),
      helloVs([helloRoute({}, 'v1')]),
      istio('VirtualService', 'mesh-lab', 'other', { hosts: ['*'], gateways: ['helloworld-gateway'], http: [{ match: [{ uri: { exact: '/helloworld' } }], rewrite: { uri: '/hello' }, route: [{ destination: { host: 'helloworld', subset: 'v2', port: { number: 5000 } } }] }] }),
    ];
    expect(body(decide(objs, req('/hello'), NOW, opts()))).toMatch(/^Hello version: v1,/);
    expect(body(decide(objs, req('/helloworld'), NOW, opts()))).toMatch(/^Hello version: v2,/);
    expect(status(decide(objs, req('/nope'), NOW, opts()))).toBe(404);
  });
});

describe('fault injection (fault-injection lab)', () => {
  const abortUser = (code: number) => helloVs([
    helloRoute({ match: [{ uri: { exact: '/hello' }, headers: { 'end-user': { exact: 'tester' } } }], fault: { abort: { percentage: { value: 100 }, httpStatus: code } } }, 'v1'),
    helloRoute({}, 'v1'),
  ]);

  it('aborts the matching user with "fault filter abort", serves everyone else', () => {
    const objs = [...cluster(), abortUser(500)];
    const d = decide(objs, req('/hello', { 'end-user': 'tester' }), NOW, opts());
    expect(d).toMatchObject({ kind: 'respond', origin: 'local', response: { status: 500, body: 'fault filter abort', headers: { 'content-type': 'text/plain' } } });
    expect(body(decide(objs, req('/hello', { 'end-user': 'someone' }), NOW, opts()))).toMatch(/^Hello version: v1,/);
    expect(body(decide(objs, req('/hello'), NOW, opts()))).toMatch(/^Hello version: v1,/);
  });

  it('aborts about the given percentage, at random', () => {
    const objs = [...cluster(), helloVs([helloRoute({ fault: { abort: { percentage: { value: 50 }, httpStatus: 503 } } }, 'v1')])];
    const c = versions(1000, objs);
    expect((c.v1 ?? 0) + (c[503] ?? 0)).toBe(1000);
    nearShare(c[503] ?? 0, 1000, 0.5);
  });

  it('a fault without percentage never fires (Envoy default 0%)', () => {
    const objs = [...cluster(), helloVs([helloRoute({ fault: { abort: { httpStatus: 503 } } }, 'v1')])];
    expect(versions(20, objs)).toEqual({ v1: 20 });
  });

  it('delays only the matching user, as latency on the decision', () => {
    const objs = [...cluster(), helloVs([
      helloRoute({ match: [{ uri: { exact: '/hello' }, headers: { 'end-user': { exact: 'tester' } } }], fault: { delay: { percentage: { value: 100 }, fixedDelay: '2s' } } }, 'v1'),
      helloRoute({}, 'v1'),
    ])];
    const slow = decide(objs, req('/hello', { 'end-user': 'tester' }), NOW, opts());
    expect(slow).toMatchObject({ kind: 'respond', origin: 'upstream', latencyMs: 2000, response: { status: 200 } });
    expect(decide(objs, req('/hello'), NOW, opts()).latencyMs ?? 0).toBe(0);
  });

  it('delay then abort when both fire', () => {
    const objs = [...cluster(), helloVs([helloRoute({ fault: { delay: { percentage: { value: 100 }, fixedDelay: '1s' }, abort: { percentage: { value: 100 }, httpStatus: 418 } } })])];
    expect(decide(objs, req(), NOW, opts())).toMatchObject({ latencyMs: 1000, response: { status: 418, body: 'fault filter abort' } });
  });
});

describe('route timeouts', () => {
  it('504 "upstream request timeout" when the upstream is slower than the route timeout', () => {
    // A gateway route whose upstream is the ingress gateway again would loop; use a slow external site.
    const objs = [
      ...cluster(),
      istio('ServiceEntry', 'mesh-lab', 'httpbin', { hosts: ['httpbin.org'], ports: [{ number: 80, name: 'http', protocol: 'HTTP' }], resolution: 'DNS', location: 'MESH_EXTERNAL' }),
      helloVs([{ match: [{ uri: { prefix: '/delay' } }], timeout: '0.5s', route: [{ destination: { host: 'httpbin.org', port: { number: 80 } } }] }]),
    ];
    const d = decide(objs, req('/delay/2'), NOW, opts());
    expect(d).toMatchObject({ kind: 'respond', origin: 'local', latencyMs: 500, response: { status: 504, body: 'upstream request timeout' } });
  });

  it('is not enabled on a route that also injects a fault (VirtualService reference)', () => {
    const objs = [...cluster(), helloVs([helloRoute({ timeout: '0.5s', fault: { delay: { percentage: { value: 100 }, fixedDelay: '2s' } } })])];
    expect(decide(objs, req(), NOW, opts())).toMatchObject({ latencyMs: 2000, response: { status: 200 } });
  });
});

describe('header manipulation', () => {
  it('sets, adds and removes response headers; request headers reach the app', () => {
    const objs = [...cluster(), helloVs([helloRoute({ headers: { response: { set: { 'x-a': '1' }, add: { 'content-type': 'x' }, remove: ['x-none'] } } }, 'v1')])];
    const d = decide(objs, req(), NOW, opts());
    expect(d).toMatchObject({ response: { headers: { 'x-a': '1', 'content-type': 'text/html; charset=utf-8,x' } } });
  });
});
