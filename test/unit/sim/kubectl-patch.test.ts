// The simulated `kubectl patch` (merge patches of one ConfigMap key, as the workshop's progress
// recorder sends them): the real messages of staging/src/k8s.io/kubectl/pkg/cmd/patch/patch.go.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab } from './tools-harness.js';

let lab: Lab;
const k = (args: string[], input?: string) => lab.run('kubectl', ['--kubeconfig', lab.kubeconfig, '--context', lab.context, ...args], { input });

beforeAll(async () => {
  lab = await startLab();
});
afterAll(async () => {
  await lab.close();
});

describe('simulated kubectl patch', () => {
  it('merges one data key, keeps the others, and says when nothing changed', () => {
    const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: p\ndata:\n  a: "1"\n';
    expect(k(['apply', '-f', '-'], cm).code).toBe(0);
    const r = k(['patch', 'configmap', 'p', '--type', 'merge', '-p', '{"data":{"b":"2"}}']);
    expect(r.stdout).toBe('configmap/p patched\n');
    expect(JSON.parse(k(['get', 'configmap', 'p', '-o', 'json']).stdout).data).toEqual({ a: '1', b: '2' });
    expect(k(['patch', 'configmap', 'p', '--type', 'merge', '-p', '{"data":{"b":"2"}}']).stdout).toBe('configmap/p patched (no change)\n');
    expect(k(['patch', 'configmap', 'p', '--type', 'merge', '-p', '{"data":{"a":null}}']).code).toBe(0);
    expect(JSON.parse(k(['get', 'configmap', 'p', '-o', 'json']).stdout).data).toEqual({ b: '2' });
  });

  it('fails like kubectl on a missing object, a bad --type and a missing patch', () => {
    const missing = k(['patch', 'configmap', 'nope', '--type', 'merge', '-p', '{"data":{"b":"2"}}']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('Error from server (NotFound): configmaps "nope" not found\n');
    expect(k(['patch', 'configmap', 'p', '--type', 'xml', '-p', '{}']).stderr).toBe('error: --type must be one of [json merge strategic], not "xml"\n');
    expect(k(['patch', 'configmap', 'p']).stderr).toBe('error: must specify --patch or --patch-file containing the contents of the patch\n');
  });

  it('rejects a value the API server would reject (ConfigMap data values are strings)', () => {
    const r = k(['patch', 'configmap', 'p', '--type', 'merge', '-p', '{"data":{"n":3}}']);
    expect(r.code).toBe(1);
  });
});
