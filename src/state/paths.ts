// Where mesh-lab keeps its own files. MESH_LAB_HOME overrides everything (tests, and
// users who want one folder); otherwise the XDG base directories.
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

export function stateRoot(env: NodeJS.ProcessEnv = process.env): string {
  if (env.MESH_LAB_HOME) return join(env.MESH_LAB_HOME, 'state');
  return join(env.XDG_STATE_HOME || join(homedir(), '.local', 'state'), 'mesh-lab');
}

export function environmentDir(name: string, env: NodeJS.ProcessEnv = process.env): string {
  return join(stateRoot(env), 'environments', name);
}

export interface EnvironmentPaths {
  dir: string;
  state: string;
  /** mesh-lab's own kubeconfig for this environment: the user's ~/.kube/config is never written */
  kubeconfig: string;
  kindConfig: string;
  istioOperator: string;
}

export function environmentPaths(name: string, env: NodeJS.ProcessEnv = process.env): EnvironmentPaths {
  const dir = environmentDir(name, env);
  return {
    dir,
    state: join(dir, 'state.json'),
    kubeconfig: join(dir, 'kubeconfig'),
    kindConfig: join(dir, 'kind-config.yaml'),
    istioOperator: join(dir, 'istio-operator.yaml'),
  };
}

export interface WorkshopPaths {
  dir: string;
  /** the workshop record (src/state/workshop-state.ts) */
  state: string;
  /** the workshop's own kubeconfig, when mesh-lab created the cluster */
  kubeconfig: string;
  /** one join file per attendee: `attendees/attendee-<id>.join.yaml`, mode 0600 */
  attendeesDir: string;
}

export function workshopPaths(name: string, env: NodeJS.ProcessEnv = process.env): WorkshopPaths {
  const dir = join(stateRoot(env), 'workshops', name);
  return { dir, state: join(dir, 'workshop.json'), kubeconfig: join(dir, 'kubeconfig'), attendeesDir: join(dir, 'attendees') };
}

/**
 * mesh-lab 0.1.0 kept an environment under `state/labs/<name>`; move it once to
 * `state/environments/<name>`, so an environment made by 0.1.0 is still found (and
 * `down` can still remove the cluster it created).
 */
export function moveLegacyEnvironmentDir(name: string, env: NodeJS.ProcessEnv = process.env): void {
  const legacy = join(stateRoot(env), 'labs', name);
  const current = environmentDir(name, env);
  if (existsSync(current) || !existsSync(legacy)) return;
  mkdirSync(dirname(current), { recursive: true });
  renameSync(legacy, current);
}
