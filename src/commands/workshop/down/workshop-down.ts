// `mesh-lab workshop down`: removes what the workshop created and only that: the attendee
// namespaces carrying its label (with their tokens, RBAC and apps), the join files and the
// record, then the workshop's environment through `down`'s own run function (the cluster
// only if mesh-lab created it; otherwise what up applied, and Istio if up installed it).
import { rmSync } from 'node:fs';
import type { Session } from '../../../session/session.js';
import { workshopPaths } from '../../../state/paths.js';
import { WorkshopStore } from '../../../state/workshop-state.js';
import { removeAttendees } from '../../../workshop/teardown.js';
import { workshopKubectl } from '../../../workshop/workshop-kubectl.js';
import { runDown } from '../../down/down.js';

export interface WorkshopDownResult {
  workshop: string;
  removed: string[];
  kept: string[];
}

export async function runWorkshopDown(session: Session, name: string): Promise<WorkshopDownResult> {
  const paths = workshopPaths(name, session.env);
  const state = new WorkshopStore(paths.state).read();
  const removed: string[] = [];
  const kept: string[] = [];
  if (state) {
    // a cluster mesh-lab created goes as a whole: no need to empty it first
    const kubectl = state.cluster.createdByMeshLab ? undefined : workshopKubectl(session.runner, state);
    const r = await removeAttendees(kubectl, name, state.attendees);
    removed.push(...r.removed.filter((x) => kubectl || !x.startsWith('namespace ')));
    kept.push(...r.kept);
  }
  const env = await runDown(session);
  removed.push(...env.removed);
  kept.push(...env.kept);
  rmSync(paths.dir, { recursive: true, force: true });
  if (state) removed.push(`workshop record ${paths.dir}`);
  return { workshop: name, removed, kept };
}
