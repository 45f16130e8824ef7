// A joined environment (EnvironmentState.workshop, written by `mesh-lab join`) also records
// each checked step in its namespace's progress ConfigMap, for the instructor's `workshop
// status` and dashboard. Local progress stays the learner's own record; a failure to record
// is a warning on stderr, never a failed check.
import type { Kubectl } from '../../kube/kubectl.js';
import type { LabProgress } from '../../labs/progress.js';
import type { Session } from '../../session/session.js';

export async function recordForWorkshop(session: Session, kubectl: Kubectl, progress: LabProgress): Promise<void> {
  const joined = session.store.read()?.workshop;
  if (!joined) return;
  const { recordedLab, tryWriteRecordedLab } = await import('../../workshop/progress-configmap.js');
  const warning = await tryWriteRecordedLab(kubectl, { workshop: joined.name, namespace: joined.namespace }, recordedLab(progress));
  if (warning) session.printer.err(warning);
}
