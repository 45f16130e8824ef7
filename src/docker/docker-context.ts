// The docker CLI's own configuration, read the way the docker CLI reads it, so that
// mesh-lab's Docker calls reach the same engine as the `docker` that kind and minikube
// run. Facts from docker/cli:
//   cli/config/config.go            DOCKER_CONFIG overrides the config dir (default ~/.docker);
//                                   config.json holds "currentContext"
//   cli/command/cli.go              resolveContextName: DOCKER_HOST set -> "default";
//                                   else DOCKER_CONTEXT; else currentContext; else "default"
//   cli/context/store/store.go      <config dir>/contexts/{meta,tls}/, each context in a folder
//                                   named by the hex SHA-256 of its name (contextdirOf)
//   cli/context/store/metadatastore.go  meta/<id>/meta.json
//   cli/context/store/tlsstore.go   tls/<id>/<endpoint>/{ca,cert,key}.pem, endpoint "docker"
//   cli/context/endpoint.go         Endpoints.docker.{Host, SkipTLSVerify}
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** What reading the docker CLI's files needs: lets unit tests use fixture folders. */
export interface DockerConfigFs {
  read(path: string): Buffer | undefined;
  exists(path: string): boolean;
}

export const nodeConfigFs: DockerConfigFs = {
  read: (p) => {
    try {
      return readFileSync(p);
    } catch {
      return undefined;
    }
  },
  exists: existsSync,
};

export const DEFAULT_CONTEXT = 'default';

export function dockerConfigDir(env: NodeJS.ProcessEnv, home: string = homedir()): string {
  return env.DOCKER_CONFIG || join(home, '.docker');
}

/** The context the docker CLI would use, and why (for messages). */
export function currentContextName(env: NodeJS.ProcessEnv, configDir: string, fs: DockerConfigFs): { name: string; from: string } {
  if (env.DOCKER_HOST) return { name: DEFAULT_CONTEXT, from: 'DOCKER_HOST' };
  if (env.DOCKER_CONTEXT) return { name: env.DOCKER_CONTEXT, from: 'DOCKER_CONTEXT' };
  const raw = fs.read(join(configDir, 'config.json'));
  if (raw) {
    try {
      const cfg = JSON.parse(raw.toString('utf8')) as { currentContext?: unknown };
      if (typeof cfg.currentContext === 'string' && cfg.currentContext !== '') {
        return { name: cfg.currentContext, from: `currentContext in ${join(configDir, 'config.json')}` };
      }
    } catch {
      // the docker CLI warns about an unreadable config.json and goes on with defaults
    }
  }
  return { name: DEFAULT_CONTEXT, from: 'default' };
}

export interface TlsMaterial {
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
}

export interface StoredContext {
  name: string;
  /** Endpoints.docker.Host; empty means the client default */
  host?: string;
  skipTLSVerify: boolean;
  tls?: TlsMaterial;
  metaPath: string;
}

const contextId = (name: string) => createHash('sha256').update(name).digest('hex');

export function contextPaths(configDir: string, name: string): { meta: string; tlsDir: string } {
  const id = contextId(name);
  return { meta: join(configDir, 'contexts', 'meta', id, 'meta.json'), tlsDir: join(configDir, 'contexts', 'tls', id, 'docker') };
}

/** Reads a stored context; a message (as the docker CLI would fail) when it cannot be used. */
export function readContext(configDir: string, name: string, fs: DockerConfigFs): StoredContext | { problem: string } {
  const paths = contextPaths(configDir, name);
  const raw = fs.read(paths.meta);
  // docker CLI: `context "x" does not exist` (cli/context/store/errors.go notFound)
  if (!raw) return { problem: `Docker context "${name}" does not exist (no ${paths.meta})` };
  let meta: { Endpoints?: { docker?: { Host?: unknown; SkipTLSVerify?: unknown } } };
  try {
    meta = JSON.parse(raw.toString('utf8')) as typeof meta;
  } catch (e) {
    return { problem: `Docker context "${name}" is unreadable (${paths.meta}: ${(e as Error).message})` };
  }
  const ep = meta.Endpoints?.docker ?? {};
  const tls = readTls(paths.tlsDir, fs);
  return {
    name,
    ...(typeof ep.Host === 'string' && ep.Host !== '' ? { host: ep.Host } : {}),
    skipTLSVerify: ep.SkipTLSVerify === true,
    ...(tls ? { tls } : {}),
    metaPath: paths.meta,
  };
}

/** ca.pem, cert.pem and key.pem of a folder, those that exist; undefined when none does. */
export function readTls(dir: string, fs: DockerConfigFs): TlsMaterial | undefined {
  const out: TlsMaterial = {};
  for (const [k, file] of [['ca', 'ca.pem'], ['cert', 'cert.pem'], ['key', 'key.pem']] as const) {
    const data = fs.read(join(dir, file));
    if (data) out[k] = data;
  }
  return Object.keys(out).length ? out : undefined;
}
