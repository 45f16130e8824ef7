import { ExitCode } from '../errors/exit-codes.js';
import { MeshLabError } from '../errors/mesh-lab-error.js';
import type { LabState } from '../state/lab-state.js';
import type { Session } from './session.js';

/** The lab's state, or the one-line explanation that there is no such lab yet. */
export function requireState(session: Session): LabState {
  const state = session.store.read();
  if (!state) {
    throw new MeshLabError(ExitCode.NotFound, `no lab named ${session.lab} on this machine`, {
      hint: session.lab === 'mesh-lab' ? 'run `mesh-lab up` first' : `run \`mesh-lab up --lab ${session.lab}\` first`,
    });
  }
  return state;
}

export function requireIngress(session: Session, state: LabState): NonNullable<LabState['ingress']> {
  if (!state.ingress) {
    throw new MeshLabError(ExitCode.NotFound, `lab ${session.lab} has no discovered ingress yet`, {
      hint: 'run `mesh-lab up` until it finishes',
    });
  }
  return state.ingress;
}
