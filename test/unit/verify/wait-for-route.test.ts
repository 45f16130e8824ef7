import { describe, expect, it } from 'vitest';
import type { HttpResponse } from '../../../src/http/http-request.js';
import { waitForRoute } from '../../../src/verify/wait-for-route.js';

const res = (status: number, body = ''): HttpResponse => ({ status, body, headers: { server: 'istio-envoy' }, elapsedMs: 1 });

function clock() {
  let t = 0;
  return { now: () => t, sleep: async (ms: number) => void (t += ms) };
}

describe('waitForRoute', () => {
  it('waits out Envoy 404s and refused connections, then needs consecutive successes', async () => {
    const answers: Array<HttpResponse | Error> = [
      Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }),
      res(404),
      res(404),
      res(200, 'Hello World\n'),
      res(404),
      res(200, 'Hello World\n'),
      res(200, 'Hello World\n'),
      res(200, 'Hello World\n'),
    ];
    const seen: string[] = [];
    const c = clock();
    const r = await waitForRoute({ host: '127.0.0.1', port: 1, path: '/helloworld' }, { status: 200, bodyIncludes: 'Hello World' }, {
      timeoutMs: 60_000,
      consecutive: 3,
      ...c,
      onAttempt: (_n, s) => seen.push(s),
      send: async () => {
        const a = answers.shift()!;
        if (a instanceof Error) throw a;
        return a;
      },
    });
    expect(r.ok).toBe(true);
    expect(r.attempts).toBe(8);
    expect(seen[0]).toBe('connection refused');
    expect(seen[1]).toMatch(/HTTP 404 \(Envoy has no route for this path yet\)/);
  });

  it('gives up at the deadline and reports what it last saw', async () => {
    const c = clock();
    const r = await waitForRoute({ host: '127.0.0.1', port: 1, path: '/x' }, { status: 200 }, { timeoutMs: 5000, consecutive: 1, ...c, send: async () => res(503, 'no healthy upstream') });
    expect(r.ok).toBe(false);
    expect(r.lastObservation).toBe('HTTP 503 "no healthy upstream"');
    expect(c.now()).toBeLessThanOrEqual(5000);
  });

  it('a wrong body is not a success', async () => {
    const c = clock();
    const r = await waitForRoute({ host: 'h', port: 1, path: '/' }, { status: 200, bodyIncludes: 'Hello' }, { timeoutMs: 2000, consecutive: 1, ...c, send: async () => res(200, 'other') });
    expect(r.ok).toBe(false);
  });
});

describe('waitForRoute observations', () => {
  it('explains a reset as a gateway without a listener yet', async () => {
    let t = 0;
    const r = await waitForRoute({ host: 'h', port: 1, path: '/' }, { status: 200 }, {
      timeoutMs: 1000,
      consecutive: 1,
      now: () => t,
      sleep: async (ms) => void (t += ms),
      send: async () => {
        throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
      },
    });
    expect(r.lastObservation).toBe('connection reset (no gateway listener on this port yet: the Gateway has not reached Envoy)');
  });
});
