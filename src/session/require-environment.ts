import { ExitCode } from '../errors/exit-codes.js';
import { MeshLabError } from '../errors/mesh-lab-error.js';
import type { EnvironmentState } from '../state/environment-state.js';
import type { Session } from './session.js';

/** The environment's state, or the one-line explanation that there is no such environment yet. */
export function requireEnvironment(session: Session): EnvironmentState {
  const state = session.store.read();
  if (!state) {
    throw new MeshLabError(ExitCode.NotFound, `no environment named ${session.environment} on this machine`, {
      hint: session.environment === 'mesh-lab' ? 'run `mesh-lab up` first' : `run \`mesh-lab up --environment ${session.environment}\` first`,
    });
  }
  return state;
}

export function requireIngress(session: Session, state: EnvironmentState): NonNullable<EnvironmentState['ingress']> {
  if (!state.ingress) {
    throw new MeshLabError(ExitCode.NotFound, `environment ${session.environment} has no discovered ingress yet`, {
      hint: 'run `mesh-lab up` until it finishes',
    });
  }
  return state.ingress;
}
