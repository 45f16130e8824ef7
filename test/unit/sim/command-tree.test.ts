// The command walker every simulated tool shares (test/sim/src/lib/command-tree.ts).
import { describe, expect, it } from 'vitest';
import { findCommand, valueFlags } from '../../sim/src/lib/command-tree.js';

interface Node {
  children?: Record<string, Node>;
}
const tree: Node = { children: { create: { children: { cluster: {} } }, get: {}, rollout: { children: { status: {} } } } };
const values = valueFlags([
  { name: 'kubeconfig', type: 'string' },
  { name: 'context', type: 'string' },
  { name: 'verbosity', short: 'v', type: 'int' },
  { name: 'quiet', short: 'q', type: 'bool' },
  { name: 'validate', type: 'string', noOptDefVal: 'strict' },
]);

describe('findCommand', () => {
  it('never takes a flag value for a command word (cobra strips flags first): `kind -v 1 create cluster`', () => {
    const r = findCommand(['-v', '1', 'create', 'cluster', '--name=x'], tree, 'kind', values);
    expect(r.path).toEqual(['kind', 'create', 'cluster']);
    expect(r.rest).toEqual(['-v', '1', '--name=x']);
    expect(r.args).toEqual([]);
    expect(r.firstWordAt).toBe(2);
  });

  it('walks past the global flags mesh-lab puts first: `kubectl --kubeconfig k --context c rollout status deploy/x`', () => {
    const r = findCommand(['--kubeconfig', 'k', '--context', 'c', 'rollout', 'status', 'deployment/x', '--timeout=1s'], tree, 'kubectl', values);
    expect(r.path).toEqual(['kubectl', 'rollout', 'status']);
    expect(r.args).toEqual(['deployment/x']);
    expect(r.rest).toEqual(['--kubeconfig', 'k', '--context', 'c', 'deployment/x', '--timeout=1s']);
  });

  it('the first argument ends the walk, and everything after -- is an argument', () => {
    expect(findCommand(['get', 'create'], tree, 'kubectl', values)).toMatchObject({ path: ['kubectl', 'get'], args: ['create'] });
    expect(findCommand(['--', 'get'], tree, 'kubectl', values)).toMatchObject({ path: ['kubectl'], rest: ['--', 'get'], args: [], firstWordAt: undefined });
    expect(findCommand(['foo', 'get'], tree, 'kubectl', values)).toMatchObject({ path: ['kubectl'], args: ['foo', 'get'], firstWordAt: 0 });
  });

  it('bools and flags with an optional value (pflag NoOptDefVal) take no next word', () => {
    expect(findCommand(['-q', 'get', '--validate', 'x'], tree, 'kubectl', values)).toMatchObject({ path: ['kubectl', 'get'], args: ['x'] });
    expect([...values].sort()).toEqual(['--context', '--kubeconfig', '--verbosity', '-v']);
  });
});
