// The per-environment state file: what mesh-lab created (so `down` removes only that) and the
// discovered ingress endpoint (so `curl`/`env` need no flags and no cluster round-trip).
import { RecordStore } from './record-store.js';

import { z } from 'zod';
import { providers, type ProviderName } from '../providers/registry.js';

export const IngressEndpointSchema = z.object({
  host: z.string(),
  port: z.number().int(),
  securePort: z.number().int().optional(),
  tcpPort: z.number().int().optional(),
  /** how the endpoint was found: kind-port-mapping, minikube-ip, load-balancer, node-ip, port-forward */
  source: z.string(),
  reason: z.string(),
  nodeIP: z.string().optional(),
  nodePort: z.number().int().optional(),
  securePortForward: z.number().int().optional(),
  portForwardPid: z.number().int().optional(),
});
export type IngressEndpoint = z.infer<typeof IngressEndpointSchema>;

export const EnvironmentStateSchema = z.object({
  schema: z.literal(2),
  /** the environment's name (--environment) */
  environment: z.string(),
  /** one of the registered providers (checked when read, so a registered one round-trips) */
  provider: z.custom<ProviderName>((v) => providers.has(v), { error: () => `Invalid option: expected one of ${providers.names().map((n) => JSON.stringify(n)).join('|')}` }),
  cluster: z.object({
    name: z.string(),
    context: z.string(),
    kubeconfig: z.string(),
    createdByMeshLab: z.boolean(),
  }),
  istio: z
    .object({ version: z.string(), profile: z.string(), installedByMeshLab: z.boolean() })
    .optional(),
  /** the validated `up` options, so `lab start` and reruns rebuild the same environment */
  options: z.record(z.string(), z.unknown()).optional(),
  app: z
    .object({ namespace: z.string(), service: z.string(), port: z.number(), path: z.string(), expectedBody: z.string() })
    .optional(),
  ingress: IngressEndpointSchema.optional(),
  /** `up --gateway-api`: whether mesh-lab installed the Gateway API CRDs (then `down` may remove them) or found them */
  gatewayApi: z.object({ crds: z.enum(['installed', 'found']), version: z.string() }).optional(),
  /**
   * objects mesh-lab applied, so `down` on a cluster it did not create removes exactly these:
   * `created` ones are deleted; `found` ones (there before mesh-lab) are kept and get back the
   * label/annotation values in `previous` (null: the key was absent). No `ownership`: created.
   */
  applied: z
    .array(
      z.object({
        apiVersion: z.string(),
        kind: z.string(),
        name: z.string(),
        namespace: z.string().optional(),
        ownership: z.enum(['created', 'found']).optional(),
        previous: z
          .object({ labels: z.record(z.string(), z.string().nullable()).optional(), annotations: z.record(z.string(), z.string().nullable()).optional() })
          .optional(),
      }),
    )
    .optional(),
  /**
   * set on an environment made by `mesh-lab join`: the attendee's place in a shared workshop
   * cluster. mesh-lab then never writes outside `namespace`, sends `host` as the Host header
   * and records lab progress in the namespace's `mesh-lab-progress` ConfigMap.
   */
  workshop: z.object({ name: z.string(), attendee: z.string(), namespace: z.string(), host: z.string() }).optional(),
  /** per-environment tutorial progress (labs/) keyed by lab id */
  labs: z.record(z.string(), z.unknown()).optional(),
  /** the lab most recently started, for `lab step`/`lab check` without an id */
  currentLab: z.string().optional(),
  updatedAt: z.string(),
});
export type EnvironmentState = z.infer<typeof EnvironmentStateSchema>;

/** Schema 1 (mesh-lab 0.1.0) called the environment `lab`; nothing else changed. */
function upgradeState(doc: unknown): unknown {
  if (doc === null || typeof doc !== 'object' || (doc as { schema?: unknown }).schema !== 1) return doc;
  const { lab, ...rest } = doc as Record<string, unknown>;
  return { ...rest, schema: 2, environment: lab };
}

export class EnvironmentStore extends RecordStore<EnvironmentState> {
  constructor(file: string) {
    super(file, EnvironmentStateSchema, 'a mesh-lab state file', upgradeState);
  }
}
