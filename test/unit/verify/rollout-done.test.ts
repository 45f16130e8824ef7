// kubectl's DeploymentStatusViewer conditions (kubernetes/kubectl
// pkg/polymorphichelpers/rollout_status.go): only "successfully rolled out" skips the wait.
import { describe, expect, it } from 'vitest';
import type { K8sObject } from '../../../src/kube/objects.js';
import { deploymentRolledOut } from '../../../src/verify/rollout-done.js';

function deployment(patch: { generation?: number; replicas?: number; status?: Record<string, unknown> } = {}): K8sObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'helloworldservice', namespace: 'mesh-lab', ...({ generation: patch.generation ?? 2 } as object) },
    spec: patch.replicas === undefined ? { replicas: 1 } : { replicas: patch.replicas },
    status: {
      observedGeneration: 2,
      replicas: 1,
      updatedReplicas: 1,
      availableReplicas: 1,
      conditions: [{ type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable' }],
      ...patch.status,
    },
  };
}

describe('deploymentRolledOut', () => {
  it('is true when kubectl rollout status would say "successfully rolled out"', () => {
    expect(deploymentRolledOut(deployment())).toBe(true);
    expect(deploymentRolledOut(deployment({ replicas: 0, status: { replicas: 0, updatedReplicas: 0, availableReplicas: 0 } }))).toBe(true);
  });

  it.each([
    ['a generation not yet observed', deployment({ generation: 3 })],
    ['a progress deadline exceeded', deployment({ status: { conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }] } })],
    ['fewer updated replicas than wanted', deployment({ replicas: 2, status: { replicas: 2, updatedReplicas: 1, availableReplicas: 2 } })],
    ['old replicas pending termination', deployment({ status: { replicas: 2, updatedReplicas: 1, availableReplicas: 1 } })],
    ['updated replicas not yet available', deployment({ status: { availableReplicas: 0 } })],
    ['no status at all', { ...deployment(), status: undefined }],
    ['no generation', { ...deployment(), metadata: { name: 'helloworldservice' } }],
    ['another kind', { ...deployment(), kind: 'StatefulSet' }],
  ] as const)('is false for %s (rollout status is asked)', (_name, obj) => {
    expect(deploymentRolledOut(obj as K8sObject)).toBe(false);
  });

  it('is false when nothing was read', () => {
    expect(deploymentRolledOut(undefined)).toBe(false);
  });
});
