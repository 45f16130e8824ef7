// `mesh-lab doctor`: every check `up` runs first, reported pass/warn/fail with a fix.
import { runDoctor as runChecks } from '../../doctor/doctor.js';
import type { DoctorReport } from '../../doctor/types.js';
import { providers, type LocalProviderName } from '../../providers/registry.js';
import type { Session } from '../../session/session.js';
import { toolRunner } from '../tools/tool-runner.js';

export async function runDoctor(session: Session, opts: { provider: LocalProviderName; hostPort: number; allowDownload: boolean }): Promise<DoctorReport> {
  const state = session.store.read();
  // this environment's own node may already publish the port
  const node = state ? providers.get(state.provider).nodeContainer?.(state.cluster.name) : undefined;
  const own = node ? [node] : [];
  return runChecks(
    { docker: session.docker.doctorSource(), runner: toolRunner(session.runner), env: session.env },
    {
      provider: opts.provider,
      port: opts.hostPort,
      ownContainers: own,
      allowDownload: opts.allowDownload,
      ...(state ? { kubeconfig: { path: state.cluster.kubeconfig, context: state.cluster.context } } : {}),
    },
  );
}
