// Which Docker socket to use. DOCKER_HOST wins (as for the docker CLI); otherwise the
// first socket that exists among the usual places: the system socket, rootless Docker,
// Docker Desktop, Colima, Rancher Desktop.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface DockerEndpoint {
  /** as shown to users */
  display: string;
  socketPath?: string;
  host?: string;
  port?: number;
  protocol?: 'http' | 'https';
}

export function candidateSockets(env: NodeJS.ProcessEnv = process.env): string[] {
  const home = homedir();
  const list = ['/var/run/docker.sock'];
  if (env.XDG_RUNTIME_DIR) list.push(join(env.XDG_RUNTIME_DIR, 'docker.sock'));
  if (typeof process.getuid === 'function') list.push(`/run/user/${process.getuid()}/docker.sock`);
  list.push(join(home, '.docker', 'run', 'docker.sock'), join(home, '.colima', 'default', 'docker.sock'), join(home, '.rd', 'docker.sock'));
  return [...new Set(list)];
}

export function resolveDockerEndpoint(env: NodeJS.ProcessEnv = process.env, exists: (p: string) => boolean = existsSync): DockerEndpoint {
  const dockerHost = env.DOCKER_HOST;
  if (dockerHost) {
    if (dockerHost.startsWith('unix://')) return { display: dockerHost, socketPath: dockerHost.slice('unix://'.length) };
    const url = new URL(dockerHost.replace(/^tcp:\/\//, env.DOCKER_TLS_VERIFY ? 'https://' : 'http://'));
    return {
      display: dockerHost,
      host: url.hostname,
      port: Number(url.port || (env.DOCKER_TLS_VERIFY ? 2376 : 2375)),
      protocol: url.protocol === 'https:' ? 'https' : 'http',
    };
  }
  const found = candidateSockets(env).find((p) => exists(p)) ?? '/var/run/docker.sock';
  return { display: `unix://${found}`, socketPath: found };
}
