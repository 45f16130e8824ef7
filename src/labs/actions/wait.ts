// The `wait` action: `kubectl rollout status deployment/NAME -n NS --timeout=...`.
import { z } from 'zod';
import { defineActionKind } from '../kinds.js';
import { renderString } from '../render.js';
import { NonEmpty, Seconds } from '../schema-parts.js';
import { LAB_DEFAULTS } from '../types.js';

export const WaitActionSchema = z.strictObject({
  /** The command as the learner types it, e.g. `kubectl rollout status deployment/x`. */
  shown: NonEmpty.optional(),
  kind: z.enum(['Deployment']),
  name: NonEmpty,
  namespace: NonEmpty.optional(),
  timeoutSeconds: Seconds.optional(),
});

export const waitAction = defineActionKind({
  name: 'wait',
  schema: WaitActionSchema,
  title: (w) => w.shown ?? `kubectl rollout status deployment/${w.name}`,
  async run(ctx, w) {
    const ns = w.namespace ?? ctx.namespace;
    ctx.report.shown(renderString(w.shown ?? `kubectl rollout status deployment/${w.name} -n ${ns}`, ctx.runtime));
    const r = await ctx.kubectl.rolloutStatus(w.name, ns, w.timeoutSeconds ?? LAB_DEFAULTS.waitTimeoutSeconds);
    ctx.report.info(r.stdout.trimEnd());
  },
});
