// The `resource` check: an object read with kubectl (exists or is gone, a condition, field
// values). Schema, title, validation, run, and the pure evaluation against the object
// kubectl returned (undefined when it was not found).
import { z } from 'zod';
import { resourceType } from '../../kube/apply-if-changed.js';
import { defineCheckKind } from '../kinds.js';
import { NonEmpty, RetrySchema } from '../schema-parts.js';
import type { CheckOutcome, ResourceCheck } from '../types.js';

export const FieldExpectationSchema = z
  .strictObject({
    /** Dot path into the object, e.g. `data.mesh` or `spec.subsets.0.name`. */
    path: NonEmpty,
    equals: z.union([z.string(), z.number(), z.boolean()]).optional(),
    regex: NonEmpty.optional(),
  })
  .superRefine((f, ctx) => {
    if ((f.equals === undefined) === (f.regex === undefined))
      ctx.addIssue({ code: 'custom', message: 'a field check needs exactly one of "equals" or "regex"' });
  });

export const ResourceCheckSchema = z.strictObject({
  title: NonEmpty.optional(),
  shown: NonEmpty.optional(),
  apiVersion: NonEmpty.optional(),
  kind: NonEmpty,
  name: NonEmpty,
  /** Default: the lab namespace. Use `istio-system` etc. explicitly. */
  namespace: NonEmpty.optional(),
  /** Default true; `false` checks that the object is gone. */
  exists: z.boolean().optional(),
  /**
   * `status.conditions[type=...].status` must equal this. `at` is another conditions list:
   * an HTTPRoute's are per parent, `status.parents.0.conditions`.
   */
  condition: z.strictObject({ type: NonEmpty, status: z.enum(['True', 'False', 'Unknown']).optional(), at: NonEmpty.optional() }).optional(),
  fields: z.array(FieldExpectationSchema).min(1).optional(),
  retry: RetrySchema.optional(),
});

export const resourceCheck = defineCheckKind({
  name: 'resource',
  schema: ResourceCheckSchema,
  title: (r) => r.title ?? `${r.kind} ${r.name} ${r.exists === false ? 'is gone' : 'exists'}`,
  validate(raw, v) {
    if (Array.isArray(raw.fields))
      raw.fields.forEach((f: unknown, i) => {
        if (isObj(f)) v.regex(f.regex, ['fields', i, 'regex']);
      });
  },
  async run(ctx, res, poll) {
    const namespaced = res.namespace ?? (isClusterScoped(res.kind) ? undefined : ctx.namespace);
    return poll(async () => {
      const [obj] = await ctx.kubectl.getNamed([`${resourceType(res.kind, res.apiVersion)}/${res.name}`], namespaced, `read ${res.kind} ${res.name}`).catch(() => []);
      return evaluateResource(res, obj);
    });
  },
});

function isClusterScoped(kind: string): boolean {
  return ['Namespace', 'Node', 'CustomResourceDefinition', 'ClusterRole', 'ClusterRoleBinding'].includes(kind);
}

type ResourceExpectation = Pick<ResourceCheck, 'kind' | 'name' | 'namespace' | 'exists' | 'condition' | 'fields'>;

export function evaluateResource(expectation: ResourceExpectation, object: unknown): CheckOutcome {
  const what = `${expectation.kind}/${expectation.name}${expectation.namespace === undefined ? '' : ` in ${expectation.namespace}`}`;
  const wantExists = expectation.exists ?? true;
  const found = object !== undefined && object !== null;
  if (!wantExists) return found ? { pass: false, message: `expected ${what} to be gone, it still exists` } : { pass: true, message: `${what} is gone` };
  if (!found) return { pass: false, message: `expected ${what} to exist, it was not found` };

  const problems: string[] = [];
  if (expectation.condition !== undefined) {
    const want = expectation.condition.status ?? 'True';
    const conds = getPath(object, expectation.condition.at ?? 'status.conditions');
    const c = Array.isArray(conds) ? conds.find((x: unknown) => isObj(x) && x.type === expectation.condition?.type) : undefined;
    if (!isObj(c)) {
      const types = Array.isArray(conds) ? conds.map((x: unknown) => (isObj(x) ? String(x.type) : '?')).join(', ') : '';
      problems.push(`expected condition ${expectation.condition.type}=${want}, ${what} has no such condition${expectation.condition.at ? ` in ${expectation.condition.at}` : ''}${types ? ` (has: ${types})` : ''}`);
    } else if (c.status !== want) {
      const why = [c.reason, c.message].filter((x) => typeof x === 'string' && x !== '').join(': ');
      problems.push(`expected condition ${expectation.condition.type}=${want}, got ${String(c.status)}${why ? ` (${why})` : ''}`);
    }
  }
  for (const f of expectation.fields ?? []) {
    const v = getPath(object, f.path);
    if (v === undefined) {
      problems.push(`expected ${f.path} ${f.equals !== undefined ? `= ${JSON.stringify(f.equals)}` : `to match /${f.regex ?? ''}/`}, it is not set`);
      continue;
    }
    if (f.equals !== undefined && v !== f.equals && String(v) !== String(f.equals))
      problems.push(`expected ${f.path} = ${JSON.stringify(f.equals)}, got ${short(v)}`);
    if (f.regex !== undefined && !new RegExp(f.regex).test(typeof v === 'string' ? v : JSON.stringify(v)))
      problems.push(`expected ${f.path} to match /${f.regex}/, got ${short(v)}`);
  }
  return problems.length > 0 ? { pass: false, message: problems.join('; ') } : { pass: true, message: `${what} is as expected` };
}

/**
 * Dot path lookup: `data.mesh`, `spec.subsets.0.name`, `metadata.labels.app`, and list
 * selection by a field: `spec.ports[name=http2].nodePort`.
 */
export function getPath(obj: unknown, p: string): unknown {
  let cur = obj;
  for (const m of p.matchAll(/([^.[\]]+)|\[([^=\]]+)=([^\]]*)\]/g)) {
    const [, key, selField, selValue] = m;
    if (key !== undefined) {
      if (Array.isArray(cur) && /^\d+$/.test(key)) cur = cur[Number(key)];
      else if (isObj(cur)) cur = cur[key];
      else return undefined;
    } else if (selField !== undefined) {
      if (!Array.isArray(cur)) return undefined;
      cur = cur.find((x: unknown) => isObj(x) && String(x[selField]) === selValue);
    }
    if (cur === undefined) return undefined;
  }
  return cur;
}

function isObj(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function short(v: unknown): string {
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  const one = s.replace(/\s+/g, ' ');
  return JSON.stringify(one.length > 120 ? `${one.slice(0, 120)}…` : one);
}
