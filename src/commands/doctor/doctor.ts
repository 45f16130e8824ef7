// `mesh-lab doctor`: every check `up` runs first, reported pass/warn/fail with a fix.
import { runDoctor as runChecks } from '../../doctor/doctor.js';
import type { Profile } from '../../doctor/compatibility.js';
import type { DoctorReport } from '../../doctor/types.js';
import type { Session } from '../../session/session.js';
import { toolRunner } from '../tools/tool-runner.js';

export async function runDoctor(session: Session, opts: { provider: Profile; hostPort: number; allowDownload: boolean }): Promise<DoctorReport> {
  const state = session.store.read();
  const own = state ? [state.provider === 'kind' ? `${state.cluster.name}-control-plane` : state.cluster.name] : [];
  return runChecks(
    { docker: session.docker.doctorSource(), runner: toolRunner(session.runner), env: session.env },
    {
      profile: opts.provider,
      port: opts.hostPort,
      ownContainers: own,
      allowDownload: opts.allowDownload,
      ...(state ? { kubeconfig: { path: state.cluster.kubeconfig, context: state.cluster.context } } : {}),
    },
  );
}
