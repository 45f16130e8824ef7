// The `apply` action: render a manifest (lab folder) or template (templates/) with the
// lab's `{{params}}` and `kubectl apply -n NS -f -` (or `delete --ignore-not-found`) it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { templatesDir } from '../../manifests/template.js';
import type { ExecContext } from '../executor/context.js';
import { defineActionKind } from '../kinds.js';
import { applyShown, renderApply } from '../render.js';
import { NonEmpty, Params } from '../schema-parts.js';
import type { ApplyAction } from '../types.js';

export const ApplyActionSchema = z
  .strictObject({
    /** A file in the lab folder (relative path, no `..`). */
    manifest: NonEmpty.optional(),
    /** A file under the package's `templates/` directory. */
    template: NonEmpty.optional(),
    params: Params.optional(),
    /** Namespace for namespaced objects without one; default: the lab namespace. */
    namespace: NonEmpty.optional(),
    /** What the learner would type; default `kubectl apply -f <file>`. */
    shown: NonEmpty.optional(),
    /** `delete` removes the objects instead (kubectl delete --ignore-not-found). */
    mode: z.enum(['apply', 'delete']).optional(),
  })
  .superRefine((a, ctx) => {
    const n = (a.manifest === undefined ? 0 : 1) + (a.template === undefined ? 0 : 1);
    if (n !== 1) ctx.addIssue({ code: 'custom', message: 'needs exactly one of "manifest" (lab folder) or "template" (templates/)' });
  });

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

export function manifestSource(ctx: ExecContext, a: ApplyAction): string {
  const file = a.manifest !== undefined ? join(ctx.loaded.dir, a.manifest) : join(templatesDir(), a.template!);
  return readFileSync(file, 'utf8');
}

/** The rendered YAML of an apply action (also used by `lab reset` to delete it). */
export function renderedManifest(ctx: ExecContext, a: ApplyAction): string {
  return renderApply(ctx.loaded.lab, a, manifestSource(ctx, a), ctx.runtime);
}

export const applyAction = defineActionKind({
  name: 'apply',
  schema: ApplyActionSchema,
  title: (a) => a.shown ?? `kubectl apply -f ${a.manifest ?? a.template}`,
  validate(raw, v) {
    if (!isObj(raw)) return;
    const params = new Set([...v.labParams, ...(isObj(raw.params) ? Object.keys(raw.params) : [])]);
    let abs: string | undefined;
    if (typeof raw.manifest === 'string') abs = v.labFile(raw.manifest, ['manifest']);
    else if (typeof raw.template === 'string') abs = v.templateFile(raw.template, ['template']);
    if (abs !== undefined) v.manifest(abs, params);
    v.placeholders(raw.shown, ['shown'], params);
  },
  async run(ctx, a) {
    const yaml = renderedManifest(ctx, a);
    ctx.report.shown(applyShown(ctx.loaded.lab, a, yaml, ctx.runtime));
    // like the learner's `kubectl apply -n NS`: objects without a namespace land in the lab's
    const ns = a.namespace ?? ctx.namespace;
    const what = a.manifest ?? a.template;
    const lines = a.mode === 'delete' ? await ctx.kubectl.deleteManifest(yaml, `delete ${what}`, ns) : await ctx.kubectl.apply(yaml, `apply ${what}`, ns);
    if (lines.length) ctx.report.info(lines.join('\n'));
  },
});
