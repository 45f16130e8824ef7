// Where mesh-lab keeps its own files. MESH_LAB_HOME overrides everything (tests, and
// users who want one folder); otherwise the XDG base directories.
import { homedir } from 'node:os';
import { join } from 'node:path';

export function stateRoot(env: NodeJS.ProcessEnv = process.env): string {
  if (env.MESH_LAB_HOME) return join(env.MESH_LAB_HOME, 'state');
  return join(env.XDG_STATE_HOME || join(homedir(), '.local', 'state'), 'mesh-lab');
}

export function cacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  if (env.MESH_LAB_HOME) return join(env.MESH_LAB_HOME, 'cache');
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'mesh-lab');
}

export function labDir(lab: string, env: NodeJS.ProcessEnv = process.env): string {
  return join(stateRoot(env), 'labs', lab);
}

export interface LabPaths {
  dir: string;
  state: string;
  /** mesh-lab's own kubeconfig for this lab: the user's ~/.kube/config is never written */
  kubeconfig: string;
  kindConfig: string;
  istioOperator: string;
}

export function labPaths(lab: string, env: NodeJS.ProcessEnv = process.env): LabPaths {
  const dir = labDir(lab, env);
  return {
    dir,
    state: join(dir, 'state.json'),
    kubeconfig: join(dir, 'kubeconfig'),
    kindConfig: join(dir, 'kind-config.yaml'),
    istioOperator: join(dir, 'istio-operator.yaml'),
  };
}
