// kubectl as the instructor reaches the workshop's cluster (the access its record names).
import { Kubectl } from '../kube/kubectl.js';
import type { Runner } from '../process/runner.js';
import type { WorkshopState } from '../state/workshop-state.js';

export function ClusterAccessKubectl(session: { runner: Runner }, state: WorkshopState): Kubectl {
  return new Kubectl(session.runner, { kubeconfig: state.cluster.kubeconfig, context: state.cluster.context });
}
