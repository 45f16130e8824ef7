// Validation of `mesh-lab up` options. Commander hands over strings; this turns them
// into typed, range-checked values and reports the first bad one as a usage error.
import { z } from 'zod';
import { ExitCode } from '../errors/exit-codes.js';
import { MeshLabError } from '../errors/mesh-lab-error.js';
import { reservedNamespaceReason } from '../kube/reserved-namespaces.js';
import { providers, type ProviderName } from '../providers/registry.js';
import { DEFAULTS } from '../config/defaults.js';
import { imageReferenceProblem } from '../config/image-reference.js';

const port = (what: string) =>
  z.coerce
    .number({ error: `${what} must be a number` })
    .int({ error: `${what} must be a whole number` })
    .min(1, { error: `${what} must be between 1 and 65535` })
    .max(65535, { error: `${what} must be between 1 and 65535` });

const nodePort = (what: string) =>
  z.coerce
    .number({ error: `${what} must be a number` })
    .int({ error: `${what} must be a whole number` })
    .min(30000, { error: `${what} must be in Kubernetes' NodePort range 30000-32767` })
    .max(32767, { error: `${what} must be in Kubernetes' NodePort range 30000-32767` });

const imageRef = (what: string) =>
  z.string().superRefine((v, ctx) => {
    const problem = imageReferenceProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: `${what} "${v}" is not a valid image reference: ${problem}` });
  });

const dnsLabel = (what: string) =>
  z
    .string()
    .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, { error: `${what} must be lower-case letters, digits and '-' (a DNS label)` })
    .max(50, { error: `${what} must be at most 50 characters` });

export const UpOptionsSchema = z
  .object({
    // checked against the registry when parsed, so a registered provider is accepted
    provider: z.custom<ProviderName>((v) => providers.has(v), { error: () => `provider must be one of ${providers.names().join(', ')}` }),
    clusterName: dnsLabel('cluster name'),
    context: z.string().min(1).optional(),
    kubeconfig: z.string().min(1).optional(),
    installIstio: z.boolean(),
    driver: z.string().min(1),
    // absent: sized to what Docker has (providers/minikube/minikube-sizing.ts)
    cpus: z.coerce.number({ error: '--cpus must be a number' }).int({ error: '--cpus must be a whole number' }).min(1, { error: '--cpus must be at least 1' }).optional(),
    memoryMb: z.coerce.number({ error: '--memory must be a number of MB' }).int({ error: '--memory must be a whole number of MB' }).min(1024, { error: '--memory must be at least 1024 (MB)' }).optional(),
    kubernetesVersion: z.string().regex(/^v?\d+\.\d+\.\d+$/, { error: '--kubernetes-version must look like v1.34.0' }).optional(),
    istioVersion: z.string().regex(/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/, { error: `Istio version must look like ${DEFAULTS.istioVersion}` }),
    profile: z.enum(['default', 'demo', 'minimal'], { error: 'profile must be one of default, demo, minimal' }),
    namespace: dnsLabel('namespace').refine((ns) => !reservedNamespaceReason(ns), { error: (i) => reservedNamespaceReason(String(i.input)) ?? 'reserved namespace' }),
    /** deploy into a namespace that already exists (mesh-lab labels it, never deletes it) */
    useExistingNamespace: z.boolean(),
    image: imageRef('--image'),
    appPort: port('app port'),
    responseText: z.string().min(1),
    path: z.string().startsWith('/', { error: 'path must start with /' }),
    httpNodePort: nodePort('--node-port'),
    httpsNodePort: nodePort('--https-node-port'),
    httpHostPort: port('--host-port'),
    httpsHostPort: port('--https-host-port'),
    kindNodeImage: imageRef('--kind-node-image').optional(),
    outboundTrafficPolicy: z.enum(['ALLOW_ANY', 'REGISTRY_ONLY']),
    /** route with the Kubernetes Gateway API (Gateway + HTTPRoute) instead of Istio's Gateway + VirtualService */
    gatewayApi: z.boolean(),
    rolloutTimeoutSeconds: z.coerce.number().int().positive(),
    verifyTimeoutSeconds: z.coerce.number().int().positive({ error: '--timeout must be a positive number of seconds' }),
    dryRun: z.boolean(),
  })
  .superRefine((o, ctx) => {
    if (providers.get(o.provider).needsContext && o.context === undefined) ctx.addIssue({ code: 'custom', message: `--provider ${o.provider} needs --context <kubeconfig context>`, path: ['context'] });
  })
  .refine((o) => o.httpNodePort !== o.httpsNodePort, { error: 'the http and https nodePorts must differ', path: ['httpsNodePort'] })
  .refine((o) => o.httpHostPort !== o.httpsHostPort, { error: 'the http and https host ports must differ', path: ['httpsHostPort'] });

export type UpOptions = z.infer<typeof UpOptionsSchema>;

export function parseUpOptions(raw: Record<string, unknown>): UpOptions {
  const merged = {
    provider: DEFAULTS.provider,
    clusterName: DEFAULTS.clusterName,
    istioVersion: DEFAULTS.istioVersion,
    profile: DEFAULTS.profile,
    namespace: DEFAULTS.namespace,
    image: DEFAULTS.image,
    appPort: DEFAULTS.appPort,
    responseText: DEFAULTS.responseText,
    path: DEFAULTS.path,
    httpNodePort: DEFAULTS.httpNodePort,
    httpsNodePort: DEFAULTS.httpsNodePort,
    outboundTrafficPolicy: DEFAULTS.outboundTrafficPolicy,
    rolloutTimeoutSeconds: DEFAULTS.rolloutTimeoutSeconds,
    verifyTimeoutSeconds: DEFAULTS.verifyTimeoutSeconds,
    dryRun: false,
    installIstio: false,
    useExistingNamespace: false,
    gatewayApi: false,
    driver: DEFAULTS.minikubeDriver,
    ...Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined)),
  } as Record<string, unknown>;
  // host ports follow the nodePorts unless given: kind maps N -> N, so :31380 works.
  merged.httpHostPort ??= merged.httpNodePort;
  merged.httpsHostPort ??= merged.httpsNodePort;
  return validate(UpOptionsSchema, merged);
}

export function validate<T>(schema: z.ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new MeshLabError(ExitCode.Usage, issue.message, { hint: 'see `mesh-lab up --help`' });
  }
  return r.data;
}
