// What `curl` and `env` start with: the lab's name, its file paths and the printer, with
// nothing heavy loaded. The full Session (tool runner, Docker client, zod-validated state
// store) is imported only when a command needs more than the saved endpoint: curl's
// rediscovery, or a state file the small reader cannot vouch for.
import type { SavedEndpoint } from '../state/saved-endpoint.js';
import { readSavedEndpoint } from '../state/saved-endpoint.js';
import { environmentPaths, type EnvironmentPaths } from '../state/paths.js';
import type { Printer } from '../ui/output.js';
import { requireIngress, requireEnvironment } from './require-environment.js';
import type { Session } from './session.js';

export interface LightSession {
  environment: string;
  paths: EnvironmentPaths;
  printer: Printer;
  env: NodeJS.ProcessEnv;
  /** the full session for this lab, built once on first call */
  session(): Promise<Session>;
}

export function createLightSession(environment: string, printer: Printer, env: NodeJS.ProcessEnv = process.env): LightSession {
  let full: Promise<Session> | undefined;
  return {
    environment,
    paths: environmentPaths(environment, env),
    printer,
    env,
    session: () => (full ??= import('./session.js').then(({ createSession }) => createSession(environment, printer, {}, { env }))),
  };
}

/**
 * The saved ingress endpoint and cluster access. Read by hand when the state file is
 * plainly valid; otherwise through the full store, so a missing lab, a lab without an
 * ingress yet and a damaged file fail exactly as every other command reports them.
 */
export async function requireSavedEndpoint(ctx: LightSession): Promise<SavedEndpoint> {
  const saved = readSavedEndpoint(ctx.paths.state);
  if (saved) return saved;
  const session = await ctx.session();
  const state = requireEnvironment(session);
  return {
    ingress: requireIngress(session, state),
    cluster: { kubeconfig: state.cluster.kubeconfig, context: state.cluster.context },
    ...(state.workshop ? { workshopHost: state.workshop.host } : {}),
    ...(state.gatewayApi ? { gatewayApi: true } : {}),
  };
}
