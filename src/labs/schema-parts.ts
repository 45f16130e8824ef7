// Schema pieces shared by the lab file and by several check and action kinds. Every
// object is strict, so an unknown (or misspelt) field is an error that points at that
// field; rules a plain schema cannot express are added with a path, so the loader can
// turn them into file:line:col.
import { z } from 'zod';
import { PARAM_NAME_PATTERN } from '../manifests/placeholders.js';

export { PARAM_NAME_PATTERN };

/** Lab and step ids: lower-case words joined by '-', as in a directory name. */
export const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const Id = z.string().regex(ID_PATTERN, 'must be lower-case words joined by "-" (e.g. "shift-50-50")');
export const NonEmpty = z.string().min(1, 'must not be empty');
const ParamValue = z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]);
export const Params = z.record(z.string().regex(PARAM_NAME_PATTERN, 'parameter names are a letter, then letters, digits or "_"'), ParamValue);
export const Seconds = z.number().positive().max(3600);

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
  /** The Gateway API CRDs must be installed (as `up --gateway-api` does): a lab written for the Gateway API only. */
  gatewayApi: z.boolean().optional(),
});

/** The routing APIs a lab can be run with: Istio's networking.istio.io, or the Kubernetes Gateway API. */
export const LAB_APIS = ['istio', 'gateway-api'] as const;
export const LabApiSchema = z.enum(LAB_APIS);

/** The in-mesh pod that `exec` actions and `via: mesh` checks run from. */
export const PodRefSchema = z.strictObject({
  /** Label selector, e.g. `{app: curl}`. The first Running pod is used. */
  selector: z.record(NonEmpty, NonEmpty).refine((s) => Object.keys(s).length > 0, 'needs at least one label'),
  container: NonEmpty,
  namespace: NonEmpty.optional(),
});

/** `expect` of the `run` and `exec` actions. */
export const ExpectRunSchema = z.strictObject({
  exitCode: z.number().int().min(0).max(255).optional(),
  stdoutRegex: NonEmpty.optional(),
});

export const HeaderName = z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, 'not a valid HTTP header name');

export const StatusSchema = z.number().int().min(100).max(599);

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
