// `mesh-lab workshop list`: the attendees of a workshop as its record has them.
import { ExitCode } from '../../../errors/exit-codes.js';
import { MeshLabError } from '../../../errors/mesh-lab-error.js';
import { workshopPaths } from '../../../state/paths.js';
import { WorkshopStore } from '../../../state/workshop-state.js';

export interface WorkshopListResult {
  workshop: string;
  domain: string;
  ingress?: { host: string; port: number };
  attendees: Array<{ id: string; namespace: string; host: string; joinFile: string; tokenExpiresAt?: string }>;
}

export function runWorkshopList(name: string, env: NodeJS.ProcessEnv = process.env): WorkshopListResult {
  const state = new WorkshopStore(workshopPaths(name, env).state).read();
  if (!state) throw new MeshLabError(ExitCode.NotFound, `no workshop named ${name}`, { hint: `create it with \`mesh-lab workshop up --name ${name} --attendees N\`` });
  return {
    workshop: state.workshop,
    domain: state.domain,
    ...(state.ingress ? { ingress: { host: state.ingress.host, port: state.ingress.port } } : {}),
    attendees: state.attendees.map((a) => ({ id: a.id, namespace: a.namespace, host: a.host, joinFile: a.joinFile, ...(a.tokenExpiresAt ? { tokenExpiresAt: a.tokenExpiresAt } : {}) })),
  };
}
