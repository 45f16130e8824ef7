// The hand-written reader behind `curl` and `env` must agree with EnvironmentStateSchema: it may
// decline (undefined → the caller asks the zod store), but whatever it returns must be
// exactly what the schema returns, and it must decline every file the schema rejects.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { IngressEndpointSchema, EnvironmentStateSchema } from '../../../src/state/environment-state.js';
import { INGRESS_FIELDS, readSavedEndpoint } from '../../../src/state/saved-endpoint.js';

const dir = mkdtempSync(join(tmpdir(), 'mesh-lab-saved-endpoint-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const valid = {
  schema: 2,
  environment: 'mesh-lab',
  provider: 'kind',
  cluster: { name: 'mesh-lab', context: 'kind-mesh-lab', kubeconfig: '/s/kubeconfig', createdByMeshLab: true },
  istio: { version: '1.30.3', profile: 'default', installedByMeshLab: true },
  ingress: { host: '127.0.0.1', port: 31380, securePort: 31390, source: 'kind-port-mapping', reason: 'kind maps 127.0.0.1:31380', nodePort: 31380 },
  updatedAt: '2025-01-01T00:00:00.000Z',
};

let n = 0;
function fileWith(content: unknown): string {
  const f = join(dir, `state-${n++}.json`);
  writeFileSync(f, typeof content === 'string' ? content : JSON.stringify(content));
  return f;
}

const variants: Array<[string, unknown]> = [
  ['a valid kind lab', valid],
  ['every optional ingress field', { ...valid, ingress: { ...valid.ingress, tcpPort: 31400, nodeIP: '10.0.0.2', securePortForward: 40001, portForwardPid: 1234 } }],
  ['an unknown ingress key (dropped, as zod drops it)', { ...valid, ingress: { ...valid.ingress, extra: 'x' } }],
  ['no ingress yet', { ...valid, ingress: undefined }],
  ['another schema version', { ...valid, schema: 3 }],
  ['schema 1 (0.1.0, upgraded only by the full store)', { ...valid, schema: 1 }],
  ['an unknown provider', { ...valid, provider: 'docker' }],
  ['a port that is not an integer', { ...valid, ingress: { ...valid.ingress, port: 31380.5 } }],
  ['a port given as a string', { ...valid, ingress: { ...valid.ingress, port: '31380' } }],
  ['an optional field set to null', { ...valid, ingress: { ...valid.ingress, securePort: null } }],
  ['no reason', { ...valid, ingress: { ...valid.ingress, reason: undefined } }],
  ['no kubeconfig', { ...valid, cluster: { ...valid.cluster, kubeconfig: undefined } }],
  ['createdByMeshLab not a boolean', { ...valid, cluster: { ...valid.cluster, createdByMeshLab: 'yes' } }],
  ['no updatedAt', { ...valid, updatedAt: undefined }],
  ['an array', [valid]],
  ['a joined workshop environment', { ...valid, provider: 'existing', workshop: { name: 'w', attendee: '02', namespace: 'attendee-02', host: 'attendee-02.w.test' } }],
  ['a workshop without its host', { ...valid, workshop: { name: 'w', attendee: '02', namespace: 'attendee-02' } }],
  ['a Gateway API environment', { ...valid, gatewayApi: { crds: 'installed', version: 'v1.5.1' } }],
  ['a Gateway API record of another shape', { ...valid, gatewayApi: { crds: 'maybe', version: 'v1.5.1' } }],
];

describe('readSavedEndpoint', () => {
  it.each(variants)('agrees with EnvironmentStateSchema on %s', (_name, doc) => {
    const saved = readSavedEndpoint(fileWith(doc));
    const parsed = EnvironmentStateSchema.safeParse(JSON.parse(JSON.stringify(doc)));
    if (!parsed.success || !parsed.data.ingress) {
      expect(saved).toBeUndefined();
      return;
    }
    expect(saved).toEqual({
      ingress: parsed.data.ingress,
      cluster: { kubeconfig: parsed.data.cluster.kubeconfig, context: parsed.data.cluster.context },
      ...(parsed.data.workshop ? { workshopHost: parsed.data.workshop.host } : {}),
      ...(parsed.data.gatewayApi ? { gatewayApi: true } : {}),
    });
  });

  it('reads the endpoint of a valid file (not only declines)', () => {
    expect(readSavedEndpoint(fileWith(valid))?.ingress.port).toBe(31380);
  });

  it('declines a missing file and a file that is not JSON', () => {
    expect(readSavedEndpoint(join(dir, 'absent.json'))).toBeUndefined();
    expect(readSavedEndpoint(fileWith('{"schema": 1,'))).toBeUndefined();
  });

  it('knows every field of IngressEndpointSchema, with the same optionality', () => {
    // a field added to the schema must be added to the reader, or curl/env would drop it
    const shape = IngressEndpointSchema.shape as Record<string, { safeParse(v: unknown): { success: boolean } }>;
    expect(Object.keys(INGRESS_FIELDS).sort()).toEqual(Object.keys(shape).sort());
    for (const [key, field] of Object.entries(INGRESS_FIELDS)) expect([key, shape[key]!.safeParse(undefined).success]).toEqual([key, !field.required]);
  });
});
