// `mesh-lab down`: removes what mesh-lab made for the lab and nothing else. A cluster
// mesh-lab created is deleted; on a cluster it did not create, only the objects it
// applied are removed. Running it twice is fine.
import { existsSync, rmSync } from 'node:fs';
import { stopPortForward } from '../../discovery/port-forward.js';
import { Istioctl } from '../../istio/istioctl.js';
import { resourceType } from '../../kube/apply-if-changed.js';
import { Kubectl } from '../../kube/kubectl.js';
import type { Session } from '../../lab/session.js';
import { providerFromState } from '../../providers/create-provider.js';

export interface DownResult {
  lab: string;
  removed: string[];
  kept: string[];
}

export async function labDown(session: Session): Promise<DownResult> {
  const state = session.store.read();
  if (!state) return { lab: session.lab, removed: [], kept: [`no lab named ${session.lab}; nothing to remove`] };
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
    const refs = state.applied ?? [];
    if (refs.length > 0 && (await provider.exists())) {
      const kubectl = new Kubectl(session.runner, provider.access());
      for (const ref of refs) {
        const args = ['delete', `${resourceType(ref.kind, ref.apiVersion)}/${ref.name}`, '--ignore-not-found'];
        if (ref.namespace) args.push('-n', ref.namespace);
        await kubectl.run(args, { purpose: `delete ${ref.kind} ${ref.name}` });
        removed.push(`${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`);
      }
      if (state.istio?.installedByMeshLab && existsSync(session.paths.istioOperator)) {
        await new Istioctl(session.runner, provider.access()).uninstall(session.paths.istioOperator);
        removed.push(`Istio ${state.istio.version} (mesh-lab installed it)`);
      } else if (state.istio) {
        kept.push(`Istio ${state.istio.version} (mesh-lab did not install it)`);
      }
    }
  }
  if (!session.dryRun) rmSync(session.paths.dir, { recursive: true, force: true });
  removed.push(`lab state ${session.paths.dir}`);
  return { lab: session.lab, removed, kept };
}
