// Which Docker engine to talk to, resolved as the docker CLI resolves it (and so as kind
// and minikube, which run `docker`, do): DOCKER_HOST (with DOCKER_TLS_VERIFY/DOCKER_TLS and
// DOCKER_CERT_PATH), then DOCKER_CONTEXT, then the current context of ~/.docker/config.json
// and its stored endpoint and TLS files (see docker-context.ts for the layout). Only for the
// "default" context with no DOCKER_HOST do we look past the docker CLI's own default
// (/var/run/docker.sock, tried first) at the other usual sockets: rootless Docker, Docker
// Desktop, Colima, Rancher Desktop.
// Facts from docker/cli: opts/hosts.go (ParseHost: tcp default port 2375, unix default
// /var/run/docker.sock, ssh:// kept as is, other schemes "invalid bind address format"),
// cli/flags/options.go (DOCKER_TLS_VERIFY non-empty: TLS and verify; DOCKER_TLS non-empty:
// TLS without verify; certificates {ca,cert,key}.pem in DOCKER_CERT_PATH, default the config
// dir), cli/command/cli.go (no host but TLS: tcp://localhost:2376).
import { homedir } from 'node:os';
import { join } from 'node:path';
import { currentContextName, DEFAULT_CONTEXT, dockerConfigDir, nodeConfigFs, readContext, readTls, type DockerConfigFs, type TlsMaterial } from './docker-context.js';

export interface DockerTls extends TlsMaterial {
  /** SkipTLSVerify of a context, or DOCKER_TLS without DOCKER_TLS_VERIFY */
  skipVerify: boolean;
}

export interface DockerEndpoint {
  /** as shown to users */
  display: string;
  /** where it came from: DOCKER_HOST, a context name, or a default socket */
  source: string;
  socketPath?: string;
  host?: string;
  port?: number;
  protocol?: 'http' | 'https' | 'ssh';
  username?: string;
  tls?: DockerTls;
  /** set when the configuration cannot be used (the docker CLI would fail too) */
  problem?: string;
}

export function candidateSockets(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string[] {
  const list = ['/var/run/docker.sock'];
  if (env.XDG_RUNTIME_DIR) list.push(join(env.XDG_RUNTIME_DIR, 'docker.sock'));
  if (typeof process.getuid === 'function') list.push(`/run/user/${process.getuid()}/docker.sock`);
  list.push(join(home, '.docker', 'run', 'docker.sock'), join(home, '.colima', 'default', 'docker.sock'), join(home, '.rd', 'docker.sock'));
  return [...new Set(list)];
}

export interface ResolveOptions {
  fs?: DockerConfigFs;
  home?: string;
}

export function resolveDockerEndpoint(env: NodeJS.ProcessEnv = process.env, options: ResolveOptions = {}): DockerEndpoint {
  const fs = options.fs ?? nodeConfigFs;
  const home = options.home ?? homedir();
  const configDir = dockerConfigDir(env, home);
  const envTls = tlsFromEnv(env, configDir, fs);
  if (env.DOCKER_HOST) return fromHost(env.DOCKER_HOST.trim(), envTls, 'DOCKER_HOST');

  const ctx = currentContextName(env, configDir, fs);
  if (ctx.name !== DEFAULT_CONTEXT) {
    const stored = readContext(configDir, ctx.name, fs);
    const source = `context ${ctx.name}`;
    if ('problem' in stored) return { display: source, source, problem: `${stored.problem}, named by ${ctx.from}` };
    // a context without a host uses the client default, as an unset DOCKER_HOST does
    if (stored.host) {
      const tls = stored.tls || stored.skipTLSVerify ? { ...stored.tls, skipVerify: stored.skipTLSVerify } : undefined;
      return fromHost(stored.host, tls, source);
    }
  }
  // docker CLI: TLS asked for without a host means tcp://localhost:2376
  if (envTls) return fromHost('tcp://localhost:2376', envTls, 'DOCKER_TLS_VERIFY');
  const found = candidateSockets(env, home).find((p) => fs.exists(p)) ?? '/var/run/docker.sock';
  return { display: `unix://${found}`, source: 'default', socketPath: found };
}

function tlsFromEnv(env: NodeJS.ProcessEnv, configDir: string, fs: DockerConfigFs): DockerTls | undefined {
  const verify = Boolean(env.DOCKER_TLS_VERIFY);
  if (!verify && !env.DOCKER_TLS) return undefined;
  return { ...readTls(env.DOCKER_CERT_PATH || configDir, fs), skipVerify: !verify };
}

/** A docker host URL (unix://, tcp://, ssh://, or host:port) as dockerode options. */
export function fromHost(value: string, tls: DockerTls | undefined, source: string): DockerEndpoint {
  const base = { display: value, source };
  const [scheme, rest] = value.includes('://') ? [value.slice(0, value.indexOf('://')), value.slice(value.indexOf('://') + 3)] : ['tcp', value];
  if (scheme === 'unix') {
    // TLS does not apply to sockets (cli/context/docker/load.go isSocket)
    return { ...base, socketPath: rest || '/var/run/docker.sock' };
  }
  if (scheme === 'tcp' || scheme === 'ssh') {
    let url: URL;
    try {
      url = new URL(`${scheme}://${rest}`);
    } catch {
      return { ...base, problem: `invalid Docker host ${value} (${source})` };
    }
    if (!url.hostname) return { ...base, problem: `invalid Docker host ${value} (${source})` };
    const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1');
    if (scheme === 'ssh') {
      return { ...base, protocol: 'ssh', host: hostname, port: Number(url.port || 22), ...(url.username ? { username: decodeURIComponent(url.username) } : {}) };
    }
    return { ...base, host: hostname, port: Number(url.port || 2375), protocol: tls ? 'https' : 'http', ...(tls ? { tls } : {}) };
  }
  return { ...base, problem: `unsupported Docker host ${value} (${source}): use unix://, tcp:// or ssh://` };
}
