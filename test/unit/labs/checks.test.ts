import { describe, expect, it } from 'vitest';
import { evaluateDistribution } from '../../../src/labs/checks/distribution.js';
import { evaluateHttpResult } from '../../../src/labs/checks/http.js';
import { evaluateResource, getPath } from '../../../src/labs/checks/resource.js';
import { pollCheck } from '../../../src/labs/checks/retry.js';
import type { Bucket } from '../../../src/labs/types.js';

describe('evaluateHttpResult', () => {
  it('passes a matching response', () => {
    const r = evaluateHttpResult({ status: 200, bodyRegex: 'Hello World' }, { status: 200, body: 'Hello World\n', latencyMs: 12 });
    expect(r).toEqual({ pass: true, message: 'got 200 in 12 ms as expected' });
  });

  it('says what was expected and what was seen, for every mismatch', () => {
    const r = evaluateHttpResult(
      { status: 200, bodyRegex: 'Hello World', headers: { 'x-mesh-lab-egress': 'istio-egressgateway' } },
      { status: 404, body: '', headers: { Server: 'istio-envoy' } },
    );
    expect(r.pass).toBe(false);
    expect(r.message).toBe(
      'expected status 200, got 404; expected body to match /Hello World/, got an empty body; expected header x-mesh-lab-egress: "istio-egressgateway", it is absent',
    );
  });

  it('matches headers case-insensitively, by value, regex or absence', () => {
    const obs = { status: 200, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Multi': ['a', 'b'] } };
    expect(evaluateHttpResult({ headers: { 'content-type': { regex: '^text/plain' }, 'x-multi': 'b', 'x-no': { absent: true } } }, obs).pass).toBe(true);
    expect(evaluateHttpResult({ headers: { 'x-multi': { equals: 'c' } } }, obs).message).toBe('expected header x-multi: "c", got "a", "b"');
  });

  it('accepts one of several statuses and checks latency bounds', () => {
    expect(evaluateHttpResult({ status: [502, 503] }, { status: 503 }).pass).toBe(true);
    expect(evaluateHttpResult({ status: 200, minLatencyMs: 1800 }, { status: 200, latencyMs: 40 }).message).toBe(
      'expected the response to take at least 1800 ms, it took 40 ms',
    );
    expect(evaluateHttpResult({ status: 504, maxLatencyMs: 1500 }, { status: 504, latencyMs: 2100.4 }).message).toBe(
      'expected the response within 1500 ms, it took 2100 ms',
    );
  });

  it('handles transport errors both ways', () => {
    const fail = { error: 'curl: (35) Recv failure: Connection reset by peer' };
    expect(evaluateHttpResult({ error: true }, fail)).toEqual({ pass: true, message: `request failed as expected: ${fail.error}` });
    expect(evaluateHttpResult({ status: 200 }, fail).message).toBe(`expected status 200, got no response (${fail.error})`);
    expect(evaluateHttpResult({ error: true }, { status: 200, body: 'ok' }).message).toBe(
      'expected the request to fail (no HTTP response), got status 200 (body "ok")',
    );
  });
});

describe('evaluateDistribution', () => {
  const buckets: Bucket[] = [
    { name: 'v1', bodyRegex: 'Hello version: v1,', percent: 90, tolerance: 5 },
    { name: 'v2', bodyRegex: 'Hello version: v2,', percent: 10, tolerance: 5 },
  ];
  const sample = (v: string) => ({ status: 200, body: `Hello version: ${v}, instance: helloworld-${v}-abc` });
  const samples = (n1: number, n2: number, extra: { status?: number; body?: string; error?: string }[] = []) => [
    ...Array.from({ length: n1 }, () => sample('v1')),
    ...Array.from({ length: n2 }, () => sample('v2')),
    ...extra,
  ];

  it('passes when each expected share lies inside the 99 % Wilson interval', () => {
    const r = evaluateDistribution({ buckets, samples: 200 }, samples(176, 24));
    expect(r.pass).toBe(true);
    expect(r.message).toBe('v1 88% (176/200, expected 90%, 99% interval 80.8–92.7%); v2 12% (24/200, expected 10%, 99% interval 7.3–19.2%)');
    expect(r.measurement).toMatchObject({ kind: 'split', total: 200, planned: 200, confidence: 99, stoppedEarly: false });
    expect(r.measurement.buckets[0]).toMatchObject({ name: 'v1', count: 176, percent: 88, expected: 90, pass: true });
  });

  it('fails with the measured shares when the interval excludes the expected share', () => {
    const r = evaluateDistribution({ buckets, samples: 200 }, samples(160, 40));
    expect(r.pass).toBe(false);
    expect(r.message).toBe('v1 80% (160/200, expected 90%, 99% interval 71.8–86.3%) ✗; v2 20% (40/200, expected 10%, 99% interval 13.7–28.2%) ✗');
  });

  it('settles early: a pass with a precise enough interval, a fail once no outcome can pass', () => {
    const wide = [{ ...buckets[0]!, tolerance: 10 }, { ...buckets[1]!, tolerance: 10 }];
    const early = evaluateDistribution({ buckets: wide, samples: 200 }, samples(108, 12));
    expect([early.verdict, early.pass, early.measurement.stoppedEarly]).toEqual(['pass', true, true]);
    expect(evaluateDistribution({ buckets, samples: 200 }, samples(18, 2)).verdict).toBe('continue');
    expect(evaluateDistribution({ buckets, samples: 200 }, samples(128, 32)).verdict).toBe('fail');
  });

  it('counts unmatched samples as "other" and shows examples', () => {
    const r = evaluateDistribution({ buckets, samples: 100 }, samples(88, 10, [{ status: 503, body: 'no healthy upstream' }, { error: 'timeout' }]));
    expect(r.pass).toBe(false);
    expect(r.measurement.other).toMatchObject({ count: 2, percent: 2 });
    expect(r.message).toContain('other 2% (2/100, at most 0%) ✗ e.g. 503 "no healthy upstream" | error: timeout');
    expect(evaluateDistribution({ buckets, samples: 100, maxOtherPercent: 5 }, samples(88, 10, [{ error: 'x' }, { error: 'x' }])).pass).toBe(true);
  });

  it('classifies by status (fault injection)', () => {
    const b: Bucket[] = [
      { name: 'aborted', status: 503, bodyRegex: 'fault filter abort', percent: 50, tolerance: 10 },
      { name: 'served', status: 200, percent: 50, tolerance: 10 },
    ];
    const obs = [...Array.from({ length: 45 }, () => ({ status: 503, body: 'fault filter abort' })), ...Array.from({ length: 55 }, () => sample('v1'))];
    expect(evaluateDistribution({ buckets: b, samples: 100 }, obs).pass).toBe(true);
  });

  it('at the confidence the lab sets', () => {
    // 170/200 (85 %): inside the 99 % interval of 90 %, outside the 95 % one
    expect(evaluateDistribution({ buckets, samples: 200 }, samples(170, 30)).pass).toBe(true);
    expect(evaluateDistribution({ buckets, samples: 200, confidence: 95 }, samples(170, 30)).pass).toBe(false);
  });
});

describe('evaluateResource', () => {
  const deploy = {
    kind: 'Deployment',
    metadata: { name: 'curl' },
    status: { conditions: [{ type: 'Available', status: 'False', reason: 'MinimumReplicasUnavailable', message: 'no replicas' }] },
  };

  it('checks existence and absence', () => {
    expect(evaluateResource({ kind: 'Deployment', name: 'curl' }, undefined)).toEqual({ pass: false, message: 'expected Deployment/curl to exist, it was not found' });
    expect(evaluateResource({ kind: 'Deployment', name: 'curl', exists: false }, undefined).pass).toBe(true);
    expect(evaluateResource({ kind: 'Deployment', name: 'curl', exists: false }, deploy).message).toBe('expected Deployment/curl to be gone, it still exists');
  });

  it('checks conditions with the reason', () => {
    expect(evaluateResource({ kind: 'Deployment', name: 'curl', condition: { type: 'Available' } }, deploy).message).toBe(
      'expected condition Available=True, got False (MinimumReplicasUnavailable: no replicas)',
    );
  });

  it('checks fields by path, including list selection', () => {
    const svc = { spec: { type: 'NodePort', ports: [{ name: 'status-port', port: 15021 }, { name: 'http2', port: 80, nodePort: 30080 }] } };
    expect(getPath(svc, 'spec.ports[name=http2].nodePort')).toBe(30080);
    expect(getPath(svc, 'spec.ports.0.name')).toBe('status-port');
    const exp = {
      kind: 'Service',
      name: 'istio-ingressgateway',
      namespace: 'istio-system',
      fields: [
        { path: 'spec.type', equals: 'NodePort' },
        { path: 'spec.ports[name=http2].nodePort', regex: '^3[0-9]{4}$' },
      ],
    };
    expect(evaluateResource(exp, svc).pass).toBe(true);
    expect(evaluateResource({ ...exp, fields: [{ path: 'spec.type', equals: 'LoadBalancer' }] }, svc).message).toBe('expected spec.type = "LoadBalancer", got "NodePort"');
    const cm = { data: { mesh: 'accessLogFile: /dev/stdout\noutboundTrafficPolicy:\n  mode: REGISTRY_ONLY\n' } };
    expect(evaluateResource({ kind: 'ConfigMap', name: 'istio', fields: [{ path: 'data.mesh', regex: 'outboundTrafficPolicy:\\s*\\n\\s*mode: REGISTRY_ONLY' }] }, cm).pass).toBe(true);
  });
});

describe('pollCheck', () => {
  function fakeClock() {
    let t = 0;
    return { now: () => t, sleep: async (ms: number) => void (t += ms) };
  }

  it('needs consecutive successes', async () => {
    const results = [true, false, true, true, true];
    let i = 0;
    const r = await pollCheck(async () => ({ pass: results[i++] ?? false, message: 'm' }), { consecutiveSuccesses: 3, intervalMs: 100, timeoutSeconds: 10 }, fakeClock());
    expect(r).toMatchObject({ pass: true, attempts: 5 });
  });

  it('gives up at the deadline with the last failure', async () => {
    const r = await pollCheck(async () => ({ pass: false, message: 'expected status 200, got 404' }), { intervalMs: 1000, timeoutSeconds: 3 }, fakeClock());
    expect(r.pass).toBe(false);
    expect(r.attempts).toBe(4);
    expect(r.message).toBe('expected status 200, got 404 — gave up after 4 attempts in 3s');
  });
});
