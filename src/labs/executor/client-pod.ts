// The in-mesh client (the lab's `client`, e.g. the curl pod): the first Running pod that
// matches its selector.
import { ExitCode } from '../../errors/exit-codes.js';
import { MeshLabError } from '../../errors/mesh-lab-error.js';
import type { PodRef } from '../types.js';
import type { ExecContext } from './context.js';

export interface ClientPod {
  name: string;
  namespace: string;
  container: string;
}

export async function findClientPod(ctx: ExecContext, ref: PodRef | undefined): Promise<ClientPod> {
  const pod = ref ?? ctx.loaded.lab.client;
  if (!pod) {
    throw new MeshLabError(ExitCode.Usage, `lab ${ctx.loaded.lab.id} has no client pod for in-mesh requests`, { hint: 'add `client:` to lab.yaml' });
  }
  const namespace = pod.namespace ?? ctx.namespace;
  const selector = Object.entries(pod.selector).map(([k, v]) => `${k}=${v}`).join(',');
  const pods = await ctx.kubectl.list('pods', { namespace, selector, purpose: `find the client pod (${selector})` });
  const running = pods.find((p) => (p.status as { phase?: string } | undefined)?.phase === 'Running');
  if (!running) {
    throw new MeshLabError(ExitCode.VerificationFailed, `no running client pod with ${selector} in ${namespace}`, {
      hint: 'run the step that deploys the client first (`mesh-lab lab step` shows it)',
    });
  }
  return { name: running.metadata.name, namespace, container: pod.container };
}
