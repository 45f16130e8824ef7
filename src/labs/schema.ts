// Zod schemas for `labs/<id>/lab.yaml`. Every object is strict, so an unknown (or
// misspelt) field is an error that points at that field. Cross-field rules that a
// plain schema cannot express (exactly one action kind, ingress vs mesh requests,
// step references, files that must exist) are added in superRefine here or in
// load.ts, always with a path so the loader can turn it into file:line:col.
import { z } from 'zod';

/** Lab and step ids: lower-case words joined by '-', as in a directory name. */
export const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** A `{{name}}` parameter name. */
export { PARAM_NAME_PATTERN } from '../manifests/placeholders.js';
import { PARAM_NAME_PATTERN } from '../manifests/placeholders.js';

const Id = z.string().regex(ID_PATTERN, 'must be lower-case words joined by "-" (e.g. "shift-50-50")');
const NonEmpty = z.string().min(1, 'must not be empty');
const ParamValue = z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]);
const Params = z.record(z.string().regex(PARAM_NAME_PATTERN, 'parameter names are a letter, then letters, digits or "_"'), ParamValue);
const Seconds = z.number().positive().max(3600);

// ---------------------------------------------------------------- requirements

export const IstioProfileSchema = z.enum(['default', 'demo']);
export const OutboundTrafficPolicySchema = z.enum(['ALLOW_ANY', 'REGISTRY_ONLY']);

export const RequirementsSchema = z.strictObject({
  /** The Istio installation profile the lab needs (`demo` ships the egress gateway). */
  profile: IstioProfileSchema.optional(),
  /** Mesh-wide options (istioctl `meshConfig.*`). */
  mesh: z
    .strictObject({
      /** `meshConfig.outboundTrafficPolicy.mode` */
      outboundTrafficPolicy: OutboundTrafficPolicySchema.optional(),
    })
    .optional(),
});

// --------------------------------------------------------------------- client

/** The in-mesh pod that `exec` actions and `via: mesh` checks run from. */
export const PodRefSchema = z.strictObject({
  /** Label selector, e.g. `{app: curl}`. The first Running pod is used. */
  selector: z.record(NonEmpty, NonEmpty).refine((s) => Object.keys(s).length > 0, 'needs at least one label'),
  container: NonEmpty,
  namespace: NonEmpty.optional(),
});

// -------------------------------------------------------------------- actions

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

const ExpectRunSchema = z.strictObject({
  exitCode: z.number().int().min(0).max(255).optional(),
  stdoutRegex: NonEmpty.optional(),
});

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

export const WaitActionSchema = z.strictObject({
  /** The command as the learner types it, e.g. `kubectl rollout status deployment/x`. */
  shown: NonEmpty.optional(),
  kind: z.enum(['Deployment']),
  name: NonEmpty,
  namespace: NonEmpty.optional(),
  timeoutSeconds: Seconds.optional(),
});

export const ActionSchema = z
  .strictObject({
    apply: ApplyActionSchema.optional(),
    run: RunActionSchema.optional(),
    exec: ExecActionSchema.optional(),
    wait: WaitActionSchema.optional(),
    /** A command that is only displayed (pipes, exports, browser URLs). */
    show: NonEmpty.optional(),
  })
  .superRefine((a, ctx) => {
    const kinds = ACTION_KINDS.filter((k) => a[k] !== undefined);
    if (kinds.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message:
          kinds.length === 0
            ? `an action needs one of: ${ACTION_KINDS.join(', ')}`
            : `an action has exactly one kind, found ${kinds.join(' and ')}`,
      });
    }
  });
export const ACTION_KINDS = ['apply', 'run', 'exec', 'wait', 'show'] as const;

// --------------------------------------------------------------------- checks

const HeaderName = z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, 'not a valid HTTP header name');

export const RetrySchema = z.strictObject({
  /** Keep trying for this long (route propagation takes a few seconds). */
  timeoutSeconds: Seconds.optional(),
  intervalMs: z.number().int().min(50).max(60_000).optional(),
  /** Pass only after this many passes in a row. */
  consecutiveSuccesses: z.number().int().min(1).max(100).optional(),
});

export const RequestSchema = z
  .strictObject({
    via: z.enum(['ingress', 'mesh']),
    /** ingress: the path appended to GATEWAY_URL, e.g. `/helloworld`. */
    path: z.string().startsWith('/', 'a path starts with "/"').optional(),
    /** mesh: the full URL requested from the client pod, e.g. `http://httpbin.org/headers`. */
    url: z.string().regex(/^https?:\/\/[^\s/]+/, 'an absolute http:// or https:// URL').optional(),
    method: z.enum(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']).optional(),
    /** Request headers, including `Host`. */
    headers: z.record(HeaderName, z.string()).optional(),
    body: z.string().optional(),
    /** mesh: the pod to send from; default: the lab `client`. */
    from: PodRefSchema.optional(),
    /** Per-request timeout (client side, like `curl -m`). */
    timeoutSeconds: Seconds.optional(),
  })
  .superRefine((r, ctx) => {
    if (r.via === 'ingress') {
      if (r.path === undefined) ctx.addIssue({ code: 'custom', message: 'via: ingress needs "path"', path: ['path'] });
      if (r.url !== undefined) ctx.addIssue({ code: 'custom', message: 'via: ingress takes "path", not "url"', path: ['url'] });
      if (r.from !== undefined) ctx.addIssue({ code: 'custom', message: '"from" only applies to via: mesh', path: ['from'] });
    } else {
      if (r.url === undefined) ctx.addIssue({ code: 'custom', message: 'via: mesh needs "url"', path: ['url'] });
      if (r.path !== undefined) ctx.addIssue({ code: 'custom', message: 'via: mesh takes "url", not "path"', path: ['path'] });
    }
  });

export const HeaderExpectationSchema = z.union([
  z.string(),
  z.strictObject({
    equals: z.string().optional(),
    regex: NonEmpty.optional(),
    absent: z.literal(true).optional(),
  }),
]);

const StatusSchema = z.number().int().min(100).max(599);

export const HttpExpectationSchema = z.strictObject({
  /** One status or a list of acceptable ones. `0` is not allowed: use `error`. */
  status: z.union([StatusSchema, z.array(StatusSchema).min(1)]).optional(),
  bodyRegex: NonEmpty.optional(),
  bodyNotRegex: NonEmpty.optional(),
  /** Header name → exact value (a string) or `{equals|regex|absent}`. */
  headers: z.record(HeaderName, HeaderExpectationSchema).optional(),
  minLatencyMs: z.number().int().min(0).optional(),
  maxLatencyMs: z.number().int().min(1).optional(),
  /** Expect a transport failure (connection reset, TLS failure) instead of a response. */
  error: z.literal(true).optional(),
});

export const HttpCheckSchema = z.strictObject({
  title: NonEmpty.optional(),
  /** The learner-facing equivalent, e.g. `curl -s -I "http://$GATEWAY_URL/helloworld"`. */
  shown: NonEmpty.optional(),
  request: RequestSchema,
  expect: HttpExpectationSchema,
  retry: RetrySchema.optional(),
});

export const BucketSchema = z
  .strictObject({
    name: NonEmpty,
    /** A sample falls into the first bucket whose every given matcher matches. */
    status: StatusSchema.optional(),
    bodyRegex: NonEmpty.optional(),
    header: z.strictObject({ name: HeaderName, regex: NonEmpty }).optional(),
    /** Expected share of all samples, in percent, and the allowed deviation. */
    percent: z.number().min(0).max(100),
    tolerance: z.number().min(0).max(100),
  })
  .superRefine((b, ctx) => {
    if (b.status === undefined && b.bodyRegex === undefined && b.header === undefined)
      ctx.addIssue({ code: 'custom', message: 'a bucket needs at least one of "status", "bodyRegex", "header"' });
  });

export const DistributionCheckSchema = z
  .strictObject({
    title: NonEmpty.optional(),
    shown: NonEmpty.optional(),
    request: RequestSchema,
    /** Number of requests to send. */
    samples: z.number().int().min(1).max(10_000),
    buckets: z.array(BucketSchema).min(1),
    /** Share of samples matching no bucket that is still acceptable (percent, default 0). */
    maxOtherPercent: z.number().min(0).max(100).optional(),
    retry: RetrySchema.optional(),
  })
  .superRefine((d, ctx) => {
    const sum = d.buckets.reduce((s, b) => s + b.percent, 0);
    if (Math.abs(sum - 100) > 1e-9 && (d.maxOtherPercent ?? 0) === 0)
      ctx.addIssue({ code: 'custom', message: `bucket percentages add up to ${sum}, not 100`, path: ['buckets'] });
    const seen = new Set<string>();
    d.buckets.forEach((b, i) => {
      if (seen.has(b.name)) ctx.addIssue({ code: 'custom', message: `duplicate bucket name "${b.name}"`, path: ['buckets', i, 'name'] });
      seen.add(b.name);
    });
  });

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
  /** `status.conditions[type=...].status` must equal this. */
  condition: z.strictObject({ type: NonEmpty, status: z.enum(['True', 'False', 'Unknown']).optional() }).optional(),
  fields: z.array(FieldExpectationSchema).min(1).optional(),
  retry: RetrySchema.optional(),
});

export const CheckSchema = z
  .strictObject({
    http: HttpCheckSchema.optional(),
    distribution: DistributionCheckSchema.optional(),
    resource: ResourceCheckSchema.optional(),
  })
  .superRefine((c, ctx) => {
    const kinds = CHECK_KINDS.filter((k) => c[k] !== undefined);
    if (kinds.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message:
          kinds.length === 0
            ? `a check needs one of: ${CHECK_KINDS.join(', ')}`
            : `a check has exactly one kind, found ${kinds.join(' and ')}`,
      });
    }
  });
export const CHECK_KINDS = ['http', 'distribution', 'resource'] as const;

// ---------------------------------------------------------------------- steps

export const StepSchema = z
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
  })
  .superRefine((s, ctx) => {
    if ((s.text === undefined) === (s.textFile === undefined))
      ctx.addIssue({ code: 'custom', message: 'a step needs exactly one of "text" or "textFile"' });
  });

// ------------------------------------------------------------------------ lab

export const LabSchema = z.strictObject({
  /** Format version of this file. */
  apiVersion: z.literal('mesh-lab/v1'),
  id: Id,
  title: NonEmpty,
  summary: NonEmpty,
  /** Namespace the lab works in (default `mesh-lab`). */
  namespace: NonEmpty.optional(),
  requirements: RequirementsSchema.optional(),
  /** The in-mesh client pod for `exec` actions and `via: mesh` checks. */
  client: PodRefSchema.optional(),
  /** Default `{{param}}` values for manifests and commands. */
  params: Params.optional(),
  steps: z.array(StepSchema).min(1, 'a lab needs at least one step'),
  /** Actions for `lab reset`, run in order (e.g. delete what the lab applied). */
  cleanup: z.array(ActionSchema).optional(),
});
