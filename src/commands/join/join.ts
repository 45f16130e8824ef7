// `mesh-lab join <file>` on an attendee's machine: turns a join file into an environment
// (provider `existing`) with nothing written to the cluster: no Istio install, no
// namespace, no cluster-scope anything. The kubeconfig is copied (0600) into the
// environment's folder; one read inside the attendee's namespace proves the token works
// before anything is saved. A workshop that is gone or a token that expired is exit 3.
import { mkdirSync, writeFileSync } from 'node:fs';
import { DEFAULTS } from '../../config/defaults.js';
import { ExitCode } from '../../errors/exit-codes.js';
import { MeshLabError } from '../../errors/mesh-lab-error.js';
import { Kubectl } from '../../kube/kubectl.js';
import { toYaml } from '../../manifests/yaml.js';
import type { Session } from '../../session/session.js';
import type { EnvironmentState } from '../../state/environment-state.js';
import { attendeeGreeting } from '../../workshop/attendee-objects.js';
import { readJoinFile, type JoinFile } from '../../workshop/join-file.js';

export interface JoinResult {
  environment: string;
  workshop: string;
  attendee: string;
  namespace: string;
  host: string;
  ingress: { host: string; port: number };
  tokenExpiresAt: string;
}

export async function runJoin(session: Session, file: string): Promise<JoinResult> {
  const join = readJoinFile(file);
  const existing = session.store.read();
  if (existing && !(existing.workshop?.name === join.workshop && existing.workshop.attendee === join.attendee)) {
    throw new MeshLabError(ExitCode.Conflict, `environment ${session.environment} already exists${existing.workshop ? ` (joined to workshop ${existing.workshop.name} as ${existing.workshop.namespace})` : ''}`, {
      hint: `join under another name: mesh-lab --environment <name> join ${file}`,
    });
  }
  const context = join.kubeconfig['current-context'];
  mkdirSync(session.paths.dir, { recursive: true });
  writeFileSync(session.paths.kubeconfig, toYaml([join.kubeconfig]), { mode: 0o600 });
  await proveAccess(new Kubectl(session.runner, { kubeconfig: session.paths.kubeconfig, context }), join);
  const state: Omit<EnvironmentState, 'updatedAt'> = {
    schema: 2,
    environment: session.environment,
    provider: 'existing',
    cluster: { name: join.workshop, context, kubeconfig: session.paths.kubeconfig, createdByMeshLab: false },
    app: { namespace: join.namespace, service: 'helloworldservice', port: DEFAULTS.appPort, path: DEFAULTS.path, expectedBody: attendeeGreeting(join.workshop, join.attendee) },
    ingress: { host: join.ingress.host, port: join.ingress.port, source: 'workshop', reason: `the shared ingress of workshop ${join.workshop} (join file)` },
    workshop: { name: join.workshop, attendee: join.attendee, namespace: join.namespace, host: join.host },
    applied: [],
    options: { provider: 'existing', context, kubeconfig: session.paths.kubeconfig, namespace: join.namespace },
    ...(existing?.labs ? { labs: existing.labs } : {}),
  };
  session.store.write(state);
  return { environment: session.environment, workshop: join.workshop, attendee: join.attendee, namespace: join.namespace, host: join.host, ingress: join.ingress, tokenExpiresAt: join.tokenExpiresAt };
}

/** One namespaced read with the attendee's own token; its failure says which of the two went wrong. */
async function proveAccess(kubectl: Kubectl, join: JoinFile): Promise<void> {
  const r = await kubectl.run(['get', 'pods', '-n', join.namespace, '-o', 'name'], { purpose: `read ${join.namespace} with the join file's token`, reject: false });
  if (r.exitCode === 0) return;
  throw joinAccessError(r.stderr, join);
}

/** The one line for a join file that no longer works (exit 3), or the tool failure as is. */
export function joinAccessError(stderr: string, join: Pick<JoinFile, 'workshop' | 'namespace' | 'tokenExpiresAt' | 'kubeconfig'>): MeshLabError {
  const server = join.kubeconfig.clusters[0]?.cluster.server ?? 'its API server';
  if (/You must be logged in to the server/.test(stderr)) {
    return new MeshLabError(ExitCode.Prerequisite, `the token in your join file for workshop ${join.workshop} is no longer accepted (it was valid until ${join.tokenExpiresAt})`, {
      hint: 'ask your instructor for a new join file (`mesh-lab workshop up` reissues expired ones)',
      detail: stderr.trim(),
    });
  }
  if (/was refused|Unable to connect to the server|no such host|i\/o timeout|connection refused|context deadline exceeded/.test(stderr)) {
    return new MeshLabError(ExitCode.Prerequisite, `workshop ${join.workshop}'s cluster at ${server} does not answer: the workshop may be over, or your network cannot reach it`, {
      hint: 'check with your instructor that the workshop is running and how to reach it',
      detail: stderr.trim(),
    });
  }
  return new MeshLabError(ExitCode.ToolFailed, `could not read namespace ${join.namespace} with the join file's token: ${stderr.trim().split('\n').pop() ?? ''}`, { detail: stderr.trim() });
}
