// The schema of `labs/<id>/lab.yaml`, assembled from the check and action kinds in
// checks/registry.ts and actions/registry.ts (each kind's module holds its own schema;
// shared pieces are in schema-parts.ts). Every object is strict, so an unknown or misspelt
// field is an error that points at that field.
import { z } from 'zod';
import { actionKinds } from './actions/registry.js';
import { checkKinds } from './checks/registry.js';
import { oneOfKinds, type LabKinds } from './kinds.js';
import { Id, LAB_APIS, LabApiSchema, NonEmpty, Params, PodRefSchema, RequirementsSchema } from './schema-parts.js';

type Kind = { readonly name: string; readonly schema: z.ZodType };

/** The lab, step, action and check schemas for a set of kinds. */
function schemasFor<const C extends readonly Kind[], const A extends readonly Kind[]>(checks: C, actions: A) {
  const ActionSchema = oneOfKinds(actions, 'an action');
  const CheckSchema = oneOfKinds(checks, 'a check');

  // A step as one API does it (src/labs/variants.ts): replaces the step's text, actions or
  // checks when the lab runs with that API; what it leaves out is the step's own.
  const StepVariantSchema = z
    .strictObject({
      text: NonEmpty.optional(),
      textFile: NonEmpty.optional(),
      /** e.g. the Gateway API's egress gateway is deployed per Gateway: no `profile: demo` */
      requirements: RequirementsSchema.optional(),
      actions: z.array(ActionSchema).optional(),
      checks: z.array(CheckSchema).optional(),
    })
    .superRefine((s, ctx) => {
      if (s.text !== undefined && s.textFile !== undefined) ctx.addIssue({ code: 'custom', message: 'a variant takes at most one of "text" or "textFile"' });
    });
  const variantsOf = <T extends z.ZodType>(v: T) => z.strictObject(Object.fromEntries(LAB_APIS.map((a) => [a, v.optional()])) as Record<(typeof LAB_APIS)[number], z.ZodOptional<T>>);

  const StepSchema = z
    .strictObject({
      id: Id,
      title: NonEmpty,
      /** Markdown shown before the actions. */
      text: NonEmpty.optional(),
      /** Or: a markdown file in the lab folder. */
      textFile: NonEmpty.optional(),
      /** Steps that must have passed first (ids of earlier steps). */
      requires: z.array(Id).optional(),
      /** Extra requirements of this step only (e.g. the egress gateway needs `demo`). */
      requirements: RequirementsSchema.optional(),
      /** An optional step may be skipped (e.g. when its requirements are not met). */
      optional: z.boolean().optional(),
      actions: z.array(ActionSchema).optional(),
      checks: z.array(CheckSchema).optional(),
      /**
       * In a shared workshop cluster (a `shared: true` lab in a joined environment): this
       * step's namespace-scoped equivalent, replacing its actions and checks (docs/labs.md).
       */
      shared: z.strictObject({ actions: z.array(ActionSchema).optional(), checks: z.array(CheckSchema).optional() }).optional(),
      /** Per-API forms of this step (`gateway-api: {actions, checks, text}`), see src/labs/variants.ts. */
      variants: variantsOf(StepVariantSchema).optional(),
    })
    .superRefine((s, ctx) => {
      if ((s.text === undefined) === (s.textFile === undefined))
        ctx.addIssue({ code: 'custom', message: 'a step needs exactly one of "text" or "textFile"' });
    });

  const LabSchema = z.strictObject({
    /** Format version of this file. */
    apiVersion: z.literal('mesh-lab/v1'),
    id: Id,
    title: NonEmpty,
    summary: NonEmpty,
    /** Namespace the lab works in (default `mesh-lab`). */
    namespace: NonEmpty.optional(),
    /**
     * The lab also runs in a shared workshop cluster, inside the attendee's namespace and on
     * their host (`{{host}}`); without it a joined environment refuses the lab (exit 7).
     */
    shared: z.boolean().optional(),
    requirements: RequirementsSchema.optional(),
    /** The in-mesh client pod for `exec` actions and `via: mesh` checks. */
    client: PodRefSchema.optional(),
    /** Default `{{param}}` values for manifests and commands. */
    params: Params.optional(),
    steps: z.array(StepSchema).min(1, 'a lab needs at least one step'),
    /** Actions for `lab reset`, run in order (e.g. delete what the lab applied). */
    cleanup: z.array(ActionSchema).optional(),
    /** The routing APIs the lab can be run with (default `[istio]`); `lab start --gateway-api` picks `gateway-api`. */
    apis: z.array(LabApiSchema).min(1).optional(),
    /** Why the lab cannot run with an API it does not list (shown when one asks for it). */
    notSupported: z.strictObject(Object.fromEntries(LAB_APIS.map((a) => [a, NonEmpty.optional()])) as Record<(typeof LAB_APIS)[number], z.ZodOptional<typeof NonEmpty>>).optional(),
    /** Per-API lab-level overrides: extra `params`, another `cleanup`. */
    variants: variantsOf(z.strictObject({ params: Params.optional(), cleanup: z.array(ActionSchema).optional() })).optional(),
  });

  return { ActionSchema, CheckSchema, StepSchema, StepVariantSchema, LabSchema };
}

/** The kinds shipped with mesh-lab. */
export const builtinKinds = { checks: checkKinds, actions: actionKinds } as const satisfies LabKinds;

export const { ActionSchema, CheckSchema, StepSchema, StepVariantSchema, LabSchema } = schemasFor(builtinKinds.checks, builtinKinds.actions);

const cache = new WeakMap<LabKinds, z.ZodType>();

/** The lab schema for a set of kinds (the built-in one, or e.g. a test's with an extra kind). */
export function labSchemaFor(kinds: LabKinds): z.ZodType {
  if (kinds === builtinKinds) return LabSchema;
  let s = cache.get(kinds);
  if (s === undefined) {
    s = schemasFor(kinds.checks, kinds.actions).LabSchema;
    cache.set(kinds, s);
  }
  return s;
}
