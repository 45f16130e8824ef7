// `mesh-lab down`: removes what mesh-lab made for the lab and nothing else. A cluster
// mesh-lab created is deleted; on a cluster it did not create, only the objects it
// created are removed, objects it found get their labels back, and the Istio it installed
// is uninstalled only when no other workload still runs its sidecar. Running it twice is fine.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { stopPortForward } from '../../discovery/port-forward.js';
import { Istioctl } from '../../istio/istioctl.js';
import { resourceType } from '../../kube/apply-if-changed.js';
import { Kubectl } from '../../kube/kubectl.js';
import { describeRef, restoreLabelArgs, type AppliedRef } from '../../kube/ownership.js';
import type { Session } from '../../session/session.js';
import { providerFromState } from '../../providers/create-provider.js';
import { LOCK_FILE } from '../../session/environment-lock.js';
import type { EnvironmentState } from '../../state/environment-state.js';
import { sidecarPodsOutside } from './sidecar-users.js';
import { removeGatewayApiCrds } from './gateway-api-crds.js';

export interface DownResult {
  environment: string;
  removed: string[];
  /** what down left in place, each with why */
  kept: string[];
}

export async function runDown(session: Session): Promise<DownResult> {
  const state = session.store.read();
  if (!state) return { environment: session.environment, removed: [], kept: [`no environment named ${session.environment}; nothing to remove`] };
  const provider = providerFromState(session, state);
  const removed: string[] = [];
  const kept: string[] = [];
  // supervisor first, so it does not restart kubectl; then kubectl
  const forward = await stopPortForward(session.paths.dir, state.ingress?.portForwardPid);
  if (forward) removed.push(forward);
  if (state.cluster.createdByMeshLab) {
    if (await provider.exists()) {
      await provider.delete();
      removed.push(`${state.provider} cluster ${state.cluster.name}`);
    } else {
      kept.push(`${state.provider} cluster ${state.cluster.name} was already gone`);
    }
  } else {
    kept.push(`${state.provider} cluster ${state.cluster.name} (mesh-lab did not create it)`);
    if ((state.applied ?? []).length > 0 && (await provider.exists())) {
      const kubectl = new Kubectl(session.runner, provider.access());
      await removeApplied(kubectl, state.applied ?? [], removed, kept);
      await removeGatewayApiCrds(kubectl, state, removed, kept);
      await removeIstio(session, kubectl, provider.access(), state, removed, kept);
    }
  }
  if (!session.dryRun) removeStateKeepingLock(session.paths.dir);
  removed.push(`environment state ${session.paths.dir}`);
  return { environment: session.environment, removed, kept };
}

/** Deletes what mesh-lab created; gives objects it found their labels back. */
async function removeApplied(kubectl: Kubectl, refs: readonly AppliedRef[], removed: string[], kept: string[]): Promise<void> {
  for (const ref of refs) {
    const type = `${resourceType(ref.kind, ref.apiVersion)}/${ref.name}`;
    const ns = ref.namespace ? ['-n', ref.namespace] : [];
    if (ref.ownership === 'found') {
      const labels = ref.previous?.labels ?? {};
      if (Object.keys(labels).length > 0) {
        await kubectl.run(['label', type, ...ns, ...restoreLabelArgs(labels), '--overwrite'], { purpose: `restore the labels of ${describeRef(ref)}` });
      }
      const restored = Object.entries(labels).map(([k, v]) => (v === null ? `${k} removed` : `${k}=${v}`));
      kept.push(`${describeRef(ref)} (it existed before mesh-lab${restored.length ? `; labels restored: ${restored.join(', ')}` : ''})`);
      continue;
    }
    await kubectl.run(['delete', type, ...ns, '--ignore-not-found'], { purpose: `delete ${ref.kind} ${ref.name}` });
    removed.push(describeRef(ref));
  }
}

async function removeIstio(session: Session, kubectl: Kubectl, access: { context: string; kubeconfig: string }, state: EnvironmentState, removed: string[], kept: string[]): Promise<void> {
  if (!state.istio) return;
  if (!state.istio.installedByMeshLab || !existsSync(session.paths.istioOperator)) {
    kept.push(`Istio ${state.istio.version} (mesh-lab did not install it)`);
    return;
  }
  const own = new Set((state.applied ?? []).filter((r) => r.kind === 'Namespace' && r.ownership !== 'found').map((r) => r.name));
  const users = await sidecarPodsOutside(kubectl, own);
  if (users.length > 0) {
    const shown = users.slice(0, 3).join(', ') + (users.length > 3 ? ` and ${users.length - 3} more` : '');
    kept.push(`Istio ${state.istio.version} (mesh-lab installed it, but pods outside its namespaces still run its sidecar: ${shown}; uninstall it yourself once they are gone: istioctl uninstall --purge --context ${access.context})`);
    return;
  }
  await new Istioctl(session.runner, access).uninstall(session.paths.istioOperator);
  removed.push(`Istio ${state.istio.version} (mesh-lab installed it)`);
}

/** The lab's files go; the lock stays until the running command releases it (and then the folder). */
function removeStateKeepingLock(dir: string): void {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir)) {
    if (entry === LOCK_FILE || entry.startsWith(`${LOCK_FILE}.`)) continue;
    rmSync(join(dir, entry), { recursive: true, force: true });
  }
}
