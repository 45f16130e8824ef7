// Issue 9: a new check kind is its module plus one line in the list. Here a test kind
// `always` (its own schema, title, validation and run) is added to a copy of the list; a
// lab file using it loads, validates (with file:line:col errors inside it) and runs
// through the executor, with no other change.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Istioctl } from '../../../src/istio/istioctl.js';
import type { Kubectl } from '../../../src/kube/kubectl.js';
import { checkKinds } from '../../../src/labs/checks/registry.js';
import type { ExecContext } from '../../../src/labs/executor/context.js';
import { runStep } from '../../../src/labs/executor/run-step.js';
import { defineCheckKind, type LabKinds } from '../../../src/labs/kinds.js';
import { formatLabError, loadLab } from '../../../src/labs/load.js';
import { builtinKinds } from '../../../src/labs/schema.js';
import type { LoadedLab } from '../../../src/labs/types.js';

// ---- the whole of a new kind: one module...
const alwaysCheck = defineCheckKind({
  name: 'always',
  schema: z.strictObject({
    title: z.string().optional(),
    pass: z.boolean(),
    says: z.string().min(1),
    retry: z.strictObject({ timeoutSeconds: z.number().optional(), intervalMs: z.number().optional() }).optional(),
  }),
  title: (c) => c.title ?? `always ${c.pass ? 'passes' : 'fails'}`,
  validate(raw, v) {
    if (typeof raw.says === 'string' && raw.says.includes('{{')) v.placeholders(raw.says, ['says']);
  },
  run: (_ctx, c, poll) => poll(async () => ({ pass: c.pass, message: c.says })),
});
// ...and one line in the list
const kinds: LabKinds = { ...builtinKinds, checks: [...checkKinds, alwaysCheck] };

const root = mkdtempSync(join(tmpdir(), 'mesh-lab-kind-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function labDir(id: string, checks: string): string {
  const dir = join(root, id);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'lab.yaml'),
    `apiVersion: mesh-lab/v1
id: ${id}
title: A lab with a new check kind
summary: Uses the always kind.
steps:
  - id: one
    title: Step one
    text: Nothing to do.
    checks:
${checks}`,
  );
  return dir;
}

function context(loaded: LoadedLab): ExecContext {
  return {
    loaded,
    kubectl: {} as Kubectl,
    istioctl: {} as Istioctl,
    namespace: 'mesh-lab',
    runtime: {},
    report: { shown: () => undefined, info: () => undefined },
    kinds,
  };
}

describe('a new check kind', () => {
  it('loads, and runs through the executor', async () => {
    const dir = labDir('uses-always', '      - always: { pass: true, says: "fine" }\n      - always: { title: "the second", pass: false, says: "not fine", retry: { timeoutSeconds: 0.001 } }\n      - http: { request: { via: ingress, path: /x }, expect: { status: 200 } }\n');
    const r = loadLab(dir, { kinds });
    if (!r.ok) throw new Error(r.errors.map(formatLabError).join('\n'));
    const step = r.value.lab.steps[0]!;
    // actions off; the http check is not run here: only the new kind's checks
    const result = await runStep(context(r.value), { ...step, checks: step.checks!.slice(0, 2) }, { actions: false });
    expect(result.checks).toEqual([
      { title: 'always passes', pass: true, message: 'fine', attempts: 1 },
      { title: 'the second', pass: false, message: 'not fine — gave up after 1 attempt in 0.001s', attempts: 1 },
    ]);
    expect(result.passed).toBe(false);
  });

  it('is validated like the built-in kinds: unknown fields inside it with file:line:col, its own rules, its schema', () => {
    const dir = labDir('bad-always', '      - always:\n          pass: true\n          sayz: "x"\n      - always: { pass: "yes", says: "{{nope}}" }\n');
    const r = loadLab(dir, { kinds, displayBase: root });
    expect(r.ok).toBe(false);
    expect(r.ok ? [] : r.errors.map(formatLabError)).toEqual([
      'bad-always/lab.yaml:11:11: steps[0].checks[0].always.says: missing required field "says" (string)',
      'bad-always/lab.yaml:12:11: steps[0].checks[0].always.sayz: unknown field "sayz" (did you mean "says"?)',
      'bad-always/lab.yaml:13:25: steps[0].checks[1].always.pass: expected a boolean, got the string "yes"',
      'bad-always/lab.yaml:13:38: steps[0].checks[1].always.says: unknown parameter "{{nope}}" (known: host, namespace, networkingApiVersion)',
    ]);
  });

  it('is unknown to labs loaded with the built-in kinds', () => {
    const dir = labDir('not-registered', '      - always: { pass: true, says: "fine" }\n');
    const r = loadLab(dir, { displayBase: root });
    expect(r.ok ? [] : r.errors.map(formatLabError)).toEqual([
      'not-registered/lab.yaml:10:9: steps[0].checks[0].always: unknown field "always" (allowed: http, distribution, resource)',
      'not-registered/lab.yaml:10:9: steps[0].checks[0]: a check needs one of: http, distribution, resource',
    ]);
  });
});
