// kubectl as the instructor reaches the workshop's cluster: the access its record names.
import type { ClusterAccess } from '../kube/cluster-access.js';
import { Kubectl } from '../kube/kubectl.js';
import type { Runner } from '../process/runner.js';
import type { WorkshopState } from '../state/workshop-state.js';

export function workshopAccess(state: WorkshopState): ClusterAccess {
  return { kubeconfig: state.cluster.kubeconfig, context: state.cluster.context };
}

export function workshopKubectl(runner: Runner, state: WorkshopState): Kubectl {
  return new Kubectl(runner, workshopAccess(state));
}
