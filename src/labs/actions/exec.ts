// The `exec` action: an argv run in the lab's client pod (`kubectl exec POD -c C -- ...`).
import { z } from 'zod';
import { findClientPod } from '../executor/client-pod.js';
import { defineActionKind } from '../kinds.js';
import { renderArgv, renderString } from '../render.js';
import { ExpectRunSchema, NonEmpty, PodRefSchema, Seconds } from '../schema-parts.js';
import { expectOutcome, validateCommand } from './command.js';

export const ExecActionSchema = z.strictObject({
  /** The command exactly as the learner types it, e.g. `kubectl exec "$SOURCE_POD" -c curl -- curl ...`. */
  shown: NonEmpty,
  /** Which pod; default: the lab `client`. */
  pod: PodRefSchema.optional(),
  /** argv run inside the container (`kubectl exec POD -c C -- <command>`). */
  command: z.array(z.string()).min(1),
  allowFailure: z.boolean().optional(),
  expect: ExpectRunSchema.optional(),
  timeoutSeconds: Seconds.optional(),
});

/** Default `exec` timeout: a command in a pod (a curl) is quick. */
const EXEC_TIMEOUT_SECONDS = 60;

export const execAction = defineActionKind({
  name: 'exec',
  schema: ExecActionSchema,
  title: (e) => e.shown,
  validate(raw, v) {
    validateCommand(raw, v);
    if (raw !== null && typeof raw === 'object' && (raw as { pod?: unknown }).pod === undefined && !v.hasClient)
      v.error([], 'exec needs "pod", or a lab-level "client" to run in');
  },
  async run(ctx, e) {
    ctx.report.shown(renderString(e.shown, ctx.runtime));
    const pod = await findClientPod(ctx, e.pod);
    const r = await ctx.kubectl.run(['exec', pod.name, '-n', pod.namespace, '-c', pod.container, '--', ...renderArgv(e.command, ctx.runtime)], {
      reject: false,
      timeoutMs: (e.timeoutSeconds ?? EXEC_TIMEOUT_SECONDS) * 1000,
    });
    const out = `${r.stdout}${r.stderr}`.trimEnd();
    if (out) ctx.report.info(out);
    expectOutcome(renderString(e.shown, ctx.runtime), r.exitCode, r.stdout, e);
  },
});
