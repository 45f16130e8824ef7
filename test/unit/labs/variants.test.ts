// A lab's API variants (src/labs/variants.ts): which API a lab runs with, the lab as that
// API does it (one plain lab, so the executor has one code path), and the validation of
// the variant data (located like every other lab error).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateLabText } from '../../../src/labs/load.js';
import { labApis, labForApi, pickApi } from '../../../src/labs/variants.js';
import type { LabError, LoadedLab } from '../../../src/labs/types.js';
import { loadLab } from '../../../src/labs/load.js';

const fixtures = path.join(import.meta.dirname, 'fixtures');
const dir = path.join(fixtures, 'good-lab');
const head = 'apiVersion: mesh-lab/v1\nid: good-lab\ntitle: t\nsummary: s\n';

function load(text: string): { ok: true; value: LoadedLab } | { ok: false; errors: LabError[] } {
  return validateLabText(text, { dir, file: path.join(dir, 'lab.yaml') });
}
const errorsOf = (text: string) => {
  const r = load(text);
  return r.ok ? [] : r.errors.map((e) => `${e.line}:${e.col} ${e.path}: ${e.message}`);
};

const twoApis = `${head}apis: [istio, gateway-api]
params: { a: one }
variants:
  gateway-api:
    params: { a: two, b: three }
    cleanup: [{ show: gateway-api cleanup }]
steps:
  - id: s1
    title: first
    text: istio text
    actions: [{ show: istio action }]
    checks: [{ resource: { kind: Service, name: x } }]
    variants:
      gateway-api:
        text: gateway api text
        actions: [{ show: "gateway api action {{b}}" }]
  - id: s2
    title: second
    text: same for both
    requires: [s1]
cleanup: [{ show: istio cleanup }]
`;

describe('lab API variants', () => {
  it('resolves the Gateway API form: the variant replaces text and actions, keeps what it leaves out', () => {
    const r = load(twoApis);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(labApis(r.value.lab)).toEqual(['istio', 'gateway-api']);
    const g = labForApi(r.value, 'gateway-api').lab;
    expect(g.steps[0]).toMatchObject({ id: 's1', text: 'gateway api text', actions: [{ show: 'gateway api action {{b}}' }], checks: [{ resource: { kind: 'Service', name: 'x' } }] });
    expect(g.steps[0]).not.toHaveProperty('variants');
    expect(g.steps[1]).toMatchObject({ id: 's2', text: 'same for both', requires: ['s1'] });
    expect(g.params).toEqual({ a: 'two', b: 'three' });
    expect(g.cleanup).toEqual([{ show: 'gateway-api cleanup' }]);
    const i = labForApi(r.value, 'istio');
    expect(i.lab.steps[0]).toMatchObject({ text: 'istio text', actions: [{ show: 'istio action' }] });
    expect(i.digest).toBe(r.value.digest);
    expect(labForApi(r.value, 'gateway-api').digest).not.toBe(r.value.digest);
  });

  it('picks the API: asked for, required by the lab, the environment\'s, else Istio\'s; undefined when the lab lacks it', () => {
    const r = load(twoApis);
    if (!r.ok) throw new Error('invalid');
    const lab = r.value.lab;
    expect(pickApi(lab, {})).toBe('istio');
    expect(pickApi(lab, { requested: true })).toBe('gateway-api');
    expect(pickApi(lab, { environmentGatewayApi: true })).toBe('gateway-api');
    expect(pickApi({ ...lab, requirements: { gatewayApi: true } }, {})).toBe('gateway-api');
    const istioOnly = { ...lab, apis: undefined };
    expect(pickApi(istioOnly, { requested: true })).toBeUndefined();
    expect(pickApi(istioOnly, { environmentGatewayApi: true })).toBe('istio');
  });

  it('the shipped labs: fault-injection is Istio API only, the others have a Gateway API variant', () => {
    const labsDir = path.join(import.meta.dirname, '../../../labs');
    const apis = (id: string) => {
      const r = loadLab(path.join(labsDir, id));
      if (!r.ok) throw new Error(JSON.stringify(r.errors));
      return labApis(r.value.lab);
    };
    expect(apis('fault-injection')).toEqual(['istio']);
    expect(apis('ingress-routing')).toEqual(['istio', 'gateway-api']);
  });

  it('reports variant mistakes at their nodes: an API the lab does not list, a missing file, an unknown field', () => {
    const text = `${head}steps:
  - id: s1
    title: first
    text: hi
    variants:
      gateway-api:
        textFile: nowhere.md
        chekcs: []
requirements: { gatewayApi: true }
`;
    expect(errorsOf(text)).toEqual([
      '10:7 steps[0].variants.gateway-api: variant "gateway-api" of a lab whose apis are istio (add it to "apis")',
      '11:19 steps[0].variants.gateway-api.textFile: file "nowhere.md" not found in good-lab/',
      '12:9 steps[0].variants.gateway-api.chekcs: unknown field "chekcs" (did you mean "checks"?)',
      '13:29 requirements.gatewayApi: requirements.gatewayApi needs "gateway-api" in "apis"',
    ]);
  });
});
