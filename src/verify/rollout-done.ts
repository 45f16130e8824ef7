// Whether a Deployment, as just read, is already rolled out: then `kubectl rollout status`
// would only print "successfully rolled out" and exit 0, and an `up` rerun need not start
// it. The conditions are kubectl's own (DeploymentStatusViewer.Status in
// kubernetes/kubectl pkg/polymorphichelpers/rollout_status.go): the controller has observed
// the current generation, the Progressing condition has not timed out
// (ProgressDeadlineExceeded), every desired replica is updated, no old replica is left, and
// every updated replica is available. Anything else (or a field missing) answers false, and
// the caller waits with `kubectl rollout status` as before, which reports a failure itself.
import type { K8sObject } from '../kube/objects.js';

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

export function deploymentRolledOut(obj: K8sObject | undefined): boolean {
  if (!obj || obj.kind !== 'Deployment') return false;
  const generation = num((obj.metadata as { generation?: unknown }).generation);
  const status = (obj.status ?? {}) as Record<string, unknown>;
  const observed = num(status.observedGeneration);
  if (generation === undefined || observed === undefined || generation > observed) return false;
  const conditions = Array.isArray(status.conditions) ? (status.conditions as Array<{ type?: unknown; reason?: unknown }>) : [];
  if (conditions.some((c) => c.type === 'Progressing' && c.reason === 'ProgressDeadlineExceeded')) return false;
  // the API server always sets spec.replicas (default 1); without it, do not guess
  const wanted = num(obj.spec?.replicas);
  const replicas = num(status.replicas) ?? 0;
  const updated = num(status.updatedReplicas) ?? 0;
  const available = num(status.availableReplicas) ?? 0;
  if (wanted === undefined || updated < wanted) return false;
  if (replicas > updated) return false;
  return available >= updated;
}
