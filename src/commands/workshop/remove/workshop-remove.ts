// `mesh-lab workshop remove NN…`: deletes those attendees (namespace, token, join file) and
// forgets them; the other attendees and the cluster stay.
import { ExitCode } from '../../../errors/exit-codes.js';
import { MeshLabError } from '../../../errors/mesh-lab-error.js';
import { workshopKubectl } from '../../../workshop/workshop-kubectl.js';
import type { Session } from '../../../session/session.js';
import { workshopPaths } from '../../../state/paths.js';
import { WorkshopStore } from '../../../state/workshop-state.js';
import { removeAttendees, type TeardownResult } from '../../../workshop/teardown.js';

export async function runWorkshopRemove(session: Session, name: string, ids: readonly string[]): Promise<TeardownResult & { workshop: string }> {
  const store = new WorkshopStore(workshopPaths(name, session.env).state);
  const state = store.read();
  if (!state) throw new MeshLabError(ExitCode.NotFound, `no workshop named ${name}`);
  const wanted = ids.map((raw) => {
    const id = /^\d{1,2}$/.test(raw) ? raw.padStart(2, '0') : raw;
    if (!state.attendees.some((a) => a.id === id)) throw new MeshLabError(ExitCode.NotFound, `workshop ${name} has no attendee ${raw}`, { hint: `\`mesh-lab workshop list --name ${name}\` shows them` });
    return id;
  });
  const leaving = state.attendees.filter((a) => wanted.includes(a.id));
  const r = await removeAttendees(workshopKubectl(session.runner, state), name, leaving);
  const { updatedAt: _u, ...rest } = state;
  store.write({ ...rest, attendees: state.attendees.filter((a) => !wanted.includes(a.id)) });
  return { workshop: name, ...r };
}
