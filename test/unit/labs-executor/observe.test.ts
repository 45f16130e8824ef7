import { describe, expect, it } from 'vitest';
import { curlArgs, parseCurlOutput } from '../../../src/labs/executor/observe.js';
import { resourceType } from '../../../src/kube/apply-if-changed.js';

describe('in-mesh observations through curl', () => {
  it('builds a curl argv that prints head, body, status and time', () => {
    expect(curlArgs({ via: 'mesh', url: 'http://httpbin.org/headers', headers: { 'end-user': 'tester' } }, 'http://httpbin.org/headers')).toEqual([
      'curl', '-sS', '-D', '-', '-o', '-', '-w', '\n__mesh_lab_curl__%{http_code} %{time_total}', '-X', 'GET', '--max-time', '10', '-H', 'end-user: tester', 'http://httpbin.org/headers',
    ]);
  });

  it('parses status, the last head, body and latency', () => {
    const out = 'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 503 Service Unavailable\r\ncontent-length: 18\r\nserver: envoy\r\n\r\nfault filter abort\n__mesh_lab_curl__503 0.004512';
    expect(parseCurlOutput(out)).toEqual({ status: 503, headers: { 'content-length': '18', server: 'envoy' }, body: 'fault filter abort', latencyMs: 5 });
  });

  it('a transport failure has no status', () => {
    expect(parseCurlOutput('\n__mesh_lab_curl__000 0.000000').status).toBeUndefined();
  });

  it('resource references are group-qualified when an apiVersion has a group', () => {
    expect(resourceType('Gateway', 'networking.istio.io/v1')).toBe('gateway.networking.istio.io');
    expect(resourceType('Deployment', 'apps/v1')).toBe('deployment.apps');
    expect(resourceType('Service', 'v1')).toBe('service');
    expect(resourceType('ConfigMap', undefined)).toBe('configmap');
  });
});
