// Labs in a joined workshop environment (EnvironmentState.workshop): the attendee owns one
// namespace of a shared cluster and nothing else. A lab runs there only if it says so
// (`shared: true` in lab.yaml); each step then uses its `shared:` equivalent when it has
// one (e.g. "find the ingress": the join file already gave it), its manifests land in the
// attendee's namespace, and its routes answer on the attendee's host (`{{host}}`).
import { ExitCode } from '../../errors/exit-codes.js';
import { MeshLabError } from '../../errors/mesh-lab-error.js';
import { sharedVariant } from '../../labs/shared-variant.js';
import type { LabApi, LoadedLab } from '../../labs/types.js';
import type { Session } from '../../session/session.js';
import type { EnvironmentState } from '../../state/environment-state.js';
import { loadLabVariant } from './lab-binding.js';

export type Joined = NonNullable<EnvironmentState['workshop']>;

export function joinedWorkshop(session: Session): Joined | undefined {
  return session.store.read()?.workshop;
}

/**
 * The lab as this environment runs it: the API variant it asks for or the environment was
 * made with (src/labs/variants.ts, via loadLabVariant), and in a joined workshop
 * environment the shared variant of each step; unchanged on a cluster of one's own.
 */
export function sessionLab(session: Session, id: string, o: { requested?: boolean; state?: EnvironmentState | undefined } = {}): LoadedLab & { api: LabApi } {
  const state = 'state' in o ? o.state : session.store.read();
  const loaded = loadLabVariant(id, session.env, { requested: o.requested ?? false, state });
  const joined = state?.workshop;
  if (!joined) return loaded;
  if (!loaded.lab.shared) {
    throw new MeshLabError(ExitCode.Conflict, `lab ${id} needs a cluster of its own: it changes what a shared workshop cluster shares (workshop ${joined.name})`, {
      hint: `run it in an environment of your own: mesh-lab -e mine lab start ${id}`,
    });
  }
  return { ...sharedVariant(loaded), api: loaded.api };
}
