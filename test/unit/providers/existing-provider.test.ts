import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../../../src/errors/exit-codes.js';
import type { MeshLabError } from '../../../src/errors/mesh-lab-error.js';
import { ExistingProvider, kubeconfigDefining } from '../../../src/providers/existing/existing-provider.js';

const dir = mkdtempSync(join(tmpdir(), 'existing-'));
const a = join(dir, 'a.yaml');
const b = join(dir, 'b.yaml');
writeFileSync(a, 'apiVersion: v1\nkind: Config\ncontexts:\n- name: dev\n  context: {cluster: dev, user: dev}\n');
writeFileSync(b, 'apiVersion: v1\nkind: Config\ncontexts:\n- name: prod-like\n  context: {cluster: p, user: p}\n');

describe('ExistingProvider', () => {
  it('finds the $KUBECONFIG file that defines the context', () => {
    expect(kubeconfigDefining('prod-like', undefined, { KUBECONFIG: `${a}:${b}` })).toBe(b);
    expect(kubeconfigDefining('dev', undefined, { HOME: dir, KUBECONFIG: a })).toBe(a);
    expect(kubeconfigDefining('nope', undefined, { KUBECONFIG: `${a}:${b}` })).toBeUndefined();
  });

  it('names the context and its file; never creates or deletes', async () => {
    const p = new ExistingProvider({ context: 'dev', env: { KUBECONFIG: a } });
    expect(p.access()).toEqual({ kubeconfig: a, context: 'dev' });
    expect((await p.ensure()).created).toBe(false);
    const err = (await p.delete().catch((e: unknown) => e)) as MeshLabError;
    expect(err.exitCode).toBe(ExitCode.Conflict);
  });

  it('an unknown context is a clear not-found', async () => {
    const err = (await new ExistingProvider({ context: 'nope', env: { KUBECONFIG: a } }).ensure().catch((e: unknown) => e)) as MeshLabError;
    expect(err.exitCode).toBe(ExitCode.NotFound);
    expect(err.message).toBe('no kubeconfig context named nope');
  });
});
