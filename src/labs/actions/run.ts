// The `run` action: a kubectl or istioctl argv (mesh-lab adds --kubeconfig/--context),
// shown to the learner as `shown`.
import { z } from 'zod';
import { defineActionKind } from '../kinds.js';
import { renderArgv, renderString } from '../render.js';
import { ExpectRunSchema, NonEmpty, Seconds } from '../schema-parts.js';
import { LAB_DEFAULTS } from '../types.js';
import { expectOutcome, validateCommand } from './command.js';

export const RunActionSchema = z
  .strictObject({
    /** The command exactly as the learner types it (shown, never executed). */
    shown: NonEmpty,
    /** kubectl argv (mesh-lab adds --kubeconfig/--context itself). */
    kubectl: z.array(z.string()).min(1).optional(),
    /** istioctl argv (mesh-lab adds --kubeconfig/--context itself). */
    istioctl: z.array(z.string()).min(1).optional(),
    /** Text fed on stdin. */
    stdin: z.string().optional(),
    /** Do not fail the step when the command fails (to show a failure). */
    allowFailure: z.boolean().optional(),
    expect: ExpectRunSchema.optional(),
    timeoutSeconds: Seconds.optional(),
  })
  .superRefine((r, ctx) => {
    const n = (r.kubectl === undefined ? 0 : 1) + (r.istioctl === undefined ? 0 : 1);
    if (n !== 1) ctx.addIssue({ code: 'custom', message: 'needs exactly one of "kubectl" or "istioctl" (an argv list)' });
  });

export const runAction = defineActionKind({
  name: 'run',
  schema: RunActionSchema,
  title: (a) => a.shown,
  validate: validateCommand,
  async run(ctx, a) {
    ctx.report.shown(renderString(a.shown, ctx.runtime));
    const timeoutMs = (a.timeoutSeconds ?? LAB_DEFAULTS.runTimeoutSeconds) * 1000;
    const input = a.stdin !== undefined ? { input: renderString(a.stdin, ctx.runtime) } : {};
    const r = a.kubectl
      ? await ctx.kubectl.run(renderArgv(a.kubectl, ctx.runtime), { reject: false, timeoutMs, ...input })
      : await ctx.istioctl.runWithCluster(renderArgv(a.istioctl!, ctx.runtime), { timeoutMs, ...input });
    const out = `${r.stdout}${r.stderr}`.trimEnd();
    if (out) ctx.report.info(out);
    expectOutcome(renderString(a.shown, ctx.runtime), r.exitCode, r.stdout, a);
  },
});
