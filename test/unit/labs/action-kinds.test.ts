import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { actionKinds } from '../../../src/labs/actions/registry.js';
import { actionTitle } from '../../../src/labs/executor/run-action.js';
import { listLabs } from '../../../src/labs/registry.js';
import { ActionSchema } from '../../../src/labs/schema.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

describe('action kinds', () => {
  it('are apply, run, exec, wait and show, each with exactly one key in an action', () => {
    expect(actionKinds.map((k) => k.name)).toEqual(['apply', 'run', 'exec', 'wait', 'show']);
    expect(ActionSchema.safeParse({ show: 'a', wait: { kind: 'Deployment', name: 'x' } }).error?.issues[0]?.message).toBe('an action has exactly one kind, found wait and show');
  });

  it('title every shipped action with the command the learner types (what `lab show` lists)', () => {
    const titles = listLabs(path.join(repo, 'labs')).flatMap((e) => (e.result.ok ? e.result.value.lab.steps.flatMap((s) => (s.actions ?? []).map((a) => actionTitle(a))) : []));
    expect(titles.length).toBeGreaterThan(20);
    expect(titles).toContain('kubectl apply -n mesh-lab -f gateway.yaml');
    expect(titles.every((t) => t.trim() !== '')).toBe(true);
    expect(actionTitle({ wait: { kind: 'Deployment', name: 'curl' } })).toBe('kubectl rollout status deployment/curl');
    expect(actionTitle({ apply: { template: 'helloworld-app.yaml' } })).toBe('kubectl apply -f helloworld-app.yaml');
  });
});
